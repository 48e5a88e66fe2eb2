"""Reading the record of state positions from CSV, and what a state's record adds up to.

This module imports no Django: it checks rows, names their problems by line number and
classifies a state's record, so the loader, the views and the tests share one set of rules.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

import pycountry

from guwah.registry.dates import InvalidPartialDate, PartialDate, Qualifier
from guwah.spreadsheets import FORMULA_STARTS


class Stance(StrEnum):
    CRITICAL = "critical"
    SUPPORTIVE = "supportive"
    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"
    RECOGNITION = "recognition"


class Side(StrEnum):
    """Which way a stance leans: against the detentions, in defence of them, or neither."""

    CRITICAL = "critical"
    SUPPORTIVE = "supportive"
    NEITHER = "neither"


# A "yes" on A/HRC/51/L.6 was a vote to hold a debate on the OHCHR assessment, a "no" a vote
# against it; national recognitions of genocide or crimes against humanity are critical acts.
SIDE_OF_STANCE: dict[Stance, Side] = {
    Stance.CRITICAL: Side.CRITICAL,
    Stance.YES: Side.CRITICAL,
    Stance.RECOGNITION: Side.CRITICAL,
    Stance.SUPPORTIVE: Side.SUPPORTIVE,
    Stance.NO: Side.SUPPORTIVE,
    Stance.ABSTAIN: Side.NEITHER,
}


class Kind(StrEnum):
    JOINT_STATEMENT = "joint_statement"
    LETTER = "letter"
    RECORDED_VOTE = "recorded_vote"
    CORE_GROUP = "core_group"
    CO_SPONSORS = "co_sponsors"
    PARLIAMENTARY_MOTION = "parliamentary_motion"
    PARLIAMENTARY_RESOLUTION = "parliamentary_resolution"
    COMMITTEE_RESOLUTION = "committee_resolution"
    EXECUTIVE_DETERMINATION = "executive_determination"


class Summary(StrEnum):
    """What a state's whole record adds up to, for the summary map."""

    ALWAYS_CRITICAL = "always-critical"
    ALWAYS_SUPPORTIVE = "always-supportive"
    CHANGED_SIDES = "changed-sides"
    ABSTAINED = "abstained"
    NEVER_SPOKE = "never-spoke"


def summarise(stances: Iterable[str]) -> Summary:
    """Classify a state's record from the stances it took, in any order.

    A state that took both sides at different times has changed sides; one that abstained but
    never took the other side is kept apart from the consistent ones rather than rounded up.
    """
    sides = {SIDE_OF_STANCE[Stance(stance)] for stance in stances}
    if not sides:
        return Summary.NEVER_SPOKE
    if Side.CRITICAL in sides and Side.SUPPORTIVE in sides:
        return Summary.CHANGED_SIDES
    if Side.NEITHER in sides:
        return Summary.ABSTAINED
    if sides == {Side.CRITICAL}:
        return Summary.ALWAYS_CRITICAL
    return Summary.ALWAYS_SUPPORTIVE


ISO_ALPHA_3 = frozenset(country.alpha_3 for country in pycountry.countries)
ALPHA_3_BY_NUMERIC = {country.numeric: country.alpha_3 for country in pycountry.countries}

_DOCUMENT_SYMBOL = re.compile(r"\bA/(?:[A-Z0-9]+[./])+[A-Z0-9]+\b")
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def document_symbol_in(text: str) -> str:
    """The first UN document symbol (A/HRC/51/L.6, A/HRC/41/G/11) mentioned in ``text``."""
    match = _DOCUMENT_SYMBOL.search(text or "")
    return match.group(0) if match else ""


def is_instrument_code(text: str) -> bool:
    return bool(_CODE.match(text))


def parse_day_month_or_year(text: str) -> str:
    """Normalise an ISO date that may be a year or a month only; raise ``ValueError`` if not one.

    Stored as text (2024-10, 2022-10-06) so that it sorts as a string and never pretends a
    month-only date fell on the first.
    """
    try:
        date = PartialDate.parse(text)
    except InvalidPartialDate as error:
        raise ValueError(str(error)) from None
    if date.qualifier is not Qualifier.EXACT:
        raise ValueError(f"“{text}” is not an exact date: write 2022, 2022-10 or 2022-10-06.")
    return date.edtf()


def is_web_address(text: str) -> bool:
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def parse_kind(text: str) -> Kind:
    return Kind(text.strip().lower().replace(" ", "_").replace("-", "_"))


def state_code_for_name(text: str) -> str:
    """The alpha-3 code of a country written as a name or a code; ``LookupError`` if unknown."""
    return str(pycountry.countries.lookup(text.strip()).alpha_3)


@dataclass(frozen=True)
class RowProblem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}, line {self.line}: {self.message}"


@dataclass(frozen=True)
class InstrumentRow:
    line: int
    code: str
    date: str
    forum: str
    lead_state: str  # alpha-3, or "" when the instrument has no single lead state
    kind: Kind
    reported_count: int | None
    listed_note: str
    document_symbol: str
    text_url: str


