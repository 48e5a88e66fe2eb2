"""Every URL that points at a case's record, opened by a documenter inside the case's
compartment and by one outside it.

The URL names come from the URL configuration: every name that takes an argument has an entry
here, saying whether it shows a record of a case (a person, their testimony or evidence, or a
record hanging from them) or something else. A new URL without an entry fails. For every case
URL, Aynur's father (restricted, like his testimony and evidence) is assigned to Dilnur's team:
Dilnur gets what the access matrix says the colleague gets, and Yusup, a documenter in another
team, is told the record does not exist (or is refused before any record is looked up, as
Dilnur is).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import NoReverseMatch, reverse
from test_every_role_on_every_url import (  # type: ignore[import-not-found]
    DENIED,
    EXPECTED,
    MISSING,
    OK,
    POST_ONLY,
    REDIRECT,
    ROLES,
    outcome,
    url_names,
    url_of,
)
from test_every_role_on_every_url import (  # type: ignore[import-not-found]
    world as world,  # the matrix's world, used here as a fixture
)

from guwah.registry.roles import Role
from guwah.registry.services import compartments

pytestmark = pytest.mark.django_db

CASE = "a record of a case"
OTHER = "not a case's record"

# Every URL name that takes an argument, and what that argument points at.
ENTRIES: dict[str, str] = {
    "registry:person_detail": CASE,
    "registry:person_json": CASE,
    "registry:person_edit": CASE,
    "registry:person_delete": CASE,
    "registry:person_visibility": CASE,
    "registry:person_history": CASE,
    "registry:person_verification": CASE,
    "registry:rebuttal_add": CASE,
    "registry:rebuttal_answer": CASE,
    "registry:name_add": CASE,
    "registry:relatives_add": CASE,
    "registry:tie_add": CASE,
    "registry:event_add": CASE,
    "registry:testimony_add": CASE,
    "registry:evidence_add": CASE,
    "registry:name_edit": CASE,
    "registry:name_delete": CASE,
    "registry:tie_delete": CASE,
    "registry:event_edit": CASE,
    "registry:event_delete": CASE,
    "registry:testimony_detail": CASE,
    "registry:testimony_edit": CASE,
    "registry:evidence_detail": CASE,
    "registry:restore_version": CASE,
    "registry:case_access": CASE,
    "registry:export_decide": OTHER,
    "registry:facility_detail": OTHER,
    "registry:incident_detail": OTHER,
    "registry:place_detail": OTHER,
    "linkage:cluster": CASE,
    "linkage:pair_detail": CASE,
    "linkage:undo": CASE,
    "evidence:person_panel": CASE,
    "evidence:person_package": CASE,
    "evidence:download": CASE,
    "evidence:redact": CASE,
    "stored_file": CASE,
    "un:person": CASE,
    "un:wgeid": CASE,
    "un:wgad": CASE,
    "un:step": CASE,
    "un:batch": CASE,
    "un:translation": CASE,
    "un:letter": CASE,
    "un:letter_docx": CASE,
    "imports:job": OTHER,
    "accounts:account": OTHER,
    "accounts:withdraw": OTHER,
    "accounts:accept": OTHER,
    "mfa_remove_webauthn": OTHER,
    "mfa_edit_webauthn": OTHER,
    "memorial:person": OTHER,
    "memorial:photo": OTHER,
    "memorial:api_person": OTHER,
    "memorial:facility": OTHER,
    "memorial_api:person": OTHER,
    "memorial_api:positions_instrument": OTHER,
    "memorial_api:positions_state": OTHER,
    "memorial_api:positions_group": OTHER,
    "positions:state": OTHER,
    "positions:letter": OTHER,
    "positions:group": OTHER,
    "positions:group_year": OTHER,
    "positions:group_comparison_csv": OTHER,
    "positions:instrument": OTHER,
    "positions:instrument_edit": OTHER,
    "positions:position_edit": OTHER,
    "positions:position_delete": OTHER,
    "positions:api_instrument": OTHER,
    "positions:api_group": OTHER,
    "positions:api_group_csv": OTHER,
    "positions:api_state": OTHER,
}

COLLEAGUE = ROLES.index("colleague")


def names_with_an_argument() -> list[str]:
    names = []
    for name in url_names():
        try:
            reverse(name)
        except NoReverseMatch:
            names.append(name)
    return names


def case_urls() -> list[str]:
    return [name for name in names_with_an_argument() if ENTRIES.get(name) == CASE]


def test_every_url_with_an_argument_has_an_entry() -> None:
    # A new page that takes an argument needs a line in ENTRIES: CASE if the argument leads to
    # a person, their testimony or evidence, or a record hanging from them; OTHER if not.
    assert sorted(set(names_with_an_argument()) - set(ENTRIES)) == []
    assert sorted(set(ENTRIES) - set(names_with_an_argument())) == []


@pytest.fixture
def compartment(world: dict[str, Any], colleague: Any, administrator: Any, django_user_model: Any):
    elsewhere = django_user_model.objects.create_user("yusup")
    elsewhere.groups.add(Group.objects.get_or_create(name=Role.DOCUMENTER.value)[0])
    team = compartments.create_team(administrator, "Kashgar cases", [colleague])
    compartments.create_team(administrator, "Hotan cases", [elsewhere])
    compartments.assign_case(administrator, world["person"], team)
    return {"inside": colleague, "outside": elsewhere}


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_documenter_inside_the_compartment_gets_what_the_colleague_gets(
    world: dict[str, Any], compartment: dict[str, Any]
) -> None:
    client = _client(compartment["inside"])
    names = [name for name in case_urls() if name in EXPECTED]
    found = {name: outcome(client.get(url_of(name, world))) for name in names}
    assert found == {name: EXPECTED[name][COLLEAGUE] for name in names}


def test_a_documenter_outside_the_compartment_is_told_the_record_does_not_exist(
    world: dict[str, Any], compartment: dict[str, Any]
) -> None:
    client = _client(compartment["outside"])
    found: dict[str, Any] = {}
    wanted: dict[str, Any] = {}
    for name in case_urls():
        address = url_of(name, world)
        colleague_gets = EXPECTED.get(name, (OK,) * len(ROLES))[COLLEAGUE]
        if colleague_gets == POST_ONLY:
            # A form's target: the record is looked up only for a POST, which must find nothing.
            found[name] = outcome(client.post(address, {}))
            wanted[name] = (MISSING, DENIED)
        else:
            found[name] = outcome(client.get(address))
            if found[name] == POST_ONLY:
                found[name] = outcome(client.post(address, {}))
                wanted[name] = (MISSING, DENIED)
                continue
            # Refused before any record is looked up, as the colleague is, or not found.
            refused_first = colleague_gets not in (OK, REDIRECT)
            wanted[name] = (MISSING, colleague_gets) if refused_first else (MISSING,)
    assert {name: found[name] for name in found if found[name] not in wanted[name]} == {}
