"""Russian spellings (g for gh, zh for j) and English ones without the h of gh key like ULY."""

from __future__ import annotations

import pytest

from guwah.names import detect_script, match_key


@pytest.mark.parametrize(
    ("informal", "uly"),
    [
        ("Galip", "Ghalip"),
        ("Gozhimusa", "Ghojimusa"),
        ("Abdugopur", "Abdughopur"),
        ("Gani", "Ghani"),
    ],
)
def test_a_g_before_a_or_o_keys_like_gh(informal: str, uly: str) -> None:
    assert match_key(informal) == match_key(uly)


def test_chinese_ga_keys_like_gh() -> None:
    assert match_key("尕力甫") == match_key("Ghalip")


def test_a_g_before_a_front_vowel_stays_g() -> None:
    assert match_key("Gülnar") != match_key("Ülnar")
    assert match_key("Gülnar") == match_key("گۈلنار")


def test_the_ng_of_ng_before_a_vowel_is_not_touched() -> None:
    # ULY n'g is n and g; the apostrophe keeps g a g even before a back vowel.
    assert match_key("Chin'ga") != match_key("Chingha")


@pytest.mark.parametrize(("russian", "uly"), [("Alizhan", "Elijan"), ("Musazhan", "Musajan")])
def test_a_closing_zhan_is_the_russian_jan_not_pinyin(russian: str, uly: str) -> None:
    assert detect_script(russian) != "zh-Latn-pinyin"
    assert match_key(russian) == match_key(uly)


def test_pinyin_zh_is_still_pinyin() -> None:
    assert detect_script("Zhakeer Maimaiti") == "zh-Latn-pinyin"
