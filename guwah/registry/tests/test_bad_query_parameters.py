"""Every query parameter of the registry's pages is checked: a mangled link answers with the page
(the parameter falling back to its default) or with 400 and a message saying what it takes,
never with a server error."""

import pytest
from django.urls import reverse

from guwah.registry import services
from guwah.registry.models import Facility, Incident, Place

pytestmark = pytest.mark.django_db

JUNK = ["abc", "-1", "1e9", "\x00", "99999999999999999999", ""]


@pytest.fixture
def documenter_client(client, colleague, password):
    client.login(username="dilnur", password=password)
    return client


@pytest.fixture
def kashgar() -> Place:
    return Place.objects.create(code="653100", level=Place.Level.PREFECTURE, name_en="Kashgar")


@pytest.fixture
def camp(kashgar) -> Facility:
    return Facility.objects.create(kind=Facility.Kind.CAMP, name_en="Camp No. 3", place=kashgar)


@pytest.mark.parametrize("junk", JUNK)
def test_a_mangled_rows_count_is_refused_with_a_message_or_brought_into_range(
    documenter_client, aynurs_father, junk
):
    response = documenter_client.get(
        reverse("registry:relatives_add", args=[aynurs_father.pk]), {"rows": junk}
    )
    if junk in ("-1", "99999999999999999999", ""):
        assert response.status_code == 200
        rows = int(response.context["formset"].management_form["TOTAL_FORMS"].value())
        assert rows == {"-1": 1, "99999999999999999999": 60, "": 5}[junk]
    else:
        assert response.status_code == 400
        assert "rows" in response.content.decode()
        assert "whole number" in response.content.decode()


def test_a_rows_count_in_range_is_kept(documenter_client, aynurs_father):
    response = documenter_client.get(
        reverse("registry:relatives_add", args=[aynurs_father.pk]), {"rows": "12"}
    )
    assert response.status_code == 200
    assert int(response.context["formset"].management_form["TOTAL_FORMS"].value()) == 12


@pytest.mark.parametrize(
    "parameter", ["page", "status", "sex", "place", "facility", "visibility", "synthetic"]
)
def test_the_person_list_answers_any_filter_or_page(documenter_client, aynurs_father, parameter):
    for junk in JUNK:
        response = documenter_client.get(reverse("registry:person_list"), {parameter: junk})
        assert response.status_code == 200, junk
        persons = list(response.context["page"])
        if parameter == "page" and junk == "99999999999999999999":
            assert persons == []  # far past the end, but still a page
        else:
            # A filter that cannot be read is not applied (the form says why); a page number
            # that cannot be read shows the first page.
            assert aynurs_father in persons, junk


def test_the_person_list_searches_for_any_text(documenter_client, aynurs_father):
    for junk in JUNK:
        response = documenter_client.get(reverse("registry:person_list"), {"q": junk})
        assert response.status_code == 200, junk


def test_a_search_ignores_characters_that_do_not_show(documenter_client, aynurs_father):
    response = documenter_client.get(
        reverse("registry:person_list"), {"q": "\x00\u200fئەخمەت\u200b تۇرسۇن\u202e"}
    )
    assert response.status_code == 200
    assert list(response.context["page"]) == [aynurs_father]


def test_a_search_for_a_relative_answers_any_query(documenter_client, aynurs_father):
    for junk in JUNK:
        response = documenter_client.get(
            reverse("registry:tie_add", args=[aynurs_father.pk]), {"q": junk}
        )
        assert response.status_code == 200, junk


def test_the_facility_list_answers_any_kind_or_page(documenter_client, camp):
    for parameter in ("kind", "page"):
        for junk in JUNK:
            response = documenter_client.get(reverse("registry:facility_list"), {parameter: junk})
            assert response.status_code == 200, (parameter, junk)
            assert camp in list(response.context["page"]), (parameter, junk)


def test_the_other_paged_lists_answer_any_page_number(
    documenter_client, colleague, aynurs_father, camp
):
    services.add_event(colleague, aynurs_father, kind="camp", date="2018", facility=camp)
    Incident.objects.create(title="Arrests in Yengisheher, April 2017")
    for url in (
        reverse("registry:facility_detail", args=[camp.pk]),
        reverse("registry:incident_list"),
        reverse("registry:evidence_list"),
    ):
        for junk in JUNK:
            response = documenter_client.get(url, {"page": junk})
            assert response.status_code == 200, (url, junk)
            assert response.context["page"].number == 1, (url, junk)
