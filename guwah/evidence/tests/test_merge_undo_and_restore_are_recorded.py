"""A merge, its undo and a restore each leave history rows naming the actor and log entries
for every record they changed, written by the ordinary saves and deletions."""

from __future__ import annotations

import pytest

from guwah.evidence.models import LogEntry
from guwah.registry import services
from guwah.registry.models import Event, Name, Person

pytestmark = pytest.mark.django_db


def entries_since(index: int, record_type: str, record_id: object) -> list[str]:
    return list(
        LogEntry.objects.filter(
            index__gte=index, record_type=record_type, record_id=str(record_id)
        ).values_list("action", flat=True)
    )


def log_size() -> int:
    return LogEntry.objects.count()


@pytest.fixture
def entered_twice(colleague) -> tuple[Person, Person]:
    first = services.create_person(
        colleague, names=[{"text": "مەمەت تۇرسۇن", "script": "ug-Arab"}], birth_date="1968"
    )
    second = services.create_person(
        colleague, names=[{"text": "Maimaiti Tuerxun", "script": "zh-Latn-pinyin"}]
    )
    services.add_event(colleague, second, kind=Event.Kind.CAMP_DETENTION, date="2017-05")
    services.add_testimony(
        colleague, [first, second], witness_name="Gülnar", text="My brother disappeared."
    )
    return first, second


def test_a_merge_names_the_actor_in_the_history_of_every_changed_record(
    reviewer, entered_twice
) -> None:
    first, second = entered_twice
    moved_name = Name.objects.get(person=second)
    moved_event = Event.objects.get(person=second)
    start = log_size()

    services.merge_persons(reviewer, first, second, reason="Same birth year and sister.")

    assert first.history.latest().history_user == reviewer
    assert "Same birth year and sister." in first.history.latest().history_change_reason
    gone = Person.history.filter(id=second.pk).latest()
    assert gone.history_type == "-" and gone.history_user == reviewer
    assert moved_name.history.latest().history_user == reviewer
    assert moved_event.history.latest().history_user == reviewer
    assert entries_since(start, "registry.person", first.pk) == [
        LogEntry.Action.UPDATE,
        LogEntry.Action.MERGE,
    ]
    assert entries_since(start, "registry.person", second.pk) == [LogEntry.Action.DELETE]
    assert LogEntry.Action.UPDATE in entries_since(start, "registry.name", moved_name.pk)
    assert LogEntry.Action.UPDATE in entries_since(start, "registry.event", moved_event.pk)
    assert entries_since(start, "registry.testimony", first.testimonies.get().pk)


def test_an_undo_names_the_actor_in_the_history_of_both_persons(
    reviewer, administrator, entered_twice
) -> None:
    first, second = entered_twice
    snapshot = services.merge_persons(reviewer, first, second, reason="Same man.")
    start = log_size()

    services.unmerge_persons(administrator, snapshot, reason="Two brothers after all.")

    back = Person.objects.get(pk=second.pk)
    assert back.history.latest().history_user == administrator
    assert first.history.latest().history_user == administrator
    assert "Two brothers after all." in back.history.latest().history_change_reason
    assert Name.objects.get(person=back).history.latest().history_user == administrator
    assert entries_since(start, "registry.person", second.pk)
    assert entries_since(start, "registry.person", first.pk)
    assert entries_since(start, "registry.event", Event.objects.get(person=back).pk)


def test_a_restore_names_the_actor_in_the_history_and_is_logged(
    reviewer, colleague, entered_twice
) -> None:
    first, _second = entered_twice
    original = first.history.latest()
    services.update_person(colleague, first, notes="A mistaken note.")
    start = log_size()

    services.restore_version(record=first, history_id=original.history_id, actor=reviewer)

    first.refresh_from_db()
    assert first.notes == ""
    assert first.history.latest().history_user == reviewer
    assert entries_since(start, "registry.person", first.pk) == [LogEntry.Action.UPDATE]
