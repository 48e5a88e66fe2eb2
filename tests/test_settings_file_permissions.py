"""What the application stores is readable by its own account only."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

STORE = """
import django
django.setup()
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

connection.ensure_connection()
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE witness (name TEXT)")
default_storage.save("testimony/2024/recording.txt", ContentFile(b"a witness speaks"))
keys = settings.GUWAH_LOG_KEY_PATH.parent
keys.mkdir(parents=True)
settings.GUWAH_LOG_KEY_PATH.write_text("private key")
"""


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_database_keys_and_media_are_private_to_the_application(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("GUWAH_") and key != "DATABASE_URL"
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "guwah.settings",
        "GUWAH_DEBUG": "true",
        "GUWAH_DATA_DIR": str(data),
    }
    subprocess.run(
        [sys.executable, "-c", STORE], env=env, check=True, capture_output=True, timeout=120
    )

    assert mode(data) == 0o700
    assert mode(data / "guwah.sqlite3") == 0o600
    assert mode(data / "media" / "testimony") == 0o700
    assert mode(data / "media" / "testimony" / "2024" / "recording.txt") == 0o600
    assert mode(data / "keys") == 0o700
    assert mode(data / "keys" / "log-ed25519.pem") == 0o600


def test_a_data_directory_made_open_before_is_closed_at_start(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    env = {key: value for key, value in os.environ.items() if not key.startswith("GUWAH_")}
    env |= {
        "DJANGO_SETTINGS_MODULE": "guwah.settings",
        "GUWAH_DEBUG": "true",
        "GUWAH_DATA_DIR": str(data),
    }
    subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], env=env, check=True, timeout=120
    )
    assert mode(data) == 0o700
