"""A relative taken within a year of an urgent case, or in the same incident, is connected to
it: flagged, and put right after the urgent cases in the batch and on the dashboard."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.urls import reverse

from guwah.registry import services as registry
from guwah.registry.models import FamilyTie
from guwah.un import checks, services
from guwah.un.documents import urgency_order, write_batch
from guwah.un.models import Mechanism

from .conftest import TODAY, record_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(owner: Any, camp: Any) -> dict[str, Any]:
    urgent = record_person(owner, camp, date="2026-10-20")
    within_a_year = record_person(owner, camp, date="2026-02")
    long_before = record_person(owner, camp, date="2019-05")
    for relative in (within_a_year, long_before):
        registry.add_family_tie(owner, urgent, relative, FamilyTie.Relation.SIBLING)
    return {"urgent": urgent, "connected": within_a_year, "apart": long_before}


def test_a_relative_taken_within_a_year_of_an_urgent_case_is_connected(
    family: dict[str, Any],
) -> None:
    assert checks.is_urgent(family["urgent"], TODAY)
    assert checks.connected_urgent_cases(family["connected"], TODAY) == [family["urgent"]]


def test_a_relative_taken_years_before_is_not_connected(family: dict[str, Any]) -> None:
    assert checks.connected_urgent_cases(family["apart"], TODAY) == []


def test_a_case_of_the_same_incident_is_connected_even_without_a_family_tie(
    owner: Any, colleague: Any, camp: Any
) -> None:
    raid = registry.add_incident(colleague, title="Night raid (synthetic)", date="2026-10")
    urgent = record_person(owner, camp, date="2026-10-20")
    neighbour = registry.create_person(
        owner, names=[{"text": "Memet Qadir", "script": "ug-Latn"}], synthetic=True
    )
    # Taken more than a year earlier, but named in the same incident.
    registry.add_event(owner, neighbour, kind="arrest", date="2025-01", incident=raid)
    registry.add_event(owner, urgent, kind="arrest", date="2026-10-20", incident=raid)

    assert checks.connected_urgent_cases(neighbour, TODAY) == [urgent]


def test_connected_cases_come_right_after_urgent_ones_in_the_batch(
    family: dict[str, Any], owner: Any
) -> None:
    ordered = urgency_order([family["apart"], family["connected"], family["urgent"]], TODAY)
    assert ordered == [family["urgent"], family["connected"], family["apart"]]

    out = io.BytesIO()
    entries = write_batch(
        owner, [family["apart"], family["connected"], family["urgent"]], out, today=TODAY
    )
    assert [entry.person for entry in entries] == ordered
    assert entries[1].connected and not entries[2].connected
    with zipfile.ZipFile(out) as archive:
        assert f"wgeid-person-{family['connected'].pk}.docx" in archive.namelist()


def test_a_drafted_connected_case_is_flagged_and_listed_after_urgent_ones_on_the_dashboard(
    family: dict[str, Any], owner: Any, client: Any
) -> None:
    apart = services.draft_submission(owner, family["apart"], Mechanism.WGEID, TODAY)
    connected = services.draft_submission(owner, family["connected"], Mechanism.WGEID, TODAY)
    urgent = services.draft_submission(owner, family["urgent"], Mechanism.WGEID, TODAY)
    assert connected.connected and not apart.connected and not urgent.connected

    client.force_login(owner)
    page = client.get(reverse("un:dashboard")).content.decode()

    links = [reverse("un:person", kwargs={"pk": s.person.pk}) for s in (urgent, connected, apart)]
    positions = [page.index(f'href="{link}"') for link in links]
    assert positions == sorted(positions)
    assert "connected to an urgent case" in page
