"""``guwah backup`` then ``guwah restore`` into an empty data directory gives an installation
whose log and stored files verify and whose every person page reads as before; a data
directory that is not empty is refused."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from guwah.safekeeping.tests.conftest import SECRETS, as_bytes
from guwah.safekeeping.tests.instance import MAKE_CASE, RENDER_PAGES, guwah, script


@pytest.fixture(scope="module")
def restored(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("backup")
    first, second, backup = root / "first", root / "second", root / "backup"
    guwah(first, "migrate", "--verbosity", "0")
    script(first, MAKE_CASE)
    guwah(first, "backup", str(backup))
    guwah(second, "restore", str(backup))
    return {"first": first, "second": second, "backup": backup}


def test_the_restored_log_and_every_stored_file_verify(restored) -> None:
    result = guwah(restored["second"], "log", "verify", "--records", "--files")
    assert result.stdout.startswith("OK"), result.stdout
    original = guwah(restored["first"], "log", "verify", "--records", "--files")
    files = re.search(r"(\d+) stored files verified", original.stdout)
    assert files is not None and int(files[1]) >= 1
    assert f"{files[1]} stored files verified" in result.stdout


def test_every_person_page_reads_as_it_did_before(restored) -> None:
    before = json.loads(script(restored["first"], RENDER_PAGES))
    after = json.loads(script(restored["second"], RENDER_PAGES))
    assert len(before) == 2
    assert before == after


def test_the_backup_holds_the_keys_apart_and_no_protected_value_in_the_clear(restored) -> None:
    backup = restored["backup"]
    manifest = json.loads((backup / "manifest.json").read_text())
    assert set(manifest["parts"]) == {
        "database.sqlite3.sealed",
        "files.tar.sealed",
        "keys/keyring.json",
        "keys/log-signing-key.pem",
    }
    for path in backup.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            for secret in [*SECRETS.values(), "Ekremqzx"]:
                for encoded in as_bytes(secret):
                    assert encoded not in content, f"{secret!r} is readable in {path}"


def test_a_data_directory_that_is_not_empty_is_refused(restored) -> None:
    result = guwah(restored["second"], "restore", str(restored["backup"]), check=False)
    assert result.returncode != 0
    assert "is not empty" in result.stderr and "GUWAH_DATA_DIR" in result.stderr


def test_a_damaged_backup_is_refused_before_anything_is_written(restored, tmp_path: Path) -> None:
    import shutil

    damaged = tmp_path / "damaged"
    shutil.copytree(restored["backup"], damaged)
    part = damaged / "files.tar.sealed"
    data = bytearray(part.read_bytes())
    data[len(data) // 2] ^= 1
    part.write_bytes(bytes(data))
    empty = tmp_path / "empty"
    result = guwah(empty, "restore", str(damaged), check=False)
    assert result.returncode != 0
    assert "files.tar.sealed was changed or damaged" in result.stderr
    assert not (empty / "guwah.sqlite3").exists()
