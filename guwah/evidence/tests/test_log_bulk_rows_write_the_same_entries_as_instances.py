"""Records announced by primary key are logged exactly as records announced as instances: the
same entries, byte for byte, and the same tree head, given the same salts and time."""

from __future__ import annotations

from itertools import count
from types import SimpleNamespace
from typing import Any
from unittest import mock

import pytest
from django.db import models, transaction

from guwah.evidence import commitment, log
from guwah.evidence.log import append
from guwah.evidence.models import LogEntry
from guwah.registry import models as registry_models
from guwah.registry import services

pytestmark = pytest.mark.django_db


def _counting_random() -> SimpleNamespace:
    # The same "random" salts in both runs, so that their entries can be compared.
    counter = count()

    def urandom(size: int) -> bytes:
        seed = next(counter).to_bytes(8, "big")
        return (seed * (size // 8 + 1))[:size]

    return SimpleNamespace(urandom=urandom)


def _log_and_read(write: Any) -> tuple[list[dict[str, Any]], bytes]:
    """Run ``write`` with fixed salts and time, read its entries and root, then undo it."""
    start = LogEntry.objects.count()
    with (
        mock.patch.object(commitment, "os", _counting_random()),
        mock.patch.object(append, "now_text", lambda: "2026-12-02T22:00:00.000000Z"),
        transaction.atomic(),
    ):
        size = write()
        entries = [
            {
                **entry,
                # Sealed salts are encrypted with a fresh nonce: compare what they open to.
                "salts": log.open_salts(entry["record_type"], entry["salts"]),
            }
            for entry in LogEntry.objects.filter(index__gte=start)
            .order_by("index")
            .values(
                "index",
                "record_type",
                "record_id",
                "action",
                "record_sha256",
                "salts",
                "actor_id",
                "time",
                "leaf_hash",
                "seal",
                "backfilled",
            )
        ]
        root = log.root_hash(size)
        transaction.set_rollback(True)
    return entries, root


def test_records_logged_by_key_give_the_entries_and_tree_head_of_records_logged_one_by_one(
    colleague,
) -> None:
    first = services.create_person(
        colleague,
        names=[{"text": "Ablet Synthetic", "script": "ug-Latn"}],
        birth_date="1975-03",
        synthetic=True,
    )
    second = services.create_person(
        colleague, names=[{"text": "Гулнар Synthetic", "script": "ug-Cyrl"}], synthetic=True
    )
    services.add_event(colleague, first, kind="arrest", date="2017-04", synthetic=True)
    services.add_event(colleague, second, kind="camp", date="2018", synthetic=True)
    services.add_testimony(colleague, [first, second], witness_name="Aynur", text="One.")
    services.add_testimony(colleague, [second], witness_name="Memet", text="Two.")
    kinds: list[type[models.Model]] = [
        registry_models.Person,
        registry_models.Name,
        registry_models.Event,
        registry_models.Testimony,  # Encrypted fields, links and a file field.
    ]
    keys = {model: sorted(model._base_manager.values_list("pk", flat=True)) for model in kinds}
    assert all(len(pks) >= 2 for pks in keys.values())

    def as_instances() -> int:
        size = 0
        for model in kinds:
            records = list(model._base_manager.filter(pk__in=keys[model]).order_by("pk"))
            size = log.record_existing(records, actor=colleague)
        return size

    def by_key() -> int:
        size = 0
        for model in kinds:
            size = log.record_rows(model, keys[model], actor=colleague)
        return size

    before, before_root = _log_and_read(as_instances)
    after, after_root = _log_and_read(by_key)

    assert len(before) == sum(len(pks) for pks in keys.values())
    assert after == before
    assert after_root == before_root
    # And each entry is the commitment the single-record code computes for the record now.
    for entry in after:
        model = next(m for m in kinds if m._meta.label_lower == entry["record_type"])
        record = model._base_manager.get(pk=entry["record_id"])
        assert log.matches_entry(record, entry["record_sha256"], entry["salts"])


def test_a_row_announced_by_key_is_logged_through_the_bulk_signal(colleague) -> None:
    from guwah.registry.signals import bulk_created

    person = services.create_person(
        colleague, names=[{"text": "Zohre Synthetic", "script": "ug-Latn"}], synthetic=True
    )
    start = LogEntry.objects.count()

    bulk_created.send(sender=registry_models.Person, pks=[person.pk], actor=colleague)

    entry = LogEntry.objects.get(index=start)
    assert (entry.record_type, entry.record_id) == ("registry.person", str(person.pk))
    assert entry.actor_id == colleague.pk
    assert log.matches_entry(
        person, entry.record_sha256, log.open_salts("registry.person", entry.salts)
    )
