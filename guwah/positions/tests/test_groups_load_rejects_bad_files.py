from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from guwah.positions import services
from guwah.positions.models import Group, Membership

pytestmark = pytest.mark.django_db

HEADER = "group,period,role,iso3,state,source_url,note\n"
SOURCE = "https://example.org/members"


def _council(year: str, states: list[str]) -> str:
    return "".join(f"HRC,{year},member,{code},,{SOURCE},\n" for code in states)


# 47 real ISO 3166-1 codes, enough to fill one synthetic council year.
CODES = (
    "AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH "
    "BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP "
    "CZE DNK DJI"
).split()


def _write(tmp_path, text: str):
    path = tmp_path / "groups.csv"
    path.write_text(HEADER + text, encoding="utf-8")
    return path


def _problems(administrator, path) -> list[str]:
    with pytest.raises(services.LoadRejected) as rejected:
        services.load_groups(administrator, path)
    return [str(problem) for problem in rejected.value.problems]


def test_a_full_council_year_is_accepted(administrator, tmp_path) -> None:
    services.load_groups(administrator, _write(tmp_path, _council("2022", CODES)))
    assert Membership.objects.filter(group_id="HRC", period="2022").count() == 47


def test_an_unknown_iso_code_is_refused_with_its_line_and_nothing_is_written(
    administrator, tmp_path
) -> None:
    path = _write(tmp_path, f"G7,,member,FRA,France,{SOURCE},\nG7,,member,XYZ,Nowhere,{SOURCE},\n")
    assert _problems(administrator, path) == [
        "groups.csv, line 3: unknown ISO 3166 alpha-3 code “XYZ”"
    ]
    assert not Group.objects.exists()
    assert not Membership.objects.exists()


def test_a_council_year_with_46_members_is_refused_with_its_lines(administrator, tmp_path) -> None:
    path = _write(tmp_path, _council("2021", CODES) + _council("2022", CODES[:46]))
    assert _problems(administrator, path) == [
        "groups.csv, line 49: HRC 2022 has 46 members on lines 49–94; it has 47 seats"
    ]
    assert not Membership.objects.exists()


def test_a_duplicate_row_is_refused_naming_both_lines(administrator, tmp_path) -> None:
    path = _write(
        tmp_path,
        f"EU,,member,FRA,France,{SOURCE},\nEU,,member,DEU,Germany,{SOURCE},\n"
        f"EU,,member,FRA,France,{SOURCE},\n",
    )
    assert _problems(administrator, path) == ["groups.csv, line 4: FRA in EU is already on line 2"]
    assert not Membership.objects.exists()


def test_a_bad_file_leaves_the_groups_already_loaded_as_they_were(administrator, tmp_path) -> None:
    services.load_groups(administrator, _write(tmp_path, f"G7,,member,FRA,France,{SOURCE},\n"))
    bad = _write(tmp_path, f"G7,,member,FRA,France,{SOURCE},\nG7,,member,ITA,Italy,,\n")
    assert _problems(administrator, bad) == ["groups.csv, line 3: the source is missing"]
    assert list(Membership.objects.values_list("state_id", flat=True)) == ["FRA"]


def test_the_command_prints_each_problem_and_refuses(administrator, tmp_path, capsys) -> None:
    path = _write(tmp_path, f"G7,,leader,FRA,France,{SOURCE},\n")
    with pytest.raises(CommandError, match="1 problem"):
        call_command("positions", "groups", str(path), "--as", administrator.username)
    assert "groups.csv, line 2: unknown role “leader”" in capsys.readouterr().err
    assert not Membership.objects.exists()


def test_a_family_account_may_not_load_groups(owner, tmp_path) -> None:
    path = _write(tmp_path, f"G7,,member,FRA,France,{SOURCE},\n")
    with pytest.raises(CommandError, match="may not change"):
        call_command("positions", "groups", str(path), "--as", owner.username)
    assert not Membership.objects.exists()
