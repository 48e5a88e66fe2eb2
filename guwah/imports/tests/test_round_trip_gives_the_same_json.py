"""Export, import into an empty registry, export again: the same bytes."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from guwah.evidence.models import CustodyEvent, EvidenceFile
from guwah.imports.models import ImportedRecord
from guwah.registry import models as registry_models
from guwah.registry import services
from guwah.registry.models import Event, Evidence, Facility, Incident, Person, Place

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(kashgar):
    """Kashgar within the region, a village without a code within Kashgar, and a camp whose
    coordinates and whereabouts came with no recorded source, as the demonstration's do."""
    region = Place.objects.create(
        code="650000", level=Place.Level.REGION, name_en="Xinjiang", name_zh="新疆"
    )
    kashgar.parent = region
    kashgar.latitude, kashgar.longitude = 39.47, 75.99
    kashgar.save()
    village = Place.objects.create(
        level=Place.Level.VILLAGE,
        name_en="Yengi Mehelle",
        name_ug_arab="يېڭى مەھەللە",
        parent=kashgar,
    )
    Facility.objects.create(
        kind=Facility.Kind.PRISON,
        name_en="Synthetic Prison No. 2",
        name_zh="第二监狱",
        place=village,
        latitude=39.5,
        longitude=76.0,
        security_tier=3,
        synthetic=True,
    )
    return village


@pytest.fixture
def registry(administrator, kashgar, camp, places):
    """A family with a tie, events citing testimony and evidence (one with a file), an
    incident, Uyghur and Chinese names, places in a hierarchy and two facilities."""
    mother = services.create_person(
        administrator,
        names=[
            {"text": "رەنا مەمەت", "script": "ug-Arab", "kind": "primary"},
            {"text": "热娜·麦麦提", "script": "zh-Hans", "kind": "official_zh"},
        ],
        birth_date="about 1960",
        hometown=kashgar,
        sex="f",
    )
    son = services.create_person(
        administrator,
        names=[{"text": "Ekrem Memet", "script": "ug-Latn"}],
        birth_date="1988-04",
        visibility="public",
        consent_publish=True,
    )
    services.add_family_tie(administrator, mother, son, "child", note="her eldest")
    services.add_identity_document(administrator, son, kind="prc_id", number="653101198804011234")
    raid = services.add_incident(administrator, title="Night raid", date="2017-04", place=places)
    testimony = services.add_testimony(
        administrator, [mother, son], witness_name="Aynur", text="They were taken at night."
    )
    report = services.add_evidence(
        administrator,
        [son],
        kind=Evidence.Kind.OFFICIAL_DOCUMENT,
        title="Detention notice",
        file=SimpleUploadedFile("notice.pdf", b"%PDF-1.4\n%notice\n%%EOF\n"),
        reliability="B",
    )
    link = services.add_evidence(
        administrator, [son], kind="news_report", title="Report", reference="https://example.org/r"
    )
    services.add_event(
        administrator,
        son,
        kind=Event.Kind.CAMP_DETENTION,
        date="2017-04",
        facility=camp,
        incident=raid,
        testimonies=[testimony],
        evidence=[report, link],
    )
    services.add_event(
        administrator,
        son,
        kind=Event.Kind.SENTENCE,
        date="2018",
        sentence_months=120,
        facility=Facility.objects.get(name_en="Synthetic Prison No. 2"),
    )
    return administrator


def empty_the_registry() -> None:
    """Nothing left but the users: no records, no facilities, no places."""
    CustodyEvent.objects.all().delete()
    EvidenceFile.objects.all().delete()
    Event.objects.all().delete()
    registry_models.Testimony.objects.all().delete()
    Evidence.objects.all().delete()
    Person.objects.all().delete()
    Incident.objects.all().delete()
    Facility.objects.all().delete()
    while Place.objects.exists():
        Place.objects.filter(children=None).delete()
    assert not ImportedRecord.objects.exists()


@pytest.mark.parametrize("format, name", [("json", "export.json"), ("archive", "export.zip")])
def test_an_export_imported_into_an_empty_registry_exports_identically(
    registry, tmp_path, format, name
):
    first = tmp_path / name
    call_command("export", "--format", format, "--as", registry.username, str(first))
    before = tmp_path / "before.json"
    call_command("export", "--format", "json", "--as", registry.username, str(before))
    document = json.loads(before.read_bytes())
    assert len(document["persons"]) == 2 and len(document["sources"]) == 3
    assert document["biographic_details"][0]["relation"] in ("child", "parent")
    assert [p["key"] for p in document["places"]] == ["650000", "653100", "Yengi Mehelle"]
    assert [f["name_en"] for f in document["facilities"]] == [
        "Kashgar City No. 3",
        "Synthetic Prison No. 2",
    ]

    empty_the_registry()
    call_command("import", str(first), "--as", registry.username)
    after = tmp_path / "after.json"
    call_command("export", "--format", "json", "--as", registry.username, str(after))

    assert after.read_bytes() == before.read_bytes()
    call_command("import", str(first), "--as", registry.username)
    assert Person.objects.count() == 2 and Event.objects.count() == 2
    assert Place.objects.count() == 3 and Facility.objects.count() == 2


def test_two_exports_of_one_registry_are_the_same_bytes(registry, tmp_path):
    for name in ("one.json", "two.json"):
        call_command("export", "--format", "json", "--as", registry.username, str(tmp_path / name))

    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()
