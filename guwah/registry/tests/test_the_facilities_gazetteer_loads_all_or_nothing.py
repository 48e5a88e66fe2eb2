"""Camps and prisons load from a sourced CSV file: every row is checked first, one bad row
refuses the whole file and says which line and why, coordinates need their source, and loading
the same file again changes nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from guwah.registry.models import Facility, Place
from guwah.registry.services.facilities import load_facilities, read_facilities_csv

pytestmark = pytest.mark.django_db

HEADER = (
    "name_en,name_ug,name_ug_latn,name_zh,kind,security_tier,place_code,latitude,longitude,"
    "coordinates_source,built,expanded,source,synthetic\n"
)
GOOD = (
    HEADER
    + "Synthetic Camp No. 1,سىنتېتىك لاگېر,Sintétik Lagér,合成营地一号,camp,3,653125,38.4,77.2,"
    "Synthetic imagery study,2017-06,2018/2019,Synthetic example source,true\n"
    + "Synthetic Prison No. 2,,,,prison,4,,,,,,,Synthetic example source,true\n"
)


@pytest.fixture
def yarkand():
    return Place.objects.create(code="653125", level=Place.Level.COUNTY, name_en="Yarkand County")


def test_a_sourced_file_loads_every_facility_in_four_scripts(colleague, yarkand):
    report = load_facilities(colleague, read_facilities_csv(GOOD))
    assert (report.added, report.updated, report.unchanged) == (2, 0, 0)
    camp = Facility.objects.get(name_en="Synthetic Camp No. 1")
    assert (camp.name_ug, camp.name_ug_latn, camp.name_zh) == (
        "سىنتېتىك لاگېر",
        "Sintétik Lagér",
        "合成营地一号",
    )
    assert (camp.kind, camp.security_tier, camp.place, camp.latitude) == ("camp", 3, yarkand, 38.4)
    assert (camp.built, camp.expanded, camp.synthetic) == ("2017-06", "2018/2019", True)
    assert camp.history.first().history_user == colleague


def test_loading_the_same_file_again_changes_nothing(colleague, yarkand):
    load_facilities(colleague, read_facilities_csv(GOOD))
    report = load_facilities(colleague, read_facilities_csv(GOOD))
    assert (report.added, report.updated, report.unchanged) == (0, 0, 2)


def test_one_bad_row_refuses_the_whole_file_and_says_where(colleague, yarkand):
    bad = (
        GOOD
        + "Synthetic Camp No. 3,,,,camp,7,999999,38.4,,,someday,,,true\n"
        + "Synthetic Camp No. 4,,,,castle,,,38.4,77.0,,,,Synthetic example source,true\n"
    )
    with pytest.raises(ValidationError) as refused:
        load_facilities(colleague, read_facilities_csv(bad))
    messages = "\n".join(refused.value.messages)
    assert "Line 4:" in messages and "Line 5:" in messages
    for expected in ("1–4", "999999", "both the latitude", "source is empty", "castle"):
        assert expected in messages
    assert not Facility.objects.exists()


def test_only_staff_load_the_gazetteer(owner, yarkand):
    with pytest.raises(PermissionDenied):
        load_facilities(owner, read_facilities_csv(GOOD))
    assert not Facility.objects.exists()


def test_the_command_loads_a_file_as_the_account_named(colleague, yarkand, tmp_path, capsys):
    path = tmp_path / "facilities.csv"
    path.write_text(GOOD, encoding="utf-8")
    call_command("load_facilities", str(path), "--as", colleague.username)
    assert "2 added" in capsys.readouterr().out
    path.write_text(HEADER.replace("source,", "") + "x,,,,camp\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("load_facilities", str(path), "--as", colleague.username)
