"""The one place that decides what a user may see and change, for every app.

Family members see and change only what they themselves submitted (``created_by``);
documenters, reviewers and administrators see everything; only reviewers and administrators
make a record public; anonymous users see nothing of the registry. Every view, service,
command, export and API asks here, and never filters by role on its own.

Each permission is a function named for what it allows (``can_review_links(user)``); a view
wears exactly one :func:`requires` with the permission that lets a user open it at all, and
asks the record-level functions (``can_edit_person(user, person)``) for the record it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.utils.translation import gettext as _

from guwah.registry.models import Evidence, Person, Testimony, Visibility
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


def _owned(queryset: QuerySet[Any], user: Any) -> QuerySet[Any]:
    if is_staff_member(user):
        return queryset
    if has_role(user, Role.FAMILY):
        return queryset.filter(created_by=user)
    return queryset.none()


def persons_visible_to(user: Any) -> QuerySet[Person]:
    return _owned(Person.objects.all(), user)


def testimonies_visible_to(user: Any) -> QuerySet[Testimony]:
    return _owned(Testimony.objects.all(), user)


def evidence_visible_to(user: Any) -> QuerySet[Evidence]:
    return _owned(Evidence.objects.all(), user)


def _may_view(user: Any, record: Any) -> bool:
    if is_staff_member(user):
        return True
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


def can_grant_roles(user: Any) -> bool:
    """A role decides what an account sees of every family: administrators grant them."""
    return has_role(user, Role.ADMINISTRATOR)


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
