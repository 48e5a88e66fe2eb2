"""A grandmother's 35 relatives: one document each and a covering summary, in under a minute."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from guwah.registry import services
from guwah.registry.models import FamilyTie

from .conftest import record_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def grandmother(owner: Any, camp: Any) -> Any:
    witness = services.create_person(
        owner, names=[{"text": "Zohre Tursun", "script": "ug-Latn"}], synthetic=True
    )
    for _ in range(35):
        relative = record_person(owner, camp)
        services.add_family_tie(owner, witness, relative, FamilyTie.Relation.CHILD)
    return witness


@pytest.mark.slow
def test_thirty_five_relatives_make_thirty_five_documents_in_under_a_minute(
    grandmother: Any, tmp_path: Path
) -> None:
    out = tmp_path / "family.zip"

    started = time.monotonic()
    call_command(
        "un",
        "batch",
        "--relatives-of",
        grandmother.pk,
        "--as",
        "aynur",
        str(out),
        stdout=io.StringIO(),
    )
    elapsed = time.monotonic() - started

    names = zipfile.ZipFile(out).namelist()
    assert len([name for name in names if name.startswith("wgeid-person-")]) == 35
    assert "summary.docx" in names
    assert elapsed < 60, f"{elapsed:.1f} s"


def test_a_relative_without_consent_is_named_in_the_summary_and_left_out(
    owner: Any, camp: Any, tmp_path: Path
) -> None:
    witness = services.create_person(
        owner, names=[{"text": "Zohre Tursun", "script": "ug-Latn"}], synthetic=True
    )
    consenting = record_person(owner, camp)
    refusing = record_person(owner, camp)
    services.set_consent(owner, refusing, share_un=False)
    for relative in (consenting, refusing):
        services.add_family_tie(owner, witness, relative, FamilyTie.Relation.CHILD)
    out = tmp_path / "family.zip"
    err = io.StringIO()

    call_command(
        "un",
        "batch",
        "--relatives-of",
        witness.pk,
        "--as",
        "aynur",
        str(out),
        stdout=io.StringIO(),
        stderr=err,
    )

    names = zipfile.ZipFile(out).namelist()
    assert f"wgeid-person-{consenting.pk}.docx" in names
    assert f"wgeid-person-{refusing.pk}.docx" not in names
    assert f"person {refusing.pk} left out" in err.getvalue()
