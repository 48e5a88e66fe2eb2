"""An entry planted by someone who can write to the database, but not read the signing key, is
found even after Guwah's next signed tree head covers it.

The tree and the heads cannot catch it: the planted leaf is appended as Guwah would append it,
and the next head is signed over whatever the database holds. What catches it is the entry's
seal, a keyed hash of its leaf that only the holder of the log's key can make; and, when the
entry names a record that is not there, the comparison of records with their entries.
"""

from __future__ import annotations

import hashlib

import pytest
from django.core.management import CommandError, call_command

from guwah.evidence import log
from guwah.evidence.models import LogEntry, TreeHead
from guwah.registry.models import Person

pytestmark = pytest.mark.django_db


def plant(monkeypatch, spec: log.EntrySpec) -> int:
    """Append an entry exactly as Guwah does (leaf, subtree hashes, counter), but sealed with a
    key of the planter's own, as a database writer without the log's key must; its index."""
    with monkeypatch.context() as patched:
        patched.setattr(
            log.append, "seal_key", lambda: hashlib.sha256(b"not the log's key").digest()
        )
        return log.append_entries_bulk([spec]) - 1


def covered_by_a_later_head(person, capture) -> TreeHead:
    with capture(execute=True):
        person.occupation = "teacher"
        person.save()
        log.sign_tree_head(force=False)  # What the commit of that change does.
    return TreeHead.objects.latest()


def verify(capsys, *args: str) -> str:
    with pytest.raises(CommandError):
        call_command("log", "verify", *args)
    return capsys.readouterr().err


def test_a_planted_entry_covered_by_a_later_head_has_no_valid_seal(
    person, monkeypatch, django_capture_on_commit_callbacks, capsys
) -> None:
    # A person inserted without the model's signals, as by SQL, and an entry whose hash matches
    # it: the records check alone is blind to the pair.
    [planted] = Person.objects.bulk_create([Person(synthetic=True, occupation="planted")])
    committed = log.record_commitment(planted)
    index = plant(
        monkeypatch,
        log.EntrySpec(
            "registry.person",
            str(planted.pk),
            "create",
            committed.digest,
            salts=committed.salts,
        ),
    )
    head = covered_by_a_later_head(person, django_capture_on_commit_callbacks)
    assert head.size > index

    err = verify(capsys, "--records")

    assert f"entry {index}: no valid seal" in err
    assert "registry.person" not in err  # The planted record matches its planted entry.


def test_a_planted_entry_for_a_record_that_does_not_exist_is_named(
    person, monkeypatch, django_capture_on_commit_callbacks, capsys
) -> None:
    plant(monkeypatch, log.EntrySpec("registry.person", "999999", "create", "0" * 64))
    covered_by_a_later_head(person, django_capture_on_commit_callbacks)

    err = verify(capsys, "--records")

    assert "registry.person 999999: logged, but there is no such record" in err


def test_turning_an_entry_into_a_backfilled_one_breaks_its_seal(person, capsys) -> None:
    LogEntry.objects.filter(index=0).update(backfilled=True)
    assert "entry 0: no valid seal" in verify(capsys)


def test_entries_written_by_guwah_carry_valid_seals(person, capsys) -> None:
    log.sign_tree_head()
    call_command("log", "verify", "--records")
    assert capsys.readouterr().out.startswith("OK:")
