"""On the witness's case page, choose relatives (all of them by default) and download one ZIP:
a document per relative and a covering summary, as ``guwah un batch`` writes it."""

from __future__ import annotations

import io
import re
import time
import zipfile
from typing import Any

import pytest
from django.urls import reverse

from guwah.registry import services
from guwah.registry.models import FamilyTie

from .conftest import record_person

pytestmark = pytest.mark.django_db


def _family(owner: Any, camp: Any, size: int) -> tuple[Any, list[Any]]:
    witness = services.create_person(
        owner, names=[{"text": "Zohre Tursun", "script": "ug-Latn"}], synthetic=True
    )
    relatives = []
    for _ in range(size):
        relative = record_person(owner, camp)
        services.add_family_tie(owner, witness, relative, FamilyTie.Relation.CHILD)
        relatives.append(relative)
    return witness, relatives


def test_the_case_page_offers_every_relative_ticked_and_the_zip_holds_the_chosen_ones(
    owner: Any, camp: Any, client: Any
) -> None:
    witness, relatives = _family(owner, camp, 3)
    client.force_login(owner)

    page = client.get(reverse("un:person", kwargs={"pk": witness.pk})).content.decode()
    ticked = re.findall(r'<input[^>]*name="persons"[^>]*value="(\d+)"[^>]*checked', page)
    assert sorted(map(int, ticked)) == sorted(r.pk for r in relatives)

    chosen = relatives[:2]
    response = client.post(
        reverse("un:batch", kwargs={"pk": witness.pk}),
        {"persons": [r.pk for r in chosen], "language": "fr", "format": "docx"},
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = sorted(archive.namelist())
    assert names == sorted(["summary.docx", *(f"wgeid-person-{r.pk}.docx" for r in chosen)])


def test_the_batch_page_does_nothing_on_get(owner: Any, camp: Any, client: Any) -> None:
    witness, _relatives = _family(owner, camp, 1)
    client.force_login(owner)

    assert client.get(reverse("un:batch", kwargs={"pk": witness.pk})).status_code == 405


def test_a_person_who_is_not_a_relative_cannot_be_slipped_into_the_batch(
    owner: Any, camp: Any, client: Any
) -> None:
    witness, _relatives = _family(owner, camp, 1)
    stranger = record_person(owner, camp)
    client.force_login(owner)

    response = client.post(
        reverse("un:batch", kwargs={"pk": witness.pk}),
        {"persons": [stranger.pk], "language": "en", "format": "docx"},
    )

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "The batch could not be made" in page


def test_another_family_cannot_download_the_batch(
    owner: Any, outsider: Any, camp: Any, client: Any
) -> None:
    witness, relatives = _family(owner, camp, 1)
    client.force_login(outsider)

    response = client.post(
        reverse("un:batch", kwargs={"pk": witness.pk}),
        {"persons": [relatives[0].pk], "language": "en", "format": "docx"},
    )

    assert response.status_code == 404


@pytest.mark.slow
def test_thirty_five_relatives_download_from_the_page_in_under_a_minute(
    owner: Any, camp: Any, client: Any
) -> None:
    witness, relatives = _family(owner, camp, 35)
    client.force_login(owner)

    started = time.monotonic()
    response = client.post(
        reverse("un:batch", kwargs={"pk": witness.pk}),
        {"persons": [r.pk for r in relatives], "language": "en", "format": "docx"},
    )
    elapsed = time.monotonic() - started

    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert len([n for n in archive.namelist() if n.startswith("wgeid-")]) == 35
    assert elapsed < 60
