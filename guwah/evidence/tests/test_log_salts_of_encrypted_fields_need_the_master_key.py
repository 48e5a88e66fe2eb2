"""Someone with a copy of the database but not the master key cannot confirm a guessed
witness's name from the log: the salt behind the name's commitment is stored sealed.

The attack: the log row holds the record's commitment and the salt of every field. Knowing
every other field of the testimony (the worst case), the attacker commits to each candidate
name with every 16-byte salt the row could be hiding and compares the result with the row's
commitment. No candidate may confirm, the true name included; with the master key the same
computation confirms it, so the attack itself is sound.
"""

from __future__ import annotations

import json
import re

import pytest
from django.db import connection

from guwah.evidence import commitment, log
from guwah.evidence.models import LogEntry
from guwah.keys import KeyProblem
from guwah.registry import models as registry

pytestmark = pytest.mark.django_db

WITNESS = "Gülnar Yasin (synthetic)"
GUESSES = [
    f"{given} {family}{marker}"
    for given in ("Gülnar", "Gulnar", "Aygül", "Mihray", "Nurgül", "Rahile")
    for family in ("Yasin", "Tursun", "Ablet", "Memet")
    for marker in ("", " (synthetic)")
]


@pytest.fixture
def testimony(person, colleague) -> registry.Testimony:
    testimony = registry.Testimony.objects.create(
        witness_name=WITNESS, witness_relationship="sister", text="Taken in 2017.",
        synthetic=True, created_by=colleague,
    )  # fmt: skip
    testimony.persons.add(person)
    return testimony


def raw_row(testimony: registry.Testimony) -> tuple[str, dict[str, str], str]:
    """The latest entry of the testimony as the database file holds it, read with plain SQL."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT record_sha256, salts FROM evidence_logentry "
            'WHERE record_type = %s AND record_id = %s ORDER BY "index" DESC LIMIT 1',
            ["registry.testimony", str(testimony.pk)],
        )
        digest, salts = cursor.fetchone()
    text = salts if isinstance(salts, str) else json.dumps(salts)
    return digest, json.loads(text), text


def confirmed(digest: str, fields: dict, salts: dict[str, str], tried: list[str]) -> list[str]:
    hits = []
    for guess in dict.fromkeys([*GUESSES, WITNESS]):
        for salt in tried:
            attempt = commitment.commit({**fields, "witness_name": guess}, {**salts,
                                        "witness_name": salt}).digest  # fmt: skip
            if attempt == digest:
                hits.append(guess)
    return hits


def test_a_guessed_witness_name_cannot_be_confirmed_from_a_copied_log_row(testimony) -> None:
    digest, stored, text = raw_row(testimony)
    fields = log.record_document(testimony)["fields"]
    # The worst case: the attacker also knows every other salt in the clear.
    others = log.open_salts("registry.testimony", stored)
    # Every 16-byte hex string the row holds anywhere, and the sealed value read as hex.
    tried = sorted(set(re.findall(r"(?=([0-9a-f]{32}))", text)))
    assert not re.fullmatch(r"[0-9a-f]{32}", stored["witness_name"])
    assert WITNESS.encode() not in text.encode()
    assert confirmed(digest, fields, others, tried) == []


def test_with_the_master_key_the_same_computation_confirms_the_name(testimony) -> None:
    digest, stored, _ = raw_row(testimony)
    fields = log.record_document(testimony)["fields"]
    salts = log.open_salts("registry.testimony", stored)
    assert confirmed(digest, fields, salts, [salts["witness_name"]]) == [WITNESS]


def test_fields_stored_in_the_clear_keep_clear_salts(testimony) -> None:
    _, stored, _ = raw_row(testimony)
    assert re.fullmatch(r"[0-9a-f]{32}", stored["synthetic"])
    for name in ("witness_name", "text"):
        assert not re.fullmatch(r"[0-9a-f]{32}", stored[name]), name


def test_the_log_still_verifies_the_record_with_its_sealed_salts(testimony) -> None:
    entry = LogEntry.objects.filter(
        record_type="registry.testimony", record_id=str(testimony.pk)
    ).latest("index")
    assert log.matches_entry(testimony, entry.record_sha256, entry.salts)
    report = log.verify_log(check_records=True)
    assert report.ok, report.problems


def test_a_salt_sealed_for_another_field_does_not_open(testimony) -> None:
    _, stored, _ = raw_row(testimony)
    with pytest.raises(KeyProblem):
        log.open_salts("registry.testimony", {**stored, "text": stored["witness_name"]})


def test_clear_salts_of_earlier_entries_are_sealed_without_changing_what_the_log_proves(
    testimony,
) -> None:
    from guwah.evidence.log.salts import seal_stored_salts

    entry = LogEntry.objects.filter(record_type="registry.testimony").latest("index")
    clear = log.open_salts(entry.record_type, entry.salts)
    # As an entry written before salts were sealed holds them.
    LogEntry.objects.filter(pk=entry.pk).update(salts=clear)
    assert seal_stored_salts() >= 1
    _, stored, _ = raw_row(testimony)
    assert stored["synthetic"] == clear["synthetic"]
    assert stored["witness_name"] != clear["witness_name"]
    assert log.open_salts("registry.testimony", stored) == clear
    report = log.verify_log(check_records=True)
    assert report.ok, report.problems
