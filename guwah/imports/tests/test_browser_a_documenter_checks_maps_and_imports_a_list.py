"""In a real browser, a documenter uploads a partner's CSV, reads the check's report of its
problems, maps its columns, checks it again, imports it, and follows the job's page, which
refreshes itself until the import has ended and shows its report."""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from guwah.imports import jobs
from guwah.imports.models import ImportJob
from guwah.registry.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A partner's list (synthetic) whose headers are not Guwah's field names.
PARTNER_LIST = (
    "Full name,Born,Hometown\n"
    "Ablet Tursun,1970-13,653100\n"
    "Gulnar Memet,1982,653100\n"
    "تۇرسۇن ئەخمەت,1991-05,653100\n"
)
MAPPING = '{"Full name": "name", "Born": "birth_date", "Hometown": "hometown"}'


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The jobs the page starts, recorded instead of started: the test database lives in this
    process's memory, where ``guwah import_job`` in a process of its own cannot reach it."""
    started: list[int] = []

    def launch(job: ImportJob) -> None:
        ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.WAITING)
        started.append(job.pk)

    monkeypatch.setattr(jobs, "launch", launch)
    return started


def run_in_its_own_thread(pk: int) -> None:
    """What ``guwah import_job`` does, on a database connection of its own."""

    def run() -> None:
        try:
            jobs.run_job(ImportJob.objects.get(pk=pk))
        finally:
            connection.close()

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive()


def signed_in(page: Any, live_server: Any, user: Any) -> None:
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )


def test_a_documenter_checks_maps_imports_and_follows_the_job_to_its_end(
    page: Any, live_server: Any, colleague: Any, kashgar: Any, launched: list[int], tmp_path: Path
) -> None:
    csv = tmp_path / "partner.csv"
    csv.write_text(PARTNER_LIST.replace("1970-13", "1970-03"), encoding="utf-8")
    bad = tmp_path / "partner-with-a-bad-date.csv"
    bad.write_text(PARTNER_LIST, encoding="utf-8")
    signed_in(page, live_server, colleague)
    page.goto("/imports/")

    # Without a mapping the partner's headers mean nothing to Guwah.
    page.set_input_files("input[name=file]", str(bad))
    page.get_by_role("button", name="Check the file").click()
    report = page.locator("section.card")
    assert "Full name" in report.inner_text()
    assert page.get_by_role("button", name=re.compile("Import it")).count() == 0

    # Mapped, the check names the bad date by its row and column.
    page.set_input_files("input[name=file]", str(bad))
    page.fill("textarea[name=mapping]", MAPPING)
    page.get_by_role("button", name="Check the file").click()
    assert "row 2, column “Born”: The month 13 does not exist." in report.inner_text()
    assert page.get_by_role("button", name=re.compile("Import it")).count() == 0

    # The corrected file checks clean; nothing is written until it is imported.
    page.set_input_files("input[name=file]", str(csv))
    page.fill("textarea[name=mapping]", MAPPING)
    page.get_by_role("button", name="Check the file").click()
    assert "would be added" in report.inner_text()
    assert not Person.objects.exists()

    page.set_input_files("input[name=file]", str(csv))
    page.fill("textarea[name=mapping]", MAPPING)
    page.get_by_role("button", name=re.compile("Import it")).click()
    page.wait_for_url(re.compile(r"/imports/jobs/\d+/$"))
    assert "Waiting" in page.locator("section.card").inner_text()
    # The page refreshes itself while the job has not ended.
    assert page.locator("meta[http-equiv=refresh]").count() == 1

    # The page's requests wait while the job writes (SQLite's in-memory test database
    # takes one writer at a time), then the page refreshes itself to the job's end.
    held: list[Any] = []

    def hold(route: Any) -> None:
        held.append(route)

    job_page = re.compile(r"/imports/jobs/\d+/$")
    page.route(job_page, hold)
    (pk,) = launched
    run_in_its_own_thread(pk)
    page.unroute(job_page, hold)
    for route in held:
        route.continue_()

    page.get_by_text(re.compile(r"person\(s\) added")).wait_for(timeout=20_000)
    assert page.locator("meta[http-equiv=refresh]").count() == 0
    finished = page.locator("section.card").inner_text()
    assert "3 person(s) added" in finished
    assert jobs.progress_of(ImportJob.objects.get(pk=pk)) == (3, 3)
    assert Person.objects.count() == 3
    assert set(Person.objects.values_list("created_by", flat=True)) == {colleague.pk}
    assert Person.objects.filter(names__text="تۇرسۇن ئەخمەت", hometown=kashgar).exists()
