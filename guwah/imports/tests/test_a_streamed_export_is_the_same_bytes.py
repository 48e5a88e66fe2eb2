"""CSV and JSON exports are written out a chunk of persons at a time, to a file, standard
output or a browser, and are the same bytes as the export built whole."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.http import StreamingHttpResponse
from django.urls import reverse

from guwah.imports.export import as_csv, as_json, export_document, records, stream
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
            names=[{"text": f"{name} Synthetic", "script": "ug-Latn"}],
            birth_date=f"19{70 + number}",
            visibility="internal",
            # A line separator and a next-line character in a note stay as they are.
            notes="Synthetic.\u2028Seen in 2018.\x85Not since.",
            synthetic=True,
        )
        services.add_event(administrator, person, kind="camp", date="2018", synthetic=True)
    return administrator


@pytest.mark.parametrize("format, whole", [("json", as_json), ("csv", as_csv)])
def test_the_streamed_export_is_the_whole_export_in_pieces(persons, format, whole):
    pieces = list(stream(persons, format))

    assert b"".join(pieces) == whole(export_document(persons))


def test_the_command_writes_the_stream_to_standard_output(persons, capsysbinary):
    call_command("export", "--format", "json", "--as", persons.username, "-")

    assert capsysbinary.readouterr().out == as_json(export_document(persons))


def test_the_export_page_streams_json_and_csv(client, persons):
    client.force_login(persons)
    for format in ("json", "csv"):
        response = client.get(reverse("imports:export"), {"format": format})

        assert response.status_code == 200
        assert isinstance(response, StreamingHttpResponse)
        assert b"".join(response.streaming_content) == b"".join(stream(persons, format))


def test_an_export_to_a_directory_that_does_not_exist_is_a_clear_error(persons, tmp_path):
    with pytest.raises(CommandError, match="cannot be written"):
        call_command(
            "export", "--format", "json", "--as", persons.username, str(tmp_path / "no" / "x")
        )
