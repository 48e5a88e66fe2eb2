"""A column mapping written once on the import page is kept under a name and chosen for the
partner's next list, on the page or by ``guwah import --mapping NAME``; the mapping file stays."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from guwah.imports.models import SavedMapping
from guwah.registry.models import Person

pytestmark = pytest.mark.django_db

PARTNER = "Entry No.,Full name (Uyghur),Born\nP-1,ئابلەت تۇرسۇن,1970\n"
MAPPING = {"Entry No.": "id", "Full name (Uyghur)": "name_ug_arab", "Born": "birth_date"}


def post(client, text: str, **extra):
    upload = SimpleUploadedFile("partner.csv", text.encode("utf-8"), content_type="text/csv")
    return client.post(reverse("imports:upload"), {"file": upload, **extra})


def test_a_mapping_kept_under_a_name_is_chosen_for_the_next_list(client, colleague):
    client.force_login(colleague)
    first = post(client, PARTNER, mapping=json.dumps(MAPPING), save_as="Partner A")

    assert first.status_code == 200
    assert "kept as “Partner A”" in first.content.decode()
    saved = SavedMapping.objects.get()
    assert saved.columns == MAPPING
    assert saved.saved_by == colleague

    page = client.get(reverse("imports:upload")).content.decode()
    assert "Partner A" in page
    checked = post(client, PARTNER, saved=str(saved.pk))

    assert checked.status_code == 200
    assert "Dry run: 1 person(s) would be added" in checked.content.decode()
    assert not Person.objects.exists()


def test_the_same_name_replaces_the_mapping_it_names(client, colleague):
    client.force_login(colleague)
    post(client, PARTNER, mapping=json.dumps({"Born": "birth_date"}), save_as="Partner A")
    post(client, PARTNER, mapping=json.dumps(MAPPING), save_as="Partner A")

    assert SavedMapping.objects.get().columns == MAPPING


def test_a_mapping_naming_no_field_is_refused_and_not_kept(client, colleague):
    client.force_login(colleague)
    response = post(client, PARTNER, mapping=json.dumps({"Born": "born_on"}), save_as="Bad")

    assert response.status_code == 400
    assert "born_on" in response.content.decode()
    assert not SavedMapping.objects.exists()


def test_the_command_takes_a_saved_mapping_by_name_or_a_mapping_file(client, colleague, tmp_path):
    client.force_login(colleague)
    post(client, PARTNER, mapping=json.dumps(MAPPING), save_as="Partner A")
    listing = tmp_path / "partner.csv"
    listing.write_text(PARTNER, encoding="utf-8")

    call_command("import", str(listing), "--mapping", "Partner A", "--as", colleague.username)
    assert Person.objects.get().birth_date == "1970"

    mapping_file = tmp_path / "mapping.json"
    mapping_file.write_text(json.dumps({"columns": MAPPING}), encoding="utf-8")
    second = tmp_path / "second.csv"
    second.write_text(PARTNER.replace("P-1", "P-2").replace("ئابلەت", "مەمەت"), encoding="utf-8")
    call_command("import", str(second), "--mapping", str(mapping_file), "--as", colleague.username)
    assert Person.objects.count() == 2


def test_a_family_member_sees_no_saved_mapping(client, owner, colleague):
    client.force_login(colleague)
    post(client, PARTNER, mapping=json.dumps(MAPPING), save_as="Partner A")
    client.force_login(owner)

    assert client.get(reverse("imports:upload")).status_code in (302, 403)
