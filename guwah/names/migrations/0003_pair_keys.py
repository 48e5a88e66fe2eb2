from typing import Any

from django.db import migrations, models

BATCH = 2000


def recompute_stored_forms(apps: Any, schema_editor: Any) -> None:
    """Give every stored name the forms and keys of the current names engine.

    Search now finds names of several words through pairs of keys, and the engine reads more
    spellings alike than it did, so keys written before this migration would hide names from
    search. The engine is code, not schema: this uses it as it is when the migration runs.
    """
    from guwah.names.integration import stored_keys
    from guwah.names.match import match_key, to_uly

    Name = apps.get_model("registry", "Name")
    NameKey = apps.get_model("names", "NameKey")
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
        name.uly = to_uly(name.text or "")[:300]
        name.match_key = match_key(name.text or "")[:300]
        batch.append(name)
        if len(batch) >= BATCH:
            store()
    if batch:
        store()


class Migration(migrations.Migration):
    dependencies = [
        ("names", "0002_key_with_name"),
    ]

    operations = [
        migrations.AlterField(
            model_name="namekey",
            name="part",
            field=models.SmallIntegerField(
                help_text="0 for the first word, -1 for the whole name, -2 and below for pairs of keys",
                verbose_name="part",
            ),
        ),
        migrations.RunPython(recompute_stored_forms, migrations.RunPython.noop, elidable=True),
    ]
