"""The model alone (no database): one person across scripts is one, siblings stay apart."""

from __future__ import annotations

import pandas as pd
import pytest

from guwah.linkage import features, model, synthetic

# Memet Tursun (records 1-5) written five ways; his sisters Gülnar (6, 7) and Gülzire (8), who
# carry his father's name, were born in the same county a few years after him.
RECORDS = [
    ("1", "مەمەت تۇرسۇن", "m", 1968, "653101"),
    ("2", "Memet Tursun", "m", 1968, None),
    ("3", "买买提·吐尔逊", "m", 1969, "653101"),
    ("4", "Maimaiti Tuerxun", "m", None, "653101"),
    ("5", "Tursun Mehmet", "m", 1968, "653101"),
    ("6", "گۈلنار تۇرسۇن", "f", 1972, "653101"),
    ("7", "古丽娜尔·吐尔逊", "f", 1972, "653101"),
    ("8", "Gülzire Tursun", "f", 1975, "653101"),
]


@pytest.fixture(scope="module")
def scored() -> dict[frozenset[str], pd.Series]:
    rows = pd.DataFrame(
        RECORDS, columns=["unique_id", "name", "sex", "birth_year", "county_code"]
    ).assign(prefecture_code="653100")
    # A background of synthetic strangers, so that the family is not alone in the registry.
    background = synthetic.generate(400, seed=5).rename(columns={"record_id": "unique_id"})
    background["unique_id"] = (background["unique_id"] + 1000).astype(str)
    prepared = features.prepare(pd.concat([rows, background], ignore_index=True))
    pairs = model.predict_duplicates(prepared, model.LinkageModel.default(), threshold=0.01)
    return {
        frozenset((str(row["unique_id_l"]), str(row["unique_id_r"]))): row
        for _, row in pairs.iterrows()
    }


def probability(scored: dict[frozenset[str], pd.Series], a: str, b: str) -> float:
    row = scored.get(frozenset((a, b)))
    return 0.0 if row is None else float(row["match_probability"])


@pytest.mark.parametrize("other", ["2", "3", "4", "5"])
def test_memet_is_found_in_every_script_and_order(scored, other) -> None:
    assert probability(scored, "1", other) > 0.9


def test_gulnar_in_hanzi_is_gulnar_in_arabic_script(scored) -> None:
    assert probability(scored, "6", "7") > 0.9


@pytest.mark.parametrize("sister", ["6", "7"])
def test_sisters_sharing_their_fathers_name_are_not_merged(scored, sister) -> None:
    assert probability(scored, sister, "8") < 0.5
    for brother in ("1", "2", "3"):
        assert probability(scored, sister, brother) < 0.5


def test_each_pair_explains_itself_comparison_by_comparison(scored) -> None:
    steps = model.explanation(scored[frozenset(("1", "3"))])
    by_name = {step["comparison"]: step for step in steps}
    assert by_name["given_name"]["level"] == "same" and by_name["given_name"]["weight"] > 0
    assert by_name["birth_year"]["level"] == "one year apart"
    assert by_name["id_number"]["level"] == "not known" and by_name["id_number"]["weight"] == 0


def test_a_model_file_round_trips(tmp_path) -> None:
    original = model.LinkageModel.default()
    path = tmp_path / "model.json"
    original.save(path)
    assert model.LinkageModel.load(path) == original


def test_a_file_of_another_kind_is_refused(tmp_path) -> None:
    path = tmp_path / "model.json"
    path.write_text('{"link_type": "dedupe_only"}', encoding="utf-8")
    with pytest.raises(ValueError, match="not a linkage model"):
        model.LinkageModel.load(path)


def test_the_prior_follows_the_size_of_the_registry() -> None:
    trained = model.LinkageModel.default()
    small, large = model.prior_for(trained, 1_000), model.prior_for(trained, 1_000_000)
    assert small == pytest.approx(large * 1000)
