"""The record as CSV and JSON, in the shapes the loader reads, so that an export re-loads.

Every CSV cell goes through :func:`guwah.spreadsheets.safe_cell`: these files are meant to be
opened in spreadsheets, and a state's name or a forum that begins with ``=`` must be shown, not
run. The loader takes the quote off again.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable
from typing import IO, Any

from guwah.positions.models import Membership, Position, State
from guwah.positions.records import (
    INSTRUMENT_COLUMNS,
    POSITION_COLUMNS,
    SIDE_OF_STANCE,
    Side,
    Stance,
)
from guwah.positions.services import InstrumentSummary
from guwah.spreadsheets import safe_cell

INSTRUMENT_EXPORT_COLUMNS = (
    *INSTRUMENT_COLUMNS,
    "named_count",
    "document_symbol",
    "text_url",
)


def position_dict(position: Position) -> dict[str, Any]:
    return {
        "date": position.date,
        "instrument": position.instrument.code,
        "forum": position.instrument.forum,
        "stance": position.stance,
        "country": position.state.name,
        "iso3": position.state_id,
        "source_url": position.source_url,
    }


def instrument_dict(summary: InstrumentSummary) -> dict[str, Any]:
    instrument = summary.instrument
    return {
        "code": instrument.code,
        "date": instrument.date,
        "forum": instrument.forum,
        "lead": instrument.lead_state.name if instrument.lead_state else "",
        "lead_iso3": instrument.lead_state_id or "",
        "kind": instrument.kind,
        "reported_count": instrument.reported_count,
        "named_count": summary.named,
        "unnamed_count": summary.gap,
        "counts_by_stance": summary.by_stance,
        "listed_note": instrument.listed_note,
        "document_symbol": instrument.document_symbol,
        "text_url": instrument.text_url,
        "url": instrument.get_absolute_url(),
    }


def state_dict(state: State, summary: str | None) -> dict[str, Any]:
    return {
        "iso3": state.code,
        "name": state.name,
        "official_name": state.official_name,
        "un_status": state.un_status,
        "summary": summary,
        "url": state.get_absolute_url(),
    }


# RFC 4180's line ending: the csv module quotes a cell only for the characters of its own line
# terminator, so with a bare "\n" a carriage return inside a cell would break the row apart.
_LINE_END = "\r\n"


def _safe(row: dict[str, Any]) -> dict[str, Any]:
    return {column: safe_cell(value) for column, value in row.items()}


def write_positions_csv(positions: Iterable[Position], stream: IO[str]) -> None:
    writer = csv.DictWriter(stream, fieldnames=POSITION_COLUMNS, lineterminator=_LINE_END)
    writer.writeheader()
    for position in positions:
        writer.writerow(_safe(position_dict(position)))


def write_instruments_csv(summaries: Iterable[InstrumentSummary], stream: IO[str]) -> None:
    writer = csv.DictWriter(
        stream,
        fieldnames=INSTRUMENT_EXPORT_COLUMNS,
        lineterminator=_LINE_END,
        extrasaction="ignore",
    )
    writer.writeheader()
    for summary in summaries:
        row = instrument_dict(summary)
        row["kind"] = row["kind"].replace("_", " ")
        writer.writerow(_safe(row))


MEMBERSHIP_COLUMNS = (
    "group",
    "period",
    "role",
    "iso3",
    "state",
    "summary",
    "critical",
    "supportive",
    "abstained",
    "source_url",
    "note",
)
COMPARISON_COLUMNS = (
    "instrument",
    "date",
    "could_act",
    "members",
    "critical",
    "supportive",
    "abstained",
    "silent",
    "no-chance",
)


def membership_dict(
    membership: Membership, summary: str | None, stances: list[str]
) -> dict[str, Any]:
    """A member of a group with what its record adds up to (``None`` for an entity with no
    ISO 3166-1 code, of which the record holds no positions) and its positions by side."""
    sides = Counter(SIDE_OF_STANCE[Stance(stance)] for stance in stances)
    return {
        "group": membership.group_id,
        "period": membership.period,
        "role": membership.role,
        "iso3": membership.state_id or "",
        "state": membership.name,
        "summary": summary,
        "critical": sides[Side.CRITICAL],
        "supportive": sides[Side.SUPPORTIVE],
        "abstained": sides[Side.NEITHER],
        "url": membership.state.get_absolute_url() if membership.state else None,
        "source_url": membership.source_url,
        "note": membership.note,
    }


def write_rows_csv(
    rows: Iterable[dict[str, Any]], columns: tuple[str, ...], stream: IO[str]
) -> None:
    writer = csv.DictWriter(
        stream, fieldnames=columns, lineterminator=_LINE_END, extrasaction="ignore"
    )
    writer.writeheader()
    for row in rows:
        writer.writerow(_safe(row))
