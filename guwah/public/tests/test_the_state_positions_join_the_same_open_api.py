"""The record of state positions is part of the same open API: its operations are in the one
OpenAPI schema, answer what the older ``/positions/api/*.json`` addresses answer (which keep
working), and a code that names nothing is a declared 404. The states and statements are
synthetic."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from guwah.positions.models import Group, Instrument, Membership, Position, State

pytestmark = pytest.mark.django_db

BASE = "/memorial/api/v1"


@pytest.fixture
def statement() -> Instrument:
    france = State.objects.create(code="FRA", alpha_2="FR", numeric="250", name="France")
    instrument = Instrument.objects.create(
        code="JS-SYNTHETIC", kind="joint_statement", date="2019-07", forum="Synthetic forum"
    )
    Position.objects.create(
        state=france,
        instrument=instrument,
        stance="critical",
        date="2019-07",
        source_url="https://example.org/statement",
    )
    group = Group.objects.create(code="G7", name="Group of Seven")
    Membership.objects.create(
        group=group,
        state=france,
        name="France",
        role="member",
        source_url="https://example.org/members",
    )
    return instrument


def test_the_schema_describes_the_positions_beside_the_persons(client: Client) -> None:
    paths = client.get(f"{BASE}/openapi.json").json()["paths"]
    for path in (
        "/persons",
        "/positions/instruments",
        "/positions/instruments/{code}",
        "/positions/states",
        "/positions/states/{code}",
        "/positions/groups/{code}",
    ):
        assert f"{BASE}{path}" in paths, path
    assert "404" in paths[f"{BASE}/positions/states/{{code}}"]["get"]["responses"]


def test_the_positions_answer_what_the_older_addresses_answer(
    client: Client, statement: Instrument
) -> None:
    old = client.get(reverse("positions:api_instruments")).json()["instruments"]
    assert client.get(f"{BASE}/positions/instruments").json() == old
    old_state = client.get(reverse("positions:api_state", kwargs={"code": "FRA"})).json()
    assert client.get(f"{BASE}/positions/states/FRA").json() == old_state
    assert old_state["positions"][0]["stance"] == "critical"
    one = client.get(f"{BASE}/positions/instruments/{statement.code}").json()
    assert [p["iso3"] for p in one["positions"]] == ["FRA"]
    states = client.get(f"{BASE}/positions/states").json()
    assert [state["iso3"] for state in states] == ["FRA"]
    group = client.get(f"{BASE}/positions/groups/G7").json()
    assert group["counts_by_role"] == {"member": 1}


def test_a_code_that_names_nothing_is_a_404_not_an_error(
    client: Client, statement: Instrument
) -> None:
    for path in ("states/XXX", "instruments/NOT-A-CODE", "groups/NOPE", "groups/G7%20x"):
        response = client.get(f"{BASE}/positions/{path}")
        assert response.status_code == 404, path
        assert response.json()["detail"]


def test_a_group_recorded_by_year_needs_the_year(client: Client, statement: Any) -> None:
    Group.objects.create(code="HRC", name="Council", yearly=True)
    assert client.get(f"{BASE}/positions/groups/HRC").status_code == 400
    assert client.get(f"{BASE}/positions/groups/HRC", {"year": "1900"}).status_code == 404
