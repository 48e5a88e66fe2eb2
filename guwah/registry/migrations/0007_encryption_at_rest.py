"""Encryption at rest: witness names, testimony text, person notes and identity-document
numbers become ciphertext (docs/security.md), with a keyed hash for looking numbers up. Rows
written before are encrypted here, in batches."""

from django.db import migrations, models

import guwah.registry.encryption
import guwah.registry.models
import guwah.registry.sealed_files

ENCRYPTED = {
    "person": ["notes"],
    "testimony": ["witness_name", "text"],
    "identitydocument": ["number"],
    "historicalperson": ["notes"],
    "historicaltestimony": ["witness_name", "text"],
    "historicalidentitydocument": ["number"],
}


def encrypt_existing_rows(apps, schema_editor):
    from guwah.registry.encryption import lookup_hash

    for model_name, fields in ENCRYPTED.items():
        model = apps.get_model("registry", model_name)
        key = model._meta.pk.attname
        # Reading decrypts (or returns a value stored before as it is); writing encrypts.
        for row in model.objects.values(key, *fields).iterator(chunk_size=1000):
            changes = {field: row[field] for field in fields if row[field]}
            if "number" in fields:
                changes["number_hash"] = lookup_hash(
                    row["number"] or "", "registry.identitydocument.number"
                )
            if changes:
                model.objects.filter(**{key: row[key]}).update(**changes)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0006_random_names_for_photos_and_recordings"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalidentitydocument",
            name="number_hash",
            field=guwah.registry.encryption.LookupHashField(
                blank=True,
                db_index=True,
                editable=False,
                label="registry.identitydocument.number",
                max_length=64,
                source="number",
            ),
        ),
        migrations.AddField(
            model_name="identitydocument",
            name="number_hash",
            field=guwah.registry.encryption.LookupHashField(
                blank=True,
                db_index=True,
                editable=False,
                label="registry.identitydocument.number",
                max_length=64,
                source="number",
            ),
        ),
        migrations.AlterField(
            model_name="historicalidentitydocument",
            name="number",
            field=guwah.registry.encryption.EncryptedCharField(
                label="registry.identitydocument.number", max_length=64, verbose_name="number"
            ),
        ),
        migrations.AlterField(
            model_name="historicalperson",
            name="notes",
            field=guwah.registry.encryption.EncryptedTextField(
                blank=True, label="registry.person.notes", verbose_name="notes"
            ),
        ),
        migrations.AlterField(
            model_name="historicaltestimony",
            name="text",
            field=guwah.registry.encryption.EncryptedTextField(
                blank=True, label="registry.testimony.text", verbose_name="testimony"
            ),
        ),
        migrations.AlterField(
            model_name="historicaltestimony",
            name="witness_name",
            field=guwah.registry.encryption.EncryptedCharField(
                label="registry.testimony.witness_name",
                max_length=200,
                validators=[guwah.registry.models.validate_short_text],
                verbose_name="witness",
            ),
        ),
        migrations.AlterField(
            model_name="identitydocument",
            name="number",
            field=guwah.registry.encryption.EncryptedCharField(
                label="registry.identitydocument.number", max_length=64, verbose_name="number"
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="notes",
            field=guwah.registry.encryption.EncryptedTextField(
                blank=True, label="registry.person.notes", verbose_name="notes"
            ),
        ),
        migrations.AlterField(
            model_name="testimony",
            name="text",
            field=guwah.registry.encryption.EncryptedTextField(
                blank=True, label="registry.testimony.text", verbose_name="testimony"
            ),
        ),
        migrations.AlterField(
            model_name="testimony",
            name="witness_name",
            field=guwah.registry.encryption.EncryptedCharField(
                label="registry.testimony.witness_name",
                max_length=200,
                validators=[guwah.registry.models.validate_short_text],
                verbose_name="witness",
            ),
        ),
        migrations.AlterField(
            model_name="testimony",
            name="media",
            field=models.FileField(
                blank=True,
                storage=guwah.registry.sealed_files.sealed_storage,
                upload_to=guwah.registry.models.testimony_media_name,
                verbose_name="recording or scan",
            ),
        ),
        migrations.RunPython(encrypt_existing_rows, migrations.RunPython.noop),
    ]
