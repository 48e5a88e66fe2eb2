"""The Excel export is written through openpyxl's write-only mode, a chunk of persons at a
time, and holds the same cells as the workbook of the whole document."""

from __future__ import annotations

import io

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse
from openpyxl import load_workbook

from guwah.imports.export import as_xlsx, export_document, records, stream
from guwah.registry import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def persons(administrator, monkeypatch):
    # Chunks of two persons, so that five persons take three chunks.
    monkeypatch.setattr(records, "CHUNK", 2)
    monkeypatch.setattr(records.in_order_of_ids, "__defaults__", (2,))
    for number, name in enumerate(["Ablet", "Gulnar", "Memet", "Tursun", "Zohre"]):
        person = services.create_person(
            administrator,
            names=[
                {"text": f"{name} Synthetic", "script": "ug-Latn"},
                {"text": "ئابلەت", "script": "ug-Arab", "kind": "alias"},
            ],
            birth_date=f"19{70 + number}",
            visibility="internal",
            # A cell a spreadsheet would run as a formula is written as text.
            notes='=HYPERLINK("https://example.org")' if number == 0 else "Synthetic.",
            synthetic=True,
        )
        services.add_event(administrator, person, kind="camp", date="2018", synthetic=True)
    return administrator


def cells(data: bytes) -> dict[str, list[tuple]]:
    workbook = load_workbook(io.BytesIO(data), read_only=True)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook}


def test_the_streamed_workbook_holds_the_cells_of_the_whole_one(persons):
    streamed = cells(b"".join(stream(persons, "xlsx")))

    assert streamed == cells(as_xlsx(export_document(persons)))
    assert list(streamed) == ["persons", "events", "acts", "biographic_details", "sources"]
    assert len(streamed["persons"]) == 6 and len(streamed["acts"]) == 6
    assert streamed["persons"][1][1] == "Ablet Synthetic"
    assert "ئابلەت" in streamed["persons"][1]
    assert not any(str(cell).startswith("=") for row in streamed["persons"] for cell in row)


def test_the_export_page_streams_the_workbook(client, persons):
    client.force_login(persons)

    response = client.get(reverse("imports:export"), {"format": "xlsx"})

    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert cells(b"".join(response.streaming_content))["persons"][0][:2] == ("id", "name")