@dataclass(frozen=True)
class PositionRow:
    line: int
    date: str
    instrument: str
    stance: Stance
    state: str  # alpha-3
    source_url: str


INSTRUMENT_COLUMNS = ("code", "date", "forum", "lead", "kind", "reported_count", "listed_note")
POSITION_COLUMNS = ("date", "instrument", "forum", "stance", "country", "iso3", "source_url")


def _records(
    text: str, file: str, required: Collection[str]
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield each CSV record with the line it starts on; raise ``RowProblem`` for a bad header."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    missing = [column for column in required if column not in (reader.fieldnames or [])]
    if missing:
        raise _HeaderProblem(RowProblem(file, 1, f"missing column(s): {', '.join(missing)}"))
    line = reader.line_num + 1
    for record in reader:
        yield line, {key: _unescaped((value or "").strip()) for key, value in record.items() if key}
        line = reader.line_num + 1


def _unescaped(value: str) -> str:
    """A cell as it was before an export quoted it to keep spreadsheets from running it as a
    formula (:func:`guwah.spreadsheets.safe_cell`), so that an export loads back unchanged."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


class _HeaderProblem(Exception):
    def __init__(self, problem: RowProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def read_instruments(text: str, file: str) -> tuple[list[InstrumentRow], list[RowProblem]]:
    """Check every row of an instruments file; the rows are usable only if no problem is found."""
    rows: list[InstrumentRow] = []
    problems: list[RowProblem] = []
    seen: dict[str, int] = {}
    try:
        for line, record in _records(text, file, ("code", "date", "forum", "kind")):
            errors: list[str] = []
            code = record.get("code", "")
            if not is_instrument_code(code):
                errors.append(f"“{code}” is not an instrument code (letters, digits, - . _)")
            elif code in seen:
                errors.append(f"instrument {code} is already on line {seen[code]}")
            else:
                seen[code] = line
            date = ""
            try:
                date = parse_day_month_or_year(record.get("date", ""))
            except ValueError as error:
                errors.append(str(error))
            try:
                kind = parse_kind(record.get("kind", ""))
            except ValueError:
                kind = Kind.JOINT_STATEMENT
                errors.append(f"unknown kind “{record.get('kind', '')}”")
            lead = ""
            if record.get("lead"):
                try:
                    lead = state_code_for_name(record["lead"])
                except LookupError:
                    errors.append(f"unknown lead state “{record['lead']}”")
            reported: int | None = None
            if record.get("reported_count"):
                try:
                    reported = int(record["reported_count"])
                    if reported < 0:
                        raise ValueError
                except ValueError:
                    errors.append(f"reported count “{record['reported_count']}” is not a number")
            text_url = record.get("text_url", "")
            if text_url and not is_web_address(text_url):
                errors.append(f"text link “{text_url}” is not a web address")
            if not record.get("forum"):
                errors.append("the forum is missing")
            if errors:
                problems.extend(RowProblem(file, line, error) for error in errors)
                continue
            rows.append(
                InstrumentRow(
                    line=line,
                    code=code,
                    date=date,
                    forum=record["forum"],
                    lead_state=lead,
                    kind=kind,
                    reported_count=reported,
                    listed_note=record.get("listed_note", ""),
                    document_symbol=record.get("document_symbol")
                    or document_symbol_in(record["forum"]),
                    text_url=text_url,
                )
            )
    except _HeaderProblem as header:
        problems.append(header.problem)
    except csv.Error as error:
        problems.append(RowProblem(file, 0, f"not a readable CSV file ({error})"))
    return rows, problems


def _source(record: dict[str, str], errors: list[str]) -> str:
    """The row's source address; a missing or malformed one is noted in ``errors``."""
    source = record.get("source_url", "")
    if not source:
        errors.append("the source is missing")
    elif not is_web_address(source):
        errors.append(f"source “{source}” is not a web address")
    return source


def read_positions(
    text: str, file: str, known_instruments: Collection[str]
) -> tuple[list[PositionRow], list[RowProblem]]:
    """Check every row of a positions file against ISO 3166-1 and the instruments known."""
    rows: list[PositionRow] = []
    problems: list[RowProblem] = []
    seen: dict[tuple[str, str], int] = {}
    try:
        for line, record in _records(text, file, ("date", "instrument", "stance", "iso3")):
            errors: list[str] = []
            instrument = record.get("instrument", "")
            if instrument not in known_instruments:
                errors.append(f"unknown instrument “{instrument}”")
            state = record.get("iso3", "").upper()
            if state not in ISO_ALPHA_3:
                errors.append(f"unknown ISO 3166 alpha-3 code “{record.get('iso3', '')}”")
            try:
                stance = Stance(record.get("stance", "").lower())
            except ValueError:
                stance = Stance.CRITICAL
                errors.append(f"unknown stance “{record.get('stance', '')}”")
            source = _source(record, errors)
            date = ""
            if record.get("date"):
                try:
                    date = parse_day_month_or_year(record["date"])
                except ValueError as error:
                    errors.append(str(error))
            key = (instrument, state)
            if not errors and key in seen:
                errors.append(f"{state} on {instrument} is already on line {seen[key]}")
            if errors:
                problems.extend(RowProblem(file, line, error) for error in errors)
                continue
            seen[key] = line
            rows.append(PositionRow(line, date, instrument, stance, state, source))
    except _HeaderProblem as header:
        problems.append(header.problem)
    except csv.Error as error:
        problems.append(RowProblem(file, 0, f"not a readable CSV file ({error})"))
    return rows, problems


# Groups of states.


class Role(StrEnum):
    """How a state belongs to a group."""

    MEMBER = "member"
    OBSERVER = "observer"
    PARTNER = "partner"
    FORMER_MEMBER = "former_member"


# Groups whose membership is recorded year by year, with the number of seats each year must
# fill: a council year with a seat missing or doubled is a mistake in the file, not a fact.
SEATS_PER_YEAR = {"HRC": 47}

GROUP_COLUMNS = ("group", "period", "role", "iso3", "state", "source_url", "note")

_GROUP_CODE = re.compile(r"^[A-Z][A-Z0-9]{0,15}$")
_YEAR = re.compile(r"^(19|20)\d\d$")


@dataclass(frozen=True)
class MembershipRow:
    line: int
    group: str
    period: str  # a calendar year, or "" for membership as the source dates it
    role: Role
    state: str  # alpha-3, or "" for an entity ISO 3166-1 has no code for
    name: str  # as the source names it
    source_url: str
    note: str


def read_groups(text: str, file: str) -> tuple[list[MembershipRow], list[RowProblem]]:
    """Check every row of a groups file; the rows are usable only if no problem is found.

    Besides each row, the file as a whole is checked: a group is recorded either year by year or
    not at all, and a group with a known number of seats fills exactly that many each year.
    """
    rows: list[MembershipRow] = []
    problems: list[RowProblem] = []
    seen: dict[tuple[str, str, str], int] = {}
    try:
        for line, record in _records(text, file, ("group", "period", "role", "iso3")):
            errors: list[str] = []
            group = record.get("group", "").upper()
            if not _GROUP_CODE.match(group):
                errors.append(f"“{record.get('group', '')}” is not a group code (A-Z, 0-9)")
            period = record.get("period", "")
            if period and not _YEAR.match(period):
                errors.append(f"period “{period}” is not a year")
            state = record.get("iso3", "").upper()
            name = record.get("state", "")
            # An entity ISO 3166-1 has no code for (an OIC observer, say) is named instead.
            if state and state not in ISO_ALPHA_3:
                errors.append(f"unknown ISO 3166 alpha-3 code “{record.get('iso3', '')}”")
            elif not state and not name:
                errors.append("neither an ISO 3166 alpha-3 code nor a name is given")
            try:
                role = Role(record.get("role", "").lower().replace(" ", "_"))
            except ValueError:
                role = Role.MEMBER
                errors.append(f"unknown role “{record.get('role', '')}”")
            source = _source(record, errors)
            key = (group, period, state or name)
            if not errors and key in seen:
                where = f"{group} {period}".strip()
                errors.append(f"{state or name} in {where} is already on line {seen[key]}")
            if errors:
                problems.extend(RowProblem(file, line, error) for error in errors)
                continue
            seen[key] = line
            rows.append(
                MembershipRow(
                    line, group, period, role, state, name, source, record.get("note", "")
                )
            )
    except _HeaderProblem as header:
        problems.append(header.problem)
    except csv.Error as error:
        problems.append(RowProblem(file, 0, f"not a readable CSV file ({error})"))
    if not problems:
        problems = _group_problems(rows, file)
    return rows, problems


def _group_problems(rows: list[MembershipRow], file: str) -> list[RowProblem]:
    problems: list[RowProblem] = []
    by_group: dict[str, list[MembershipRow]] = {}
    for row in rows:
        by_group.setdefault(row.group, []).append(row)
    for group, members in by_group.items():
        yearly = [row for row in members if row.period]
        if yearly and len(yearly) != len(members):
            undated = next(row for row in members if not row.period)
            problems.append(
                RowProblem(
                    file,
                    undated.line,
                    f"{group} is recorded year by year elsewhere in the file: give the year",
                )
            )
        seats = SEATS_PER_YEAR.get(group)
        if seats is None:
            continue
        years: dict[str, list[MembershipRow]] = {}
        for row in yearly:
            if row.role is Role.MEMBER:
                years.setdefault(row.period, []).append(row)
        for year, sitting in sorted(years.items()):
            if len(sitting) != seats:
                lines = [row.line for row in sitting]
                problems.append(
                    RowProblem(
                        file,
                        min(lines),
                        f"{group} {year} has {len(sitting)} members on lines "
                        f"{min(lines)}–{max(lines)}; it has {seats} seats",
                    )
                )
    return sorted(problems, key=lambda problem: problem.line)
