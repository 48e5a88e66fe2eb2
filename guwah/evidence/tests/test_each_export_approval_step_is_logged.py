"""Asking for, approving and using an export of restricted data are each an entry of the
transparency log, with the person who took the step."""

from __future__ import annotations

from typing import Any

import pytest

from guwah.evidence.models import LogEntry
from guwah.registry.services import exports

pytestmark = pytest.mark.django_db

REASON = "The Working Group asked for the case file."


def test_each_step_is_an_entry_of_the_transparency_log(colleague: Any, reviewer: Any) -> None:
    asked = exports.request_export(colleague, "package", "7", REASON)
    exports.approve_export(reviewer, asked)
    exports.use_export_approval(colleague, "package", "7")
    steps = LogEntry.objects.filter(
        record_type__endswith="exportrequest", record_id=str(asked.pk)
    ).values_list("action", "actor_id")
    assert list(steps) == [
        ("create", colleague.pk),
        ("update", reviewer.pk),
        ("update", colleague.pk),
    ]
