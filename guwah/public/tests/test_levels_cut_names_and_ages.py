"""The partial level keeps a name's given part and an initial in every script, or nothing when
the name cannot be cut safely; ages are shown in ten-year bands."""

from __future__ import annotations

import pytest

from guwah.public.levels import age_band, partial_name


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Memtimin Hoshur", "Memtimin H."),
        ("مەمتىمىن ھوشۇر", "مەمتىمىن ھ."),
        ("Мәмтимин Һошур", "Мәмтимин Һ."),
        ("买买提明·吾守尔", "买买提明·吾."),
        ("  Memtimin   Hoshur  Ablet ", "Memtimin H."),
        # One word, or Chinese characters without the middle dot (a Han name puts the family
        # name first): withheld, not guessed at.
        ("Memtimin", ""),
        ("王小明", ""),
        ("", ""),
    ],
)
def test_a_name_is_cut_to_its_given_part_and_an_initial(name: str, shown: str) -> None:
    assert partial_name(name) == shown


@pytest.mark.parametrize(
    ("born", "then", "band"),
    [
        (1975, 2017, "40–49"),
        (1977, 2017, "40–49"),
        (2008, 2017, "0–9"),
        (1961, 2017, "50–59"),
        (None, 2017, ""),
        (1975, None, ""),
        (2020, 2017, ""),  # born after the event: a contradiction, shown as unknown
    ],
)
def test_an_age_is_shown_in_ten_year_bands(born: int | None, then: int | None, band: str) -> None:
    assert age_band(born, then) == band
