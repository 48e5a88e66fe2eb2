"""The public pages: no sign-in, readable without JavaScript, honest about what is unknown."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from guwah.positions import services
from guwah.positions.models import Position

pytestmark = pytest.mark.django_db


def test_with_nothing_loaded_the_map_says_how_to_load_the_record(client: Client) -> None:
    response = client.get(reverse("positions:map"))

    assert response.status_code == 200
    assert "guwah positions load" in response.content.decode()
    timeline = client.get(reverse("positions:timeline")).content.decode()
    assert "No instruments have been recorded yet" in timeline


def test_the_map_page_carries_its_facts_as_a_table_and_as_json(
    client: Client, loaded: services.LoadReport
) -> None:
    response = client.get(reverse("positions:map"), {"show": "HRC51-L6-vote"})

    page = response.content.decode()
    assert response.status_code == 200
    rows = response.context["rows"]
    assert sum(row.category.key == "yes" for row in rows) == 17
    assert sum(row.category.key == "no" for row in rows) == 19
    assert sum(row.category.key == "abstain" for row in rows) == 11
    assert reverse("positions:state", args=["FRA"]) in page
    data = json.loads(
        re.search(r'id="positions-map-data"[^>]*>(.*?)</script>', page, re.S).group(1)
    )
    assert data["colouring"]["FRA"] == "yes"
    assert data["colouring"]["CHN"] == "no"
    assert data["numeric"]["250"] == "FRA"
    # No inline script: the content security policy forbids them.
    assert "<script>" not in page


def test_the_summary_map_tells_apart_states_that_changed_sides_and_never_spoke(
    client: Client, loaded: services.LoadReport
) -> None:
    colouring = client.get(reverse("positions:api_map")).json()["colouring"]

    stances = services.stances_by_state()
    assert colouring["FRA"] == "always-critical"
    assert colouring["CHN"] == "always-supportive"
    never = [code for code, key in colouring.items() if key == "never-spoke"]
    assert never and not any(stances.get(code) for code in never)
    changed = [code for code, key in colouring.items() if key == "changed-sides"]
    for code in changed:
        assert {"critical", "supportive"} <= {
            {"yes": "critical", "recognition": "critical", "no": "supportive"}.get(s, s)
            for s in stances[code]
        }


def test_a_state_page_lists_every_position_with_its_source(
    client: Client, loaded: services.LoadReport
) -> None:
    response = client.get(reverse("positions:state", args=["fra"]))

    page = response.content.decode()
    positions = Position.objects.filter(state_id="FRA")
    assert positions.count() == len(response.context["positions"]) > 5
    for position in positions:
        assert position.source_url in page
        assert position.instrument.code in page
    assert 'dir="auto"' in page


def test_a_state_that_never_spoke_has_a_page_that_says_so(
    client: Client, loaded: services.LoadReport
) -> None:
    assert not Position.objects.filter(state_id="BRN").exists()

    page = client.get(reverse("positions:state", args=["BRN"])).content.decode()

    assert "Never spoke" in page
    assert "No position of" in page


def test_an_instrument_page_shows_its_signatories_and_the_names_still_missing(
    client: Client, loaded: services.LoadReport
) -> None:
    response = client.get(reverse("positions:instrument", args=["HRC47-critical"]))

    page = response.content.decode()
    assert sum(len(group) for group in response.context["groups"].values()) == 38
    assert "44" in page
    assert "6 participants not yet named" in page


def test_the_timeline_lists_every_instrument_in_date_order_with_its_counts(
    client: Client, loaded: services.LoadReport
) -> None:
    response = client.get(reverse("positions:timeline"))

    items = [item for items in response.context["years"].values() for item in items]
    dates = [item["summary"].instrument.date for item in items]
    assert len(items) == 30
    assert dates == sorted(dates)
    assert "38 states named" in response.content.decode()


def test_state_names_follow_the_language_of_the_page(
    client: Client, loaded: services.LoadReport
) -> None:
    page = client.get(
        reverse("positions:state", args=["FRA"]), headers={"accept-language": "zh-hans"}
    ).content.decode()

    assert "法国" in page


def test_unknown_states_and_instruments_are_not_found(
    client: Client, loaded: services.LoadReport
) -> None:
    assert client.get(reverse("positions:state", args=["XYZ"])).status_code == 404
    assert client.get(reverse("positions:instrument", args=["nothing"])).status_code == 404
