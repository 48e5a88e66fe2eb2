"""Only reviewers publish, only with the family's consent; withdrawing consent unpublishes."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from guwah.registry import services
from guwah.registry.models import Visibility

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("user", ["owner", "colleague"])
def test_it_refuses_publication_by_anyone_but_a_reviewer(request, user, aynurs_father):
    services.set_consent(request.getfixturevalue("owner"), aynurs_father, publish=True)
    with pytest.raises(PermissionDenied):
        services.set_visibility(request.getfixturevalue(user), aynurs_father, Visibility.PUBLIC)
    aynurs_father.refresh_from_db()
    assert aynurs_father.visibility == Visibility.RESTRICTED


def test_it_refuses_to_publish_without_the_familys_consent(reviewer, aynurs_father):
    with pytest.raises(ValidationError):
        services.set_visibility(reviewer, aynurs_father, Visibility.PUBLIC)
    aynurs_father.refresh_from_db()
    assert aynurs_father.visibility == Visibility.RESTRICTED


def test_a_reviewer_publishes_with_consent(owner, reviewer, aynurs_father):
    services.set_consent(owner, aynurs_father, publish=True)
    services.set_visibility(reviewer, aynurs_father, Visibility.PUBLIC)
    aynurs_father.refresh_from_db()
    assert aynurs_father.visibility == Visibility.PUBLIC


def test_withdrawing_consent_takes_a_public_record_back(owner, reviewer, aynurs_father):
    services.set_consent(owner, aynurs_father, publish=True)
    services.set_visibility(reviewer, aynurs_father, Visibility.PUBLIC)
    services.set_consent(owner, aynurs_father, publish=False)
    aynurs_father.refresh_from_db()
    assert aynurs_father.visibility == Visibility.INTERNAL


def test_a_family_member_cannot_create_a_public_record(owner):
    with pytest.raises(PermissionDenied):
        services.create_person(
            owner,
            names=[{"text": "Alim", "script": "ug-Latn"}],
            visibility=Visibility.PUBLIC,
            consent_publish=True,
        )
