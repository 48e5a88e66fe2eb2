"""A field a package withholds cannot be recovered by hashing guesses, yet the package verifies.

The attack: someone holds the package and a list of likely values (names from a village, say).
For every withheld field of every record, they hash each candidate in every way the package
allows (bare, as JSON, as a salted leaf with every salt the package discloses or none, inside
the whole record as the first package format hashed it, inside the record's commitment) and look
for the result anywhere in the package. No guess may confirm, the true value included.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.files.base import ContentFile

from guwah.evidence import commitment, log, store
from guwah.evidence.canonical import canonical_json
from guwah.evidence.export import export_person_package
from guwah.evidence.models import LogEntry
from guwah.evidence.package import verify_package
from guwah.registry import models as registry

pytestmark = pytest.mark.django_db

WITNESS = "Gülnar Yasin (synthetic)"
GIVEN = [
    "Gülnar",
    "Gulnar",
    "Aygül",
    "Mihray",
    "Patigül",
    "Zöhre",
    "Nurgül",
    "Rahile",
    "Mériyem",
    "Hörmet",
    "Rushen",
    "Buhelchem",
    "Adile",
    "Tursungül",
    "Gülbahar",
    "Dilber",
]
FAMILY = ["Yasin", "Tursun", "Ablet", "Memet", "Qadir", "Rozi", "Niyaz", "Hoshur",
          "Abdurehim", "Yüsüp", "Sidiq", "Ehmet", "Tohti", "Obul", "Zunun"]  # fmt: skip
RELATIONS = ["mother", "father", "sister", "brother", "wife", "husband", "daughter", "son",
             "neighbour", "cousin", "aunt", "uncle", "friend", "former detainee"]  # fmt: skip


def candidates(true_value: Any) -> list[Any]:
    """240 synthetic names (with and without the marker), relations, file names, the truth."""
    names = [f"{given} {family}" for given in GIVEN for family in FAMILY]
    decoys = names + [f"{name} (synthetic)" for name in names] + RELATIONS
    decoys += [f"testimony/2024/{name.split()[0].lower()}.mp3" for name in names[:40]]
    return [*decoys, true_value]


@pytest.fixture
def exported(tmp_path: Path, person, evidence_item, colleague, gps_photo) -> Path:
    person.consent_share_un = True
    person.save()
    testimony = registry.Testimony.objects.create(
        witness_name="Gulnar Yasin", witness_relationship="sister", text="Taken in 2017.",
        media="testimony/2024/gulnar-yasin.mp3", synthetic=True, created_by=colleague,
        consent_share_un=True, consent_name_witness=False,
    )  # fmt: skip
    testimony.persons.add(person)
    # A corrected spelling: the earlier version is in the package's history too.
    testimony.witness_name = WITNESS
    testimony.save()
    store.ingest_upload(
        evidence_item, ContentFile(gps_photo, name="2019-03-12 Kashgar Gülnar.jpg"), colleague
    )
    out = tmp_path / "package.zip"
    export_person_package(person, colleague, out)
    return out


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def hashes_in(contents: dict[str, bytes]) -> set[str]:
    """Every SHA-256 the package shows anywhere, in any file."""
    found: set[str] = set()
    for data in contents.values():
        found.add(hashlib.sha256(data).hexdigest())
        try:
            found |= set(re.findall(r"[0-9a-f]{64}", data.decode("utf-8")))
        except UnicodeDecodeError:
            continue  # A file's bytes or the signature: no hex inside.
    return found


def salts_in(contents: dict[str, bytes]) -> list[bytes]:
    salts = {b""}
    for name, data in contents.items():
        if name.startswith("records/"):
            salts |= {bytes.fromhex(s) for s in json.loads(data)["salts"].values()}
    return sorted(salts)


def ways_to_hash(
    record: dict[str, Any], field: str, guess: Any, salts: list[bytes], truth: dict[str, Any]
) -> set[str]:
    """Every digest a guesser can form from the package and a candidate value for ``field``."""
    sha = hashlib.sha256
    digests = {
        sha(str(guess).encode()).hexdigest(),
        sha(canonical_json(guess)).hexdigest(),
        sha(canonical_json([field, guess])).hexdigest(),
    }
    for salt in salts:
        digests.add(sha(salt + canonical_json([field, guess])).hexdigest())
    # The first format's whole-record hash, with every other field as it truly is (the worst
    # case: the guesser knows all but this one).
    document = {"type": record["type"], "id": record["id"], "fields": {**truth, field: guess}}
    digests.add(sha(canonical_json(document)).hexdigest())
    # The commitment with an unsalted guess in place of the withheld leaf. (With any other
    # guessed leaf the commitment can only match if that leaf matches, tried above.)
    unsalted = sha(canonical_json([field, guess])).hexdigest()
    digests.add(
        commitment.disclosed_commitment(
            record["fields"], record["salts"], {**record["withheld"], field: unsalted}
        )
    )
    return digests


def true_fields(record: dict[str, Any]) -> dict[str, Any]:
    model = apps.get_model(record["type"])
    return log.record_document(model._base_manager.get(pk=record["id"]))["fields"]


def test_no_guess_confirms_any_withheld_field(exported: Path) -> None:
    contents = members(exported)
    shown = hashes_in(contents)
    salts = salts_in(contents)
    attacked: list[tuple[str, str]] = []
    for name, data in sorted(contents.items()):
        if not name.startswith("records/"):
            continue
        record = json.loads(data)
        truth = true_fields(record)
        for field in record["withheld"]:
            attacked.append((record["type"], field))
            confirmed = [
                guess
                for guess in candidates(truth[field])
                if ways_to_hash(record, field, guess, salts, truth) & shown
            ]
            assert confirmed == [], f"{name} {field}: a guess confirms {confirmed}"
    assert sorted(attacked) == [
        ("evidence.evidencefile", "original_name"),
        ("registry.testimony", "media"),
        ("registry.testimony", "witness_name"),
        ("registry.testimony", "witness_relationship"),
    ]


def test_the_guessing_attack_would_confirm_the_name_if_the_salt_leaked(exported: Path) -> None:
    contents = members(exported)
    [name] = [n for n in contents if n.startswith("records/registry.testimony/")]
    record = json.loads(contents[name])
    entry = LogEntry.objects.filter(
        record_type="registry.testimony", record_id=str(record["id"])
    ).latest("index")
    secret_salt = bytes.fromhex(log.open_salts(entry.record_type, entry.salts)["witness_name"])
    digests = ways_to_hash(record, "witness_name", WITNESS, [secret_salt], true_fields(record))
    assert digests & hashes_in(contents)


def test_the_withheld_values_appear_nowhere_in_the_package(exported: Path) -> None:
    everything = b"".join(members(exported).values())
    for secret in (WITNESS, "Gulnar Yasin", "gulnar-yasin", "Kashgar", "SyntheticCam"):
        for form in ("NFC", "NFD"):
            assert unicodedata.normalize(form, secret).encode() not in everything, secret


def test_the_package_still_proves_the_disclosed_fields_and_the_withheld_ones_exist(
    exported: Path,
) -> None:
    report = verify_package(exported, expected_key_id=log.key_id(log.signing_key().public_key()))
    assert report.ok, report.problems
    assert report.withheld_fields == 4
    contents = members(exported)
    [name] = [n for n in contents if n.startswith("records/registry.testimony/")]
    record = json.loads(contents[name])
    assert record["fields"]["text"] == "Taken in 2017."
    assert set(record["withheld"]) == {"witness_name", "witness_relationship", "media"}


def test_a_record_last_logged_with_a_plain_hash_is_committed_afresh_for_the_package(
    tmp_path: Path, person, colleague
) -> None:
    person.consent_share_un = True
    person.save()
    testimony = registry.Testimony.objects.create(
        witness_name=WITNESS, synthetic=True, created_by=colleague, consent_share_un=True
    )
    testimony.persons.add(person)
    # As the log held it before fields were salted: the SHA-256 of the record's JSON.
    plain = hashlib.sha256(log.record_json(testimony)).hexdigest()
    log.append_entries_bulk(
        [log.EntrySpec("registry.testimony", str(testimony.pk), "update", plain, colleague.pk)]
    )
    out = tmp_path / "package.zip"
    export_person_package(person, colleague, out)

    assert plain not in hashes_in(members(out))
    latest = LogEntry.objects.filter(record_type="registry.testimony").latest("index")
    assert latest.action == LogEntry.Action.RECOMMIT and latest.salts
    assert verify_package(out, expected_key_id=log.key_id(log.signing_key().public_key())).ok


def test_a_statement_that_spells_out_the_withheld_name_is_withheld_too(
    tmp_path: Path, person, colleague, capsys
) -> None:
    person.consent_share_un = True
    person.save()
    testimony = registry.Testimony.objects.create(
        witness_name="تۇرغۇن مەمەتجان", witness_relationship="grandson", synthetic=True,
        text="The witness Turghun Memetjan (synthetic) saw him taken in 2018.",
        created_by=colleague, consent_share_un=True,
    )  # fmt: skip
    testimony.persons.add(person)
    out = tmp_path / "package.zip"
    manifest = export_person_package(person, colleague, out)

    path = f"records/registry.testimony/{testimony.pk}.json"
    record = json.loads(members(out)[path])
    assert "text" in record["withheld"] and "text" not in record["fields"]
    assert {"path": path, "fields": ["media", "text", "witness_name", "witness_relationship"]} in (
        manifest["redacted"]
    )
    assert b"Turghun" not in b"".join(members(out).values())
