"""The columns the linkage model compares, computed once per record before Splink sees them.

Names arrive in any script and spelling. The names engine (``guwah.names``) turns each into
script-independent forms: a match key and a phonetic form for the given name and for the
father's name. They are computed once per distinct name, never per compared pair, because a
Python function called inside the pairwise SQL is what makes linkage slow.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd

# What the model reads, in this order. Everything is text except the years.
FEATURE_COLUMNS = (
    "unique_id",
    "given_key",
    "father_key",
    "given_phonetic",
    "father_phonetic",
    "given_blurred",
    "father_blurred",
    "chinese_origin",
    "name_key",
    "birth_year",
    "sex",
    "county",
    "prefecture",
    "id_number",
    "mother_key",
    "mother_phonetic",
    "facility",
    "detention_year",
)

# The record columns a caller supplies; all but ``unique_id`` and ``name`` may be absent.
# ``uly`` is the name's ULY form when it is known already (the registry stores it): the name
# is then split from it rather than transliterated again.
RECORD_COLUMNS = (
    "unique_id",
    "name",
    "given_name",
    "father_name",
    "sex",
    "birth_year",
    "county_code",
    "prefecture_code",
    "id_number",
    "mother_name",
    "facility_code",
    "detention_year",
    "uly",
)

SEX_VALUES = {
    "m": "m", "male": "m", "man": "m", "er": "m", "ئەر": "m", "男": "m", "erkek": "m",
    "f": "f", "female": "f", "woman": "f", "ayal": "f", "ئايال": "f", "女": "f", "kadın": "f",
}  # fmt: skip
_ID_NOISE = re.compile(r"[\s\-–./]")


def _names_engine():
    # Imported when first needed, so that the model and the generator load without it.
    from guwah import names

    return names


def _blank_to_none(value: object) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def _per_distinct(values: pd.Series, function: Callable[[str], object]) -> list[object]:
    """``function`` applied once per distinct non-empty value, then spread back to every row."""
    codes, distinct = pd.factorize(values.to_numpy(dtype=object), use_na_sentinel=True)
    results = [function(text) if (text := _blank_to_none(value)) else None for value in distinct]
    table = np.array([*results, None], dtype=object)  # code -1 (missing) reads the final None
    return table[codes].tolist()


def name_part_forms(parts: pd.Series | list[object]) -> tuple[list[object], list[object]]:
    """Match key and phonetic form of each given name or father's name."""
    names = _names_engine()

    def forms(text: str) -> tuple[str | None, str | None]:
        return (names.match_key(text) or None, names.phonetic(text) or None)

    pairs = _per_distinct(pd.Series(parts, dtype=object), forms)
    keys = [pair[0] if pair else None for pair in pairs]  # type: ignore[index]
    phonetic = [pair[1] if pair else None for pair in pairs]  # type: ignore[index]
    return keys, phonetic


def blurred_key(key: object) -> str | None:
    """A name part's match key as Chinese transliteration blurs it: r and l one letter (尔/热
    for r, 力/勒 for l, each used for the other) and a closing l dropped (司马义 for Ismayil).
    The vowels are gone from the key already, so a dropped opening vowel costs nothing. Compared
    only between a Chinese-origin name and another (``names.cross_script_word_similarity``)."""
    if not isinstance(key, str) or not key:
        return None
    words = [word.replace("r", "l") for word in key.split(" ")]
    return " ".join(word[:-1] if len(word) > 2 and word.endswith("l") else word for word in words)


def _uly_parts(uly: str) -> tuple[str | None, str | None]:
    # As ``names.name_parts`` splits the ULY words it reads: the last word is the father's name.
    given, _sep, father = uly.rpartition(" ")
    return (given or father or None, father if given else None)


def split_names(
    full_names: pd.Series, known_uly: pd.Series | None = None
) -> tuple[list[object], list[object]]:
    """Given name and father's name of each full name, as the names engine reads them; from
    its ULY form in ``known_uly`` where that is given, which spares the transliteration."""
    names = _names_engine()

    def parts(text: str) -> tuple[str | None, str | None]:
        given, father = names.name_parts(text)
        return (given or None, father or None)

    uly = None if known_uly is None else _text(known_uly)
    if uly is None or pd.isna(uly).all():
        pairs = _per_distinct(full_names, parts)
    else:
        known = ~pd.isna(uly)
        pairs = [None] * len(full_names)
        from_uly = _per_distinct(pd.Series(uly[known], dtype=object), _uly_parts)
        from_text = _per_distinct(full_names[~known], parts)
        for position, pair in zip(np.flatnonzero(known), from_uly, strict=True):
            pairs[position] = pair
        for position, pair in zip(np.flatnonzero(~known), from_text, strict=True):
            pairs[position] = pair
    given = [pair[0] if pair else None for pair in pairs]  # type: ignore[index]
    father = [pair[1] if pair else None for pair in pairs]  # type: ignore[index]
    return given, father


def normalise_id_number(value: object) -> str | None:
    text = _blank_to_none(value)
    if text is None:
        return None
    return _ID_NOISE.sub("", text).upper() or None


