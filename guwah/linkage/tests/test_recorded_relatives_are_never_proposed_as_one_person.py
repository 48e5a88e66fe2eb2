"""Two persons the registry records as relatives are related, not the same: not proposed."""

from __future__ import annotations

from guwah.linkage import services
from guwah.linkage.models import CandidatePair
from guwah.linkage.tests.conftest import person
from guwah.registry import services as registry_services
from guwah.registry.models import FamilyTie, IdentityDocument


def _proposed() -> set[frozenset[int]]:
    return {
        frozenset((pair.person_id, pair.other_person_id))
        for pair in CandidatePair.objects.filter(status=CandidatePair.Status.PENDING)
    }


def _memet(reported_twice) -> frozenset[int]:
    return frozenset((reported_twice["memet_arabic"].pk, reported_twice["memet_pinyin"].pk))


def test_a_pair_with_a_family_tie_between_them_is_kept_out_of_the_queue(
    colleague, reported_twice
) -> None:
    registry_services.add_family_tie(
        colleague,
        reported_twice["memet_arabic"],
        reported_twice["memet_pinyin"],
        FamilyTie.Relation.SIBLING,
    )
    run = services.run_dedupe()
    assert _memet(reported_twice) not in _proposed()
    assert run.related == 1


def test_two_children_of_one_recorded_parent_are_kept_out_of_the_queue(
    colleague, reported_twice, places
) -> None:
    father = person(colleague, [("تۇرسۇن ئابلا", "ug-Arab")], sex="m")
    for child in ("memet_arabic", "memet_pinyin"):
        registry_services.add_family_tie(
            colleague, reported_twice[child], father, FamilyTie.Relation.PARENT
        )
    services.run_dedupe()
    assert _memet(reported_twice) not in _proposed()


def test_a_pair_proposed_before_the_tie_was_recorded_is_withdrawn(
    colleague, reported_twice
) -> None:
    services.run_dedupe()
    assert _memet(reported_twice) in _proposed()
    registry_services.add_family_tie(
        colleague,
        reported_twice["memet_arabic"],
        reported_twice["memet_pinyin"],
        FamilyTie.Relation.SIBLING,
    )
    services.run_dedupe()
    assert _memet(reported_twice) not in _proposed()


def test_the_same_identity_number_outweighs_a_recorded_tie(colleague, reported_twice) -> None:
    for side in ("memet_arabic", "memet_pinyin"):
        registry_services.add_identity_document(
            colleague,
            reported_twice[side],
            kind=IdentityDocument.Kind.PRC_RESIDENT_ID,
            number="65310119680101123X",
        )
    registry_services.add_family_tie(
        colleague,
        reported_twice["memet_arabic"],
        reported_twice["memet_pinyin"],
        FamilyTie.Relation.SIBLING,
    )
    run = services.run_dedupe()
    assert _memet(reported_twice) in _proposed()
    assert run.related == 0
