"""``guwah keys rotate`` moves every encrypted value and file to a new data key while the old
values stay readable, retires the old key, and leaves the log verifying."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from guwah.registry import encryption
from guwah.registry import models as registry
from guwah.registry.models import IdentityDocument, Person
from guwah.registry.services import keys as registry_keys
from guwah.safekeeping import rotation
from guwah.safekeeping.tests.conftest import SECRETS

pytestmark = pytest.mark.django_db


def test_rotation_moves_everything_to_a_new_key_and_retires_the_old(
    case, administrator, capsys
) -> None:
    old_key = encryption.keyring().current
    assert rotation.keys_in_use()[old_key] > 0

    call_command("keys", "rotate", "--as", administrator.username)

    ring = encryption.keyring()
    assert ring.current != old_key
    assert old_key not in ring.data_keys, "the old key is retired once nothing uses it"
    used = rotation.keys_in_use()
    assert set(used) == {ring.current}
    for column, counter in registry_keys.key_counts().items():
        assert set(counter) <= {ring.current}, column
    # Everything reads as before.
    testimony = registry.Testimony.objects.get(pk=case.testimony.pk)
    assert (testimony.witness_name, testimony.text) == (SECRETS["witness"], SECRETS["testimony"])
    assert SECRETS["recording"] in testimony.media.read()
    assert Person.objects.get(pk=case.person.pk).notes == SECRETS["notes"]
    assert IdentityDocument.objects.get(pk=case.document.pk).number == SECRETS["number"]
    # The log committed to plaintext: it verifies across the rotation, files included.
    call_command("log", "verify", "--records", "--files")
    assert "OK" in capsys.readouterr().out


def test_values_written_with_the_old_key_read_while_a_rotation_runs(case, administrator) -> None:
    ring = encryption.keyring()
    old_key = ring.current
    ring.start_rotation()
    # Not yet re-encrypted: still on the old key, and still read.
    assert registry_keys.key_counts()["registry.testimony.witness_name"] == {old_key: 1}
    assert registry.Testimony.objects.get(pk=case.testimony.pk).witness_name == SECRETS["witness"]
    # A new value is written with the new key.
    Person.objects.filter(pk=case.person.pk)  # reading only
    assert encryption.encrypt("x", "label").startswith(f"gw1${ring.current}$")


def test_keys_status_names_the_keys_and_what_they_encrypt(case, capsys) -> None:
    call_command("keys", "status")
    status = json.loads(capsys.readouterr().out)
    current = status["current"]
    assert status["master"].startswith("m-")
    assert status["columns"]["registry.testimony.witness_name"] == {current: 1}
    # Recordings are kept by the evidence store, with its files.
    assert set(status["recordings"]) <= {current}
    assert set(status["files"]) == {current}
    assert status["signing_key_encrypted"] is True


def test_only_an_administrator_may_rotate(case, colleague) -> None:
    with pytest.raises(CommandError, match="Only an administrator"):
        call_command("keys", "rotate", "--as", colleague.username)


def test_a_signing_key_written_in_the_clear_is_encrypted_by_the_rotation(
    case, administrator, settings
) -> None:
    from cryptography.hazmat.primitives import serialization

    from guwah.evidence.log import heads

    path = settings.GUWAH_LOG_KEY_PATH
    key = heads.signing_key()
    clear = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    path.write_bytes(clear)
    assert heads.signing_key_is_encrypted() is False
    rotation.rotate(administrator)
    assert heads.signing_key_is_encrypted() is True
    assert b"ENCRYPTED" in path.read_bytes()
    assert heads.public_key_pem() == heads.public_key_pem(key.public_key())


def test_a_new_master_key_rewraps_the_keyring_and_the_signing_key(
    case, administrator, settings, tmp_path
) -> None:
    from guwah.evidence.log import heads
    from guwah.keys import KeyProblem, MasterKey

    public_before = heads.public_key_pem()
    new_master = MasterKey.generate()
    key_file = tmp_path / "new-master.key"
    key_file.write_text(new_master.as_text())

    call_command(
        "keys", "rewrap", "--new-master-file", str(key_file), "--as", administrator.username
    )

    # The old master key opens nothing any more, and says which key is needed.
    heads._loaded_keys.clear()
    with pytest.raises(KeyProblem, match=new_master.key_id):
        encryption.keyring()
    settings.GUWAH_MASTER_KEY_FILE = key_file
    heads._loaded_keys.clear()
    assert registry.Testimony.objects.get(pk=case.testimony.pk).witness_name == SECRETS["witness"]
    assert heads.public_key_pem() == public_before


def test_files_stored_before_encryption_are_encrypted_by_a_rotation(
    case, administrator, capsys
) -> None:
    from pathlib import Path

    from guwah.evidence import store
    from guwah.evidence.models import Blob

    # As an installation upgraded from before encryption holds them: files in the clear (the
    # evidence file, and the recording the store keeps).
    recording = registry.Testimony.objects.get(pk=case.testimony.pk).media.read()
    paths = []
    for blob in Blob.objects.all():
        with store.open_blob(blob) as handle:
            plain = handle.read()
        path = Path(store.blob_storage().path(store.blob_name(blob.sha256)))
        path.write_bytes(plain)
        paths.append(path)
    Blob.objects.update(encrypted=False)
    assert rotation.status()["files"] == {"clear": len(paths)}

    done = rotation.rotate(administrator)

    assert done.files == len(paths) >= 2
    assert Blob.objects.filter(encrypted=False).count() == 0
    on_disk = b"".join(path.read_bytes() for path in paths)
    assert SECRETS["evidence"] not in on_disk and SECRETS["recording"] not in on_disk
    assert registry.Testimony.objects.get(pk=case.testimony.pk).media.read() == recording
    call_command("log", "verify", "--records", "--files")
    assert "OK" in capsys.readouterr().out
