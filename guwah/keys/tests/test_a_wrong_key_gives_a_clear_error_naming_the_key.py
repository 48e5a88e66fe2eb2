"""A wrong key, a moved value or a damaged file fails loudly, naming the key: nothing is ever
read back as empty or garbled text. (Pure: no Django, no database.)"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from guwah.keys import KeyProblem, Keyring, MasterKey, UnknownKey, WrongKey
from guwah.keys.envelope import SEGMENT


@pytest.fixture
def ring(tmp_path: Path) -> Keyring:
    return Keyring.open(tmp_path / "keyring.json", MasterKey.generate())


def test_a_value_reads_back_with_its_own_key_and_label(ring: Keyring) -> None:
    token = ring.encrypt("Zulpiye (synthetic)", "registry.testimony.witness_name")
    assert "Zulpiye" not in token
    assert token.startswith(f"gw1${ring.current}$")
    assert ring.decrypt(token, "registry.testimony.witness_name") == "Zulpiye (synthetic)"


def test_a_value_copied_into_another_field_does_not_open(ring: Keyring) -> None:
    token = ring.encrypt("Zulpiye (synthetic)", "registry.testimony.witness_name")
    with pytest.raises(
        WrongKey, match=f"registry.person.notes does not open with data key {ring.current}"
    ):
        ring.decrypt(token, "registry.person.notes")


def test_an_altered_value_does_not_open(ring: Keyring) -> None:
    token = ring.encrypt("Zulpiye (synthetic)", "label")
    altered = token[:-3] + ("A" if token[-3] != "A" else "B") + token[-2:]
    with pytest.raises(WrongKey, match="altered"):
        ring.decrypt(altered, "label")


def test_the_wrong_master_key_is_refused_naming_both_keys(ring: Keyring) -> None:
    other = MasterKey.generate()
    with pytest.raises(WrongKey) as refused:
        Keyring.open(ring.path, other)
    message = str(refused.value)
    assert other.key_id in message and ring.master.key_id in message
    assert ring.current in message


def test_a_value_of_a_retired_or_foreign_key_names_that_key(ring: Keyring, tmp_path: Path) -> None:
    foreign = Keyring.open(tmp_path / "other.json", MasterKey.generate())
    token = foreign.encrypt("text", "label")
    with pytest.raises(UnknownKey, match=f"data key {foreign.current} is not in the keyring"):
        ring.decrypt(token, "label")


def test_a_master_key_of_the_wrong_length_is_refused() -> None:
    with pytest.raises(KeyProblem, match="GUWAH_MASTER_KEY: a master key is 32 bytes"):
        MasterKey.from_text("c2hvcnQ=", source="GUWAH_MASTER_KEY")


def test_after_rotation_old_values_still_open_until_their_key_is_retired(ring: Keyring) -> None:
    old_key = ring.current
    old = ring.encrypt("before (synthetic)", "label")
    new_key = ring.start_rotation()
    assert new_key != old_key and ring.current == new_key
    assert ring.decrypt(old, "label") == "before (synthetic)"
    reopened = Keyring.open(ring.path, ring.master)
    assert reopened.decrypt(old, "label") == "before (synthetic)"
    ring.retire({old_key})
    with pytest.raises(UnknownKey, match=old_key):
        Keyring.open(ring.path, ring.master).decrypt(old, "label")


@pytest.mark.parametrize("size", [0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 3 * SEGMENT])
def test_files_of_any_length_read_back_and_fail_when_cut_short(ring: Keyring, size: int) -> None:
    data = bytes(range(256)) * (size // 256) + bytes(size % 256)
    sealed = b"".join(ring.encrypt_stream(iter([data[:1000], data[1000:]]), "blob"))
    assert b"".join(ring.decrypt_stream(io.BytesIO(sealed).read, "blob")) == data
    with pytest.raises(WrongKey, match="altered"):
        b"".join(ring.decrypt_stream(io.BytesIO(sealed[:-1]).read, "blob"))
    with pytest.raises(WrongKey):
        b"".join(ring.decrypt_stream(io.BytesIO(sealed).read, "another blob"))


def test_the_keyring_file_is_readable_by_its_owner_only(ring: Keyring) -> None:
    assert ring.path.stat().st_mode & 0o777 == 0o600
    assert ring.path.parent.stat().st_mode & 0o077 == 0
