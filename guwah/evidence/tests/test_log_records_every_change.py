"""Every registry change appends an entry in its own transaction, and a signed head follows."""

from __future__ import annotations

import pytest
from django.db import transaction

from guwah.evidence import log
from guwah.evidence.models import LogEntry, TreeHead
from guwah.registry.models import Event, Person

pytestmark = pytest.mark.django_db


def entries_for(instance) -> list[LogEntry]:
    return list(
        LogEntry.objects.filter(
            record_type=instance._meta.label_lower, record_id=str(instance.pk)
        ).order_by("index")
    )


def test_creating_a_person_appends_a_create_entry_with_the_hash_of_the_record(person) -> None:
    [created] = entries_for(person)
    assert created.action == "create"
    assert created.actor_id is None
    assert log.matches_entry(person, created.record_sha256, created.salts)


def test_every_create_update_and_delete_gets_a_gapless_entry(person, owner) -> None:
    with log.acting_as(owner):
        person.occupation = "teacher"
        person.save()
        event = Event.objects.create(person=person, kind=Event.Kind.CAMP_DETENTION, date="2017")
        event_id = event.pk
        event.delete()
    assert [e.action for e in entries_for(person)] == ["create", "update"]
    assert entries_for(person)[-1].actor_id == owner.pk
    event.pk = event_id
    assert [e.action for e in entries_for(event)] == ["create", "delete"]
    indexes = list(LogEntry.objects.values_list("index", flat=True))
    assert indexes == list(range(len(indexes)))


def test_linking_evidence_to_a_person_logs_the_evidence_from_either_side(
    evidence_item, person
) -> None:
    before = len(entries_for(evidence_item))
    other = Person.objects.create(synthetic=True)
    other.evidence.add(evidence_item)
    after = entries_for(evidence_item)
    assert len(after) == before + 1
    assert log.matches_entry(evidence_item, after[-1].record_sha256, after[-1].salts)


def test_a_crashed_transaction_leaves_neither_the_change_nor_its_entry(person) -> None:
    entries = LogEntry.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        Person.objects.create(synthetic=True, occupation="never saved")
        raise RuntimeError("the server went down")
    assert not Person.objects.filter(occupation="never saved").exists()
    assert LogEntry.objects.count() == entries


def test_a_failed_log_write_rolls_back_the_change(person, monkeypatch) -> None:
    entries = LogEntry.objects.count()

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(log.append, "append_entries_bulk", broken)
    with pytest.raises(OSError), transaction.atomic():
        Person.objects.create(synthetic=True, occupation="unlogged")
    assert not Person.objects.filter(occupation="unlogged").exists()
    assert LogEntry.objects.count() == entries


def test_a_signed_tree_head_follows_each_committed_batch(
    django_capture_on_commit_callbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            for _ in range(3):
                Person.objects.create(synthetic=True)
    # The log's own callback, once for the batch (the memorial's page cache adds one of its own).
    assert len([c for c in callbacks if c.__module__.startswith("guwah.evidence")]) == 1
    head = TreeHead.objects.get()
    assert head.size == LogEntry.objects.count() == 3
    assert head.root_hash == log.root_hash(3).hex()


def test_the_signing_key_is_made_on_first_use_and_readable_only_by_its_owner(settings) -> None:
    log.sign_tree_head()
    assert settings.GUWAH_LOG_KEY_PATH.stat().st_mode & 0o777 == 0o600
    first = log.key_id(log.signing_key().public_key())
    assert log.key_id(log.signing_key().public_key()) == first


def test_an_inclusion_proof_from_the_database_verifies_against_the_signed_root() -> None:
    from guwah.evidence import merkle

    log.append_entries_bulk(
        log.EntrySpec("test.synthetic", str(i), "create", "0" * 64) for i in range(37)
    )
    head = log.sign_tree_head()
    for index in (0, 1, 17, 36):
        entry = LogEntry.objects.get(index=index)
        merkle.verify_inclusion(
            bytes.fromhex(entry.leaf_hash),
            index,
            head.size,
            log.inclusion_proof(index, head.size),
            bytes.fromhex(head.root_hash),
        )
    merkle.verify_consistency(
        20, 37, log.root_hash(20), log.root_hash(37), log.consistency_proof(20, 37)
    )


def test_records_inserted_in_bulk_are_logged_by_backfill_and_then_verify(
    capsys, administrator
) -> None:
    from django.core.management import call_command

    people = Person.objects.bulk_create([Person(synthetic=True) for _ in range(3)])
    assert not LogEntry.objects.filter(record_type="registry.person").exists()
    call_command(
        "log", "backfill", "--confirm", log.unlogged_records().token, "--as", administrator.username
    )
    assert "logged 3 records" in capsys.readouterr().out
    for person in people:
        assert [(e.action, e.actor_id) for e in entries_for(person)] == [
            ("create", administrator.pk)
        ]
    call_command("log", "verify", "--records")
    call_command("log", "backfill")
    assert "nothing to backfill" in capsys.readouterr().out


def test_deleting_a_person_logs_the_evidence_that_no_longer_cites_them(
    evidence_item, person
) -> None:
    before = len(entries_for(evidence_item))
    person.delete()
    after = entries_for(evidence_item)
    assert len(after) > before
    assert log.matches_entry(evidence_item, after[-1].record_sha256, after[-1].salts)
