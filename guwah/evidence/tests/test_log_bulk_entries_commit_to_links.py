"""Records announced in bulk are logged with the same commitment as records saved one by one:
the many-to-many links read for a whole batch at once are the links each record has."""

from __future__ import annotations

import pytest

from guwah.evidence import log
from guwah.evidence.models import LogEntry
from guwah.registry import models as registry_models
from guwah.registry import services

pytestmark = pytest.mark.django_db


def test_a_bulk_entry_commits_to_each_records_own_links(colleague) -> None:
    first = services.create_person(
        colleague, names=[{"text": "Ablet Synthetic", "script": "ug-Latn"}]
    )
    second = services.create_person(
        colleague, names=[{"text": "Gulnar Synthetic", "script": "ug-Latn"}]
    )
    both = services.add_testimony(colleague, [first, second], witness_name="Aynur", text="One.")
    one = services.add_testimony(colleague, [second], witness_name="Memet", text="Two.")
    none = services.add_testimony(colleague, [first], witness_name="Zohre", text="Three.")
    none.persons.clear()
    records = list(
        registry_models.Testimony.objects.filter(pk__in=[both.pk, one.pk, none.pk]).order_by("pk")
    )
    start = LogEntry.objects.count()

    log.record_existing(records, actor=colleague)

    entries = list(LogEntry.objects.filter(index__gte=start).order_by("index"))
    assert [e.record_id for e in entries] == [str(r.pk) for r in records]
    for record, entry in zip(records, entries, strict=True):
        assert log.matches_entry(record, entry.record_sha256, entry.salts)
        assert entry.salts.keys() == log.record_document(record)["fields"].keys()
    # A record whose links differ from what was read is not what the entry committed to.
    both.persons.remove(first)
    assert not log.matches_entry(both, entries[0].record_sha256, entries[0].salts)
