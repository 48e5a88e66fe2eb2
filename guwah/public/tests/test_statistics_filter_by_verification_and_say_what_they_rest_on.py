"""The statistics can count only the records from a step of the verification ladder up, and
say how many records on each step they rest on; an unknown step counts everything."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from guwah.public import reading
from guwah.registry import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def corroborated(memtimin: Any, colleague: Any) -> Any:
    services.add_testimony(colleague, [memtimin], witness_name="W", text="Internal account.")
    return services.corroborate(colleague, memtimin)


def test_every_published_record_is_counted_by_default_with_its_step(
    corroborated: Any, gulbahar: Any
) -> None:
    statistics = reading.public_statistics()
    assert statistics.total == 2
    assert {facet.value: facet.count for facet in statistics.by_verification} == {
        "reported": 1,
        "corroborated": 1,
        "verified": 0,
    }


def test_counting_from_corroborated_up_leaves_out_reported_records(
    client: Client, corroborated: Any, gulbahar: Any
) -> None:
    data = client.get(reverse("memorial:api_statistics"), {"verification": "corroborated"}).json()
    assert data["total"] == 1
    assert data["verification"] == "corroborated"
    assert {row["value"]: row["count"] for row in data["by_verification"]} == {
        "corroborated": 1,
        "verified": 0,
    }
    assert {row["label"]: row["count"] for row in data["by_prefecture"]} == {"Kashgar": 1}
    page = client.get(reverse("memorial:statistics"), {"verification": "corroborated"})
    body = page.content.decode()
    assert "What the figures rest on" in body
    assert "checked by a second documenter" in body  # what each step means


def test_an_unknown_step_counts_everything(
    client: Client, corroborated: Any, gulbahar: Any
) -> None:
    data = client.get(reverse("memorial:api_statistics"), {"verification": "rumoured"}).json()
    assert data["total"] == 2 and data["verification"] == ""
