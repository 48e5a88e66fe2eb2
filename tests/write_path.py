"""A watch over every test run: who writes registry records, and from where.

Every change to a registry record goes through a service in ``guwah/registry/services/``, which
asks the access policy, validates, writes in one transaction and leaves history and a log entry.
For the whole run, this plugin wraps the ways Django writes rows (``Model.save`` and ``delete``;
``QuerySet.update``, ``delete``, ``bulk_create`` and ``bulk_update``) and, for each write of a
registry model, finds the innermost frame of the project's own code that asked for it. A write
asked for anywhere else than the places below is recorded; at the end of the run the places are
listed and the run fails, even if every test passed.

Allowed to write:

- ``guwah/registry/services/``: the one write path;
- ``guwah/registry/models.py``: passed through, not judged. A model's own ``save`` or a manager
  method writes on behalf of whoever called it, and that caller is judged instead;
- tests and fixtures (``/tests/``, ``conftest.py``), which build the world they test;
- migrations, which run before any actor exists;
- the bulk loaders in ``BULK_LOADERS``, each with its reason.

A write made while another registry write is under way (a signal receiver keeping the name
search keys up to date as a name is saved) belongs to that outer write and is judged with it.
Simple-history's ``Historical*`` rows are history, not records, and are not watched.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from django.db.models import Model, QuerySet

PROJECT = Path(__file__).resolve().parent.parent
SOURCE = str(PROJECT / "guwah") + "/"

SERVICES = "guwah/registry/services/"
PASSED_THROUGH = {"guwah/registry/models.py"}
BULK_LOADERS = {
    # Benchmarks and large demonstrations insert up to millions of synthetic rows in batches
    # with explicit keys, and announce them with ``registry.signals.bulk_created``.
    "guwah/demo/bulk.py": "batched inserts of synthetic records for benchmarks and demos",
    # The gazetteer is reference data shared by every family, checked whole before a row is
    # written, and loaded by an operator rather than an actor of the registry.
    "guwah/registry/places.py": "the gazetteer of places, loaded from a checked file",
    # ``guwah names reindex`` recomputes the search forms and keys of names saved without
    # signals; they are derived from each name's text, and no fact of the record changes.
    "guwah/registry/names_index.py": "the derived search forms and keys of names",
    # A list of thousands of persons, checked whole by the dry run first, is inserted in
    # batches and announced with ``registry.signals.bulk_created``: through the services
    # 100,000 rows would take more than half an hour.
    "guwah/imports/bulk.py": "batched inserts of a checked import of a thousand rows or more",
}

WATCHED: list[tuple[type, str]] = [
    (Model, "save"),
    (Model, "delete"),
    (QuerySet, "update"),
    (QuerySet, "delete"),
    (QuerySet, "bulk_create"),
    (QuerySet, "bulk_update"),
]

# Where a registry record was written from outside the write path -> what was written there,
# and the first test in which it happened.
offenders: dict[str, dict[str, str]] = {}
_current_test = threading.local()
_writing = threading.local()
_originals: dict[tuple[type, str], Callable[..., Any]] = {}


def is_watched(model: type[Model]) -> bool:
    return model._meta.app_label == "registry" and not model.__name__.startswith("Historical")


def is_allowed(relative: str) -> bool:
    return (
        relative.startswith(SERVICES)
        or "/tests/" in relative
        or "/migrations/" in relative
        or relative.rsplit("/", 1)[-1] == "conftest.py"
        or relative in BULK_LOADERS
    )


def writer(frame: FrameType | None) -> str | None:
    """``path:line in function`` of the project code that asked for a write from outside the
    write path, or None if the write is allowed (or no project code asked for it)."""
    while frame is not None:
        filename = frame.f_code.co_filename
        if filename.startswith(SOURCE):
            relative = filename[len(str(PROJECT)) + 1 :]
            if relative not in PASSED_THROUGH:
                if is_allowed(relative):
                    return None
                return f"{relative}:{frame.f_lineno} in {frame.f_code.co_name}"
        frame = frame.f_back
    return None


def _watch(cls: type, method: str) -> Callable[..., Any]:
    original = getattr(cls, method)

    @wraps(original)
    def watched(self: Any, *args: Any, **kwargs: Any) -> Any:
        model = self.model if isinstance(self, QuerySet) else type(self)
        if getattr(_writing, "depth", 0) or not is_watched(model):
            return original(self, *args, **kwargs)
        where = writer(sys._getframe(1))
        if where is not None:
            operation = (
                f"{model.__name__}.{method}" if cls is Model else f"{method} of {model.__name__}"
            )
            offenders.setdefault(where, {}).setdefault(
                operation, getattr(_current_test, "nodeid", "outside a test")
            )
        _writing.depth = getattr(_writing, "depth", 0) + 1
        try:
            return original(self, *args, **kwargs)
        finally:
            _writing.depth -= 1

    return watched


@contextmanager
def watching_apart() -> Iterator[dict[str, dict[str, str]]]:
    """Record into a fresh list for the duration, and leave the run's own list as it was
    (for the watch's own tests, whose offenders are made up)."""
    global offenders
    kept, offenders = offenders, {}
    try:
        yield offenders
    finally:
        offenders = kept


def pytest_configure(config: pytest.Config) -> None:
    for cls, method in WATCHED:
        _originals[(cls, method)] = getattr(cls, method)
        setattr(cls, method, _watch(cls, method))


def pytest_unconfigure(config: pytest.Config) -> None:
    for (cls, method), original in _originals.items():
        setattr(cls, method, original)
    _originals.clear()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Any:
    _current_test.nodeid = item.nodeid
    try:
        return (yield)
    finally:
        _current_test.nodeid = None


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if offenders and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    if not offenders:
        return
    terminalreporter.section("registry records written outside registry/services/", red=True)
    for where in sorted(offenders):
        for operation, nodeid in sorted(offenders[where].items()):
            terminalreporter.line(f"{where}: {operation} (first in {nodeid})")
    terminalreporter.line(
        "Every change to a registry record goes through a service in guwah/registry/services/; "
        "see tests/write_path.py for the few documented exceptions.",
        red=True,
    )
