"""The one place that decides what a user may see and change, for every app.

Family members see and change only what they themselves submitted (``created_by``);
documenters, reviewers and administrators see internal and public records, and restricted ones
only within the case's compartment (see :func:`compartment_persons`); only reviewers and
administrators make a record public; anonymous users see nothing of the registry. Every view,
service, command, export and API asks here, and never filters by role on its own.

Each permission is a function named for what it allows (``can_review_links(user)``); a view
wears exactly one :func:`requires` with the permission that lets a user open it at all, and
asks the record-level functions (``can_edit_person(user, person)``) for the record it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.utils.translation import gettext as _

from guwah.registry.models import (
    CaseAccess,
    CaseTeam,
    Evidence,
    ExportRequest,
    Person,
    Team,
    Testimony,
    Visibility,
)
from guwah.registry.roles import Role

_ROLES_CACHE = "_guwah_roles"


def _roles(user: Any) -> frozenset[str]:
    # Asked several times per request; the groups are read once and kept on the user object.
    cached = getattr(user, _ROLES_CACHE, None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        setattr(user, _ROLES_CACHE, cached)
    return cached


def has_role(user: Any, *roles: Role) -> bool:
    """Whether the user holds any of ``roles``; a superuser holds them all."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return not _roles(user).isdisjoint(role.value for role in roles)


def is_staff_member(user: Any) -> bool:
    """Documenters, reviewers and administrators: the organisation's own people."""
    return has_role(user, Role.DOCUMENTER, Role.REVIEWER, Role.ADMINISTRATOR)


def is_family_member(user: Any) -> bool:
    return has_role(user, Role.FAMILY) and not is_staff_member(user)


def can_publish(user: Any) -> bool:
    """Making a record public is a reviewer's decision, never a documenter's or a family's."""
    return has_role(user, Role.REVIEWER, Role.ADMINISTRATOR)


def can_verify(user: Any) -> bool:
    """Moving a case or a source up the verification ladder, and recording a government's
    rebuttal and the answer to it, is the organisation's work: documenters, reviewers and
    administrators, never a family member about their own relative."""
    return is_staff_member(user)


def can_view_history(user: Any) -> bool:
    return has_role(user, Role.REVIEWER, Role.ADMINISTRATOR)


def can_restore_history(user: Any) -> bool:
    return has_role(user, Role.REVIEWER, Role.ADMINISTRATOR)


def can_use_registry(user: Any) -> bool:
    """Signed in and holding any role at all; a bare account sees nothing."""
    return is_staff_member(user) or has_role(user, Role.FAMILY)


def can_add_records(user: Any) -> bool:
    return can_use_registry(user)


def can_manage_reference_data(user: Any) -> bool:
    """Places, facilities and incidents are shared by all families: staff keep them."""
    return is_staff_member(user)


def can_set_visibility(user: Any, visibility: str) -> bool:
    if visibility == Visibility.PUBLIC:
        return can_publish(user)
    return can_add_records(user)


# --------------------------------------------------------------------------------------------
# Compartments: which restricted cases a member of staff may read

_COMPARTMENT_CACHE = "_guwah_compartment"


@dataclass(frozen=True)
class _Compartment:
    """What decides a user's compartments, read once per request: a handful of keys."""

    teams: tuple[int, ...]
    # Everyone sharing a team with the user (the user included), and everyone in any team.
    teammates: tuple[int, ...]
    in_any_team: tuple[int, ...]
    intake: bool


def _compartment(user: Any) -> _Compartment:
    cached = getattr(user, _COMPARTMENT_CACHE, None)
    if cached is None:
        memberships = list(Team.members.through.objects.values_list("team_id", "user_id"))
        teams = tuple(sorted({team for team, member in memberships if member == user.pk}))
        cached = _Compartment(
            teams=teams,
            teammates=tuple(sorted({member for team, member in memberships if team in teams})),
            in_any_team=tuple(sorted({member for _team, member in memberships})),
            intake=reads_intake(user),
        )
        setattr(user, _COMPARTMENT_CACHE, cached)
    return cached


