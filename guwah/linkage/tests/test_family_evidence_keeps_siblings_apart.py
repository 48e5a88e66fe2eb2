"""What a family shares (father's name, mother, hometown) does not make two siblings one person."""

from __future__ import annotations

import pandas as pd
import pytest

from guwah.linkage import family, features, model, synthetic


def _score(*records: dict[str, object]) -> pd.DataFrame:
    frame = pd.DataFrame(
        [{"unique_id": str(number), **record} for number, record in enumerate(records, 1)]
    )
    return model.predict_duplicates(
        features.prepare(frame), model.LinkageModel.default(), threshold=0.0001
    )


def _probability(pairs: pd.DataFrame) -> float:
    return float(pairs["match_probability"].max()) if len(pairs) else 0.0


BROTHER = {
    "name": "Memet Erkin",
    "sex": "m",
    "birth_year": 1990,
    "county_code": "653101",
    "mother_name": "Aygül",
}


def test_brothers_with_different_given_names_are_not_proposed() -> None:
    pairs = _score(BROTHER, {**BROTHER, "name": "Abdurehim Erkin", "birth_year": 1993})
    assert _probability(pairs) < 0.5


def test_brothers_with_alike_given_names_born_years_apart_are_not_proposed() -> None:
    pairs = _score(BROTHER, {**BROTHER, "name": "Ehmet Erkin", "birth_year": 1993})
    assert _probability(pairs) < 0.5
    levels = {step["comparison"]: step["level"] for step in model.explanation(pairs.iloc[0])}
    assert levels["family"] == family.FAMILY_LEVELS[family.SIMILAR_NAMES_YEARS_APART]


def test_a_brother_and_a_sister_are_not_proposed() -> None:
    pairs = _score(BROTHER, {**BROTHER, "name": "Gülnar Erkin", "sex": "f", "birth_year": 1990})
    assert _probability(pairs) < 0.5


def test_a_father_and_his_son_with_the_names_swapped_are_not_proposed() -> None:
    father = {"name": "Hesen Elijan", "sex": "m", "birth_year": 1941, "county_code": "653101"}
    pairs = _score(father, {**father, "name": "Elijan Hesen", "birth_year": 1966})
    assert _probability(pairs) < 0.5


def test_one_person_written_in_two_scripts_is_still_proposed() -> None:
    pairs = _score(BROTHER, {**BROTHER, "name": "买买提·艾尔肯", "birth_year": 1991})
    assert _probability(pairs) > 0.9
    assert "family" not in {step["comparison"] for step in model.explanation(pairs.iloc[0])}


def test_the_same_identity_number_outweighs_family_evidence() -> None:
    body = "65310119900101123"
    total = sum(
        int(digit) * weight for digit, weight in zip(body, features._ID_WEIGHTS, strict=True)
    )
    number = body + "10X98765432"[total % 11]
    pairs = _score(
        {**BROTHER, "id_number": number},
        {**BROTHER, "name": "Ehmet Erkin", "birth_year": 1993, "id_number": number},
    )
    assert _probability(pairs) > 0.9


def test_the_family_step_adds_up_with_the_others() -> None:
    pairs = _score(BROTHER, {**BROTHER, "name": "Ehmet Erkin", "birth_year": 1993})
    row = pairs.iloc[0]
    total = row["prior_weight"] + sum(step["weight"] for step in model.explanation(row))
    assert total == pytest.approx(row["match_weight"], abs=0.01)


def test_synthetic_siblings_and_twins_are_under_one_percent_of_proposed_pairs() -> None:
    records = synthetic.generate(6000, seed=23)
    family_of = dict(zip(records["record_id"].astype(str), records["family_id"], strict=True))
    person_of = dict(zip(records["record_id"].astype(str), records["entity_id"], strict=True))
    pairs = model.predict_duplicates(
        features.prepare(records.rename(columns={"record_id": "unique_id"})),
        model.LinkageModel.default(),
        threshold=0.5,
    )
    siblings = sum(
        person_of[a] != person_of[b] and family_of[a] == family_of[b]
        for a, b in zip(pairs["unique_id_l"], pairs["unique_id_r"], strict=True)
    )
    assert len(pairs) > 1000
    assert siblings / len(pairs) < 0.01
