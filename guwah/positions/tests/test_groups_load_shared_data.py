from __future__ import annotations

import csv
from io import StringIO

import pytest
from django.core.management import call_command

from guwah.positions import services
from guwah.positions.models import Group, Membership, Position

pytestmark = pytest.mark.django_db


def test_the_councils_2022_members_are_the_47_voters_on_the_hrc51_vote(grouped) -> None:
    members = set(
        Membership.objects.filter(group_id="HRC", period="2022", role="member").values_list(
            "state_id", flat=True
        )
    )
    voters = set(
        Position.objects.filter(instrument__code="HRC51-L6-vote").values_list("state_id", flat=True)
    )
    assert len(members) == 47
    assert members == voters


def test_russia_is_recorded_as_a_former_council_member_in_2022(grouped) -> None:
    russia = Membership.objects.get(group_id="HRC", period="2022", state_id="RUS")
    assert russia.role == "former_member"


def test_every_group_of_the_packaged_file_is_loaded_with_its_members(grouped) -> None:
    assert grouped.groups_added == ["OIC", "LAS", "EU", "AU", "HRC", "SCO", "G7", "G20"]
    assert grouped.memberships_added == 597
    oic = Group.objects.get(code="OIC")
    assert oic.memberships.filter(role="member").count() == 57
    assert oic.memberships.filter(role="observer").count() == 5
    assert Group.objects.get(code="HRC").yearly
    assert not oic.yearly


def test_an_entity_without_an_iso_code_is_kept_under_its_name(grouped) -> None:
    uncoded = Membership.objects.get(group_id="OIC", state__isnull=True)
    assert uncoded.name == "Turkish Cypriot State"
    assert uncoded.role == "observer"


def test_loading_the_groups_twice_changes_nothing(grouped, administrator) -> None:
    history = Membership.history.count()
    again = services.load_groups(administrator, services.PACKAGED_GROUPS)
    assert not again.changed_anything
    assert again.memberships_unchanged == 597
    assert Membership.history.count() == history


def test_the_command_loads_the_packaged_groups_and_says_so_the_second_time(
    loaded, administrator
) -> None:
    first, second = StringIO(), StringIO()
    call_command("positions", "groups", "--as", administrator.username, stdout=first)
    call_command("positions", "groups", "--as", administrator.username, stdout=second)
    assert "Memberships added: 597" in first.getvalue()
    assert "Nothing to change: 597 memberships" in second.getvalue()


def test_a_membership_the_file_no_longer_lists_is_removed_with_its_history(
    grouped, administrator, tmp_path
) -> None:
    rows = list(csv.DictReader(services.PACKAGED_GROUPS.open(encoding="utf-8")))
    kept = [row for row in rows if not (row["group"] == "G7" and row["iso3"] == "CAN")]
    smaller = tmp_path / "groups.csv"
    with smaller.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(kept)
    report = services.load_groups(administrator, smaller)
    assert report.memberships_removed == ["G7 · CAN · member"]
    assert not Membership.objects.filter(group_id="G7", state_id="CAN").exists()
    removal = Membership.history.filter(state_id="CAN", group_id="G7").latest("history_date")
    assert removal.history_type == "-"
    assert removal.history_user == administrator
