"""Chinese transliteration writes r and l alike: across scripts that is one name, within Latin two.

Synthetic names. 阿热木 reads as Arim, the way Chinese renders Alim with 热 for its l; Alim and
Arim written in Latin letters are two different names.
"""

from __future__ import annotations

import pandas as pd
import pytest

from guwah.linkage import features, model, synthetic
from guwah.linkage.services.runs import DEFAULT_THRESHOLD

RECORDS = [
    ("1", "Alim Tursun", "m", 1971, "653101"),
    ("2", "阿热木·吐尔逊", "m", 1971, "653101"),
    ("3", "Arim Tursun", "m", 1971, "653101"),
]


@pytest.fixture(scope="module")
def scored() -> dict[frozenset[str], float]:
    rows = pd.DataFrame(
        RECORDS, columns=["unique_id", "name", "sex", "birth_year", "county_code"]
    ).assign(prefecture_code="653100")
    background = synthetic.generate(400, seed=7).rename(columns={"record_id": "unique_id"})
    background["unique_id"] = (background["unique_id"] + 1000).astype(str)
    prepared = features.prepare(pd.concat([rows, background], ignore_index=True))
    pairs = model.predict_duplicates(prepared, model.LinkageModel.default(), threshold=0.0001)
    return {
        frozenset((str(row["unique_id_l"]), str(row["unique_id_r"]))): float(
            row["match_probability"]
        )
        for _, row in pairs.iterrows()
    }


def test_the_blurred_key_makes_r_and_l_one_letter_and_drops_a_closing_l() -> None:
    assert features.blurred_key("rm") == features.blurred_key("lm") == "lm"
    assert features.blurred_key("sml") == "sm"
    assert features.blurred_key(None) is None
    assert features.blurred_key("") is None


def test_a_chinese_name_and_its_latin_reading_with_r_for_l_score_above_the_threshold(
    scored: dict[frozenset[str], float],
) -> None:
    assert scored.get(frozenset(("1", "2")), 0.0) >= DEFAULT_THRESHOLD


def test_two_latin_names_with_r_for_l_do_not(scored: dict[frozenset[str], float]) -> None:
    assert scored.get(frozenset(("1", "3")), 0.0) < DEFAULT_THRESHOLD


def test_only_names_in_chinese_characters_or_pinyin_are_marked_chinese_origin() -> None:
    prepared = features.prepare(
        pd.DataFrame(RECORDS, columns=["unique_id", "name", "sex", "birth_year", "county_code"])
    )
    assert list(prepared["chinese_origin"]) == ["other", "zh", "other"]
