"""The master key must live outside the data directory: a deployment whose key file lies
inside it refuses to start, naming both variables; a development machine may."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

from guwah.safekeeping.tests.instance import PROJECT, TEST_MASTER_KEY


def _start(tmp_path: Path, key_file: Path, debug: str) -> subprocess.CompletedProcess[str]:
    key_file.parent.mkdir(parents=True, exist_ok=True)
    key_file.write_text(TEST_MASTER_KEY)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUWAH_")}
    env |= {
        "GUWAH_DEBUG": debug,
        "GUWAH_DATA_DIR": str(tmp_path / "data"),
        "GUWAH_SECRET_KEY": secrets.token_urlsafe(50),
        "GUWAH_MASTER_KEY_FILE": str(key_file),
        "DJANGO_SETTINGS_MODULE": "guwah.settings",
    }
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_key_file_inside_the_data_directory_is_refused_without_debug(tmp_path: Path) -> None:
    result = _start(tmp_path, tmp_path / "data" / "master.key", "false")
    assert result.returncode != 0
    assert "GUWAH_MASTER_KEY_FILE" in result.stderr and "inside GUWAH_DATA_DIR" in result.stderr


def test_a_key_file_outside_it_starts(tmp_path: Path) -> None:
    result = _start(tmp_path, tmp_path / "keys" / "master.key", "false")
    assert result.returncode == 0, result.stderr
