"""A birth year or county left out of a report is read from its identity number, if it is sound."""

from __future__ import annotations

import pandas as pd

from guwah.linkage import features, model, synthetic

# Synthetic resident identity numbers (county 653101, born 1968) with their check characters.
BODY = "65310119680312001"
SOUND = BODY + synthetic.prc_check_digit(BODY)
MISCOPIED = "65310119860312001" + synthetic.prc_check_digit(BODY)


def test_it_reads_county_and_birth_year_from_a_sound_number() -> None:
    assert features.resident_id_facts(SOUND) == ("653101", 1968)


def test_it_reads_nothing_from_a_number_whose_check_character_fails() -> None:
    assert features.resident_id_facts(MISCOPIED) == (None, None)
    assert features.resident_id_facts("12345") == (None, None)
    assert features.resident_id_facts(None) == (None, None)


def test_it_fills_only_what_the_report_left_out() -> None:
    records = pd.DataFrame(
        [
            ("1", "Memet Tursun", None, None, SOUND),
            ("2", "Memet Tursun", 1969, "653125", SOUND),
            ("3", "Memet Tursun", None, None, MISCOPIED),
        ],
        columns=["unique_id", "name", "birth_year", "county_code", "id_number"],
    )

    filled = features.with_identity_facts(features.prepare(records)).set_index("unique_id")

    assert (filled.loc["1", "birth_year"], filled.loc["1", "county"]) == (1968, "653101")
    assert filled.loc["1", "prefecture"] == "653100"
    # What a source wrote is kept, even where the number says otherwise: the model weighs it.
    assert (filled.loc["2", "birth_year"], filled.loc["2", "county"]) == (1969, "653125")
    assert pd.isna(filled.loc["3", "birth_year"]) and filled.loc["3", "county"] is None


def test_a_report_without_birth_year_meets_its_duplicate_through_the_identity_number() -> None:
    # The first report gives no birth year and no hometown, the second no identity number, so
    # neither the number nor the place brings the two together; the year read from the first
    # report's number does, beside the name.
    records = pd.DataFrame(
        [
            ("1", "Memet Tursun", "m", None, None, SOUND),
            ("2", "مەمەت تۇرسۇن", "m", 1968, None, None),
        ],
        columns=["unique_id", "name", "sex", "birth_year", "county_code", "id_number"],
    )
    background = synthetic.generate(300, seed=11).rename(columns={"record_id": "unique_id"})
    background["unique_id"] = (background["unique_id"] + 1000).astype(str)
    prepared = features.prepare(pd.concat([records, background], ignore_index=True))

    pairs = model.predict_duplicates(prepared, model.LinkageModel.default(), threshold=0.01)

    found = {frozenset((row.unique_id_l, row.unique_id_r)) for row in pairs.itertuples()}
    assert frozenset(("1", "2")) in found
