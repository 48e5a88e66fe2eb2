"""Partial and uncertain dates, in the spirit of EDTF (ISO 8601-2 level 1).

Families often know only a year, a month or a season, and say "about", "before" or "after".
A ``PartialDate`` keeps exactly what was said and offers the earliest and latest real dates it
can mean, so that sorting and counting never pretend a year-only date was 1 January.

Accepted text forms, which are also the forms stored::

    2017              a year
    2017-05           a month
    2017-05-03        a day
    2017-22           a season (EDTF: 21 spring, 22 summer, 23 autumn, 24 winter)
    2017-39           early, mid or late in the year (EDTF four-month thirds: 37, 38, 39)
    ramadan 2017      a month or feast of the Islamic calendar in that Gregorian year
                      (also "eid-fitr 2017" and "eid-adha 2017")
    2017/2018         a range: from the first to the second (EDTF interval)
    2017~             about 2017 (EDTF approximate); also "~2017" and "about 2017"
    2017?             uncertain
    ..2018            before 2018 (EDTF open start); also "<2018" and "before 2018"
    2017..            after 2017; also ">2017" and "after 2017"

Anything else is read by :mod:`guwah.registry.spoken_dates` as a family would say it ("summer
2017", "2017年夏天", "2017-يىلى ياز", "2017 yazı", "before Ramadan 2017", "2017–2018") and turned
into one of the forms above.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from hijridate import Hijri

from guwah.registry import spoken_dates


class Qualifier(StrEnum):
    EXACT = ""
    ABOUT = "about"
    UNCERTAIN = "uncertain"
    BEFORE = "before"
    AFTER = "after"


class Period(StrEnum):
    """A named stretch of a year that families date things by."""

    SPRING = "spring"
    SUMMER = "summer"
    AUTUMN = "autumn"
    WINTER = "winter"
    EARLY = "early"
    MID = "mid"
    LATE = "late"
    RAMADAN = "ramadan"
    EID_AL_FITR = "eid-fitr"
    EID_AL_ADHA = "eid-adha"

    @property
    def is_part_of_year(self) -> bool:
        """A season or a third of the year: months of the Gregorian calendar, with an EDTF code."""
        return self in _EDTF_CODES


class InvalidPartialDate(ValueError):
    """The text is not a date Guwah can read; the message says why in plain words.

    ``code`` and ``params`` let a translated interface say the same in the reader's language.
    """

    def __init__(self, message: str, code: str = "invalid", **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


_CORE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?$")
_ISLAMIC_CORE = re.compile(r"^(?P<period>ramadan|eid-fitr|eid-adha) (?P<year>\d{4})$")

# How far "about" reaches either side, and how far an open "before"/"after" reaches, so that
# range queries have finite bounds.
_ABOUT_YEARS = 1
_OPEN_YEARS = 10

# EDTF codes: level 1 seasons, and level 2 quadrimesters for "early", "mid" and "late".
_EDTF_CODES = {
    Period.SPRING: 21,
    Period.SUMMER: 22,
    Period.AUTUMN: 23,
    Period.WINTER: 24,
    Period.EARLY: 37,
    Period.MID: 38,
    Period.LATE: 39,
}
_PERIOD_OF_CODE = {code: period for period, code in _EDTF_CODES.items()}

# Meteorological seasons of the northern hemisphere, where the region lies: (first month, months).
# Winter is the one that begins in December of the year and ends in February of the next, so a
# year's seasons follow each other in the order they are named.
_SEASON_MONTHS = {
    Period.SPRING: (3, 3),
    Period.SUMMER: (6, 3),
    Period.AUTUMN: (9, 3),
    Period.WINTER: (12, 3),
    Period.EARLY: (1, 4),
    Period.MID: (5, 4),
    Period.LATE: (9, 4),
}

# Islamic month and the days of it a period covers (first day, last day; 30 = to the month's end).
_ISLAMIC_DAYS = {
    Period.RAMADAN: (9, 1, 30),
    Period.EID_AL_FITR: (10, 1, 3),
    Period.EID_AL_ADHA: (12, 10, 13),
}
# Communities begin an Islamic month by sighting the moon or by calculation, and may differ by a
# day from the Umm al-Qura calendar used here; one day either side keeps every reading inside.
_SIGHTING_MARGIN = dt.timedelta(days=1)


def _islamic_day(year: int, month: int, day: int) -> dt.date:
    """A day of the Islamic calendar as a Gregorian date.

    Inside 1343–1500 AH (1924–2077) the Umm al-Qura calendar (``hijridate``); outside it the
    tabular Islamic calendar (Reingold & Dershowitz, *Calendrical Calculations*, ch. 7), which
    stays within a day or two of it.
    """
    try:
        gregorian = Hijri(year, month, day).to_gregorian()
        return dt.date(gregorian.year, gregorian.month, gregorian.day)
    except OverflowError:
        days_before_year = (year - 1) * 354 + (3 + 11 * year) // 30
        days_before_month = -(-59 * (month - 1) // 2)  # ceil(29.5 × (month − 1))
        # 1 Muharram 1 AH is 16 July 622 (Julian), Gregorian ordinal 227015.
        return dt.date.fromordinal(227014 + days_before_year + days_before_month + day)


def _islamic_month_length(year: int, month: int) -> int:
    try:
        return int(Hijri(year, month, 1).month_length())
    except OverflowError:
        following = (year, month + 1) if month < 12 else (year + 1, 1)
        return (_islamic_day(*following, 1) - _islamic_day(year, month, 1)).days


def _islamic_span(period: Period, year: int) -> tuple[dt.date, dt.date]:
    """Every day the period can fall on in the Gregorian year: a month of the shorter Islamic
    year falls twice in some Gregorian years (Ramadan in 2030), and both are kept."""
    month, first, last = _ISLAMIC_DAYS[period]
    near = int((year - 622) * 33 / 32)
    spans = []
    for hijri_year in range(near - 1, near + 3):
        end_day = min(last, _islamic_month_length(hijri_year, month))
        start = _islamic_day(hijri_year, month, first) - _SIGHTING_MARGIN
        end = _islamic_day(hijri_year, month, end_day) + _SIGHTING_MARGIN
        if start.year <= year <= end.year:
            spans.append((start, end))
    return min(s for s, _ in spans), max(e for _, e in spans)


@dataclass(frozen=True, order=False)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None
    qualifier: Qualifier = Qualifier.EXACT
    period: Period | None = None
    # The last date of a range; the range runs from this date's first day to that one's last.
    until: PartialDate | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read a stored form, or else a date as a family says it (:mod:`spoken_dates`)."""
        raw = (text or "").strip()
        if not raw:
            raise InvalidPartialDate("A date is empty.", "empty")
        try:
            return cls._parse_stored(raw, raw)
        except InvalidPartialDate as error:
            if error.code != "invalid":
                raise
            stored = spoken_dates.stored_form(raw)
            if stored is None:
                raise
            return cls._parse_stored(stored, raw)

    @classmethod
    def _parse_stored(cls, text: str, raw: str) -> PartialDate:
        value = text.lower()
        if "/" in value:
            start_text, _, end_text = value.partition("/")
            start = cls._parse_single(start_text.strip(), raw)
            end = cls._parse_single(end_text.strip(), raw)
            if start.qualifier or end.qualifier or start.until or end.until:
                raise _unreadable(raw)
            if end._span()[1] < start._span()[0]:
                raise InvalidPartialDate(f"“{raw}” ends before it begins.", "order", text=raw)
            return cls(start.year, start.month, start.day, period=start.period, until=end)
        return cls._parse_single(value, raw)

    @classmethod
    def _parse_single(cls, value: str, raw: str) -> PartialDate:
        qualifier = Qualifier.EXACT
        for word, qual in (
            ("about ", Qualifier.ABOUT),
            ("circa ", Qualifier.ABOUT),
            ("before ", Qualifier.BEFORE),
            ("after ", Qualifier.AFTER),
        ):
            if value.startswith(word):
                value, qualifier = value[len(word) :].strip(), qual
                break
        else:
            if value.startswith("~"):
                value, qualifier = value[1:], Qualifier.ABOUT
            elif value.endswith("~") or value.endswith("%"):
                value, qualifier = value[:-1], Qualifier.ABOUT
            elif value.endswith("?"):
                value, qualifier = value[:-1], Qualifier.UNCERTAIN
            elif value.startswith(".."):
                value, qualifier = value[2:], Qualifier.BEFORE
            elif value.startswith("<"):
                value, qualifier = value[1:], Qualifier.BEFORE
            elif value.endswith(".."):
                value, qualifier = value[:-2], Qualifier.AFTER
            elif value.startswith(">"):
                value, qualifier = value[1:], Qualifier.AFTER
        value = value.strip()
        islamic = _ISLAMIC_CORE.match(value)
        if islamic:
            year = _checked_year(int(islamic["year"]))
            return cls(year, qualifier=qualifier, period=Period(islamic["period"]))
        match = _CORE.match(value)
        if not match:
            raise _unreadable(raw)
        year = _checked_year(int(match["year"]))
        month = int(match["month"]) if match["month"] else None
        day = int(match["day"]) if match["day"] else None
        if month in _PERIOD_OF_CODE and day is None:
            return cls(year, qualifier=qualifier, period=_PERIOD_OF_CODE[month])
        if month is not None and not 1 <= month <= 12:
            raise InvalidPartialDate(f"The month {month} does not exist.", "month", month=month)
        if day is not None:
            assert month is not None  # noqa: S101  (narrows a type; the lines above ensure it)
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise InvalidPartialDate(
                    f"{year}-{month:02d} has no day {day}.",
                    "day",
                    year=year,
                    month=f"{month:02d}",
                    day=day,
                )
        return cls(year, month, day, qualifier)

    @property
    def precision(self) -> str:
        """day, month, year, season (also early, mid or late in a year), islamic (a month or
        feast of the Islamic calendar) or range; a range within one month counts as that month."""
        if self.until is not None:
            start, end = self._span()
            return "month" if (start.year, start.month) == (end.year, end.month) else "range"
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        if self.period is not None:
            return "season" if self.period.is_part_of_year else "islamic"
        return "year"

    def _own_span(self) -> tuple[dt.date, dt.date]:
        if self.period is not None and self.period.is_part_of_year:
            first, months = _SEASON_MONTHS[self.period]
            start = dt.date(self.year, first, 1)
            end_year, end_month = divmod(first - 1 + months - 1, 12)
            end_year += self.year
            end_month += 1
            return start, dt.date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])
        if self.period is not None:
            return _islamic_span(self.period, self.year)
        if self.day is not None and self.month is not None:
            day = dt.date(self.year, self.month, self.day)
            return day, day
        if self.month is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            return dt.date(self.year, self.month, 1), dt.date(self.year, self.month, last)
        return dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)

    def _span(self) -> tuple[dt.date, dt.date]:
        start, end = self._own_span()
        if self.until is not None:
            end = self.until._own_span()[1]
        return start, end

    @property
    def earliest(self) -> dt.date:
        start, end = self._span()
        if self.qualifier in (Qualifier.ABOUT, Qualifier.UNCERTAIN):
            return start.replace(year=max(1900, start.year - _ABOUT_YEARS), day=1)
        if self.qualifier is Qualifier.BEFORE:
            return dt.date(max(1900, start.year - _OPEN_YEARS), 1, 1)
        if self.qualifier is Qualifier.AFTER:
            return end + dt.timedelta(days=1) if end < dt.date(2100, 12, 31) else end
        return start

    @property
    def latest(self) -> dt.date:
        start, end = self._span()
        if self.qualifier in (Qualifier.ABOUT, Qualifier.UNCERTAIN):
            return dt.date(min(2100, end.year + _ABOUT_YEARS), 12, 31)
        if self.qualifier is Qualifier.BEFORE:
            return start - dt.timedelta(days=1) if start > dt.date(1900, 1, 1) else start
        if self.qualifier is Qualifier.AFTER:
            return dt.date(min(2100, end.year + _OPEN_YEARS), 12, 31)
        return end

    @property
    def sort_key(self) -> dt.date:
        """The middle of what the date can mean; a year-only date sorts at mid-year."""
        start, end = self._span()
        return start + (end - start) / 2

    def _core(self) -> str:
        if self.period is not None and self.period.is_part_of_year:
            return f"{self.year:04d}-{_EDTF_CODES[self.period]}"
        if self.period is not None:
            return f"{self.period.value} {self.year:04d}"
        core = f"{self.year:04d}"
        if self.month is not None:
            core += f"-{self.month:02d}"
        if self.day is not None:
            core += f"-{self.day:02d}"
        return core

    def edtf(self) -> str:
        """The stored form: EDTF where EDTF has a word for it, readable English where not."""
        core = self._core()
        if self.until is not None:
            return f"{core}/{self.until._core()}"
        if self.period is not None and not self.period.is_part_of_year and self.qualifier:
            # "ramadan 2017~" would read badly; the word forms are accepted as well.
            if self.qualifier is Qualifier.UNCERTAIN:
                return core + "?"
            return f"{self.qualifier.value} {core}"
        return {
            Qualifier.EXACT: core,
            Qualifier.ABOUT: core + "~",
            Qualifier.UNCERTAIN: core + "?",
            Qualifier.BEFORE: ".." + core,
            Qualifier.AFTER: core + "..",
        }[self.qualifier]

    def in_words(self, language: str) -> str:
        """The date as a reader of ``language`` would say it ("around 2017", not "2017~")."""
        return spoken_dates.say(self, language)

    def __str__(self) -> str:
        return self.edtf()


def _checked_year(year: int) -> int:
    if not 1900 <= year <= 2100:
        raise InvalidPartialDate(f"The year {year} is outside 1900–2100.", "year", year=year)
    return year


def _unreadable(raw: str) -> InvalidPartialDate:
    return InvalidPartialDate(
        f"“{raw}” is not a date. Write a year (2017), a month (2017-05) or a day "
        "(2017-05-03), optionally with about, before or after.",
        "invalid",
        text=raw,
    )
