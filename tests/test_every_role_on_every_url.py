"""What every role gets when it opens every page: one row per URL name, one column per role.

The list of URL names comes from the URL configuration itself, so a new page cannot be added
without saying here who may open it. Every request is a GET; pages that only take a POST answer
405 to a role that passes the gate, which still shows where the gate stands.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from guwah.evidence.models import EvidenceFile
from guwah.linkage.models import CandidatePair, Merge
from guwah.positions.models import Group, Instrument, Membership, Position, State
from guwah.registry import services
from guwah.registry.models import Evidence, Facility, FamilyTie, Place

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "no role", "owner", "outsider", "colleague", "reviewer", "administrator")

OK = 200
REDIRECT = 302  # somewhere other than the sign-in page
LOGIN = "login"  # a redirect to the sign-in page
DENIED = 403
MISSING = 404  # also how another family's record answers: its existence is not disclosed
POST_ONLY = 405

# The Django admin has its own gate (staff accounts, its own sign-in page) and a URL per model.
EXEMPT_NAMESPACES = {"admin"}

# allauth's second-factor pages, for accounts that have none enrolled yet. Changing a factor
# asks for the password again first (the account without a role was opened without one, so it
# cannot); what needs an enrolled factor is missing; the second step of a sign-in is reached
# only from the first and otherwise leads away.
MFA_AFTER_PASSWORD = (LOGIN, DENIED, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT)
MFA_NOTHING_ENROLLED = (LOGIN, MISSING, MISSING, MISSING, MISSING, MISSING, MISSING)
MFA_AUTHENTICATE = (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT)

# One row per URL name; the columns are the roles, in the order of ROLES.
EXPECTED: dict[str, tuple[Any, ...]] = {
    "home": (REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "health": (OK, OK, OK, OK, OK, OK, OK),
    # The memorial is public; a record that is not published is missing for every role alike.
    "memorial:person_list": (OK, OK, OK, OK, OK, OK, OK),
    "memorial:person": (MISSING, MISSING, MISSING, MISSING, MISSING, MISSING, MISSING),
    "memorial:photo": (MISSING, MISSING, MISSING, MISSING, MISSING, MISSING, MISSING),
    "memorial:api_persons": (OK, OK, OK, OK, OK, OK, OK),
    "memorial:api_person": (MISSING, MISSING, MISSING, MISSING, MISSING, MISSING, MISSING),
    "memorial:statistics": (OK, OK, OK, OK, OK, OK, OK),
    "memorial:statistics_csv": (OK, OK, OK, OK, OK, OK, OK),
    "memorial:facility_list": (OK, OK, OK, OK, OK, OK, OK),
    "memorial:facility": (OK, OK, OK, OK, OK, OK, OK),
    "memorial:map": (OK, OK, OK, OK, OK, OK, OK),
    "memorial:api_facilities": (OK, OK, OK, OK, OK, OK, OK),
    # The open API (django-ninja): the same public reads, with an OpenAPI schema.
    "memorial_api:api-root": (MISSING, MISSING, MISSING, MISSING, MISSING, MISSING, MISSING),
    "memorial_api:openapi-json": (OK, OK, OK, OK, OK, OK, OK),
    "memorial_api:persons": (OK, OK, OK, OK, OK, OK, OK),
    "memorial_api:person": (MISSING, MISSING, MISSING, MISSING, MISSING, MISSING, MISSING),
    "memorial_api:statistics": (OK, OK, OK, OK, OK, OK, OK),
    "memorial_api:facilities": (OK, OK, OK, OK, OK, OK, OK),
    "memorial_api:persons_csv": (OK, OK, OK, OK, OK, OK, OK),
    "memorial_api:persons_json": (OK, OK, OK, OK, OK, OK, OK),
    "memorial_api:positions_instruments": (OK, OK, OK, OK, OK, OK, OK),
    "memorial_api:positions_instrument": (OK, OK, OK, OK, OK, OK, OK),
    "memorial_api:positions_states": (OK, OK, OK, OK, OK, OK, OK),
    "memorial_api:positions_state": (OK, OK, OK, OK, OK, OK, OK),
    "memorial_api:positions_group": (OK, OK, OK, OK, OK, OK, OK),
    "memorial:api_statistics": (OK, OK, OK, OK, OK, OK, OK),
    "login": (OK, OK, OK, OK, OK, OK, OK),
    # Signing out asks to confirm on a GET; a visitor who is not signed in goes to sign in.
    "logout": (LOGIN, OK, OK, OK, OK, OK, OK),
    # allauth's own names for the same two pages, which its code reverses.
    "account_login": (OK, OK, OK, OK, OK, OK, OK),
    "account_logout": (LOGIN, OK, OK, OK, OK, OK, OK),
    "account_inactive": (OK, OK, OK, OK, OK, OK, OK),
    "account_reauthenticate": (LOGIN, DENIED, OK, OK, OK, OK, OK),
    "account_change_password": (LOGIN, REDIRECT, OK, OK, OK, OK, OK),
    "account_set_password": (LOGIN, OK, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    # The second factor: every account may enrol one (staff must); the second step of a
    # sign-in is reached only from the first, and otherwise leads back to it.
    "mfa_index": (LOGIN, OK, OK, OK, OK, OK, OK),
    "mfa_authenticate": MFA_AUTHENTICATE,
    "mfa_reauthenticate": MFA_AFTER_PASSWORD,
    "mfa_activate_totp": MFA_AFTER_PASSWORD,
    "mfa_deactivate_totp": MFA_NOTHING_ENROLLED,
    "mfa_view_recovery_codes": MFA_NOTHING_ENROLLED,
    "mfa_generate_recovery_codes": MFA_AFTER_PASSWORD,
    "mfa_download_recovery_codes": MFA_NOTHING_ENROLLED,
    "mfa_list_webauthn": (LOGIN, OK, OK, OK, OK, OK, OK),
    "mfa_add_webauthn": MFA_AFTER_PASSWORD,
    "mfa_reauthenticate_webauthn": MFA_AFTER_PASSWORD,
    "mfa_remove_webauthn": MFA_AFTER_PASSWORD,
    "mfa_edit_webauthn": MFA_AFTER_PASSWORD,
    # Administrators manage accounts; an invitation link is open to whoever holds it (this
    # one is made up, so it is missing for everyone).
    "accounts:list": (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    "accounts:invite": (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    "accounts:account": (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    "accounts:withdraw": (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, POST_ONLY),
    "accounts:accept": (MISSING, MISSING, MISSING, MISSING, MISSING, MISSING, MISSING),
    "set_language": (REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    # A family-only account is sent to her family's tree.
    "registry:dashboard": (LOGIN, DENIED, REDIRECT, REDIRECT, OK, OK, OK),
    "registry:person_list": (LOGIN, DENIED, OK, OK, OK, OK, OK),
    "registry:person_create": (LOGIN, DENIED, OK, OK, OK, OK, OK),
    "registry:person_detail": (LOGIN, DENIED, OK, MISSING, OK, OK, OK),
    "registry:person_json": (LOGIN, DENIED, OK, MISSING, OK, OK, OK),
    "registry:person_edit": (LOGIN, DENIED, OK, MISSING, OK, OK, OK),
    "registry:person_delete": (
        LOGIN,
        DENIED,
        POST_ONLY,
        POST_ONLY,
        POST_ONLY,
        POST_ONLY,
        POST_ONLY,
    ),
    "registry:person_visibility": (LOGIN, DENIED, OK, MISSING, OK, OK, OK),
    "registry:person_history": (LOGIN, DENIED, DENIED, MISSING, DENIED, OK, OK),
    # The verification ladder and rebuttals are the organisation's work, never a family's.
    "registry:person_verification": (LOGIN, DENIED, DENIED, DENIED, OK, OK, OK),
    "registry:rebuttal_add": (LOGIN, DENIED, DENIED, DENIED, OK, OK, OK),
    "registry:rebuttal_answer": (
        LOGIN,
        DENIED,
        DENIED,
        DENIED,
        POST_ONLY,
        POST_ONLY,
        POST_ONLY,
    ),
    "registry:name_add": (LOGIN, DENIED, OK, MISSING, OK, OK, OK),
    "registry:relatives_add": (LOGIN, DENIED, OK, MISSING, OK, OK, OK),
    "registry:tie_add": (LOGIN, DENIED, OK, MISSING, OK, OK, OK),
    "registry:event_add": (LOGIN, DENIED, OK, MISSING, OK, OK, OK),
    "registry:testimony_add": (LOGIN, DENIED, OK, MISSING, OK, OK, OK),
    "registry:evidence_add": (LOGIN, DENIED, DENIED, MISSING, OK, OK, OK),
    "registry:name_edit": (LOGIN, DENIED, OK, MISSING, OK, OK, OK),
    "registry:name_delete": (LOGIN, DENIED, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY),
    "registry:tie_delete": (LOGIN, DENIED, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY),
    "registry:event_edit": (LOGIN, DENIED, OK, MISSING, OK, OK, OK),
    "registry:event_delete": (LOGIN, DENIED, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY),
    "registry:testimony_detail": (LOGIN, DENIED, OK, MISSING, OK, OK, OK),
    "registry:testimony_edit": (LOGIN, DENIED, OK, MISSING, OK, OK, OK),
    "registry:evidence_list": (LOGIN, DENIED, OK, OK, OK, OK, OK),
    "registry:evidence_detail": (LOGIN, DENIED, MISSING, MISSING, OK, OK, OK),
    "registry:restore_version": (
        LOGIN,
        DENIED,
        POST_ONLY,
        POST_ONLY,
        POST_ONLY,
        POST_ONLY,
        POST_ONLY,
    ),
    "registry:facility_list": (LOGIN, DENIED, OK, OK, OK, OK, OK),
    "registry:facility_detail": (LOGIN, DENIED, OK, OK, OK, OK, OK),
    "registry:incident_list": (LOGIN, DENIED, OK, OK, OK, OK, OK),
    "registry:incident_create": (LOGIN, DENIED, DENIED, DENIED, OK, OK, OK),
    "registry:incident_detail": (LOGIN, DENIED, OK, OK, OK, OK, OK),
    "registry:place_list": (LOGIN, DENIED, OK, OK, OK, OK, OK),
    "registry:place_detail": (LOGIN, DENIED, OK, OK, OK, OK, OK),
    # Compartments, the read audit and export approvals (docs/security.md).
    "registry:case_access": (LOGIN, DENIED, DENIED, DENIED, DENIED, OK, OK),
    "registry:team_list": (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    "registry:read_audit": (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    "registry:export_list": (LOGIN, DENIED, DENIED, DENIED, OK, OK, OK),
    "registry:export_request": (LOGIN, DENIED, DENIED, DENIED, POST_ONLY, POST_ONLY, POST_ONLY),
    "registry:export_decide": (LOGIN, DENIED, DENIED, DENIED, DENIED, POST_ONLY, POST_ONLY),
    "linkage:queue": (LOGIN, DENIED, DENIED, DENIED, OK, OK, OK),
    "linkage:pair_detail": (LOGIN, DENIED, DENIED, DENIED, OK, OK, OK),
    "linkage:cluster": (LOGIN, DENIED, DENIED, DENIED, OK, OK, OK),
    "linkage:merge_list": (LOGIN, DENIED, DENIED, DENIED, OK, OK, OK),
    "linkage:undo": (LOGIN, DENIED, DENIED, DENIED, POST_ONLY, POST_ONLY, POST_ONLY),
    "evidence:person_panel": (LOGIN, DENIED, OK, MISSING, OK, OK, OK),
    "evidence:person_package": (LOGIN, DENIED, OK, MISSING, DENIED, DENIED, DENIED),
    "evidence:download": (LOGIN, DENIED, MISSING, MISSING, OK, OK, OK),
    "evidence:redact": (LOGIN, DENIED, DENIED, DENIED, OK, OK, OK),
    "stored_file": (LOGIN, DENIED, MISSING, MISSING, OK, OK, OK),
    "evidence:log_status": (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    "imports:upload": (LOGIN, DENIED, DENIED, DENIED, OK, OK, OK),
    "imports:export": (LOGIN, DENIED, OK, OK, OK, OK, OK),
    "imports:job": (LOGIN, DENIED, DENIED, DENIED, MISSING, MISSING, MISSING),
    "positions:map": (OK, OK, OK, OK, OK, OK, OK),
    "positions:timeline": (OK, OK, OK, OK, OK, OK, OK),
    "positions:state": (OK, OK, OK, OK, OK, OK, OK),
    "positions:letter": (OK, OK, OK, OK, OK, OK, OK),
    "positions:instrument_add": (LOGIN, DENIED, DENIED, DENIED, OK, OK, OK),
    "positions:instrument": (OK, OK, OK, OK, OK, OK, OK),
    "positions:instrument_edit": (LOGIN, DENIED, DENIED, DENIED, OK, OK, OK),
    "positions:position_add": (LOGIN, DENIED, DENIED, DENIED, OK, OK, OK),
    "positions:position_edit": (LOGIN, DENIED, DENIED, DENIED, OK, OK, OK),
    "positions:position_delete": (LOGIN, DENIED, DENIED, DENIED, POST_ONLY, POST_ONLY, POST_ONLY),
    "positions:export_positions_csv": (OK, OK, OK, OK, OK, OK, OK),
    "positions:export_instruments_csv": (OK, OK, OK, OK, OK, OK, OK),
    "positions:export_json": (OK, OK, OK, OK, OK, OK, OK),
    "positions:api_map": (OK, OK, OK, OK, OK, OK, OK),
    "positions:api_instruments": (OK, OK, OK, OK, OK, OK, OK),
    "positions:api_instrument": (OK, OK, OK, OK, OK, OK, OK),
    "positions:groups": (OK, OK, OK, OK, OK, OK, OK),
    "positions:group": (OK, OK, OK, OK, OK, OK, OK),
    "positions:group_year": (OK, OK, OK, OK, OK, OK, OK),
    "positions:group_comparison_csv": (OK, OK, OK, OK, OK, OK, OK),
    "positions:api_group": (OK, OK, OK, OK, OK, OK, OK),
    "positions:api_group_csv": (OK, OK, OK, OK, OK, OK, OK),
    "positions:api_states": (OK, OK, OK, OK, OK, OK, OK),
    "positions:api_state": (OK, OK, OK, OK, OK, OK, OK),
    "un:dashboard": (LOGIN, DENIED, OK, OK, OK, OK, OK),
    "un:person": (LOGIN, DENIED, OK, MISSING, OK, OK, OK),
    # Aynur's father has no consent to share with UN mechanisms: nobody may produce his forms.
    "un:wgeid": (LOGIN, DENIED, DENIED, MISSING, DENIED, DENIED, DENIED),
    "un:wgad": (LOGIN, DENIED, DENIED, MISSING, DENIED, DENIED, DENIED),
    "un:step": (LOGIN, DENIED, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY),
    "un:batch": (LOGIN, DENIED, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY),
    "un:translation": (LOGIN, DENIED, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY),
    "un:letters": (LOGIN, DENIED, OK, OK, OK, OK, OK),
    # The world holds no letter: the number is a person's, and no letter answers to it.
    "un:letter": (LOGIN, DENIED, MISSING, MISSING, MISSING, MISSING, MISSING),
    "un:letter_docx": (LOGIN, DENIED, MISSING, MISSING, MISSING, MISSING, MISSING),
    # Every account with a role keeps a family space of its own; its changes take a POST.
    "family:home": (LOGIN, DENIED, OK, OK, OK, OK, OK),
    "family:defaults": (LOGIN, DENIED, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY),
    "family:draft_save": (LOGIN, DENIED, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY),
    "family:draft_remove": (LOGIN, DENIED, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY),
    "family:submit": (LOGIN, DENIED, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY),
    "family:testimony": (LOGIN, DENIED, OK, OK, OK, OK, OK),
    "family:consent": (LOGIN, DENIED, OK, OK, OK, OK, OK),
}


def url_names(patterns: list[Any] | None = None, prefix: str = "") -> list[str]:
    """Every named URL of the project, with its namespace."""
    names: list[str] = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            if entry.namespace in EXEMPT_NAMESPACES:
                continue
            names += url_names(entry.url_patterns, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            names.append(f"{prefix}{entry.name}")
    return names


@pytest.fixture
def world(owner, outsider, colleague) -> dict[str, Any]:
    """One record of every kind a URL can point at, the persons among them Aynur's."""
    kashgar = Place.objects.create(code="653100", level=Place.Level.PREFECTURE, name_en="Kashgar")
    camp = Facility.objects.create(
        kind=Facility.Kind.CAMP, name_en="Camp (synthetic)", place=kashgar
    )
    father = services.create_person(
        owner, names=[{"text": "Ehmet Tursun", "script": "ug-Latn"}], sex="m", synthetic=True
    )
    mother = services.create_person(
        owner, names=[{"text": "Gulnar Tursun", "script": "ug-Latn"}], sex="f", synthetic=True
    )
    services.add_family_tie(owner, father, mother, FamilyTie.Relation.SPOUSE)
    event = services.add_event(owner, father, kind="camp", date="2017-04", facility=camp)
    testimony = services.add_testimony(owner, [father], witness_name="Aynur", text="Taken.")
    evidence = services.add_evidence(
        colleague,
        [father],
        kind=Evidence.Kind.OFFICIAL_DOCUMENT,
        title="Notice (synthetic)",
        file=SimpleUploadedFile("notice.txt", b"synthetic notice", content_type="text/plain"),
    )
    incident = services.add_incident(colleague, title="Raid (synthetic)", date="2017-04")
    brother = services.create_person(
        outsider, names=[{"text": "Abdulla Qadir", "script": "ug-Latn"}], synthetic=True
    )
    pair = CandidatePair.objects.create(
        person=father,
        other_person=brother,
        left_ref=f"person:{father.pk}",
        right_ref=f"person:{brother.pk}",
        match_probability=0.5,
        match_weight=0.0,
    )
    merge = Merge.objects.create(
        survivor=father,
        survivor_ref=f"person:{father.pk}",
        merged_ref=f"person:{brother.pk}",
        snapshot={},
        actor=colleague,
        reason="Synthetic",
    )
    france = State.objects.create(code="FRA", alpha_2="FR", numeric="250", name="France")
    statement = Instrument.objects.create(
        code="JS-SYNTHETIC", kind="joint_statement", date="2019-07", forum="Synthetic forum"
    )
    position = Position.objects.create(
        state=france,
        instrument=statement,
        stance="critical",
        date="2019-07",
        source_url="https://example.org/statement",
    )
    for group, period in (
        (Group.objects.create(code="G7", name="Group of Seven"), ""),
        (Group.objects.create(code="HRC", name="Council", yearly=True), "2022"),
    ):
        Membership.objects.create(
            group=group,
            state=france,
            name="France",
            period=period,
            role="member",
            source_url="https://example.org/members",
        )
    return {
        "pk": {
            "registry:name_edit": father.names.first().pk,
            "registry:name_delete": father.names.first().pk,
            "registry:tie_delete": father.ties.get().pk,
            "registry:event_edit": event.pk,
            "registry:event_delete": event.pk,
            "registry:testimony_detail": testimony.pk,
            "registry:testimony_edit": testimony.pk,
            "registry:evidence_detail": evidence.pk,
            "evidence:redact": evidence.pk,
            "registry:facility_detail": camp.pk,
            "memorial:facility": camp.pk,
            "registry:incident_detail": incident.pk,
            "registry:place_detail": kashgar.pk,
            "linkage:pair_detail": pair.pk,
            "linkage:cluster": pair.pk,
            "linkage:undo": merge.pk,
            "positions:position_edit": position.pk,
            "positions:position_delete": position.pk,
        },
        "person": father,
        "evidence": evidence,
        "sha256": EvidenceFile.objects.get(evidence=evidence).blob_id,
        "history_id": father.history.earliest().history_id,
        "state": france.code,
        "instrument": statement.code,
    }