def reads_intake(user: Any) -> bool:
    """Cases no team holds, submitted by someone in no team (a family's submission waiting to be
    assigned), are read by reviewers and administrators, who assign them, and by every member
    of staff while ``GUWAH_INTAKE_OPEN_TO_STAFF`` is on."""
    if has_role(user, Role.REVIEWER, Role.ADMINISTRATOR):
        return True
    return bool(settings.GUWAH_INTAKE_OPEN_TO_STAFF) and is_staff_member(user)


def _falls_to(user: Any, creator_id: int | None) -> bool:
    """Whether a record of no team, created by ``creator_id``, is in ``user``'s compartment:
    its creator's teams, or the intake when the creator is in none."""
    compartment = _compartment(user)
    if creator_id == user.pk or creator_id in compartment.teammates:
        return True
    return compartment.intake and creator_id not in compartment.in_any_team


def _unassigned(user: Any, creator: str) -> Q:
    """:func:`_falls_to` as a filter on the field ``creator``."""
    compartment = _compartment(user)
    within = Q(**{creator: user.pk})
    if compartment.teammates:
        within |= Q(**{f"{creator}__in": compartment.teammates})
    if compartment.intake:
        within |= Q(**{f"{creator}__isnull": True}) | ~Q(
            **{f"{creator}__in": compartment.in_any_team}
        )
    return within


def compartment_persons(user: Any, path: str = "") -> Q:
    """The cases (persons) in ``user``'s compartments, as a filter on persons (or on the person
    at ``path``), whatever their visibility: the case's team, the staff let into it, and its
    creator. A case no team holds belongs to the teams of whoever created it."""
    at = f"{path}__" if path else ""
    compartment = _compartment(user)
    granted = Exists(CaseAccess.objects.filter(person_id=OuterRef(f"{at}pk"), user_id=user.pk))
    within = Q(**{f"{at}created_by": user.pk}) | Q(granted)
    if compartment.teams:
        within |= Q(**{f"{at}case_team__team_id__in": compartment.teams})
    return within | (Q(**{f"{at}case_team__isnull": True}) & _unassigned(user, f"{at}created_by"))


def _sources_in_compartment(model: type[Any], user: Any) -> Q:
    """Testimony or evidence of a case in the user's compartment, or of no case at all and
    then judged by its creator."""
    links = model.persons.through.objects
    field = f"{model._meta.model_name}_id"
    about = links.filter(**{field: OuterRef("pk")})
    return Q(Exists(about.filter(compartment_persons(user, "person")))) | (
        ~Q(Exists(about)) & _unassigned(user, "created_by")
    )


def _owned(queryset: QuerySet[Any], user: Any) -> QuerySet[Any]:
    if is_staff_member(user):
        restricted = Q(visibility=Visibility.RESTRICTED)
        if queryset.model is Person:
            within = compartment_persons(user)
        else:
            within = _sources_in_compartment(queryset.model, user)
        return queryset.filter(~restricted | within)
    if has_role(user, Role.FAMILY):
        return queryset.filter(created_by=user)
    return queryset.none()


def persons_visible_to(user: Any) -> QuerySet[Person]:
    return _owned(Person.objects.all(), user)


def testimonies_visible_to(user: Any) -> QuerySet[Testimony]:
    return _owned(Testimony.objects.all(), user)


def evidence_visible_to(user: Any) -> QuerySet[Evidence]:
    return _owned(Evidence.objects.all(), user)


def _cases_in_compartment(user: Any, cases: list[tuple[int, int | None]]) -> bool:
    """Whether any of ``cases`` (person key, creator key) is in ``user``'s compartments: a few
    indexed look-ups, for one record's page rather than a list."""
    if not cases:
        return False
    if any(creator == user.pk for _pk, creator in cases):
        return True
    keys = [pk for pk, _creator in cases]
    if CaseAccess.objects.filter(person_id__in=keys, user_id=user.pk).exists():
        return True
    teams = dict(CaseTeam.objects.filter(person_id__in=keys).values_list("person_id", "team_id"))
    compartment = _compartment(user)
    return any(
        teams[pk] in compartment.teams if pk in teams else _falls_to(user, creator)
        for pk, creator in cases
    )


