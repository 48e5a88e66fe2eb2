"""The CSV and JSON exports and the JSON API say exactly what the database holds."""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from guwah.positions import services
from guwah.positions.models import Instrument, Position

pytestmark = pytest.mark.django_db


def _positions_in_database() -> set[tuple[str, str, str, str, str]]:
    return set(
        Position.objects.values_list("state_id", "instrument__code", "stance", "date", "source_url")
    )


def test_the_positions_csv_holds_every_position_in_the_database(
    client: Client, loaded: services.LoadReport
) -> None:
    response = client.get(reverse("positions:export_positions_csv"))

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    exported = {
        (row["iso3"], row["instrument"], row["stance"], row["date"], row["source_url"])
        for row in rows
    }
    assert len(rows) == Position.objects.count()
    assert exported == _positions_in_database()


def test_the_csv_of_one_state_holds_only_its_positions(
    client: Client, loaded: services.LoadReport
) -> None:
    response = client.get(reverse("positions:export_positions_csv"), {"state": "FRA"})

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {row["iso3"] for row in rows} == {"FRA"}
    assert len(rows) == Position.objects.filter(state_id="FRA").count()
    assert 'filename="positions-fra.csv"' in response["Content-Disposition"]


def test_the_json_export_matches_the_database(client: Client, loaded: services.LoadReport) -> None:
    data = client.get(reverse("positions:export_json")).json()

    exported = {
        (p["iso3"], p["instrument"], p["stance"], p["date"], p["source_url"])
        for p in data["positions"]
    }
    assert exported == _positions_in_database()
    counts = {item["code"]: item["named_count"] for item in data["instruments"]}
    assert counts == dict(Counter(Position.objects.values_list("instrument__code", flat=True)))
    assert {item["code"] for item in data["instruments"]} == set(
        Instrument.objects.values_list("code", flat=True)
    )


def test_the_api_gives_the_hrc51_vote_with_its_counts(
    client: Client, loaded: services.LoadReport
) -> None:
    data = client.get(reverse("positions:api_instrument", args=["HRC51-L6-vote"])).json()

    assert data["counts_by_stance"] == {"yes": 17, "no": 19, "abstain": 11}
    assert data["reported_count"] == 47
    assert len(data["positions"]) == 47


def test_the_api_gives_a_state_with_its_record(client: Client, loaded: services.LoadReport) -> None:
    data = client.get(reverse("positions:api_state", args=["CHN"])).json()

    assert data["summary"] == "always-supportive"
    assert len(data["positions"]) == Position.objects.filter(state_id="CHN").count()
    states = client.get(reverse("positions:api_states")).json()["states"]
    assert {state["iso3"]: state["summary"] for state in states}["FRA"] == "always-critical"


def test_an_export_loads_back_without_changing_anything(
    client: Client, tmp_path: Path, administrator, loaded: services.LoadReport
) -> None:
    (tmp_path / "positions.csv").write_bytes(
        client.get(reverse("positions:export_positions_csv")).content
    )
    (tmp_path / "instruments.csv").write_bytes(
        client.get(reverse("positions:export_instruments_csv")).content
    )

    report = services.load(administrator, tmp_path / "positions.csv")

    assert not report.changed_anything
    assert report.positions_unchanged == Position.objects.count()
