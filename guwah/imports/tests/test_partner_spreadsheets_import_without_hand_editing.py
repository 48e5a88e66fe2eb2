"""Lists shaped like the ones partners publish and keep come in with a mapping, unedited: a
workbook with a group header merged over its columns and dates as Excel day counts, and a list
shaped like the published victims' database."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from guwah.registry.models import Event, Evidence, Person

pytestmark = pytest.mark.django_db


def test_a_partner_workbook_with_merged_headers_and_excel_dates(colleague, kashgar, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["No.", "Name", None, "Born", "Detained", "County"])
    sheet.append([None, "Uyghur", "Chinese", None, None, None])
    sheet.merge_cells("B1:C1")
    sheet.merge_cells("A1:A2")
    sheet.append([1, "ئابدۇقادىر ياپچان", "阿不都卡德尔·亚甫泉", 22282, 42917, "喀什地区"])
    path = tmp_path / "partner.xlsx"
    workbook.save(path)
    mapping = tmp_path / "mapping.json"
    mapping.write_text(
        json.dumps(
            {
                "columns": {
                    "No.": "id",
                    "Name Uyghur": "name_ug_arab",
                    "Name Chinese": "name_zh",
                    "Born": "birth_date",
                    "Detained": "camp_date",
                    "County": "hometown",
                }
            }
        )
    )

    call_command("import", str(path), "--mapping", str(mapping), "--as", colleague.username)

    person = Person.objects.get()
    assert person.birth_date == "1961-01-01"
    assert person.hometown == kashgar
    assert set(person.names.values_list("text", flat=True)) == {
        "ئابدۇقادىر ياپچان",
        "阿不都卡德尔·亚甫泉",
    }
    assert person.events.get().date == "2017-07-01"


def test_a_list_shaped_like_the_victims_database(colleague, kashgar, write):
    text = (
        "Entry No.,Name (Latin),Name (Uyghur),Name (Chinese),Status,Hometown,Detained,Source\n"
        "12,Gulshan Abbas,گۈلشەن ئابباس,古丽仙·阿巴斯,sentenced,Kashgar,2018-09,"
        "https://example.org/testimony/12\n"
    )
    mapping = write(
        "mapping.json",
        json.dumps(
            {
                "Entry No.": "id",
                "Name (Latin)": "name_ug_latn",
                "Name (Uyghur)": "name_ug_arab",
                "Name (Chinese)": "name_zh",
                "Status": "status",
                "Hometown": "hometown",
                "Detained": "camp_date",
                "Source": "source",
            }
        ),
    )

    call_command(
        "import",
        str(write("victims.csv", text)),
        "--mapping",
        str(mapping),
        "--source",
        "victims-db",
        "--as",
        colleague.username,
    )

    person = Person.objects.get()
    assert sorted(person.events.values_list("kind", flat=True)) == [
        Event.Kind.CAMP_DETENTION,
        Event.Kind.SENTENCE,
    ]
    assert Evidence.objects.get().reference == "https://example.org/testimony/12"
    assert person.names.filter(text="گۈلشەن ئابباس", script="ug-Arab").exists()
