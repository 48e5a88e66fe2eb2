"""Record commitments: salted per field, recomputable from what a package discloses."""

from __future__ import annotations

import hashlib

import pytest

from guwah.evidence import commitment
from guwah.evidence.canonical import canonical_json

FIELDS = {
    "witness_name": "Gülnar Yasin (synthetic)",
    "text": 'He said "wait"\n\\ and left.',
    "given_on": "",
    "persons": [3, 1],
    "created_by_id": 7,
    "consent_publish": False,
    "media": None,
    "latitude": 39.4701,
    "detail": {"b": 1, "a": [True, None]},
}


def test_each_field_is_hashed_as_its_salt_and_canonical_name_and_value() -> None:
    committed = commitment.commit(FIELDS)
    for name, value in FIELDS.items():
        salt = committed.salts[name]
        expected = hashlib.sha256(bytes.fromhex(salt) + canonical_json([name, value])).hexdigest()
        assert commitment.field_leaf(name, value, salt) == expected
    leaves = {
        name: commitment.field_leaf(name, v, committed.salts[name]) for name, v in FIELDS.items()
    }
    assert committed.digest == hashlib.sha256(canonical_json(leaves)).hexdigest()


def test_the_same_record_gets_new_salts_and_a_new_commitment_each_time() -> None:
    first, second = commitment.commit(FIELDS), commitment.commit(FIELDS)
    assert first.digest != second.digest
    assert set(first.salts.values()).isdisjoint(second.salts.values())
    assert all(len(bytes.fromhex(salt)) == commitment.SALT_BYTES for salt in first.salts.values())


def test_the_stored_salts_recompute_the_commitment_and_any_change_shows() -> None:
    committed = commitment.commit(FIELDS)
    assert commitment.commit(FIELDS, committed.salts).digest == committed.digest
    changed = {**FIELDS, "witness_name": "Gulnar Yasin (synthetic)"}
    assert commitment.commit(changed, committed.salts).digest != committed.digest
    with pytest.raises(KeyError):
        commitment.commit({**FIELDS, "new_column": 1}, committed.salts)


def test_withholding_a_field_by_its_leaf_gives_the_same_commitment() -> None:
    committed = commitment.commit(FIELDS)
    withheld = {"witness_name": commitment.field_leaf("witness_name", FIELDS["witness_name"],
                                                      committed.salts["witness_name"])}  # fmt: skip
    shown = {name: value for name, value in FIELDS.items() if name not in withheld}
    salts = {name: committed.salts[name] for name in shown}
    assert commitment.disclosed_commitment(shown, salts, withheld) == committed.digest
    with pytest.raises(ValueError, match="both disclosed and withheld"):
        commitment.disclosed_commitment(FIELDS, committed.salts, withheld)
    with pytest.raises(ValueError, match="needs its salt"):
        commitment.disclosed_commitment(shown, {}, withheld)
