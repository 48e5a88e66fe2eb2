"""Who had the chance to act on each instrument, and what the members of a group did with it.

A state's absence from a list means something only where it could have been on it: only the
Council's members vote at the Human Rights Council, while any UN member or observer state may
join a joint statement or a letter, and any state may recognise a crime through its own
parliament or government. Silence is therefore counted only among the states that had the
chance; the others are counted apart, as having had none.

The whole record is small (a few hundred positions and memberships), so it is read once into
a :class:`Record` and every count is made from that in memory.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from guwah.positions.models import Group, Instrument, Kind, Membership, Position, Role, State
from guwah.positions.records import SIDE_OF_STANCE, Side, Stance

# The group whose yearly members are the states that could vote at the Human Rights Council.
COUNCIL = "HRC"

NATIONAL_KINDS = frozenset(
    {
        Kind.PARLIAMENTARY_MOTION,
        Kind.PARLIAMENTARY_RESOLUTION,
        Kind.COMMITTEE_RESOLUTION,
        Kind.EXECUTIVE_DETERMINATION,
    }
)


class Chance(StrEnum):
    COUNCIL = "council-members"
    UN = "un-members-and-observers"
    EVERY_STATE = "every-state"


CHANCE_LABELS: dict[Chance, str | Promise] = {
    Chance.COUNCIL: _("the Council's members that year"),
    Chance.UN: _("every UN member and observer state"),
    Chance.EVERY_STATE: _("every state, through its own parliament or government"),
}


def chance_of(instrument: Instrument) -> Chance:
    """Which states could have acted on ``instrument``."""
    if instrument.kind == Kind.RECORDED_VOTE and "Human Rights Council" in instrument.forum:
        return Chance.COUNCIL
    if instrument.kind in NATIONAL_KINDS:
        return Chance.EVERY_STATE
    return Chance.UN


class Outcome(StrEnum):
    """What a state did with an instrument."""

    CRITICAL = "critical"
    SUPPORTIVE = "supportive"
    ABSTAINED = "abstained"
    SILENT = "silent"
    NO_CHANCE = "no-chance"


OUTCOME_LABELS: dict[Outcome, str | Promise] = {
    Outcome.CRITICAL: _("Critical"),
    Outcome.SUPPORTIVE: _("Supportive of the policy"),
    Outcome.ABSTAINED: _("Abstained"),
    Outcome.SILENT: _("Silent, though it could have acted"),
    Outcome.NO_CHANCE: _("Had no chance to act"),
}

_OUTCOME_OF_SIDE = {
    Side.CRITICAL: Outcome.CRITICAL,
    Side.SUPPORTIVE: Outcome.SUPPORTIVE,
    Side.NEITHER: Outcome.ABSTAINED,
}


def year_of(instrument: Instrument) -> str:
    return instrument.date[:4]


@dataclass(frozen=True)
class Record:
    """The instruments, every stance taken on them and the Council's members by year."""

    instruments: list[Instrument]
    stances: dict[int, dict[str, str]]
    speaking: frozenset[str]
    council: dict[str, frozenset[str]]

    @classmethod
    def read(cls) -> Record:
        stances: dict[int, dict[str, str]] = defaultdict(dict)
        for instrument_id, state, stance in Position.objects.values_list(
            "instrument_id", "state_id", "stance"
        ):
            stances[instrument_id][state] = stance
        council: dict[str, set[str]] = defaultdict(set)
        for year, state in Membership.objects.filter(
            group_id=COUNCIL, role=Role.MEMBER
        ).values_list("period", "state_id"):
            council[year].add(state)
        return cls(
            instruments=list(Instrument.objects.select_related("lead_state")),
            stances=dict(stances),
            speaking=frozenset(
                State.objects.filter(un_status__in=["member", "observer"]).values_list(
                    "code", flat=True
                )
            ),
            council={year: frozenset(states) for year, states in council.items()},
        )

    def could_act(self, instrument: Instrument) -> frozenset[str]:
        """The states that had the chance to act on ``instrument``.

        Those who did act are always among them; a vote in a year whose Council is not
        recorded counts only its voters, rather than guessing the seats.
        """
        acted = frozenset(self.stances.get(instrument.pk, {}))
        if chance_of(instrument) is Chance.COUNCIL:
            return self.council.get(year_of(instrument), frozenset()) | acted
        return self.speaking | acted

    def outcome(self, instrument: Instrument, state: str) -> Outcome:
        stance = self.stances.get(instrument.pk, {}).get(state)
        if stance is not None:
            return _OUTCOME_OF_SIDE[SIDE_OF_STANCE[Stance(stance)]]
        if state in self.could_act(instrument):
            return Outcome.SILENT
        return Outcome.NO_CHANCE

    def counts(self, instrument: Instrument, states: Iterable[str]) -> dict[Outcome, int]:
        counted = Counter(self.outcome(instrument, state) for state in states)
        return {outcome: counted[outcome] for outcome in Outcome}

    def instruments_of_year(self, year: str) -> list[Instrument]:
        return [instrument for instrument in self.instruments if year_of(instrument) == year]


# Groups.


def members_by_period(group: Group, role: str = Role.MEMBER) -> dict[str, list[str]]:
    """The codes of ``group``'s states in ``role``, by year ("" when not recorded by year)."""
    result: dict[str, list[str]] = defaultdict(list)
    for period, state in group.memberships.filter(role=role).values_list("period", "state_id"):
        result[period].append(state)
    return dict(result)


def members_at(group: Group, instrument: Instrument, by_period: dict[str, list[str]]) -> list[str]:
    """The group's members when ``instrument`` was made: that year's, for a yearly group."""
    return by_period.get(year_of(instrument) if group.yearly else "", [])


@dataclass(frozen=True)
class ComparisonRow:
    instrument: Instrument
    members: int
    counts: dict[Outcome, int]

    @property
    def chance(self) -> Chance:
        return chance_of(self.instrument)

    @property
    def chance_label(self) -> str | Promise:
        return CHANCE_LABELS[self.chance]


def comparison(group: Group, record: Record) -> list[ComparisonRow]:
    """For each instrument in date order, what the group's members at the time did with it."""
    by_period = members_by_period(group)
    rows = []
    for instrument in record.instruments:
        members = members_at(group, instrument, by_period)
        rows.append(ComparisonRow(instrument, len(members), record.counts(instrument, members)))
    return rows


def groups_of(state: State) -> list[Membership]:
    """The groups ``state`` belongs to (its Council years apart), for its page."""
    return list(
        state.memberships.select_related("group")
        .exclude(group__yearly=True)
        .order_by("group__code")
    )


def council_years(state: State) -> list[Membership]:
    return list(state.memberships.filter(group_id=COUNCIL).order_by("period"))
