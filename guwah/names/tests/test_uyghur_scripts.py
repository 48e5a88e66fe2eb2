"""Exact conversion between Uyghur Arabic (UEY), Latin (ULY) and Cyrillic (USY) script."""

from __future__ import annotations

import pytest
from umsc import UgMultiScriptConverter

from guwah.names import transliterate
from guwah.names.uyghur import uey_to_uly, uly_to_uey, uly_to_usy, usy_to_uly

# Examples of the ULY standard and of the Uyghur alphabet tables: digraphs, the apostrophe that
# keeps two letters from reading as a digraph, and the hamza carrier inside a word.
ULY_EXAMPLES = [
    ("ئۇيغۇر", "uyghur"),
    ("ئۈرۈمچى", "ürümchi"),
    ("قەشقەر", "qeshqer"),
    ("غۇلجا", "ghulja"),
    ("ژۇرنال", "zhurnal"),
    ("شىنجاڭ", "shinjang"),
    ("جەمئىيەت", "jem'iyet"),
    ("سەنئەت", "sen'et"),
    ("مەسئۇل", "mes'ul"),
    ("سائەت", "sa'et"),
    ("مۇئەللىم", "mu'ellim"),
    ("رەيھانگۈل", "reyhan'gül"),
    ("ئىسھاق", "is'haq"),
    ("ئەزھەر", "ez'her"),
    ("جۇنگو", "jun'go"),
    ("ئاڭغا", "anggha"),
    ("ئىلھام", "ilham"),
    ("ئېلى", "éli"),
    ("ئۆمەر", "ömer"),
]


@pytest.mark.parametrize(("uey", "uly"), ULY_EXAMPLES)
def test_it_converts_the_uly_standards_examples_both_ways(uey: str, uly: str) -> None:
    assert uey_to_uly(uey) == uly
    assert uly_to_uey(uly) == uey


@pytest.mark.parametrize(("uey", "uly"), ULY_EXAMPLES)
def test_it_agrees_with_umsc_on_standard_text(uey: str, uly: str) -> None:
    assert uey_to_uly(uey) == UgMultiScriptConverter("UAS", "ULS")(uey)


def test_it_puts_an_apostrophe_between_letters_that_would_read_as_a_digraph() -> None:
    assert uey_to_uly("نگ سھ زھ گھ نغ") == "n'g s'h z'h g'h n'gh"
    assert uly_to_uey("n'g s'h z'h g'h n'gh") == "نگ سھ زھ گھ نغ"


def test_it_reads_n_g_with_an_apostrophe_as_two_letters() -> None:
    assert uly_to_uey("Reyhan'gül") == "رەيھانگۈل"
    assert uly_to_uey("Reyhangül") == "رەيھاڭۈل"


def test_it_converts_between_latin_and_cyrillic() -> None:
    assert uly_to_usy("yüsüp yaqup ilyas") == "йүсүп яқуп иляс"
    assert usy_to_uly("мәмтимин һошур") == "memtimin hoshur"
    assert usy_to_uly("юсуп") == "yusup"
    # Cyrillic needs no apostrophe between н and г; Latin does, to keep n'g from reading as ng.
    assert usy_to_uly("рәйһангүл") == "reyhan'gül"
    assert uly_to_usy("reyhan'gül") == "рәйһангүл"


def test_it_writes_a_name_in_all_three_uyghur_scripts() -> None:
    assert transliterate("مەمتىمىن ھوشۇر", "ug-Latn") == "Memtimin Hoshur"
    assert transliterate("Memtimin Hoshur", "ug-Arab") == "مەمتىمىن ھوشۇر"
    assert transliterate("Memtimin Hoshur", "ug-Cyrl") == "Мәмтимин Һошур"
    assert transliterate("Мәмтимин Һошур", "ug-Arab") == "مەمتىمىن ھوشۇر"


def test_it_gives_likely_uyghur_forms_for_chinese_and_pinyin() -> None:
    assert transliterate("买买提·吐尔逊", "ug-Latn") == "Memet Tursun"
    assert transliterate("Maimaiti Tuerxun", "ug-Latn") == "Memet Tursun"
    assert transliterate("艾尔肯·阿布都拉", "ug-Arab") == uly_to_uey("erken abdula")


def test_an_unknown_target_script_returns_the_cleaned_name() -> None:
    assert transliterate(" Memet\u200b  Tursun ", "klingon") == "Memet Tursun"
