"""An export of restricted data is asked for, approved by a second person, and then works
once, before it expires."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from guwah.registry.models import ExportRequest, RecordRead
from guwah.registry.services import exports

pytestmark = pytest.mark.django_db

REASON = "The Working Group asked for the case file."


def test_an_export_without_an_approval_is_refused(colleague: Any) -> None:
    exports.request_export(colleague, "package", "7", REASON)
    with pytest.raises(PermissionDenied):
        exports.use_export_approval(colleague, "package", "7")


def test_nobody_approves_their_own_request(reviewer: Any) -> None:
    asked = exports.request_export(reviewer, "package", "7", REASON)
    with pytest.raises(PermissionDenied):
        exports.approve_export(reviewer, asked)
    assert ExportRequest.objects.get().status == ExportRequest.Status.REQUESTED


def test_a_documenter_does_not_approve(colleague: Any, django_user_model: Any) -> None:
    from django.contrib.auth.models import Group

    other = django_user_model.objects.create_user("yusup")
    other.groups.add(Group.objects.get_or_create(name="documenter")[0])
    asked = exports.request_export(other, "package", "7", REASON)
    with pytest.raises(PermissionDenied):
        exports.approve_export(colleague, asked)


def test_an_approved_export_works_once_and_then_is_spent(colleague: Any, reviewer: Any) -> None:
    asked = exports.request_export(colleague, "package", "7", REASON)
    exports.approve_export(reviewer, asked)
    used = exports.use_export_approval(colleague, "package", "7")
    assert used.status == ExportRequest.Status.USED and used.used_at is not None
    assert RecordRead.objects.filter(reader=colleague, action="exported").count() == 1
    with pytest.raises(PermissionDenied):
        exports.use_export_approval(colleague, "package", "7")


def test_an_approval_serves_only_what_was_asked_for_and_only_the_asker(
    colleague: Any, reviewer: Any, administrator: Any
) -> None:
    exports.approve_export(reviewer, exports.request_export(colleague, "package", "7", REASON))
    with pytest.raises(PermissionDenied):
        exports.use_export_approval(colleague, "package", "8")
    with pytest.raises(PermissionDenied):
        exports.use_export_approval(administrator, "package", "7")
    exports.use_export_approval(colleague, "package", "7")


def test_an_approval_expires(colleague: Any, reviewer: Any, settings: Any) -> None:
    approved = exports.approve_export(
        reviewer, exports.request_export(colleague, "records", "csv", REASON)
    )
    assert approved.expires_at is not None
    assert approved.expires_at - approved.decided_at == timedelta(
        hours=settings.GUWAH_EXPORT_APPROVAL_HOURS
    )
    ExportRequest.objects.filter(pk=approved.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    with pytest.raises(PermissionDenied):
        exports.use_export_approval(colleague, "records", "csv")


def test_a_refused_request_serves_nothing_and_is_decided_once(
    colleague: Any, reviewer: Any, administrator: Any
) -> None:
    asked = exports.request_export(colleague, "records", "csv", REASON)
    exports.refuse_export(reviewer, asked)
    with pytest.raises(ValidationError):
        exports.approve_export(administrator, asked)
    with pytest.raises(PermissionDenied):
        exports.use_export_approval(colleague, "records", "csv")


@pytest.mark.parametrize(
    ("kind", "reason"),
    [("package", "short"), ("everything", REASON), ("package", "")],
)
def test_a_request_without_a_reason_or_of_an_unknown_kind_is_refused_and_kept_nowhere(
    colleague: Any, kind: str, reason: str
) -> None:
    with pytest.raises(ValidationError):
        exports.request_export(colleague, kind, "7", reason)
    assert not ExportRequest.objects.exists()


def test_a_family_member_does_not_ask_for_staff_exports(owner: Any) -> None:
    with pytest.raises(PermissionDenied):
        exports.request_export(owner, "package", "7", REASON)
