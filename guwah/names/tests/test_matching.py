"""Match keys and similarity of one name across scripts and spellings."""

from __future__ import annotations

import pytest

from guwah.names import match_key, name_parts, phonetic, similarity

MEMTIMIN_HOSHUR = [
    "مەمتىمىن ھوشۇر",
    "Memtimin Hoshur",
    "Мәмтимин Һошур",
    "买买提明·吾守尔",
    "買買提明·吾守爾",
    "Maimaitiming Wushouer",
    "Memtimin Khoshur",
    "Hoshur Memtimin",
]


@pytest.mark.parametrize("spelling", MEMTIMIN_HOSHUR)
def test_every_spelling_of_a_name_has_the_same_match_key(spelling: str) -> None:
    assert match_key(spelling) == match_key("Memtimin Hoshur")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ahmetcan", "Ehmetjan"),
        ("Akhmetdzhan", "Ehmetjan"),
        ("Ehmetjan", "艾合买提江"),
        ("Gülnar", "Guelnar"),
        ("Gulnar", "گۈلنار"),
        ("Abdürreşit", "Abdureshit"),
        ("Taschmamat", "Tashmemet"),
        ("Turghun", "Turğun"),
        ("Yusup", "Yusuf"),
        ("Yusup", "玉素甫"),
        ("Muhammad", "Memet"),
        ("Mohammed", "买买提"),
        ("Nasyrov", "ناسىروۋ"),
        ("Kadir", "Qadir"),
    ],
)
def test_informal_spellings_share_the_key_of_the_standard_one(a: str, b: str) -> None:
    assert match_key(a) == match_key(b)


def test_different_names_have_different_keys() -> None:
    keys = {match_key(n) for n in ["Memtimin Hoshur", "Erkin Tursun", "Gulshan Abbas", "Ilham"]}
    assert len(keys) == 4


def test_the_same_name_is_perfectly_similar_in_every_uyghur_script() -> None:
    assert similarity("مەمتىمىن ھوشۇر", "Memtimin Hoshur") == 1.0
    assert similarity("Мәмтимин Һошур", "Memtimin Hoshur") == 1.0


def test_similarity_ranks_the_chinese_form_of_a_name_above_other_names() -> None:
    query = "买买提明·吾守尔"
    right = similarity(query, "Memtimin Hoshur")
    assert right > 0.85
    for other in ["Memet Tursun", "Erkin Hoshur", "Ilham Tohti", "Tursun Memtimin"]:
        assert similarity(query, other) < right


def test_a_swapped_order_costs_a_little_and_a_missing_part_more() -> None:
    full = similarity("Memtimin Hoshur", "Memtimin Hoshur")
    swapped = similarity("Memtimin Hoshur", "Hoshur Memtimin")
    missing = similarity("Memtimin Hoshur", "Memtimin")
    stranger = similarity("Memtimin Hoshur", "Gulshan Abbas")
    assert full > swapped > missing > stranger
    assert swapped > 0.9
    assert missing > 0.8


def test_names_run_together_are_compared_as_one_word() -> None:
    assert similarity("吐爾洪阿力馬斯", "Turghun Almas") > 0.9


def test_parts_run_together_match_the_words_they_were_made_of() -> None:
    full = "Sultan Satuq Bughra Khan"
    assert similarity("Satuq Bughrakhan", full) > 0.8
    assert similarity("Satuq Bughrakhan", full) > similarity("Satuq Bughrakhan", "Sultan Tursun")


def test_a_lone_given_name_ranks_the_person_with_that_given_name_first() -> None:
    assert similarity("Dilber", "Dilber Yunus") > similarity("Dilber", "Yunus Dilber")


def test_similarity_is_symmetric_and_within_bounds() -> None:
    pairs = [("Erkin Tursun", "艾尔肯·吐尔逊"), ("Ali", "Eli Memet"), ("", "Ali")]
    for a, b in pairs:
        assert similarity(a, b) == pytest.approx(similarity(b, a))
        assert 0.0 <= similarity(a, b) <= 1.0


def test_name_parts_splits_given_name_and_fathers_name_in_uly() -> None:
    assert name_parts("مەمتىمىن ھوشۇر") == ("Memtimin", "Hoshur")
    assert name_parts("Ilham") == ("Ilham", "")
    assert name_parts("Sultan Satuq Bughra") == ("Sultan Satuq", "Bughra")
    assert name_parts("") == ("", "")


def test_phonetic_form_is_shared_by_latin_arabic_and_cyrillic() -> None:
    assert phonetic("Gülnar Ehmet") == phonetic("گۈلنار ئەخمەت") == phonetic("Гүлнар Әхмәт")