def in_compartment(user: Any, person: Person) -> bool:
    """Whether ``person``'s case is in one of ``user``'s compartments (whatever its visibility)."""
    return is_staff_member(user) and _cases_in_compartment(
        user, [(person.pk, person.created_by_id)]
    )


def _may_view(user: Any, record: Any) -> bool:
    if is_staff_member(user):
        if record.visibility != Visibility.RESTRICTED or record.created_by_id == user.pk:
            return True
        if isinstance(record, Person):
            return _cases_in_compartment(user, [(record.pk, record.created_by_id)])
        cases = list(record.persons.values_list("pk", "created_by_id"))
        if not cases:
            return _falls_to(user, record.created_by_id)
        return _cases_in_compartment(user, cases)
    return (
        has_role(user, Role.FAMILY)
        and record.created_by_id is not None
        and record.created_by_id == user.pk
    )


def _may_edit(user: Any, record: Any) -> bool:
    # The same rule as seeing, today; kept apart because a "read-only investigator" role is
    # the obvious next one and will see without editing.
    return _may_view(user, record)


def can_view_person(user: Any, person: Person) -> bool:
    return _may_view(user, person)


def can_edit_person(user: Any, person: Person) -> bool:
    return _may_edit(user, person)


def can_delete_person(user: Any, person: Person) -> bool:
    """Deleting a person removes a whole family's testimony from view; administrators only,
    and a family member for a record they entered themselves."""
    return has_role(user, Role.ADMINISTRATOR) or (
        is_family_member(user) and person.created_by_id == user.pk
    )


def can_view_testimony(user: Any, testimony: Testimony) -> bool:
    return _may_view(user, testimony)


def can_edit_testimony(user: Any, testimony: Testimony) -> bool:
    return _may_edit(user, testimony)


def can_view_evidence(user: Any, evidence: Evidence) -> bool:
    return _may_view(user, evidence)


def can_edit_evidence(user: Any, evidence: Evidence) -> bool:
    return _may_edit(user, evidence)


def can_add_evidence(user: Any) -> bool:
    """Families give testimony; grading and filing evidence is the organisation's work."""
    return is_staff_member(user)


# --------------------------------------------------------------------------------------------
# The capabilities above the registry


def can_review_links(user: Any) -> bool:
    """Proposed matches show records of every family side by side: the organisation's staff."""
    return is_staff_member(user)


def can_merge_persons(user: Any) -> bool:
    """Folding two records into one touches whatever both hold: the organisation's staff."""
    return is_staff_member(user)


def can_edit_positions(user: Any) -> bool:
    """Documenters, reviewers and administrators correct the record of state positions."""
    return is_staff_member(user)


def can_download_package(user: Any, person: Person) -> bool:
    """An evidence package leaves the organisation: the family's own record, or one whose
    family agreed to share it with UN mechanisms."""
    return can_view_person(user, person) and (
        person.created_by_id == user.pk or person.consent_share_un
    )


def can_submit_to_un(user: Any, person: Person) -> bool:
    """A UN submission carries the record to a Working Group and, through it, to the
    government: only a record the user may see, whose family agreed to share it with UN
    mechanisms."""
    return can_view_person(user, person) and person.consent_share_un


def can_follow_letter(user: Any, letter: Any) -> bool:
    """A letter to a government carrying cases is followed by whoever drafted it and by the
    organisation's staff; the cases it names are still shown only to those who may see them."""
    if not can_use_registry(user):
        return False
    return is_staff_member(user) or letter.created_by_id == user.pk


def can_keep_family_space(user: Any) -> bool:
    """Anyone with a role keeps a family space of their own: the relatives they entered, their
    testimony and what they agreed to."""
    return can_use_registry(user)


def can_import_records(user: Any) -> bool:
    """A list of thousands of persons comes in at once and is the organisation's work; a family
    adds its relatives one by one."""
    return is_staff_member(user)


