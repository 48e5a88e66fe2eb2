"""``guwah backup OUT_DIR`` and ``guwah restore IN_DIR``.

A backup is a directory of three kinds of part, so that they can be kept in different places:

``database.sqlite3.sealed`` (or ``database.pgdump.sealed`` on PostgreSQL)
    a consistent copy of the database (SQLite's online backup API; ``pg_dump``'s custom
    format, restored with ``pg_restore`` into an empty database), encrypted;
``files.tar.sealed``
    the uploads (whose protected files are already encrypted) and the tree heads written out
    of the database, in one tar archive, encrypted;
``keys/``
    the keyring and the log's signing key exactly as they are on disk: both are already
    encrypted with the master key, and are useless without it.

The database and files are encrypted with a backup key derived from the master key (the same
segmented AES-GCM as stored files, bound to the part's name and the backup's id), so a
backup is opened with the master key that the organisation keeps offline, and with nothing
else. ``manifest.json`` names the parts, their SHA-256 and the master key's id; it holds no
secret.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import connection
from django.utils.translation import gettext as _

from guwah.keys import KeyProblem, MasterKey
from guwah.keys.envelope import open_stream, seal_stream
from guwah.registry import encryption

FORMAT = 1
MANIFEST = "manifest.json"
FILES = "files.tar.sealed"
CHUNK = 256 * 1024


class BackupProblem(Exception):
    """A backup cannot be made or restored; the message says why."""


def _backup_key(master: MasterKey) -> tuple[str, bytes]:
    return f"backup-{master.key_id}", master.derive("backup")


def _label(backup_id: str, part: str) -> str:
    return f"guwah backup|{backup_id}|{part}"


def _blocks(handle: IO[bytes]) -> Iterator[bytes]:
    while block := handle.read(CHUNK):
        yield block


def _seal_file(source: Path, target: Path, master: MasterKey, backup_id: str) -> str:
    key_id, key = _backup_key(master)
    digest = hashlib.sha256()
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with source.open("rb") as plain, os.fdopen(fd, "wb") as out:
        for piece in seal_stream(key_id, key, _blocks(plain), _label(backup_id, target.name)):
            digest.update(piece)
            out.write(piece)
    return digest.hexdigest()


def _open_file(source: Path, target: Path, master: MasterKey, backup_id: str) -> None:
    _key_id, key = _backup_key(master)

    def key_for(key_id: str) -> bytes:
        if key_id != f"backup-{master.key_id}":
            raise KeyProblem(
                _(
                    "The backup was encrypted with the master key %(theirs)s, not with "
                    "%(ours)s: set GUWAH_MASTER_KEY_FILE to the key it was made with."
                )
                % {"theirs": key_id.removeprefix("backup-"), "ours": master.key_id}
            )
        return key

    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with source.open("rb") as sealed, os.fdopen(fd, "wb") as out:
        for segment in open_stream(sealed.read, key_for, _label(backup_id, source.name)):
            out.write(segment)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in _blocks(handle):
            digest.update(block)
    return digest.hexdigest()


def _data_roots() -> dict[str, Path]:
    return {"media": Path(settings.MEDIA_ROOT), "heads": Path(settings.GUWAH_LOG_HEADS_DIR)}


def _key_files() -> dict[str, Path]:
    return {
        "keyring.json": Path(settings.GUWAH_KEYRING_PATH),
        "log-signing-key.pem": Path(settings.GUWAH_LOG_KEY_PATH),
    }


def _pg_command(program: str) -> tuple[list[str], dict[str, str]]:
    """``program`` with the connection of the default database, and its environment."""
    path = shutil.which(program)
    if path is None:
        raise BackupProblem(
            _("%(program)s is not on PATH: install PostgreSQL's client tools.")
            % {"program": program}
        )
    db = settings.DATABASES["default"]
    args = [path, "--no-owner", "--no-privileges", "--dbname", str(db["NAME"])]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [option, str(db[key])]
    env = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or "")}
    return args, env


def _dump_database(target: Path) -> str:
    """A consistent copy of the database at ``target``; the part's name."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
        return "database.sqlite3.sealed"
    # pg_dump reads one snapshot of the whole database, as a running server leaves it.
    args, env = _pg_command("pg_dump")
    result = subprocess.run(  # noqa: S603  (the PostgreSQL tool's fixed arguments, no shell)
        [*args, "--format", "custom", "--file", str(target)], env=env, capture_output=True
    )
    if result.returncode != 0:
        raise BackupProblem(_("pg_dump failed: %(error)s") % {"error": result.stderr.decode()})
    return "database.pgdump.sealed"


