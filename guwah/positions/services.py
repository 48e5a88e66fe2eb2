"""Loading, recording and reading out the record of state positions.

Views, the ``guwah positions`` command and the JSON API all go through these functions.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry
from django.db import transaction
from django.db.models import Count, QuerySet
from simple_history.utils import bulk_create_with_history

from guwah.positions import countries, records
from guwah.positions.membership import un_status
from guwah.positions.models import Instrument, Position, State, UnStatus

PACKAGED_DATA_DIR = Path(__file__).resolve().parent / "data"
PACKAGED_POSITIONS = PACKAGED_DATA_DIR / "positions.csv"


class LoadRejected(Exception):
    """A file had bad rows; nothing of it was imported."""

    def __init__(self, problems: list[records.RowProblem]) -> None:
        super().__init__(f"{len(problems)} problem(s) found; nothing was imported")
        self.problems = problems


@dataclass
class LoadReport:
    states_added: int = 0
    instruments_added: list[str] = field(default_factory=list)
    instruments_updated: list[str] = field(default_factory=list)
    instruments_unchanged: int = 0
    positions_added: int = 0
    positions_updated: list[str] = field(default_factory=list)
    positions_unchanged: int = 0

    @property
    def changed_anything(self) -> bool:
        return bool(
            self.states_added
            or self.instruments_added
            or self.instruments_updated
            or self.positions_added
            or self.positions_updated
        )


def _state_fields(country: Any) -> dict[str, str]:
    return {
        "alpha_2": country.alpha_2,
        "numeric": country.numeric,
        "name": countries.english_name(country.alpha_3),
        "official_name": countries.official_name(country.alpha_3),
        "un_status": un_status(country.alpha_3).value,
    }


def sync_states() -> int:
    """Create every ISO 3166-1 country missing from the table; return how many were added."""
    existing = set(State.objects.values_list("code", flat=True))
    missing = [
        State(code=country.alpha_3, **_state_fields(country))
        for country in pycountry.countries
        if country.alpha_3 not in existing
    ]
    if missing:
        bulk_create_with_history(missing, State)
    return len(missing)


def _instruments_file_beside(positions_path: Path) -> Path:
    return positions_path.with_name("instruments.csv")


def load(positions_path: Path, instruments_path: Path | None = None) -> LoadReport:
    """Import a positions file and the instruments file beside it, all or nothing.

    Rows already present with the same values are left alone, so loading the same files twice
    changes nothing; a row whose values differ is updated (and its history records it). Rows
    of the database that the files do not mention are kept: editors may have added them.
    """
    instruments_path = instruments_path or _instruments_file_beside(positions_path)
    problems: list[records.RowProblem] = []
    instrument_rows: list[records.InstrumentRow] = []
    if instruments_path.exists():
        instrument_rows, problems = records.read_instruments(
            instruments_path.read_text(encoding="utf-8"), instruments_path.name
        )
    known = {row.code for row in instrument_rows} | set(
        Instrument.objects.values_list("code", flat=True)
    )
    position_rows, position_problems = records.read_positions(
        positions_path.read_text(encoding="utf-8"), positions_path.name, known
    )
    problems += position_problems
    if problems:
        raise LoadRejected(problems)
    with transaction.atomic():
        report = LoadReport(states_added=sync_states())
        _save_instruments(instrument_rows, report)
        _save_positions(position_rows, report)
    return report


def _save_instruments(rows: list[records.InstrumentRow], report: LoadReport) -> None:
    existing = {instrument.code: instrument for instrument in Instrument.objects.all()}
    added = []
    for row in rows:
        values: dict[str, Any] = {
            "kind": row.kind.value,
            "date": row.date,
            "forum": row.forum,
            "lead_state_id": row.lead_state or None,
            "document_symbol": row.document_symbol,
            "reported_count": row.reported_count,
            "listed_note": row.listed_note,
        }
        # A text link added by an editor survives a reload of a file that has none.
        if row.text_url:
            values["text_url"] = row.text_url
        instrument = existing.get(row.code)
        if instrument is None:
            added.append(Instrument(code=row.code, **values))
            report.instruments_added.append(row.code)
            continue
        changed = [name for name, value in values.items() if getattr(instrument, name) != value]
        if changed:
            for name in changed:
                setattr(instrument, name, values[name])
            instrument.full_clean()
            instrument.save()
            report.instruments_updated.append(row.code)
        else:
            report.instruments_unchanged += 1
    for instrument in added:
        instrument.full_clean()
    if added:
        bulk_create_with_history(added, Instrument)


def _save_positions(rows: list[records.PositionRow], report: LoadReport) -> None:
    instruments = dict(Instrument.objects.values_list("code", "pk"))
    dates = dict(Instrument.objects.values_list("code", "date"))
    existing = {
        (position.instrument_id, position.state_id): position for position in Position.objects.all()
    }
    added = []
    for row in rows:
        instrument_id = instruments[row.instrument]
        values = {
            "stance": row.stance.value,
            "date": row.date or dates[row.instrument],
            "source_url": row.source_url,
        }
        position = existing.get((instrument_id, row.state))
        if position is None:
            added.append(Position(instrument_id=instrument_id, state_id=row.state, **values))
            continue
        changed = [name for name, value in values.items() if getattr(position, name) != value]
        if changed:
            for name in changed:
                setattr(position, name, values[name])
            position.save()
            report.positions_updated.append(f"{row.state} · {row.instrument}")
        else:
            report.positions_unchanged += 1
    if added:
        bulk_create_with_history(added, Position)
    report.positions_added = len(added)


# Reading the record out.


@dataclass(frozen=True)
class InstrumentSummary:
    instrument: Instrument
    named: int
    by_stance: dict[str, int]

    @property
    def gap(self) -> int | None:
        """How many participants the sources count but do not name; ``None`` if no count."""
        reported = self.instrument.reported_count
        if reported is None:
            return None
        return max(reported - self.named, 0)


def instruments_with_counts() -> list[InstrumentSummary]:
    """Every instrument in date order with the number of states named, by stance."""
    by_instrument: dict[int, Counter[str]] = defaultdict(Counter)
    rows = (
        Position.objects.order_by()
        .values_list("instrument_id", "stance")
        .annotate(total=Count("id"))
    )
    for instrument_id, stance, total in rows:
        by_instrument[instrument_id][stance] = total
    return [
        InstrumentSummary(
            instrument,
            sum(by_instrument[instrument.pk].values()),
            dict(by_instrument[instrument.pk]),
        )
        for instrument in Instrument.objects.select_related("lead_state")
    ]


def stances_by_state() -> dict[str, list[str]]:
    """Each state's stances, in the order the instruments happened."""
    result: dict[str, list[str]] = defaultdict(list)
    for state, stance in Position.objects.order_by("date", "instrument__date").values_list(
        "state_id", "stance"
    ):
        result[state].append(stance)
    return result


