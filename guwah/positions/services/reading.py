"""Reading the record of state positions out: what each instrument gathered, what each
state's record adds up to, and the rows the pages and exports list."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from guwah.positions import records
from guwah.positions.models import Instrument, Position, State, UnStatus


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
