"""The search keys of names move into the registry, which owns the names they index.

They were the one model of the names engine, which is now a library without tables. An
installation that ran the engine's migrations keeps its keys: ``names_namekey`` is renamed, its
rows and indexes untouched. A new installation has no such table, and gets it created.
"""

from typing import Any

import django.db.models.deletion
from django.db import migrations, models
from django.db.migrations.recorder import MigrationRecorder

OLD_TABLE = "names_namekey"
# The engine's migration that gave the table its present columns and indexes, and its last one,
# after which every stored form and key was what the engine computes today.
PRESENT_LAYOUT = ("names", "0002_key_with_name")
PRESENT_KEYS = ("names", "0004_chinese_codas")
BATCH = 2000


def take_over_name_keys(apps: Any, schema_editor: Any) -> None:
    """Rename the engine's table of keys to the registry's, or create it where there is none."""
    NameKey = apps.get_model("registry", "NameKey")
    connection = schema_editor.connection
    applied = MigrationRecorder(connection).applied_migrations()
    old_table_exists = OLD_TABLE in connection.introspection.table_names()
    if old_table_exists and PRESENT_LAYOUT in applied:
        schema_editor.alter_db_table(NameKey, OLD_TABLE, NameKey._meta.db_table)
    else:
        if old_table_exists:
            # Keys are derived from the names, so a table of an older layout is replaced rather
            # than altered: it is refilled below.
            schema_editor.execute(
                schema_editor.sql_delete_table % {"table": schema_editor.quote_name(OLD_TABLE)}
            )
        schema_editor.create_model(NameKey)
    if PRESENT_KEYS not in applied:
        recompute_stored_forms(apps)


def give_back_name_keys(apps: Any, schema_editor: Any) -> None:
    """Undo :func:`take_over_name_keys`: the engine's table again where the engine had one."""
    NameKey = apps.get_model("registry", "NameKey")
    if PRESENT_LAYOUT in MigrationRecorder(schema_editor.connection).applied_migrations():
        schema_editor.alter_db_table(NameKey, NameKey._meta.db_table, OLD_TABLE)
    else:
        schema_editor.delete_model(NameKey)


def recompute_stored_forms(apps: Any) -> None:
    """Give every stored name the forms and keys of the present names engine.

    The engine's own migrations did this whenever it came to read names differently; an
    installation that had not run them all would otherwise keep keys that hide names from
    search. The engine is code, not schema: this uses it as it is when the migration runs.
    """
    from guwah.registry.names_index import stored_forms, stored_keys

    Name = apps.get_model("registry", "Name")
    NameKey = apps.get_model("registry", "NameKey")
    batch: list[Any] = []

    def store() -> None:
        Name.objects.bulk_update(batch, ["uly", "match_key"])
        NameKey.objects.filter(name_id__in=[name.pk for name in batch]).delete()
        NameKey.objects.bulk_create(
            NameKey(name_id=name.pk, part=part, key=key)
            for name in batch
            for part, key in stored_keys(name.text or "").items()
        )
        batch.clear()

    for name in Name.objects.order_by("pk").iterator(chunk_size=BATCH):
        name.uly, name.match_key = stored_forms(name.text or "")
        batch.append(name)
        if len(batch) >= BATCH:
            store()
    if batch:
        store()


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0002_role_groups"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="NameKey",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "part",
                            models.SmallIntegerField(
                                help_text="0 for the first word, -1 for the whole name, -2 and "
                                "below for pairs of keys",
                                verbose_name="part",
                            ),
                        ),
                        ("key", models.CharField(max_length=100, verbose_name="key")),
                        (
                            "name",
                            models.ForeignKey(
                                db_index=False,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="keys",
                                to="registry.name",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "name key",
                        "verbose_name_plural": "name keys",
                        "indexes": [
                            models.Index(fields=["key", "name"], name="names_namekey_key_name")
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("name", "part"), name="names_namekey_one_per_part"
                            )
                        ],
                    },
                ),
            ],
            # The table is renamed or created by the next operation, which needs the model
            # this state gives it.
            database_operations=[],
        ),
        migrations.RunPython(take_over_name_keys, give_back_name_keys),
    ]
