"""Opening an editor's form only reads: no state is added, no history row is written."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from guwah.positions import services
from guwah.positions.models import Instrument, Position, State

pytestmark = pytest.mark.django_db


def _rows() -> tuple[int, ...]:
    return (
        State.objects.count(),
        State.history.count(),
        Instrument.objects.count(),
        Instrument.history.count(),
        Position.objects.count(),
        Position.history.count(),
    )


def test_the_empty_forms_write_nothing_on_an_empty_installation(colleague, password: str) -> None:
    client = Client()
    client.login(username=colleague.username, password=password)

    for name in ("positions:instrument_add", "positions:position_add"):
        response = client.get(reverse(name), {"state": "FRA"})
        assert response.status_code == 200

    assert _rows() == (0, 0, 0, 0, 0, 0)


def test_the_forms_of_recorded_entries_write_nothing(
    colleague, password: str, loaded: services.LoadReport
) -> None:
    client = Client()
    client.login(username=colleague.username, password=password)
    position = Position.objects.get(state_id="FRA", instrument__code="HRC50-critical")
    before = _rows()

    for url in (
        reverse("positions:instrument_edit", args=["HRC50-critical"]),
        reverse("positions:position_edit", args=[position.pk]),
        reverse("positions:position_add") + "?instrument=HRC50-critical&state=deu",
    ):
        assert client.get(url).status_code == 200

    assert _rows() == before


def test_the_state_picker_offers_every_iso_country_before_any_is_recorded(
    colleague, password: str
) -> None:
    client = Client()
    client.login(username=colleague.username, password=password)

    form = client.get(reverse("positions:position_add"), {"state": "fra"}).context["form"]

    codes = [code for code, _label in form.fields["state"].choices]
    assert len(codes) == 249
    assert "FRA" in codes and "CHN" in codes
    assert form["state"].value() == "FRA"


def test_a_first_position_on_an_empty_installation_adds_its_state_in_the_editors_name(
    colleague, password: str
) -> None:
    client = Client()
    client.login(username=colleague.username, password=password)
    client.post(
        reverse("positions:instrument_add"),
        {"code": "HRC41-letter", "kind": "letter", "date": "2019-07", "forum": "HRC41"},
    )

    response = client.post(
        reverse("positions:position_add"),
        {
            "instrument": "HRC41-letter",
            "state": "GBR",
            "stance": "critical",
            "source_url": "https://www.gov.example/letter",
        },
    )

    assert response.status_code == 302
    assert list(State.objects.values_list("code", flat=True)) == ["GBR"]
    added = State.history.get()
    assert (added.code, added.history_type, added.history_user) == ("GBR", "+", colleague)
