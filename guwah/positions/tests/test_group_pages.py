from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_oic_page_shows_its_members_map_and_comparison(grouped, client) -> None:
    response = client.get(reverse("positions:group", args=["OIC"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Organisation of Islamic Cooperation" in page
    assert 'id="positions-map-data"' in page
    assert 'id="comparison"' in page
    assert "Turkish Cypriot State" in page
    assert len(response.context["member_rows"]) == 62
    assert response.context["members"] == 57


def test_the_council_page_opens_on_its_latest_year(grouped, client) -> None:
    response = client.get(reverse("positions:group", args=["HRC"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("positions:group_year", args=["HRC", 2026])


def test_the_council_of_2022_shows_each_members_vote(grouped, client) -> None:
    response = client.get(reverse("positions:group_year", args=["HRC", 2022]))
    assert response.status_code == 200
    assert response.context["members"] == 47
    codes = [instrument.code for instrument in response.context["columns"]]
    assert "HRC51-L6-vote" in codes
    column = codes.index("HRC51-L6-vote")
    by_state = {
        row.membership.state_id: row.outcomes[column].key for row in response.context["member_rows"]
    }
    assert by_state["PAK"] == "supportive"
    assert by_state["GBR"] == "critical"
    assert by_state["IND"] == "abstained"
    # Suspended in April 2022, Russia had no vote in October.
    assert by_state["RUS"] == "no-chance"


def test_the_map_of_a_group_on_one_instrument_colours_only_its_members(grouped, client) -> None:
    response = client.get(reverse("positions:group", args=["OIC"]) + "?show=HRC51-L6-vote")
    colouring = response.context["map_data"]["colouring"]
    assert len(colouring) == 57
    assert colouring["PAK"] == "supportive"
    assert colouring["EGY"] == "no-chance"
    assert "FRA" not in colouring


def test_a_year_the_council_is_not_recorded_for_is_not_found(grouped, client) -> None:
    assert client.get(reverse("positions:group_year", args=["HRC", 2010])).status_code == 404
    assert client.get(reverse("positions:group_year", args=["OIC", 2022])).status_code == 404


def test_groups_side_by_side_default_to_the_latest_vote(grouped, client) -> None:
    response = client.get(reverse("positions:groups"))
    assert response.context["instrument"].code == "HRC51-L6-vote"
    rows = {row["group"].code: row for row in response.context["rows"]}
    assert rows["HRC"]["members"] == 47
    council = {category.key: n for category, n in rows["HRC"]["counts"]}
    assert council == {
        "critical": 17,
        "supportive": 19,
        "abstained": 11,
        "silent": 0,
        "no-chance": 0,
    }


def test_groups_side_by_side_on_a_joint_statement(grouped, client) -> None:
    response = client.get(reverse("positions:groups") + "?show=UNGA77-3C-critical")
    rows = {
        row["group"].code: dict((c.key, n) for c, n in row["counts"])
        for row in response.context["rows"]
    }
    assert rows["EU"]["critical"] + rows["EU"]["silent"] == 27
    assert rows["EU"]["critical"] > 20
    assert rows["EU"]["no-chance"] == 0


def test_the_group_pages_render_in_uyghur(grouped, client) -> None:
    client.cookies["django_language"] = "ug"
    response = client.get(reverse("positions:group", args=["OIC"]), HTTP_ACCEPT_LANGUAGE="ug")
    assert response.status_code == 200