def summaries() -> dict[str, records.Summary]:
    """What the record of each UN member or observer state, and of any other state that took a
    position, adds up to."""
    stances = stances_by_state()
    speaking = State.objects.filter(un_status__in=[UnStatus.MEMBER, UnStatus.OBSERVER])
    codes = set(speaking.values_list("code", flat=True)) | set(stances)
    return {code: records.summarise(stances.get(code, [])) for code in codes}


def summary_of(state: State, positions: list[Position]) -> records.Summary | None:
    """What one state's record adds up to; ``None`` for a territory that never took a position."""
    if not positions and not state.speaks_at_the_un:
        return None
    return records.summarise(position.stance for position in positions)


def stances_on(instrument: Instrument) -> dict[str, str]:
    return dict(instrument.positions.values_list("state_id", "stance"))


def positions_of(state: State) -> QuerySet[Position]:
    return state.positions.select_related("instrument", "instrument__lead_state").order_by(
        "date", "instrument__date", "instrument__code"
    )


def signatories_of(instrument: Instrument) -> QuerySet[Position]:
    return instrument.positions.select_related("state").order_by("stance", "state__name")


def has_data() -> bool:
    return Instrument.objects.exists()


def export_positions(
    state: State | None = None, instrument: Instrument | None = None
) -> QuerySet[Position]:
    positions = Position.objects.select_related("state", "instrument").order_by(
        "instrument__date", "instrument__code", "state__name"
    )
    if state is not None:
        positions = positions.filter(state=state)
    if instrument is not None:
        positions = positions.filter(instrument=instrument)
    return positions
