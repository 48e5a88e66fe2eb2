"""The dry run: every row of a table read into the persons it would create, and every problem.

Nothing is written here. A row becomes a :class:`PlannedPerson` (names, fields, events,
sources, testimony) or one or more :class:`Problem` naming its row and column: a date that is
not one, a place or facility the registry does not know, a name in another script than its
column says, a row repeating another, an impossible timeline. A row whose person the registry
already seems to hold is held back for review instead of being created twice, and a row whose
external ID an earlier import recorded is skipped: importing a file again changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from guwah.imports.plan.cells import EXCEL_EPOCH, excel_date, read_date
from guwah.imports.plan.checks import find_repeats, hold_likely_duplicates, skip_imported
from guwah.imports.plan.columns import (
    DATE_COLUMNS,
    EVENT_COLUMNS,
    FIELDS,
    NAME_COLUMNS,
    PERSON_COLUMNS,
    MappingError,
    columns_of,
)
from guwah.imports.plan.outcome import Plan, PlannedChange, PlannedPerson, Problem
from guwah.imports.plan.rows import RowReader, row_digest
from guwah.imports.readers import Table

__all__ = [
    "DATE_COLUMNS",
    "EVENT_COLUMNS",
    "EXCEL_EPOCH",
    "FIELDS",
    "NAME_COLUMNS",
    "PERSON_COLUMNS",
    "MappingError",
    "Plan",
    "PlannedChange",
    "PlannedPerson",
    "Problem",
    "columns_of",
    "excel_date",
    "plan_import",
    "read_date",
    "row_digest",
]


def plan_import(
    actor: Any,
    table: Table,
    mapping: Mapping[str, Any] | None = None,
    *,
    source: str = "",
) -> Plan:
    """Read every row of ``table`` and say what importing it as ``actor`` would do."""
    plan = Plan(total_rows=len(table.rows))
    columns = columns_of(table.header, mapping)
    plan.ignored_columns = [
        name for index, name in enumerate(table.header) if index not in columns and name
    ]
    if not any(target in NAME_COLUMNS for target in columns.values()):
        plan.problems.append(
            Problem(
                None,
                "",
                _(
                    "No column holds a name. Name a column “name” (or name_ug_arab, name_zh, "
                    "…) or map one to it."
                ),
            )
        )
        return plan
    reader = RowReader(actor, table.header, columns, source)
    planned: list[PlannedPerson] = []
    for number, cells in table.rows:
        planned.append(reader.read(number, cells, plan.problems))
    skip_imported(actor, planned, plan)
    find_repeats(planned, plan)
    hold_likely_duplicates(actor, planned, plan)
    plan.problems.sort(key=lambda p: (p.row or 0, p.column))
    return plan
