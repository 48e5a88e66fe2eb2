"""``guwah un check --person ID`` lists what is missing and fails when anything required is."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from guwah.un import services as un_services

pytestmark = pytest.mark.django_db


def test_a_complete_record_passes(ablikim: Any) -> None:
    out = io.StringIO()
    call_command("un", "check", "--person", ablikim.pk, stdout=out)
    assert "Every required element is present." in out.getvalue()


def test_a_missing_element_is_listed_and_exits_with_status_one(ablikim: Any, owner: Any) -> None:
    un_services.save_case_file(owner, ablikim, submitter_name="")
    out = io.StringIO()

    with pytest.raises(CommandError) as raised:
        call_command("un", "check", "--person", ablikim.pk, stdout=out)

    assert raised.value.returncode == 1
    assert "MISSING submitter" in out.getvalue()
    assert "MISSING forces" not in out.getvalue()


def test_the_wgeid_command_writes_the_named_format(ablikim: Any, tmp_path: Any) -> None:
    out = tmp_path / "case.pdf"
    call_command(
        "un", "wgeid", "--person", ablikim.pk, "--as", "aynur", str(out), stdout=io.StringIO()
    )
    assert out.read_bytes().startswith(b"%PDF")