def make_backup(out_dir: Path) -> dict[str, Any]:
    """Write a backup into ``out_dir`` (made, or empty); the manifest written."""
    out_dir = Path(out_dir)
    if out_dir.exists() and any(out_dir.iterdir()):
        raise BackupProblem(_("%(dir)s is not empty: give a new directory.") % {"dir": out_dir})
    out_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    master = encryption.master_key()
    encryption.keyring()  # A keyring exists before it is copied, even on a new installation.
    backup_id = uuid.uuid4().hex
    parts: dict[str, str] = {}
    # Plain copies are made inside the data directory, which is as closed as the originals.
    scratch = Path(tempfile.mkdtemp(prefix=".backup-", dir=settings.DATA_DIR))
    try:
        plain_database = scratch / "database"
        part = _dump_database(plain_database)
        parts[part] = _seal_file(plain_database, out_dir / part, master, backup_id)
        plain_files = scratch / "files.tar"
        with tarfile.open(plain_files, "w") as archive:
            for name, root in _data_roots().items():
                if root.is_dir():
                    archive.add(root, arcname=name)
        parts[FILES] = _seal_file(plain_files, out_dir / FILES, master, backup_id)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    keys_dir = out_dir / "keys"
    keys_dir.mkdir(mode=0o700)
    for name, path in _key_files().items():
        if path.exists():
            shutil.copyfile(path, keys_dir / name)
            os.chmod(keys_dir / name, 0o600)
            parts[f"keys/{name}"] = _sha256(keys_dir / name)
    manifest = {
        "format": FORMAT,
        "backup": backup_id,
        "made": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "master_key": master.key_id,
        "database": connection.vendor,
        "parts": parts,
    }
    (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest


def _files_in(directory: Path) -> list[Path]:
    return [path for path in directory.rglob("*") if path.is_file() or path.is_symlink()]


def _read_manifest(in_dir: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((in_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupProblem(
            _("%(dir)s holds no readable backup manifest (%(error)s).")
            % {"dir": in_dir, "error": exc}
        ) from exc
    if manifest.get("format") != FORMAT:
        raise BackupProblem(_("The backup's format is not one this version reads."))
    for part, expected in manifest["parts"].items():
        path = in_dir / part
        if not path.is_file():
            raise BackupProblem(_("The backup lacks its part %(part)s.") % {"part": part})
        if _sha256(path) != expected:
            raise BackupProblem(
                _("The backup's part %(part)s was changed or damaged since it was made.")
                % {"part": part}
            )
    return manifest


def restore_backup(in_dir: Path) -> dict[str, Any]:
    """Restore the backup in ``in_dir`` into this installation, whose data directory must be
    empty; the manifest restored."""
    in_dir = Path(in_dir)
    data_dir = Path(settings.DATA_DIR)
    present = _files_in(data_dir) if data_dir.exists() else []
    if present:
        raise BackupProblem(
            _(
                "GUWAH_DATA_DIR (%(dir)s) is not empty (it holds %(file)s and %(more)s more): "
                "a backup is restored only into an empty data directory, so that nothing of "
                "another installation is mixed into it."
            )
            % {"dir": data_dir, "file": present[0], "more": len(present) - 1}
        )
    manifest = _read_manifest(in_dir)
    check_empty_database()
    master = encryption.master_key()
    if manifest["master_key"] != master.key_id:
        raise KeyProblem(
            _(
                "The backup was made with the master key %(theirs)s, and this installation has "
                "%(ours)s: set GUWAH_MASTER_KEY_FILE to the key it was made with."
            )
            % {"theirs": manifest["master_key"], "ours": master.key_id}
        )
    backup_id = manifest["backup"]
    for name, path in _key_files().items():
        source = in_dir / "keys" / name
        if source.exists():
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            shutil.copyfile(source, path)
            os.chmod(path, 0o600)
    encryption.forget_keyring()
    scratch = Path(tempfile.mkdtemp(prefix=".restore-", dir=data_dir))
    try:
        plain_files = scratch / "files.tar"
        _open_file(in_dir / FILES, plain_files, master, backup_id)
        with tarfile.open(plain_files) as archive:
            for name, root in _data_roots().items():
                members = [
                    member
                    for member in archive.getmembers()
                    if member.name == name or member.name.startswith(name + "/")
                ]
                for member in members:
                    member.name = member.name.removeprefix(name).lstrip("/") or "."
                    member.mode = 0o700 if member.isdir() else 0o600
                root.mkdir(mode=0o700, parents=True, exist_ok=True)
                archive.extractall(root, members=members, filter="data")
        _restore_database(in_dir, manifest, master, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return manifest


def _restore_database(
    in_dir: Path, manifest: dict[str, Any], master: MasterKey, scratch: Path
) -> None:
    backup_id = manifest["backup"]
    if "database.sqlite3.sealed" in manifest["parts"]:
        if connection.vendor != "sqlite":
            raise BackupProblem(
                _("The backup holds an SQLite database; this installation uses PostgreSQL.")
            )
        target = Path(str(settings.DATABASES["default"]["NAME"]))
        connection.close()
        _open_file(in_dir / "database.sqlite3.sealed", target, master, backup_id)
        return
    if connection.vendor != "postgresql":
        raise BackupProblem(
            _("The backup holds a PostgreSQL database; this installation uses SQLite.")
        )
    plain = scratch / "database.pgdump"
    _open_file(in_dir / "database.pgdump.sealed", plain, master, backup_id)
    connection.close()
    args, env = _pg_command("pg_restore")
    result = subprocess.run(  # noqa: S603  (the PostgreSQL tool's fixed arguments, no shell)
        [*args, "--exit-on-error", "--single-transaction", str(plain)], env=env, capture_output=True
    )
    if result.returncode != 0:
        raise BackupProblem(_("pg_restore failed: %(error)s") % {"error": result.stderr.decode()})


def check_empty_database() -> None:
    """A restore writes into an empty database only."""
    if connection.vendor == "sqlite":
        return  # Its file lies in the data directory, which is checked to be empty.
    tables = connection.introspection.table_names()
    if tables:
        raise BackupProblem(
            _(
                "The database %(name)s already holds %(count)s tables: a backup is restored "
                "only into an empty database."
            )
            % {"name": settings.DATABASES["default"]["NAME"], "count": len(tables)}
        )
