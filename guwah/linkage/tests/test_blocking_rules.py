"""Which pairs of records the model compares at all: a pair no blocking rule brings together
is never scored, however alike the two records are."""

from __future__ import annotations

import pandas as pd

from guwah.linkage import features, model, synthetic


def compared_pairs(rows: list[tuple[str, str, int | None, str | None]]) -> set[frozenset[str]]:
    frame = pd.DataFrame(rows, columns=["unique_id", "name", "birth_year", "county_code"]).assign(
        sex="m"
    )
    # Strangers around them, so that the rules run on a registry rather than on two rows.
    background = synthetic.generate(300, seed=11).rename(columns={"record_id": "unique_id"})
    background["unique_id"] = (background["unique_id"] + 1000).astype(str)
    prepared = features.prepare(pd.concat([frame, background], ignore_index=True))
    pairs = model.predict_duplicates(prepared, model.LinkageModel.default(), threshold=0.0)
    ids = zip(pairs["unique_id_l"], pairs["unique_id_r"], strict=True)
    return {frozenset((str(a), str(b))) for a, b in ids}


def test_a_report_without_hometown_is_compared_with_one_a_birth_year_apart() -> None:
    pairs = compared_pairs(
        [("1", "Memet Tursun", 1968, "653101"), ("2", "مەمەت تۇرسۇن", 1969, None)]
    )
    assert frozenset(("1", "2")) in pairs


def test_the_same_name_without_hometown_and_years_apart_is_not_compared() -> None:
    pairs = compared_pairs(
        [("1", "Memet Tursun", 1968, "653101"), ("2", "مەمەت تۇرسۇن", 1975, None)]
    )
    assert frozenset(("1", "2")) not in pairs
