"""A merge keeps everything of both records, and an undo gives back exactly what was there."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from guwah.linkage import services
from guwah.linkage.models import CandidatePair, Decision, Merge
from guwah.linkage.tests.conftest import all_registry_rows
from guwah.registry import models as registry_models
from guwah.registry.models import Event, Evidence, FamilyTie, Name, Person


def test_a_merge_keeps_every_name_event_testimony_evidence_and_tie(
    two_records_of_memet,
    colleague,
) -> None:
    first, second = two_records_of_memet
    merge = services.merge_persons(colleague, first, second, "Same birth date and sister.")

    assert not Person.objects.filter(pk=second.pk).exists()
    assert set(Name.objects.filter(person=first).values_list("text", flat=True)) == {
        "مەمەت تۇرسۇن",
        "Maimaiti Tuerxun",
        "Memet Tursun",
    }
    assert Name.objects.filter(person=first, kind=Name.Kind.PRIMARY).count() == 1
    assert set(Event.objects.filter(person=first).values_list("kind", flat=True)) == {
        Event.Kind.DISAPPEARANCE,
        Event.Kind.CAMP_DETENTION,
    }
    assert registry_models.Testimony.objects.filter(persons=first).count() == 2
    assert Evidence.objects.filter(persons=first).count() == 1
    relations = set(FamilyTie.objects.filter(person=first).values_list("relation", flat=True))
    assert relations == {FamilyTie.Relation.SIBLING, FamilyTie.Relation.CHILD}
    first.refresh_from_db()
    assert first.occupation == "teacher"
    assert "Almaty" in first.notes
    assert merge.actor == colleague and merge.reason == "Same birth date and sister."
    assert Decision.objects.filter(outcome=Decision.Outcome.SAME).count() == 1


def test_undo_restores_every_row_of_every_registry_table_exactly(
    two_records_of_memet,
    colleague,
) -> None:
    first, second = two_records_of_memet
    CandidatePair.objects.create(
        person=first,
        other_person=second,
        left_ref=f"person:{first.pk}",
        right_ref=f"person:{second.pk}",
        match_probability=0.97,
        match_weight=8.0,
    )
    before = all_registry_rows()
    pair = CandidatePair.objects.get()
    merge = services.accept_pair(colleague, pair, "Same person, same sister.")
    assert merge is not None
    assert all_registry_rows() != before

    restored = services.undo_merge(colleague, merge)

    assert restored.pk == second.pk
    after = all_registry_rows()
    for table, rows in before.items():
        assert after[table] == rows, table
    pair.refresh_from_db()
    assert pair.status == CandidatePair.Status.PENDING
    assert pair.other_person_id == second.pk
    assert not Decision.objects.exists()
    merge.refresh_from_db()
    assert merge.undone_by == colleague and merge.undone_at is not None


def test_a_merge_is_undone_only_once(two_records_of_memet, colleague) -> None:
    first, second = two_records_of_memet
    merge = services.merge_persons(colleague, first, second, "Same person.")
    services.undo_merge(colleague, merge)
    with pytest.raises(services.LinkageError):
        services.undo_merge(colleague, Merge.objects.get(pk=merge.pk))


def test_it_refuses_a_merge_without_a_reason(two_records_of_memet, colleague) -> None:
    first, second = two_records_of_memet
    with pytest.raises(services.LinkageError):
        services.merge_persons(colleague, first, second, "  ")
    assert Person.objects.filter(pk=second.pk).exists()


def test_family_members_may_not_merge_or_undo(two_records_of_memet, owner, colleague) -> None:
    first, second = two_records_of_memet
    with pytest.raises(PermissionDenied):
        services.merge_persons(owner, first, second, "I think so.")
    merge = services.merge_persons(colleague, first, second, "Same person.")
    with pytest.raises(PermissionDenied):
        services.undo_merge(owner, merge)
