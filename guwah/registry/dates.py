"""Partial and uncertain dates, in the spirit of EDTF (ISO 8601-2 level 1).

Families often know only a year or a month, and say "about", "before" or "after". A
``PartialDate`` keeps exactly what was said and offers the earliest and latest real dates it
can mean, so that sorting and counting never pretend a year-only date was 1 January.

Accepted text forms::

    2017            a year
    2017-05         a month
    2017-05-03      a day
    2017~           about 2017 (EDTF approximate); also "~2017" and "about 2017"
    2017?           uncertain
    ..2018          before 2018 (EDTF open start); also "<2018" and "before 2018"
    2017..          after 2017; also ">2017" and "after 2017"
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum


class Qualifier(StrEnum):
    EXACT = ""
    ABOUT = "about"
    UNCERTAIN = "uncertain"
    BEFORE = "before"
    AFTER = "after"


class InvalidPartialDate(ValueError):
    """The text is not a date Guwah can read; the message says why in plain words.

    ``code`` and ``params`` let a translated interface say the same in the reader's language.
    """

    def __init__(self, message: str, code: str = "invalid", **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


_CORE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?$")

# How far "about" reaches either side, and how far an open "before"/"after" reaches, so that
# range queries have finite bounds.
_ABOUT_YEARS = 1
_OPEN_YEARS = 10


@dataclass(frozen=True, order=False)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None
    qualifier: Qualifier = Qualifier.EXACT

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        raw = (text or "").strip()
        if not raw:
            raise InvalidPartialDate("A date is empty.", "empty")
        value = raw.lower()
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
        match = _CORE.match(value.strip())
        if not match:
            raise InvalidPartialDate(
                f"“{raw}” is not a date. Write a year (2017), a month (2017-05) or a day "
                "(2017-05-03), optionally with about, before or after.",
                "invalid",
                text=raw,
            )
        year = int(match["year"])
        month = int(match["month"]) if match["month"] else None
        day = int(match["day"]) if match["day"] else None
        if not 1900 <= year <= 2100:
            raise InvalidPartialDate(f"The year {year} is outside 1900–2100.", "year", year=year)
        if month is not None and not 1 <= month <= 12:
            raise InvalidPartialDate(f"The month {month} does not exist.", "month", month=month)
        if day is not None:
            assert month is not None
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
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def _span(self) -> tuple[dt.date, dt.date]:
        if self.day is not None and self.month is not None:
            day = dt.date(self.year, self.month, self.day)
            return day, day
        if self.month is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            return dt.date(self.year, self.month, 1), dt.date(self.year, self.month, last)
        return dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)

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

    def edtf(self) -> str:
        core = f"{self.year:04d}"
        if self.month is not None:
            core += f"-{self.month:02d}"
        if self.day is not None:
            core += f"-{self.day:02d}"
        return {
            Qualifier.EXACT: core,
            Qualifier.ABOUT: core + "~",
            Qualifier.UNCERTAIN: core + "?",
            Qualifier.BEFORE: ".." + core,
            Qualifier.AFTER: core + "..",
        }[self.qualifier]

    def __str__(self) -> str:
        return self.edtf()
