"""Without DEBUG, the application starts only with a secret key of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from guwah.conf import ConfigurationError, secret_key

DEVELOPMENT_KEY = "published-development-key"


def start_django(tmp_path: Path, **variables: str) -> subprocess.CompletedProcess[str]:
    """Run ``django.setup()`` with the project's settings in a fresh process."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("GUWAH_") and key != "DATABASE_URL"
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "guwah.settings",
        "GUWAH_DATA_DIR": str(tmp_path / "data"),
        **variables,
    }
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_debug_off_without_a_key_refuses_to_start_naming_the_variable(tmp_path: Path) -> None:
    started = start_django(tmp_path, GUWAH_DEBUG="false")
    assert started.returncode != 0
    assert "started" not in started.stdout
    assert "ConfigurationError: GUWAH_SECRET_KEY (or GUWAH_SECRET_KEY_FILE" in started.stderr


def test_debug_off_starts_with_a_key_from_the_environment(tmp_path: Path) -> None:
    started = start_django(tmp_path, GUWAH_DEBUG="false", GUWAH_SECRET_KEY="k" * 60)
    assert started.returncode == 0, started.stderr
    assert "started" in started.stdout


def test_debug_off_starts_with_a_key_from_a_file(tmp_path: Path) -> None:
    key_file = tmp_path / "secret-key"
    key_file.write_text("f" * 60 + "\n")
    started = start_django(tmp_path, GUWAH_DEBUG="false", GUWAH_SECRET_KEY_FILE=str(key_file))
    assert started.returncode == 0, started.stderr


def test_debug_on_starts_with_the_development_key(tmp_path: Path) -> None:
    started = start_django(tmp_path, GUWAH_DEBUG="true")
    assert started.returncode == 0, started.stderr


def test_the_key_in_the_environment_comes_before_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key_file = tmp_path / "secret-key"
    key_file.write_text("from the file\n")
    monkeypatch.setenv("KEY", "from the environment")
    monkeypatch.setenv("KEY_FILE", str(key_file))
    assert secret_key("KEY", "KEY_FILE", development_key=None) == "from the environment"
    monkeypatch.delenv("KEY")
    assert secret_key("KEY", "KEY_FILE", development_key=None) == "from the file"


def test_a_key_file_that_is_missing_or_empty_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KEY", raising=False)
    monkeypatch.setenv("KEY_FILE", str(tmp_path / "missing"))
    with pytest.raises(ConfigurationError, match=r"KEY_FILE points at .* cannot be read"):
        secret_key("KEY", "KEY_FILE", development_key=DEVELOPMENT_KEY)
    (tmp_path / "empty").write_text("\n")
    monkeypatch.setenv("KEY_FILE", str(tmp_path / "empty"))
    with pytest.raises(ConfigurationError, match=r"KEY_FILE points at .* empty"):
        secret_key("KEY", "KEY_FILE", development_key=DEVELOPMENT_KEY)
