"""The one place that decides what a user may see and change in the registry.

Family members see and change only what they themselves submitted (``created_by``);
documenters, reviewers and administrators see everything; only reviewers and administrators
make a record public; anonymous users see nothing. Every view, export and API asks here, and
never filters by role on its own.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

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
