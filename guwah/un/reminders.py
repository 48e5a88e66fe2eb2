"""What must be done by when: the deadlines the dashboard and ``guwah un reminders`` share.

Two things cannot wait. A government's reply left unanswered for six months lets the Working
Group consider the case clarified; an urgent case not sent while the disappearance is recent
loses the urgent procedure, which transmits a case to the government within days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from guwah.un import checks
from guwah.un.models import Mechanism, Stage, Submission


@dataclass(frozen=True)
class Reminder:
    """A submission with something to do by ``due``."""

    submission: Submission
    due: dt.date
    what: str

    def overdue(self, today: dt.date) -> bool:
        return self.due < today


def _send_by(person: Any) -> dt.date | None:
    event = checks.taken_event(person)
    if event is None or event.date_latest is None:
        return None
    return event.date_latest + checks.URGENT_WINDOW


def urgent_send_by(submission: Submission, today: dt.date) -> dt.date | None:
    """The last day an urgent case (or one connected to it, sent with it) can still be sent as
    urgent, while it is not sent."""
    if submission.stage != Stage.DRAFTED or submission.mechanism != Mechanism.WGEID:
        return None
    if submission.urgent:
        return _send_by(submission.person)
    if submission.connected:
        days = [
            _send_by(other) for other in checks.connected_urgent_cases(submission.person, today)
        ]
        return min((day for day in days if day is not None), default=None)
    return None


def reminder_of(submission: Submission, today: dt.date) -> Reminder | None:
    """What the submission waits for, if anything has a deadline."""
    if submission.reply_deadline is not None:
        return Reminder(
            submission,
            submission.reply_deadline,
            _("answer the government's reply (six months, or the case may be clarified)"),
        )
    send_by = urgent_send_by(submission, today)
    if send_by is not None:
        what = (
            _("send the urgent case")
            if submission.urgent
            else _("send with the urgent case it is connected to")
        )
        return Reminder(submission, send_by, what)
    return None


def order_key(submission: Submission, today: dt.date) -> tuple[Any, ...]:
    """Deadlines first, nearest first; then urgent, then connected cases; then the latest
    change first. The dashboard and the reminders read submissions in this order."""
    reminder = reminder_of(submission, today)
    return (
        reminder is None,
        reminder.due if reminder else dt.date.max,
        not submission.urgent,
        not submission.connected,
        -submission.updated_at.timestamp(),
    )


def reminders(submissions: Iterable[Submission], today: dt.date, days: int) -> list[Reminder]:
    """The deadlines that fall within ``days`` of ``today`` or have passed, nearest first."""
    horizon = today + dt.timedelta(days=days)
    found = [reminder_of(submission, today) for submission in submissions]
    due = [reminder for reminder in found if reminder is not None and reminder.due <= horizon]
    return sorted(due, key=lambda reminder: order_key(reminder.submission, today))
