"""A case or an evidence item climbs from reported to corroborated only with a second source, and
to verified only by a second documenter who ticked every item of the written checklist; a
refused step changes nothing."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError

from guwah.registry import services
from guwah.registry.models import Evidence, Verification
from guwah.registry.roles import Role
from guwah.registry.verification import CHECKLIST

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_documenter(django_user_model):
    user = django_user_model.objects.create_user(username="gulnar", password="x" * 20)
    user.groups.add(Group.objects.get_or_create(name=Role.DOCUMENTER.value)[0])
    return user


def _report(actor, persons, title):
    return services.add_evidence(
        actor,
        persons,
        kind=Evidence.Kind.NEWS_REPORT,
        title=title,
        reference="https://example.org/synthetic",
    )


def test_every_record_starts_as_reported(aynurs_father, colleague):
    assert aynurs_father.verification == Verification.REPORTED
    assert _report(colleague, [aynurs_father], "One").verification == Verification.REPORTED


def test_one_source_does_not_corroborate_a_case(aynurs_father, colleague):
    _report(colleague, [aynurs_father], "Only one")
    with pytest.raises(ValidationError) as refused:
        services.corroborate(colleague, aynurs_father)
    assert "second" in str(refused.value)
    aynurs_father.refresh_from_db()
    assert aynurs_father.verification == Verification.REPORTED


def test_a_family_member_does_not_move_their_own_case_up(aynurs_father, owner, colleague):
    _report(colleague, [aynurs_father], "One")
    _report(colleague, [aynurs_father], "Two")
    with pytest.raises(PermissionDenied):
        services.corroborate(owner, aynurs_father)


def test_a_case_climbs_the_ladder_with_a_second_source_and_a_second_documenter(
    aynurs_father, colleague, second_documenter
):
    _report(colleague, [aynurs_father], "One")
    services.add_testimony(
        colleague, [aynurs_father], witness_name="Synthetic witness", text="Synthetic account."
    )
    services.corroborate(colleague, aynurs_father)
    aynurs_father.refresh_from_db()
    assert aynurs_father.verification == Verification.CORROBORATED
    assert aynurs_father.corroborated_by == colleague

    # Whoever corroborated it cannot also verify it.
    with pytest.raises(ValidationError):
        services.verify(colleague, aynurs_father, CHECKLIST)
    # Every item of the checklist is needed, and only those.
    with pytest.raises(ValidationError) as missing:
        services.verify(second_documenter, aynurs_father, ["identity", "timeline"])
    assert str(CHECKLIST["consent"]) in str(missing.value)
    with pytest.raises(ValidationError):
        services.verify(second_documenter, aynurs_father, [*CHECKLIST, "looked fine"])
    aynurs_father.refresh_from_db()
    assert aynurs_father.verification == Verification.CORROBORATED

    services.verify(second_documenter, aynurs_father, CHECKLIST)
    aynurs_father.refresh_from_db()
    assert aynurs_father.verification == Verification.VERIFIED
    assert aynurs_father.verified_by == second_documenter
    assert aynurs_father.verified_at is not None
    assert aynurs_father.verification_checklist == ",".join(sorted(CHECKLIST))
    assert aynurs_father.history.first().history_user == second_documenter


def test_an_evidence_item_is_corroborated_by_another_source_about_the_same_person(
    aynurs_father, murats_brother, colleague, second_documenter
):
    first = _report(colleague, [aynurs_father], "First")
    _report(colleague, [murats_brother], "About someone else")
    with pytest.raises(ValidationError):
        services.corroborate(colleague, first)
    _report(colleague, [aynurs_father], "Second")
    services.corroborate(colleague, first)
    services.verify(second_documenter, first, CHECKLIST)
    first.refresh_from_db()
    assert first.verification == Verification.VERIFIED


def test_a_record_is_not_corroborated_twice(aynurs_father, colleague):
    _report(colleague, [aynurs_father], "One")
    _report(colleague, [aynurs_father], "Two")
    services.corroborate(colleague, aynurs_father)
    with pytest.raises(ValidationError):
        services.corroborate(colleague, aynurs_father)