_RESIDENT_ID = re.compile(r"^\d{17}[\dX]$")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def resident_id_facts(number: str | None) -> tuple[str | None, int | None]:
    """County of registration and birth year written in a PRC resident identity number.

    The first six digits are the GB/T 2260 code of the county that issued it and the next
    eight the birth date. Only a number whose check character (ISO 7064 MOD 11-2) holds is
    read, so that a miscopied digit does not put a person in the wrong county or year.
    """
    if not number or not _RESIDENT_ID.match(number):
        return None, None
    total = sum(int(digit) * weight for digit, weight in zip(number, _ID_WEIGHTS, strict=False))
    if "10X98765432"[total % 11] != number[17]:
        return None, None
    year = int(number[6:10])
    return number[:6], year if 1850 <= year <= 2100 else None


def with_identity_facts(features: pd.DataFrame) -> pd.DataFrame:
    """``features`` with a missing birth year, county or prefecture read from the identity number.

    For scoring only: trained on filled values, the model would learn that duplicates always
    agree on birth year and county (both copied from one number) and punish the one-year slips
    that real reports make.
    """
    facts = [resident_id_facts(number) for number in features["id_number"]]
    county = _prefer(features["county"].to_numpy(dtype=object), [fact[0] for fact in facts])
    filled = features.assign(
        county=pd.Series(list(county), index=features.index, dtype=object),
        birth_year=features["birth_year"].fillna(
            pd.Series([fact[1] for fact in facts], index=features.index, dtype="Int64")
        ),
    )
    prefecture = _prefer(
        filled["prefecture"].to_numpy(dtype=object), [prefecture_of(code) for code in county]
    )
    return filled.assign(prefecture=pd.Series(list(prefecture), index=features.index, dtype=object))


def prefecture_of(county_code: str | None) -> str | None:
    """The prefecture of a six-digit GB/T 2260 county code (its first four digits, then 00)."""
    if isinstance(county_code, str) and len(county_code) == 6 and county_code.isdigit():
        return county_code[:4] + "00"
    return None


def _years(values: pd.Series) -> pd.Series:
    years = pd.to_numeric(values, errors="coerce")
    years = years.where((years >= 1850) & (years <= 2100))
    return years.round().astype("Int64")


def _text(values: pd.Series) -> np.ndarray:
    """Text with every kind of missing value (None, NaN, NA, blank) as None."""
    array = values.to_numpy(dtype=object)
    missing = pd.isna(array)
    stripped = np.array(
        [value.strip() if isinstance(value, str) else value for value in array], dtype=object
    )
    stripped[missing] = None
    stripped[stripped == ""] = None
    return stripped


def _prefer(first: np.ndarray, fallback: list[object]) -> np.ndarray:
    return np.where(pd.isna(first), np.array(fallback, dtype=object), first)


def prepare(records: pd.DataFrame) -> pd.DataFrame:
    """The model's columns (``FEATURE_COLUMNS``) for records with ``RECORD_COLUMNS``."""
    frame = records.copy()
    for column in RECORD_COLUMNS:
        if column not in frame.columns:
            frame[column] = None
    given, father = split_names(frame["name"], frame["uly"])
    # A source that gives the parts separately is believed over the split of the full name.
    given_part = _prefer(_text(frame["given_name"]), given)
    father_part = _prefer(_text(frame["father_name"]), father)
    given_key, given_phonetic = name_part_forms(list(given_part))
    father_key, father_phonetic = name_part_forms(list(father_part))
    mother_key, mother_phonetic = name_part_forms(list(_text(frame["mother_name"])))
    # Both parts in a fixed order, so that a name written father-first still blocks together.
    name_key = [
        " ".join(sorted(str(part) for part in (g, f) if part)) or None
        for g, f in zip(given_key, father_key, strict=True)
    ]
    names = _names_engine()
    # Written in Chinese characters or pinyin ("zh") or not ("other"), read from the full name
    # before it is split into ULY parts, which no longer show it.
    chinese_origin = _per_distinct(
        frame["name"], lambda text: "zh" if names.is_chinese_origin(text) else "other"
    )
    county = _text(frame["county_code"])
    prefecture = _prefer(_text(frame["prefecture_code"]), [prefecture_of(code) for code in county])
    sex = _per_distinct(frame["sex"], lambda value: SEX_VALUES.get(value.lower()))
    columns: dict[str, object] = {
        "unique_id": frame["unique_id"].to_numpy(),
        "given_key": given_key,
        "father_key": father_key,
        "given_phonetic": given_phonetic,
        "father_phonetic": father_phonetic,
        "given_blurred": [blurred_key(key) for key in given_key],
        "father_blurred": [blurred_key(key) for key in father_key],
        "chinese_origin": chinese_origin,
        "name_key": name_key,
        "birth_year": _years(frame["birth_year"]).array,
        "sex": sex,
        "county": county,
        "prefecture": prefecture,
        "id_number": _per_distinct(frame["id_number"], normalise_id_number),
        "mother_key": mother_key,
        "mother_phonetic": mother_phonetic,
        "facility": _text(frame["facility_code"]),
        "detention_year": _years(frame["detention_year"]).array,
    }
    # Text stays object dtype holding None, which every Splink backend reads as SQL NULL.
    return pd.DataFrame(
        {
            name: values
            if name == "unique_id" or name.endswith("year")
            else pd.Series(list(values), dtype=object)  # type: ignore[call-overload]
            for name, values in columns.items()
        }
    )
