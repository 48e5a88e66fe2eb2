"""The record as CSV and JSON, in the shapes the loader reads, so that an export re-loads."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO, Any

from guwah.positions.models import Position, State
from guwah.positions.records import INSTRUMENT_COLUMNS, POSITION_COLUMNS
from guwah.positions.services import InstrumentSummary

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


def write_positions_csv(positions: Iterable[Position], stream: IO[str]) -> None:
    writer = csv.DictWriter(stream, fieldnames=POSITION_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for position in positions:
        writer.writerow(position_dict(position))


def write_instruments_csv(summaries: Iterable[InstrumentSummary], stream: IO[str]) -> None:
    writer = csv.DictWriter(
        stream, fieldnames=INSTRUMENT_EXPORT_COLUMNS, lineterminator="\n", extrasaction="ignore"
    )
    writer.writeheader()
    for summary in summaries:
        row = instrument_dict(summary)
        row["kind"] = row["kind"].replace("_", " ")
        writer.writerow(row)
