"""Django's deployment check finds nothing to warn about in a production configuration."""

from __future__ import annotations

import base64
import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "guwah.settings",
    "GUWAH_DEBUG": "false",
    "GUWAH_HTTPS": "true",
    "GUWAH_ALLOWED_HOSTS": "guwah.example.org",
}


def test_check_deploy_is_clean_with_production_settings(tmp_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("GUWAH_") and key != "DATABASE_URL"
    }
    env |= PRODUCTION | {
        "GUWAH_DATA_DIR": str(tmp_path / "data"),
        "GUWAH_SECRET_KEY": secrets.token_urlsafe(50),
        "GUWAH_MASTER_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
    }
    checked = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "no issues" in checked.stdout


def test_without_https_the_same_check_finds_the_missing_protections(tmp_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("GUWAH_") and key != "DATABASE_URL"
    }
    env |= PRODUCTION | {
        "GUWAH_HTTPS": "false",
        "GUWAH_DATA_DIR": str(tmp_path / "data"),
        "GUWAH_SECRET_KEY": secrets.token_urlsafe(50),
        "GUWAH_MASTER_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
    }
    checked = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert checked.returncode != 0
    assert "SECURE_HSTS_SECONDS" in checked.stderr + checked.stdout
    assert "SESSION_COOKIE_SECURE" in checked.stderr + checked.stdout