def url_of(name: str, world: dict[str, Any]) -> str:
    """The URL of ``name``, pointing at the world's record of the kind it takes."""
    if name in world["pk"]:
        return reverse(name, kwargs={"pk": world["pk"][name]})
    if name == "memorial_api:person":
        return reverse(name, kwargs={"entry": world["person"].pk})
    if name == "evidence:download":
        return reverse(name, kwargs={"pk": world["evidence"].pk, "sha256": world["sha256"]})
    if name == "accounts:account":
        return reverse(name, kwargs={"pk": world["person"].created_by_id})
    if name == "accounts:accept":
        return reverse(name, kwargs={"token": "not-a-real-invitation"})
    if name == "stored_file":
        return world["evidence"].file.url
    if name == "registry:restore_version":
        kwargs = {"model": "person", "pk": world["person"].pk, "history_id": world["history_id"]}
        return reverse(name, kwargs=kwargs)
    if name == "memorial_api:positions_state":
        return reverse(name, kwargs={"code": world["state"]})
    if name == "memorial_api:positions_instrument":
        return reverse(name, kwargs={"code": world["instrument"]})
    if name == "memorial_api:positions_group":
        return reverse(name, kwargs={"code": "G7"})
    if name in ("positions:state", "positions:letter", "positions:api_state"):
        return reverse(name, kwargs={"code": world["state"]})
    if name == "positions:group_year":
        return reverse(name, kwargs={"code": "HRC", "year": 2022})
    if name.startswith(("positions:group_", "positions:api_group")) or name == "positions:group":
        return reverse(name, kwargs={"code": "G7"})
    if name in ("positions:instrument", "positions:instrument_edit", "positions:api_instrument"):
        return reverse(name, kwargs={"code": world["instrument"]})
    try:
        return reverse(name)
    except NoReverseMatch:
        # Every other page with an argument is about a person: Aynur's father.
        return reverse(name, kwargs={"pk": world["person"].pk})


def outcome(response: Any) -> Any:
    if response.status_code == 302:
        return LOGIN if response["Location"].startswith(reverse("login")) else REDIRECT
    return response.status_code


def test_every_url_name_has_a_row_in_the_matrix() -> None:
    assert sorted(set(url_names()) - set(EXPECTED)) == []
    assert sorted(set(EXPECTED) - set(url_names())) == []


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_the_matrix_says_on_every_url(
    request: pytest.FixtureRequest, role: str, world: dict[str, Any], django_user_model: Any
) -> None:
    client = Client()
    if role == "no role":
        client.force_login(django_user_model.objects.create_user("bare"))
    elif role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    column = ROLES.index(role)
    names = [name for name in url_names() if name in EXPECTED]
    found = {name: outcome(client.get(url_of(name, world))) for name in names}
    assert found == {name: EXPECTED[name][column] for name in names}
