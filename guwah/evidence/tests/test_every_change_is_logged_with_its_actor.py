"""Every kind of change reaches the transparency log, and every entry names who made it: family
ties, state positions, custody steps, role grants, linkage decisions, imported lists, places
and facilities, whether made on the site, by a service or by a command."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import models
from django.test import Client
from django.urls import reverse

from guwah.demo.bulk import write_facilities_bulk
from guwah.demo.records import places_for_synthetic_data
from guwah.evidence import log, store
from guwah.evidence.models import CustodyEvent, LogEntry
from guwah.linkage import services as linkage_services
from guwah.linkage.models import CandidatePair, Decision, ExternalList, ExternalRecord
from guwah.positions import services as positions_services
from guwah.positions.models import Group as PositionsGroup
from guwah.positions.models import Membership, Position, State
from guwah.registry import services
from guwah.registry.acting import acting_as
from guwah.registry.models import Facility, FamilyTie, Person, Place
from guwah.registry.roles import Role
from guwah.registry.synthetic import SyntheticRegistry

pytestmark = pytest.mark.django_db


def latest_entry(record: models.Model) -> LogEntry:
    return LogEntry.objects.filter(
        record_type=record._meta.label_lower, record_id=str(record.pk)
    ).latest("index")


def actors_of(model: type[models.Model]) -> set[int | None]:
    return set(
        LogEntry.objects.filter(record_type=model._meta.label_lower).values_list(
            "actor_id", flat=True
        )
    )


def verified() -> log.LogReport:
    report = log.verify_log(check_records=True)
    assert report.ok, report.problems
    return report


def a_person(actor: Any, name: str) -> Person:
    return services.create_person(
        actor, names=[{"text": name, "script": "ug-Latn"}], synthetic=True
    )


def test_both_entries_of_a_family_tie_name_the_family_member_who_added_it(owner) -> None:
    brother, sister = a_person(owner, "Ekrem Tursun"), a_person(owner, "Gülnar Tursun")

    tie = services.add_family_tie(owner, brother, sister, FamilyTie.Relation.SIBLING)

    assert actors_of(FamilyTie) == {owner.pk}
    assert latest_entry(tie).action == "create"
    verified()


def test_deleting_a_person_names_the_deleting_administrator_on_the_ties_it_removes(
    owner, administrator
) -> None:
    brother, sister = a_person(owner, "Ekrem Tursun"), a_person(owner, "Gülnar Tursun")
    services.add_family_tie(owner, brother, sister, FamilyTie.Relation.SIBLING)

    services.delete_person(administrator, sister)

    deletions = LogEntry.objects.filter(record_type="registry.familytie", action="delete")
    assert deletions.count() == 2
    assert set(deletions.values_list("actor_id", flat=True)) == {administrator.pk}


def test_the_packaged_positions_are_logged_under_the_account_that_loaded_them(
    administrator,
) -> None:
    positions_services.load(administrator, positions_services.PACKAGED_POSITIONS)

    assert Position.objects.exists()
    for label in ("positions.state", "positions.instrument", "positions.position"):
        actors = set(LogEntry.objects.filter(record_type=label).values_list("actor_id", flat=True))
        assert actors == {administrator.pk}, label
    verified()


def test_a_position_corrected_on_the_site_is_logged_under_the_editor(
    administrator, colleague, password
) -> None:
    positions_services.load(administrator, positions_services.PACKAGED_POSITIONS)
    position = Position.objects.get(state_id="FRA", instrument__code="HRC50-critical")
    client = Client()
    assert client.login(username=colleague.username, password=password)

    response = client.post(
        reverse("positions:position_edit", args=[position.pk]),
        {
            "instrument": position.instrument.code,
            "state": position.state_id,
            "stance": position.stance,
            "date": position.date,
            "source_url": "https://www.gov.example/official-statement",
        },
    )

    assert response.status_code == 302
    entry = latest_entry(position)
    assert (entry.action, entry.actor_id) == ("update", colleague.pk)
    verified()


def test_a_state_corrected_in_the_admin_is_logged_under_the_administrator(
    administrator, password
) -> None:
    positions_services.load(administrator, positions_services.PACKAGED_POSITIONS)
    state = State.objects.get(code="FRA")
    administrator.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="positions")
    )
    client = Client()
    assert client.login(username=administrator.username, password=password)

    response = client.post(
        reverse("admin:positions_state_change", args=[state.pk]),
        {"name": "France (as shown)", "official_name": state.official_name, "un_status": "member"},
    )

    assert response.status_code == 302
    entry = latest_entry(state)
    assert (entry.action, entry.actor_id) == ("update", administrator.pk)
    verified()


def test_groups_of_states_and_their_members_are_logged_under_the_account_that_loaded_them(
    colleague,
) -> None:
    positions_services.load_groups(colleague, positions_services.PACKAGED_GROUPS)

    assert Membership.objects.exists()
    assert actors_of(PositionsGroup) == actors_of(Membership) == {colleague.pk}
    verified()


def test_a_custody_step_is_logged_under_whoever_took_it(evidence_item, colleague) -> None:
    store.ingest_upload(
        evidence_item, SimpleUploadedFile("notice.txt", b"Notice (synthetic)\n"), colleague
    )

    step = CustodyEvent.objects.get(evidence=evidence_item, action=CustodyEvent.Action.UPLOADED)
    entry = latest_entry(step)
    assert (entry.action, entry.actor_id) == ("create", colleague.pk)
    verified()


def test_a_role_granted_by_command_is_logged_under_the_administrator_named(
    administrator, django_user_model
) -> None:
    volunteer = django_user_model.objects.create_user("patigul", password="x")

    call_command("grant_role", "patigul", Role.DOCUMENTER.value, "--as", administrator.username)

    entry = latest_entry(volunteer)
    assert (entry.action, entry.actor_id) == ("update", administrator.pk)
    assert entry.record_type == "auth.user"
    verified()


def test_only_an_administrator_may_grant_a_role_from_the_command_line(
    colleague, django_user_model
) -> None:
    django_user_model.objects.create_user("patigul", password="x")

    with pytest.raises(CommandError, match="may not grant roles"):
        call_command("grant_role", "patigul", Role.ADMINISTRATOR.value, "--as", colleague.username)

    assert not django_user_model.objects.get(username="patigul").groups.exists()


def test_a_role_granted_from_the_group_side_is_logged_too(owner, administrator) -> None:
    reviewers = Group.objects.get_or_create(name=Role.REVIEWER.value)[0]

    with acting_as(administrator):
        reviewers.user_set.add(owner)

    entry = latest_entry(owner)
    assert (entry.action, entry.actor_id) == ("update", administrator.pk)
    assert log.matches_entry(owner, entry.record_sha256, entry.salts)


def test_signing_in_appends_nothing_and_leaves_the_log_verifying(client, owner, password) -> None:
    entries = LogEntry.objects.count()

    assert client.login(username=owner.username, password=password)

    assert LogEntry.objects.count() == entries
    verified()


def test_a_rejected_match_is_logged_under_the_reviewer_who_decided(colleague, reviewer) -> None:
    memet, maimaiti = a_person(colleague, "Memet Tursun"), a_person(colleague, "Maimaiti Tuerxun")
    pair = CandidatePair.objects.create(
        person=memet,
        other_person=maimaiti,
        left_ref=f"person:{memet.pk}",
        right_ref=f"person:{maimaiti.pk}",
        match_probability=0.9,
        match_weight=3.2,
    )

    linkage_services.reject_pair(reviewer, pair, "Born ten years apart.")

    entry = latest_entry(Decision.objects.get())
    assert (entry.action, entry.actor_id) == ("create", reviewer.pk)
    verified()


def test_an_imported_list_is_logged_under_the_importer_with_its_file_hash(
    tmp_path, colleague
) -> None:
    for name in ("Memet Tursun", "Gülnar Tursun", "Ekrem Tursun"):
        a_person(colleague, name)
    path = tmp_path / "list.csv"
    path.write_text("Name,Born\nMemet Tursun,1968\nAbdurehim Heyit,1962\n", encoding="utf-8")

    call_command(
        "link", "import", str(path), "--columns", "name=Name,birth_year=Born",
        "--as", colleague.username, verbosity=0,
    )  # fmt: skip

    assert actors_of(ExternalList) == {colleague.pk}
    assert ExternalRecord.objects.count() == 2
    # The list's entry commits to the file's SHA-256, which fixes every row; the rows are not
    # logged one by one.
    imported = ExternalList.objects.get()
    assert imported.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert latest_entry(imported).actor_id == colleague.pk
    assert not LogEntry.objects.filter(record_type="linkage.externalrecord").exists()
    verified()


def test_places_loaded_by_command_are_logged_under_the_account_named(colleague) -> None:
    call_command("load_places", "--fallback", "--as", colleague.username)

    assert Place.objects.exists()
    assert actors_of(Place) == {colleague.pk}
    verified()


def test_facilities_written_in_bulk_are_logged_under_the_acting_account(
    colleague, administrator
) -> None:
    call_command("load_places", "--fallback", "--as", colleague.username)
    generator = SyntheticRegistry(places_for_synthetic_data(), seed=7)

    with acting_as(administrator):
        write_facilities_bulk(generator)

    assert Facility.objects.exists()
    assert actors_of(Facility) == {administrator.pk}
    verified()
