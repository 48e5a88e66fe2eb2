"""Every review page is opened under the one permission for proposed matches, and reading a
page changes nothing."""

from __future__ import annotations

import pytest
from django.urls import get_resolver, reverse

from guwah.linkage import urls
from guwah.linkage.models import CandidatePair, Decision, Merge
from guwah.linkage.tests.conftest import all_registry_rows, person
from guwah.registry import access

pytestmark = pytest.mark.django_db


def test_every_linkage_view_wears_the_review_permission() -> None:
    for pattern in urls.urlpatterns:
        permission = getattr(pattern.callback, access.PERMISSION_ATTRIBUTE, None)
        assert permission is access.can_review_links, pattern.name


def test_the_linkage_urls_are_the_ones_checked() -> None:
    linkage = get_resolver().namespace_dict["linkage"][1]
    assert {p.name for p in linkage.url_patterns} == {p.name for p in urls.urlpatterns}


def test_opening_every_page_writes_nothing(client, colleague, password) -> None:
    first = person(colleague, [("Memet Tursun", "ug-Latn")])
    second = person(colleague, [("Maimaiti Tuerxun", "zh-Latn-pinyin")])
    pair = CandidatePair.objects.create(
        person=first,
        other_person=second,
        left_ref=f"person:{first.pk}",
        right_ref=f"person:{second.pk}",
        match_probability=0.97,
        match_weight=8.0,
    )
    merge = Merge.objects.create(
        survivor=first,
        survivor_ref=f"person:{first.pk}",
        merged_ref="person:999",
        snapshot=[],
        actor=colleague,
        reason="An earlier merge.",
    )
    client.login(username=colleague.username, password=password)
    before = (all_registry_rows(), list(CandidatePair.objects.values()), Decision.objects.count())

    pages = [
        reverse("linkage:queue"),
        reverse("linkage:pair_detail", args=[pair.pk]),
        reverse("linkage:pair_detail", args=[pair.pk]) + "?decision=accept&reason=GET",
        reverse("linkage:merge_list"),
        reverse("linkage:undo", args=[merge.pk]) + "?confirm=on",
    ]
    answers = [client.get(page).status_code for page in pages]

    assert answers == [200, 200, 200, 200, 405]
    after = (all_registry_rows(), list(CandidatePair.objects.values()), Decision.objects.count())
    assert after == before
    merge.refresh_from_db()
    assert merge.undone_at is None
