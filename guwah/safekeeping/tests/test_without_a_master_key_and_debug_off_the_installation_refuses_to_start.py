"""With DEBUG off, an installation without a master key of its own refuses to start, naming
the variable to set: its system check fails, and so does the WSGI application."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

from guwah.safekeeping.tests.instance import PROJECT, TEST_MASTER_KEY


def run(tmp_path: Path, code: list[str], **variables: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUWAH_")}
    env.pop("DATABASE_URL", None)
    env |= {
        "DJANGO_SETTINGS_MODULE": "guwah.settings",
        "GUWAH_DEBUG": "false",
        "GUWAH_DATA_DIR": str(tmp_path / "data"),
        "GUWAH_SECRET_KEY": secrets.token_urlsafe(50),
        **variables,
    }
    return subprocess.run(
        [sys.executable, *code], env=env, cwd=PROJECT, capture_output=True, text=True,
        check=False, timeout=120,
    )  # fmt: skip


CHECK = ["manage.py", "check"]
SERVE = ["-c", "import guwah.wsgi; print('serving')"]


def test_the_check_fails_naming_the_variable(tmp_path: Path) -> None:
    checked = run(tmp_path, CHECK)
    assert checked.returncode != 0
    assert "guwah.E031" in checked.stderr
    assert "GUWAH_MASTER_KEY_FILE" in checked.stderr


def test_the_wsgi_application_refuses_to_serve(tmp_path: Path) -> None:
    served = run(tmp_path, SERVE)
    assert served.returncode != 0
    assert "serving" not in served.stdout
    assert "GUWAH_MASTER_KEY_FILE" in served.stderr


def test_a_key_that_does_not_load_is_named_too(tmp_path: Path) -> None:
    checked = run(tmp_path, CHECK, GUWAH_MASTER_KEY_FILE=str(tmp_path / "missing.key"))
    assert checked.returncode != 0
    assert "guwah.E032" in checked.stderr and "missing.key" in checked.stderr


def test_with_a_key_file_outside_the_data_directory_it_starts(tmp_path: Path) -> None:
    key_file = tmp_path / "keys" / "master.key"
    key_file.parent.mkdir()
    key_file.write_text(TEST_MASTER_KEY)
    checked = run(tmp_path, CHECK, GUWAH_MASTER_KEY_FILE=str(key_file))
    assert checked.returncode == 0, checked.stderr
    served = run(tmp_path, SERVE, GUWAH_MASTER_KEY_FILE=str(key_file))
    assert served.returncode == 0, served.stderr
    assert "serving" in served.stdout


def test_a_development_installation_starts_on_the_development_key(tmp_path: Path) -> None:
    checked = run(tmp_path, CHECK, GUWAH_DEBUG="true")
    assert checked.returncode == 0, checked.stderr
