"""A government's rebuttal of an entry is recorded with who said it, where and when, and the
organisation's answer; incomplete input is refused whole; a rebuttal is never deleted, and the
person it disputes cannot be deleted from under it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError
from django.urls import reverse

from guwah.registry import services
from guwah.registry.models import Rebuttal

pytestmark = pytest.mark.django_db


def _rebut(actor, person, **changes):
    fields = {
        "claimant": "Regional government spokesperson",
        "claim": "He is living a normal life and was never detained.",
        "source": "Press conference, synthetic example",
        "source_url": "https://example.org/press",
        "claimed_on": "2019-03",
    }
    return services.add_rebuttal(actor, person, **{**fields, **changes})


def test_a_rebuttal_is_recorded_and_answered(aynurs_father, colleague):
    rebuttal = _rebut(colleague, aynurs_father)
    assert rebuttal.answer == "" and rebuttal.answered_at is None
    services.answer_rebuttal(
        colleague, rebuttal, "His daughter has had no contact since 2017; no proof of life."
    )
    rebuttal.refresh_from_db()
    assert rebuttal.answer.startswith("His daughter")
    assert rebuttal.answered_at is not None
    assert rebuttal.history.count() == 2
    assert rebuttal.history.first().history_user == colleague


def test_incomplete_or_unreadable_input_is_refused_and_nothing_is_saved(aynurs_father, colleague):
    with pytest.raises(ValidationError) as refused:
        _rebut(colleague, aynurs_father, claimant=" ", source="", claimed_on="next spring")
    assert set(refused.value.message_dict) == {"claimant", "source", "claimed_on"}
    assert not Rebuttal.objects.exists()
    rebuttal = _rebut(colleague, aynurs_father)
    with pytest.raises(ValidationError):
        services.answer_rebuttal(colleague, rebuttal, "   ")
    rebuttal.refresh_from_db()
    assert rebuttal.answer == ""


def test_only_the_organisation_records_rebuttals(aynurs_father, owner):
    with pytest.raises(PermissionDenied):
        _rebut(owner, aynurs_father)
    assert not Rebuttal.objects.exists()


def test_the_disputed_person_cannot_be_deleted_from_under_the_rebuttal(aynurs_father, colleague):
    _rebut(colleague, aynurs_father)
    with pytest.raises(ProtectedError):
        aynurs_father.delete()
    assert not hasattr(services, "delete_rebuttal")


def test_deleting_a_disputed_record_is_refused_with_a_reason(
    client, aynurs_father, colleague, administrator
):
    _rebut(colleague, aynurs_father)
    with pytest.raises(ValidationError):
        services.delete_person(administrator, aynurs_father)
    client.force_login(administrator)
    response = client.post(
        reverse("registry:person_delete", kwargs={"pk": aynurs_father.pk}), follow=True
    )
    assert "never deleted" in response.content.decode()
    assert Rebuttal.objects.filter(person=aynurs_father).exists()
