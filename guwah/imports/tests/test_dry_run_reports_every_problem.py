"""A dry run names every problem of a file by its row and column, and writes nothing."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from guwah.registry.models import Person

pytestmark = pytest.mark.django_db

BAD = (
    "name,name_zh,birth_date,hometown,camp_date,release_date\n"
    "Ablet Tursun,,1970-13-01,Kashgar,,\n"
    "Mihray Erkin,,1980,Atlantis,,\n"
    "Nurmemet Yasin,Nurmemet,1975,,,\n"
    "Gulnar Tursun,,1990,,,\n"
    "Gulnar Tursun,,1990,,,\n"
    "Erkin Tursun,,1960,,2018,2017\n"
    "Ok Person,,1950,Kashgar,,\n"
)


def test_a_dry_run_names_each_problem_by_row_and_column(colleague, kashgar, write, capsys):
    with pytest.raises(CommandError):
        call_command("import", str(write("bad.csv", BAD)), "--dry-run", "--as", colleague.username)
    out = capsys.readouterr().out

    assert "row 2, column “birth_date”: The month 13 does not exist." in out
    assert "row 3, column “hometown”: No place in the registry is called “Atlantis”." in out
    assert "row 4, column “name_zh”: “Nurmemet” is written in" in out
    assert "row 6: This row repeats row 5" in out
    assert "row 7:" in out
    assert "row 8" not in out
    assert Person.objects.count() == 0


def test_a_file_with_problems_is_not_imported_without_the_dry_run_either(colleague, kashgar, write):
    with pytest.raises(CommandError):
        call_command("import", str(write("bad.csv", BAD)), "--as", colleague.username)

    assert Person.objects.count() == 0


def test_a_dry_run_of_a_good_file_says_what_it_would_add(colleague, kashgar, write, capsys):
    call_command(
        "import",
        str(write("good.csv", "name,birth_date\nOk Person,1950\n")),
        "--dry-run",
        "--as",
        colleague.username,
    )

    assert "Dry run: 1 person(s) would be added" in capsys.readouterr().out
    assert Person.objects.count() == 0


def test_a_name_with_a_character_that_reorders_text_is_found_by_the_dry_run(
    colleague, write, capsys
):
    with pytest.raises(CommandError):
        call_command(
            "import",
            str(write("bidi.csv", "name,occupation\nAblet\u202eTursun,teacher\nOk Person,x\n")),
            "--dry-run",
            "--as",
            colleague.username,
        )

    assert "row 2, column “name”: The name contains" in capsys.readouterr().out


def test_a_family_member_may_not_import_a_list(owner, write):
    with pytest.raises(CommandError, match="You may not import records"):
        call_command("import", str(write("list.csv", "name\nOk Person\n")), "--as", owner.username)
