"""What a dry run finds: the persons to create or change, and every problem with its place."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(_("row %(row)d") % {"row": self.row})
        if self.column:
            where.append(_("column “%(column)s”") % {"column": self.column})
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass
class PlannedPerson:
    row: int
    external_id: str
    names: list[dict[str, str]]
    fields: dict[str, Any]
    events: list[dict[str, Any]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    testimony: dict[str, str] | None = None
    id_given: bool = True
    # The fields whose cells the row filled: a row imported before changes only these (an
    # empty cell says nothing, and clears nothing).
    given: frozenset[str] = frozenset()


@dataclass
class PlannedChange:
    """A row imported before whose values now differ from its record's: what changes."""

    row: int
    external_id: str
    person_id: int
    fields: dict[str, Any] = field(default_factory=dict)
    # {"column", "text", "script", "kind", "name_id" (the name whose text changes, or None)}
    names: list[dict[str, Any]] = field(default_factory=list)
    # {"column", "event_id" (the event whose date changes, or None), and the event's fields}
    events: list[dict[str, Any]] = field(default_factory=list)

    @property
    def columns(self) -> list[str]:
        """The columns of the file whose values change the record."""
        named = [
            *self.fields,
            *(name["column"] for name in self.names),
            *(event["column"] for event in self.events),
        ]
        return sorted(set(named))

    def __bool__(self) -> bool:
        return bool(self.fields or self.names or self.events)


@dataclass
class Plan:
    """What an import would do: persons to create, rows skipped or held back, problems."""

    to_create: list[PlannedPerson] = field(default_factory=list)
    to_update: list[PlannedChange] = field(default_factory=list)
    # Rows imported before whose records already say what they say.
    already_imported: list[int] = field(default_factory=list)
    held_for_review: list[tuple[int, str, list[int]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    total_rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems
