"""``guwah link``: the same services from the command line, with plain errors."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from guwah.linkage.models import CandidatePair, ExternalList


def test_link_dedupe_reports_what_it_proposed(reported_twice) -> None:
    out = StringIO()
    call_command("link", "dedupe", "--threshold", "0.5", stdout=out, verbosity=0)
    assert f"{CandidatePair.objects.count()} new pairs to review" in out.getvalue()


def test_link_import_matches_a_list_and_says_no_person_was_added(
    tmp_path, reported_twice, colleague
) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Name,Born\nMemet Tursun,1968\n", encoding="utf-8")
    out = StringIO()
    call_command(
        "link",
        "import",
        str(path),
        "--columns",
        "name=Name,birth_year=Born",
        "--as",
        colleague.username,
        stdout=out,
        verbosity=0,
    )
    assert "Imported 1 rows" in out.getvalue() and "no registry person was added" in out.getvalue()
    assert ExternalList.objects.get().row_count == 1


def test_link_import_turns_a_bad_file_into_a_command_error(
    tmp_path, reported_twice, colleague
) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Name,Born\nMemet Tursun,1968\n", encoding="utf-8")
    with pytest.raises(CommandError, match="no column 'Surname'"):
        call_command(
            "link",
            "import",
            str(path),
            "--columns",
            "name=Surname",
            "--as",
            colleague.username,
            verbosity=0,
        )
    assert not ExternalList.objects.exists()


def test_link_train_refuses_a_registry_too_small_to_learn_from(reported_twice) -> None:
    with pytest.raises(CommandError, match="at least 50"):
        call_command("link", "train", verbosity=0)
