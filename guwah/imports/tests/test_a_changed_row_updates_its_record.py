"""A list imported again with some rows corrected: the dry run names the rows that change and
their columns, the commit corrects those records through the registry's services (history and
log entries), and rows that did not change change nothing."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from guwah.evidence.models import LogEntry
from guwah.registry.models import Event, Name, Person

pytestmark = pytest.mark.django_db

FIRST = (
    "id,name_ug_latn,name_zh,sex,birth_date,camp_date,synthetic\n"
    "S-1,Tursun Ablet,吐尔逊·阿布莱提,m,1970,2017,yes\n"
    "S-2,Gulnisa Memet,古丽妮莎·买买提,f,1985,2018-03,yes\n"
    "S-3,Ablikim Tohti,阿布力克木·托合提,m,1990,2018,yes\n"
)
# S-1: a corrected birth year and detention date; S-2: a corrected Chinese name and a release
# date it did not have; S-3: unchanged, and an empty cell that clears nothing.
SECOND = (
    "id,name_ug_latn,name_zh,sex,birth_date,camp_date,release_date,synthetic\n"
    "S-1,Tursun Ablet,吐尔逊·阿布莱提,m,1971,2017-05,,yes\n"
    "S-2,Gulnisa Memet,古丽尼沙·买买提,f,1985,2018-03,2020,yes\n"
    "S-3,Ablikim Tohti,阿布力克木·托合提,,1990,2018,,yes\n"
)


def _log_and_history() -> tuple[int, int, int]:
    return (
        LogEntry.objects.count(),
        Person.history.count(),
        Event.history.count() + Name.history.count(),
    )


def test_the_dry_run_names_the_rows_that_change_and_their_columns(colleague, write, capsys) -> None:
    call_command("import", str(write("first.csv", FIRST)), "--as", colleague.username)
    capsys.readouterr()
    before = _log_and_history()

    call_command(
        "import", str(write("second.csv", SECOND)), "--dry-run", "--as", colleague.username
    )

    out = capsys.readouterr().out
    assert "row 2 (S-1): changes person" in out
    assert "birth_date, camp_date." in out
    assert "row 3 (S-2): changes person" in out
    assert "name_zh, release_date." in out
    assert "row 4" not in out
    assert "0 person(s) would be added, 2 changed, 1 row(s) were imported before" in out
    assert _log_and_history() == before
    assert Person.objects.get(names__text="Tursun Ablet").birth_date == "1970"


def test_the_commit_corrects_changed_rows_through_the_services(colleague, write) -> None:
    call_command("import", str(write("first.csv", FIRST)), "--as", colleague.username)
    unchanged = Person.objects.get(names__text="Ablikim Tohti")
    unchanged_version = unchanged.version
    entries = LogEntry.objects.count()

    call_command("import", str(write("second.csv", SECOND)), "--as", colleague.username)

    assert Person.objects.count() == 3
    tursun = Person.objects.get(names__text="Tursun Ablet")
    assert tursun.birth_date == "1971"
    assert list(tursun.events.values_list("kind", "date")) == [("camp", "2017-05")]
    assert tursun.history.first().history_user == colleague
    gulnisa = Person.objects.get(names__text="Gulnisa Memet")
    assert sorted(gulnisa.names.values_list("text", flat=True)) == [
        "Gulnisa Memet",
        "古丽尼沙·买买提",
    ]
    assert sorted(gulnisa.events.values_list("kind", "date")) == [
        ("camp", "2018-03"),
        ("release", "2020"),
    ]
    # A birth date, an event date, a name's text and a new event: four entries, each in the
    # log under the importing user.
    new_entries = LogEntry.objects.filter(index__gte=entries)
    assert new_entries.count() == 4
    assert set(new_entries.values_list("actor_id", flat=True)) == {colleague.pk}
    unchanged.refresh_from_db()
    assert unchanged.version == unchanged_version
    assert unchanged.sex == "m"  # the empty cell cleared nothing


def test_importing_the_corrected_list_again_changes_nothing(colleague, write, capsys) -> None:
    call_command("import", str(write("first.csv", FIRST)), "--as", colleague.username)
    second = write("second.csv", SECOND)
    call_command("import", str(second), "--as", colleague.username)
    entries = LogEntry.objects.count()
    capsys.readouterr()

    call_command("import", str(second), "--as", colleague.username)

    assert LogEntry.objects.count() == entries
    assert "0 person(s) added, 0 changed, 3 row(s) imported before" in capsys.readouterr().out


def test_a_correction_the_timeline_refuses_changes_nothing_and_names_the_row(
    colleague, write, capsys
) -> None:
    call_command("import", str(write("first.csv", FIRST)), "--as", colleague.username)
    entries = LogEntry.objects.count()
    broken = SECOND.replace(
        "S-1,Tursun Ablet,吐尔逊·阿布莱提,m,1971,2017-05",
        "S-1,Tursun Ablet,吐尔逊·阿布莱提,m,2019,2017-05",
    )

    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import", str(write("broken.csv", broken)), "--as", colleague.username)

    assert "row 2: Detention in a camp on 2017-05 would be before the birth" in (
        capsys.readouterr().out
    )
    assert LogEntry.objects.count() == entries
    assert Person.objects.get(names__text="Tursun Ablet").birth_date == "1970"
    assert not Event.objects.filter(kind="release").exists()
