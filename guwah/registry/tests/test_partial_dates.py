"""Partial dates keep what the family said and know the range of days it can mean."""

import datetime as dt

import pytest

from guwah.registry.dates import InvalidPartialDate, PartialDate


def test_a_year_spans_the_whole_year_and_sorts_mid_year():
    year = PartialDate.parse("2017")
    assert (year.earliest, year.latest) == (dt.date(2017, 1, 1), dt.date(2017, 12, 31))
    assert year.sort_key == dt.date(2017, 7, 2)


@pytest.mark.parametrize(
    ("text", "edtf"),
    [
        ("about 2017", "2017~"),
        ("before 2018", "..2018"),
        ("2017-5", "2017-05"),
        (">2016", "2016.."),
    ],
)
def test_qualifiers_are_kept_in_edtf(text, edtf):
    assert PartialDate.parse(text).edtf() == edtf


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty"),
        ("spring", "invalid"),
        ("1850", "year"),
        ("2017-13", "month"),
        ("2017-02-30", "day"),
    ],
)
def test_unreadable_dates_say_why(text, code):
    with pytest.raises(InvalidPartialDate) as caught:
        PartialDate.parse(text)
    assert caught.value.code == code
