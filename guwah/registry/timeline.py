"""What a person's timeline says about them now, and what it cannot say.

Pure Python: no Django. The registry stores events, never a status; the status is read from
the dated events here, and a new event is checked against the others before it is saved.
Dates are partial, so every comparison asks whether one date is *certainly* before another
(its latest possible day precedes the other's earliest): a family's "2017" and "2017-05" are
never declared contradictory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from guwah.registry.dates import PartialDate


class Status(StrEnum):
    DETAINED = "detained"
    SENTENCED = "sentenced"
    FORCED_LABOUR = "forced_labour"
    RELEASED = "released"
    DECEASED = "deceased"
    REPORTED_DEAD = "reported_dead"
    DISAPPEARED = "disappeared"
    LOST_CONTACT = "lost_contact"
    UNKNOWN = "unknown"


# Event kinds as stored in ``registry.Event.kind``.
CAMP = "camp"
ARREST = "arrest"
CUSTODY = "custody"
TRIAL = "trial"
SENTENCE = "sentence"
PRISON = "prison"
TRANSFER = "transfer"
FORCED_LABOUR = "forced_labour"
RELEASE = "release"
DEATH = "death"
REPORTED_DEATH = "reported_death"
DISAPPEARANCE = "disappearance"
LOST_CONTACT = "lost_contact"

DETENTIONS = frozenset({CAMP, ARREST, CUSTODY, PRISON})

# Within one day (or one year, when only the year is known) events happen in this order.
_NATURAL_ORDER = {
    kind: rank
    for rank, kind in enumerate(
        [
            LOST_CONTACT,
            DISAPPEARANCE,
            ARREST,
            CUSTODY,
            CAMP,
            TRIAL,
            SENTENCE,
            PRISON,
            TRANSFER,
            FORCED_LABOUR,
            RELEASE,
            REPORTED_DEATH,
            DEATH,
        ]
    )
}


@dataclass(frozen=True)
class Entry:
    """One event as the timeline needs it; ``key`` identifies it to the caller (its pk) and
    breaks ties between events of the same kind on the same date, as the database does."""

    kind: str
    date: PartialDate | None
    key: int = 0
    sentence_months: int | None = None


@dataclass(frozen=True)
class Problem:
    """Why a timeline is impossible; ``code`` selects the message, ``params`` fill it in."""

    code: str
    params: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class DerivedStatus:
    status: Status
    # The event the status rests on (its sources are that event's testimonies and evidence),
    # or None when nothing is known.
    entry: Entry | None = None
    # For a sentence of known length: the year it should end, if no release is recorded.
    sentence_ends: int | None = None

    @property
    def since(self) -> PartialDate | None:
        return self.entry.date if self.entry is not None else None


# What the last event that changes anything says. A transfer changes nothing (the person is
# still held, and still serving a sentence if they were), so it is skipped; it only tells us
# that someone is held when nothing else is known. The database derives the same status with
# one subquery (``registry.status.annotate_status``), which is why the rule stays this simple.
STATUS_OF_LAST_KIND = {
    CAMP: Status.DETAINED,
    ARREST: Status.DETAINED,
    CUSTODY: Status.DETAINED,
    TRIAL: Status.DETAINED,
    SENTENCE: Status.SENTENCED,
    PRISON: Status.SENTENCED,
    FORCED_LABOUR: Status.FORCED_LABOUR,
    RELEASE: Status.RELEASED,
    REPORTED_DEATH: Status.REPORTED_DEAD,
    DISAPPEARANCE: Status.DISAPPEARED,
    LOST_CONTACT: Status.LOST_CONTACT,
    DEATH: Status.DECEASED,
}


def natural_rank(kind: str) -> int:
    return _NATURAL_ORDER.get(kind, len(_NATURAL_ORDER))


def chronological(entries: Iterable[Entry]) -> list[Entry]:
    """Dated events by their middle day, then undated ones; ties broken by the natural order
    of events (an arrest comes before the sentence of the same year), then by ``key``."""

    def order(entry: Entry) -> tuple[int, dt.date, int, int]:
        day = entry.date.sort_key if entry.date is not None else dt.date.max
        return (entry.date is None, day, natural_rank(entry.kind), entry.key)

    return sorted(entries, key=order)


def derive_status(entries: Iterable[Entry]) -> DerivedStatus:
    """The person's status now, read from the last event that changes it.

    A confirmed death is final wherever it stands. A reported death is not: a later event
    (someone saw them in a prison) overrides it, because a report may be wrong.
    """
    ordered = chronological(entries)
    for entry in ordered:
        if entry.kind == DEATH:
            return DerivedStatus(Status.DECEASED, entry)
    deciding = [entry for entry in ordered if entry.kind in STATUS_OF_LAST_KIND]
    if not deciding:
        transfers = [entry for entry in ordered if entry.kind == TRANSFER]
        if transfers:
            return DerivedStatus(Status.DETAINED, transfers[-1])
        return DerivedStatus(Status.UNKNOWN)
    last = deciding[-1]
    status = STATUS_OF_LAST_KIND[last.kind]
    ends = None
    if status is Status.SENTENCED:
        sentences = [entry for entry in deciding if entry.kind == SENTENCE]
        if sentences and sentences[-1].sentence_months and sentences[-1].date is not None:
            sentence = sentences[-1]
            assert sentence.date is not None and sentence.sentence_months is not None  # noqa: S101  (narrows a type; the lines above ensure it)
            ends = sentence.date.year + (sentence.sentence_months + 11) // 12
    return DerivedStatus(status, last, ends)


def _certainly_before(first: PartialDate, second: PartialDate) -> bool:
    return first.latest < second.earliest


def timeline_problems(
    birth: PartialDate | None,
    entries: Sequence[Entry],
    today: dt.date | None = None,
) -> list[Problem]:
    """Every way the timeline is impossible; an empty list means it may stand.

    Only what is certain is refused: a release certainly before every detention, a birth
    certainly after an event, an event certainly after a confirmed death, a date in the future.
    """
    today = today or dt.date.today()
    problems: list[Problem] = []
    dated = [entry for entry in entries if entry.date is not None]

    for entry in dated:
        assert entry.date is not None  # noqa: S101  (narrows a type; the lines above ensure it)
        if entry.date.earliest > today:
            problems.append(Problem("future", {"kind": entry.kind, "date": entry.date.edtf()}))
        if birth is not None and _certainly_before(entry.date, birth):
            problems.append(
                Problem(
                    "before_birth",
                    {"kind": entry.kind, "date": entry.date.edtf(), "birth": birth.edtf()},
                )
            )

    detentions = [entry for entry in dated if entry.kind in DETENTIONS | {SENTENCE, TRIAL}]
    releases = [entry for entry in dated if entry.kind == RELEASE]
    if detentions and releases:
        first_detention = min(detentions, key=lambda entry: entry.date.earliest)  # type: ignore[union-attr]
        for release in releases:
            assert release.date is not None and first_detention.date is not None  # noqa: S101  (narrows a type; the lines above ensure it)
            if _certainly_before(release.date, first_detention.date):
                problems.append(
                    Problem(
                        "release_before_detention",
                        {
                            "date": release.date.edtf(),
                            "detention": first_detention.date.edtf(),
                            "detention_kind": first_detention.kind,
                        },
                    )
                )

    deaths = [entry for entry in entries if entry.kind == DEATH]
    if len(deaths) > 1:
        problems.append(Problem("two_deaths"))
    for death in deaths:
        if death.date is None:
            continue
        for entry in dated:
            if entry is death or entry.kind == DEATH:
                continue
            assert entry.date is not None  # noqa: S101  (narrows a type; the lines above ensure it)
            if _certainly_before(death.date, entry.date):
                problems.append(
                    Problem(
                        "after_death",
                        {"kind": entry.kind, "date": entry.date.edtf(), "death": death.date.edtf()},
                    )
                )
    return problems
