import hashlib
from pathlib import Path

from django.conf import settings
from django.db import migrations, models


def seal_existing_entries(apps, schema_editor):
    # Entries written before seals existed are sealed once, here, with the log's own key: from
    # now on an entry without a valid seal was not written by Guwah. Without a key there is no
    # log to vouch for, and ``guwah log verify`` names the unsealed entries.
    from cryptography.hazmat.primitives import serialization

    LogEntry = apps.get_model("evidence", "LogEntry")
    path = Path(settings.GUWAH_LOG_KEY_PATH)
    if not path.exists() or not LogEntry.objects.exists():
        return
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    raw = key.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    seal_key = hashlib.sha256(b"guwah log entry seal\x00" + raw).digest()
    batch = []
    for entry in LogEntry.objects.filter(seal="").only("pk", "leaf_hash").iterator():
        message = bytes.fromhex(entry.leaf_hash) + b"\x00"
        entry.seal = hashlib.blake2b(message, key=seal_key, digest_size=32).hexdigest()
        batch.append(entry)
        if len(batch) >= 5000:
            LogEntry.objects.bulk_update(batch, ["seal"])
            batch = []
    LogEntry.objects.bulk_update(batch, ["seal"])


class Migration(migrations.Migration):
    dependencies = [
        ("evidence", "0002_logstate_frontier_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="logentry",
            name="seal",
            field=models.CharField(blank=True, default="", max_length=64, verbose_name="seal"),
        ),
        migrations.AddField(
            model_name="logentry",
            name="backfilled",
            field=models.BooleanField(default=False, verbose_name="backfilled"),
        ),
        migrations.RunPython(seal_existing_entries, migrations.RunPython.noop),
    ]
