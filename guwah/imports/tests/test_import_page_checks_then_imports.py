"""On the import page a documenter checks a file, sees its problems, then imports it; the
export page sends only what the user may see."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from guwah.imports.jobs import run_job
from guwah.imports.models import ImportJob
from guwah.registry import services
from guwah.registry.models import Person
from guwah.registry.services import exports

pytestmark = pytest.mark.django_db


def post(client, text: str, **extra):
    upload = SimpleUploadedFile("list.csv", text.encode("utf-8"), content_type="text/csv")
    return client.post(reverse("imports:upload"), {"file": upload, **extra})


def test_a_check_of_the_file_shows_its_problems_and_writes_nothing(client, colleague):
    client.force_login(colleague)
    response = post(client, "name,birth_date\nAblet Tursun,1970-13\n")

    assert response.status_code == 400
    assert "row 2, column “birth_date”" in response.content.decode()
    assert not Person.objects.exists()


def test_a_checked_file_is_imported_by_a_job_whose_page_shows_the_report(client, colleague):
    client.force_login(colleague)
    checked = post(client, "name,birth_date\nAblet Tursun,1970\n")
    assert "would be added" in checked.content.decode()
    assert not Person.objects.exists()

    started = post(client, "name,birth_date\nAblet Tursun,1970\n", commit="1")
    job = ImportJob.objects.get()
    assert started.url == reverse("imports:job", kwargs={"pk": job.pk})
    assert "Waiting" in client.get(started.url).content.decode()

    # The page starts the job's process once the request commits; the test runs it here.
    run_job(job)

    assert Person.objects.get().created_by == colleague
    page = client.get(started.url).content.decode()
    assert "1 person(s) added" in page


def test_an_interrupted_job_is_shown_and_run_again(client, colleague):
    client.force_login(colleague)
    post(client, "name\nAblet Tursun\n", commit="1")
    job = ImportJob.objects.get()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    ImportJob.objects.filter(pk=job.pk).update(state="running", process_id=dead.pid)
    url = reverse("imports:job", kwargs={"pk": job.pk})

    assert "stopped before it finished" in client.get(url).content.decode()
    client.post(url)
    job.refresh_from_db()
    assert job.state == ImportJob.State.WAITING


def test_another_users_job_is_not_found(client, colleague, reviewer):
    client.force_login(colleague)
    post(client, "name\nAblet Tursun\n", commit="1")
    client.force_login(reviewer)

    response = client.get(reverse("imports:job", kwargs={"pk": ImportJob.objects.get().pk}))

    assert response.status_code == 404


def test_a_family_exports_only_its_own_records(client, owner, outsider):
    services.create_person(owner, names=[{"text": "Ekrem Memet", "script": "ug-Latn"}])
    services.create_person(outsider, names=[{"text": "Tahir Hamut", "script": "ug-Latn"}])
    client.force_login(owner)

    response = client.get(reverse("imports:export"), {"format": "json"})

    names = [
        n["text"]
        for p in json.loads(b"".join(response.streaming_content))["persons"]
        for n in p["names"]
    ]
    assert names == ["Ekrem Memet"]
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control


def test_the_csv_export_escapes_what_a_spreadsheet_would_run(client, colleague, administrator):
    services.create_person(
        colleague,
        names=[{"text": "Ekrem Memet", "script": "ug-Latn"}],
        occupation="=cmd|' /C calc'!A0",
    )
    # A restricted record leaves only with a second person's approval.
    exports.approve_export(
        administrator,
        exports.request_export(colleague, "records", "csv", "For the partner's case review."),
    )
    client.force_login(colleague)

    response = client.get(reverse("imports:export"), {"format": "csv"})

    assert "'=cmd" in b"".join(response.streaming_content).decode("utf-8-sig")
