"""The generator reports each person several times, differently, and keeps siblings apart."""

from __future__ import annotations

from guwah.linkage import synthetic


def test_it_gives_the_same_records_for_the_same_seed() -> None:
    first = synthetic.generate(800, seed=7)
    again = synthetic.generate(800, seed=7)
    other = synthetic.generate(800, seed=8)
    assert first.equals(again)
    assert not first["name"].equals(other["name"])


def test_it_writes_one_person_in_several_scripts() -> None:
    records = synthetic.generate(3000, seed=1)
    assert set(records["script"]) == {"ug-Arab", "ug-Latn", "und-Latn", "zh-Hans", "zh-Latn-pinyin"}
    by_person = records.groupby("entity_id")["script"].nunique()
    assert (by_person > 1).sum() > 100
    assert records["synthetic"].all()


def test_it_makes_the_variations_documenters_meet() -> None:
    records = synthetic.generate(5000, seed=2)
    assert records["birth_year"].isna().mean() > 0.05
    assert (records["county_code"].isna() & records["prefecture_code"].notna()).mean() > 0.1
    assert records["swapped"].sum() > 0
    # Some duplicates disagree on the birth year by one.
    years = records.dropna(subset=["birth_year"]).groupby("entity_id")["birth_year"]
    assert ((years.max() - years.min()) == 1).sum() > 10


def test_siblings_share_their_fathers_name_but_not_their_own() -> None:
    records = synthetic.generate(5000, seed=3)
    persons = records.drop_duplicates("entity_id")
    siblings = persons.groupby("family_id").filter(lambda family: len(family) > 1)
    assert siblings["family_id"].nunique() > 50
    for _, family in siblings.groupby("family_id"):
        assert family["true_father_name"].nunique() == 1
        assert family["true_given_name"].nunique() == len(family)


def test_hanzi_comes_from_the_syllable_table() -> None:
    # The official transcriptions the table is built on: 买买提 Memet, 古丽 gül, 江 jan.
    assert synthetic.uly_to_hanzi("Memet") == "买买提"
    assert synthetic.uly_to_hanzi("Gülnar").startswith("古丽")
    assert synthetic.uly_to_hanzi("Memetjan").endswith("江")
    assert synthetic.hanzi_to_pinyin("买买提") == "Maimaiti"


def test_identity_numbers_carry_a_valid_check_digit_unless_miscopied() -> None:
    records = synthetic.generate(3000, seed=4)
    numbers = records["id_number"].dropna()
    valid = [n for n in numbers if synthetic.prc_check_digit(n[:17]) == n[17]]
    assert 0.7 < len(valid) / len(numbers) < 1.0


def test_true_pairs_are_all_pairs_within_one_person() -> None:
    records = synthetic.generate(1000, seed=5)
    sizes = records.groupby("entity_id").size()
    expected = int((sizes * (sizes - 1) // 2).sum())
    assert len(synthetic.true_pairs(records)) == expected
