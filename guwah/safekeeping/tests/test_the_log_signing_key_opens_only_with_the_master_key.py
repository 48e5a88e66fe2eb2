"""The log's signing key is stored encrypted with a passphrase derived from the master key: a
copy of the data directory cannot sign a tree head."""

from __future__ import annotations

import pytest

from guwah.evidence.log import heads
from guwah.keys import KeyProblem, MasterKey
from guwah.registry import encryption

pytestmark = pytest.mark.django_db


def test_the_signing_key_is_encrypted_on_disk_and_only_its_owner_reads_it(settings) -> None:
    heads.signing_key()
    path = settings.GUWAH_LOG_KEY_PATH
    assert path.read_bytes().startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    assert path.stat().st_mode & 0o777 == 0o600


def test_another_master_key_cannot_open_it_and_the_error_names_the_key(settings) -> None:
    heads.signing_key()
    other = MasterKey.generate()
    settings.GUWAH_MASTER_KEY = other.as_text()
    heads._loaded_keys.clear()
    with pytest.raises(KeyProblem, match=f"does not open with the master key {other.key_id}"):
        heads.signing_key()
    assert encryption.master_key().key_id == other.key_id
