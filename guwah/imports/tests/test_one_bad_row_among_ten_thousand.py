"""One bad row among 10,000 stops the whole file and is named; the corrected file imports
every row; importing it again adds nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from guwah.registry.models import Person

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

ROWS = 10_000
BAD_ROW = 7_345  # as a spreadsheet numbers it: the header is row 1


def synthetic_list(bad: bool) -> str:
    lines = ["id,name,birth_date,camp_date,synthetic"]
    for index in range(ROWS - 1):
        row = index + 2
        # A different day for each, so that no two rows look like one person.
        born = dt.date(1940, 1, 1) + dt.timedelta(days=index)
        birth = "1970-02-30" if bad and row == BAD_ROW else born.isoformat()
        lines.append(f"S-{index},Synthetic Person {index:05d},{birth},2018,yes")
    return "\n".join(lines) + "\n"


def test_one_bad_row_stops_ten_thousand_and_the_fixed_file_imports_once(colleague, write, capsys):
    with pytest.raises(CommandError):
        call_command(
            "import", str(write("list.csv", synthetic_list(bad=True))), "--as", colleague.username
        )
    assert f"row {BAD_ROW}, column “birth_date”" in capsys.readouterr().out
    assert Person.objects.count() == 0

    fixed = write("fixed.csv", synthetic_list(bad=False))
    call_command("import", str(fixed), "--as", colleague.username)
    assert Person.objects.count() == ROWS - 1
    assert not Person.objects.filter(synthetic=False).exists()

    call_command("import", str(fixed), "--as", colleague.username)
    assert Person.objects.count() == ROWS - 1
