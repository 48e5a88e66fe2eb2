"""Dates as spreadsheets write them: Excel day counts, slashes, Chinese year-month-day."""

from __future__ import annotations

import datetime as dt
import re

from guwah.imports.readers import Cell, cells_as_text
from guwah.registry.dates import PartialDate

# Excel counts days from 30 December 1899; a number this large in a date column is such a
# count, not a year.
EXCEL_EPOCH = dt.date(1899, 12, 30)
EXCEL_SERIALS = range(3000, 80000)
_SLASHED = re.compile(r"^(\d{4})[/.](\d{1,2})(?:[/.](\d{1,2}))?$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_CHINESE_DATE = re.compile(r"^(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?$")


def excel_date(value: Cell) -> str | None:
    """An Excel date (a date cell, or a serial day count) as an ISO date; None otherwise."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    number: float | None = None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str) and value.strip().isdigit() and len(value.strip()) == 5:
        number = float(value.strip())
    if number is not None and int(number) in EXCEL_SERIALS:
        return (EXCEL_EPOCH + dt.timedelta(days=int(number))).isoformat()
    return None


def read_date(value: Cell) -> str:
    """A date cell as Guwah's partial-date text; raises InvalidPartialDate."""
    from_excel = excel_date(value)
    if from_excel:
        return from_excel
    text = cells_as_text([value])[0]
    if not text:
        return ""
    for pattern, order in ((_SLASHED, (1, 2, 3)), (_CHINESE_DATE, (1, 2, 3))):
        match = pattern.match(text)
        if match:
            parts = [match.group(i) for i in order]
            text = "-".join(f"{int(p):02d}" if i else p for i, p in enumerate(parts) if p)
            break
    else:
        day_first = _DAY_FIRST.match(text)
        if day_first:
            day, month, year = day_first.groups()
            text = f"{year}-{int(month):02d}-{int(day):02d}"
    return PartialDate.parse(text).edtf()
