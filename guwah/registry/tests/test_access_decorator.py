"""The one decorator every view wears: who it lets through, who it sends to sign in, whom it
refuses."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from guwah.registry import access

pytestmark = pytest.mark.django_db


def page(request: HttpRequest) -> HttpResponse:
    return HttpResponse("the page")


def get(user: Any) -> HttpRequest:
    request = RequestFactory().get("/registry/people/?q=Tursun")
    request.user = user
    return request


def test_an_anonymous_visitor_is_sent_to_sign_in_and_back() -> None:
    response = access.requires(access.can_use_registry)(page)(get(AnonymousUser()))

    assert response.status_code == 302
    assert response["Location"] == (reverse("login") + "?next=/registry/people/%3Fq%3DTursun")


def test_a_public_page_opens_to_anonymous_visitors() -> None:
    response = access.requires(access.anyone)(page)(get(AnonymousUser()))

    assert response.content == b"the page"


def test_a_signed_in_user_without_the_permission_is_refused(owner: Any) -> None:
    with pytest.raises(PermissionDenied):
        access.requires(access.can_review_links)(page)(get(owner))


def test_a_user_with_the_permission_opens_the_page(colleague: Any) -> None:
    response = access.requires(access.can_review_links)(page)(get(colleague))

    assert response.content == b"the page"


def test_an_account_without_a_role_is_signed_in_but_may_not_use_the_registry(
    django_user_model: Any,
) -> None:
    bare = django_user_model.objects.create_user("bare")

    assert access.requires(access.signed_in)(page)(get(bare)).status_code == 200
    with pytest.raises(PermissionDenied):
        access.requires(access.can_use_registry)(page)(get(bare))


def test_the_view_carries_its_permission_for_the_url_walk() -> None:
    view = access.requires(access.can_edit_positions)(page)

    assert getattr(view, access.PERMISSION_ATTRIBUTE) is access.can_edit_positions
    assert view.__name__ == "page"
