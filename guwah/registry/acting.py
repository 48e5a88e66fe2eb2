"""Who is acting, for the code that records a change without being handed the actor.

Services name the actor on each record they save (``checks.as_history_of``) and web requests
carry their user, but a command, a bulk loader or a hook of the apps above writes rows that
neither reaches. They enter :func:`acting_as`; whatever records changes (the history, the
transparency log) reads :func:`current_actor`. The registry sets the value and never learns
who reads it.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_actor: contextvars.ContextVar[Any] = contextvars.ContextVar("guwah_actor", default=None)


@contextmanager
def acting_as(user: Any) -> Iterator[Any]:
    """Attribute every change made inside the block, and not named otherwise, to ``user``."""
    token = _actor.set(user)
    try:
        yield user
    finally:
        _actor.reset(token)


def current_actor() -> Any:
    """The user of the innermost :func:`acting_as` block, or None outside any."""
    return _actor.get()