def can_export_records(user: Any) -> bool:
    """Anyone with a role takes out everything they may see: a family, the records it submitted."""
    return can_use_registry(user)


def can_view_log_status(user: Any) -> bool:
    """The log's keys and latest entries are the administrators' to watch."""
    return has_role(user, Role.ADMINISTRATOR)


def can_backfill_log(user: Any) -> bool:
    """Logging records written behind the log's back vouches for them: administrators only."""
    return has_role(user, Role.ADMINISTRATOR)


def can_rotate_keys(user: Any) -> bool:
    """Re-encrypting every protected field and file touches the whole record: administrators
    only."""
    return has_role(user, Role.ADMINISTRATOR)


def can_erase_person(user: Any) -> bool:
    """Erasing a withdrawn case removes what cannot be brought back: administrators only."""
    return has_role(user, Role.ADMINISTRATOR)


def can_grant_roles(user: Any) -> bool:
    """A role decides what an account sees of every family: administrators grant them."""
    return has_role(user, Role.ADMINISTRATOR)


def can_manage_accounts(user: Any) -> bool:
    """Inviting people, closing accounts and resetting a lost second factor decide who can
    sign in at all: administrators only."""
    return has_role(user, Role.ADMINISTRATOR)


def must_use_second_factor(user: Any) -> bool:
    """Every role above family member reads other families' records, so a stolen password
    alone must not open them: such accounts sign in with a second factor."""
    return is_staff_member(user)


def can_manage_teams(user: Any) -> bool:
    """Teams decide which restricted cases each member of staff reads: administrators keep
    them (and read a restricted case only when in its compartment, like everyone else)."""
    return has_role(user, Role.ADMINISTRATOR)


def can_grant_case_access(user: Any) -> bool:
    """Letting someone into a case, or moving it to a team, is a reviewer's or an
    administrator's decision, for a case they may read themselves."""
    return has_role(user, Role.REVIEWER, Role.ADMINISTRATOR)


def can_view_read_audit(user: Any) -> bool:
    """Who read which restricted record is the administrators' to watch."""
    return has_role(user, Role.ADMINISTRATOR)


def can_request_export(user: Any) -> bool:
    """Any member of staff may ask to take restricted data out; a second person decides."""
    return is_staff_member(user)


def can_approve_exports(user: Any) -> bool:
    """Reviewers and administrators approve exports of restricted data asked for by others."""
    return has_role(user, Role.REVIEWER, Role.ADMINISTRATOR)


def can_decide_export(user: Any, request: ExportRequest) -> bool:
    """A second person decides: a reviewer or administrator who did not ask for it."""
    return can_approve_exports(user) and request.requested_by_id != user.pk


# --------------------------------------------------------------------------------------------
# The one decorator for views


def anyone(user: Any) -> bool:
    """Public pages: everybody, signed in or not."""
    return True


def signed_in(user: Any) -> bool:
    """Any signed-in account, with or without a role: pages about one's own account."""
    return bool(user is not None and user.is_authenticated)


Permission = Callable[[Any], bool]
# Any response: pages, files streamed to the browser, and Django's own class-based views.
View = TypeVar("View", bound=Callable[..., HttpResponseBase])

# The attribute :func:`requires` leaves on a view; a test walks the URL configuration and
# finds every view carrying one.
PERMISSION_ATTRIBUTE = "guwah_permission"


def requires(permission: Permission) -> Callable[[View], View]:
    """Open the view only to users for whom ``permission(user)`` holds.

    An anonymous visitor to a page that is not public is sent to sign in; a signed-in user
    without the permission is refused (403). Every view in every app wears this decorator
    exactly once.
    """

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if permission is not anyone and not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not permission(request.user):
                raise PermissionDenied(_("Your account may not open this page."))
            return view(request, *args, **kwargs)

        setattr(wrapped, PERMISSION_ATTRIBUTE, permission)
        return wrapped  # type: ignore[return-value]

    return decorate
