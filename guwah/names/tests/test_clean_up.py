"""Clean-up of names as they arrive from keyboards, PDFs and records."""

from __future__ import annotations

import pytest

from guwah.names import clean


def test_it_folds_arabic_presentation_forms_to_uyghur_letters() -> None:
    # ﺩﯨﻠﺒﻪﺭ writes the e of Dilber with the final form of heh, as old documents do.
    assert clean("ﺩﯨﻠﺒﻪﺭ ﻳﯘﻧﯘﺱ") == "دىلبەر يۇنۇس"


def test_it_reads_a_plain_heh_as_e_at_the_end_and_as_h_before_a_letter() -> None:
    assert clean("ئەخمەت ھوشۇر") == "ئەخمەت ھوشۇر"
    assert clean("هوشۇر") == "ھوشۇر"
    assert clean("ئايشه") == "ئايشە"


def test_it_replaces_persian_keheh_and_yeh_by_the_uyghur_letters() -> None:
    assert clean("کېرىم") == "كېرىم"
    # Farsi yeh is y beside a vowel and i between consonants.
    assert clean("ئایشە") == "ئايشە"
    assert clean("ئیلھام") == "ئىلھام"


def test_it_removes_tatweel_zero_width_and_bidirectional_controls() -> None:
    dirty = "\u202bمەمـــتىمىن\u200f \u2067ھوشۇر\u2069\u200b"
    assert clean(dirty) == "مەمتىمىن ھوشۇر"


def test_it_folds_full_width_latin() -> None:
    assert clean("Ｍｅｍｔｉｍｉｎ　Ｈｏｓｈｕｒ") == "Memtimin Hoshur"


def test_it_writes_traditional_characters_as_simplified() -> None:
    assert clean("吐爾洪阿力馬斯") == "吐尔洪阿力马斯"


@pytest.mark.parametrize("separator", ["·", "•", "‧", "・", "．", ".", "-", " ", " · ", "  ‧ "])
def test_it_puts_one_space_between_given_name_and_fathers_name(separator: str) -> None:
    assert clean(f"买买提明{separator}吾守尔") == "买买提明 吾守尔"


def test_it_keeps_the_uly_apostrophe_whatever_quote_was_typed() -> None:
    assert clean("Jem’iyet") == "Jem'iyet"


def test_it_gives_empty_text_for_nothing_but_noise() -> None:
    assert clean("\u200b · \u202e") == ""
