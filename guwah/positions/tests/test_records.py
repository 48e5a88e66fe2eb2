"""The pure rules: reading rows, naming their problems, and summarising a record."""

import pytest

from guwah.positions import records
from guwah.positions.countries import english_name, localised_name
from guwah.positions.records import Summary

HEADER = "date,instrument,forum,stance,country,iso3,source_url\n"


@pytest.mark.parametrize(
    ("stances", "expected"),
    [
        ([], Summary.NEVER_SPOKE),
        (["critical", "critical", "yes"], Summary.ALWAYS_CRITICAL),
        (["recognition"], Summary.ALWAYS_CRITICAL),
        (["supportive", "no"], Summary.ALWAYS_SUPPORTIVE),
        (["supportive", "critical"], Summary.CHANGED_SIDES),
        (["critical", "abstain"], Summary.ABSTAINED),
        (["abstain", "supportive", "yes"], Summary.CHANGED_SIDES),
    ],
)
def test_it_summarises_a_record(stances: list[str], expected: Summary) -> None:
    assert records.summarise(stances) is expected


def test_it_names_each_bad_row_by_its_line_number() -> None:
    text = (
        HEADER
        + "2022-10-06,V,forum,yes,France,FRA,https://example.org/a\n"
        + "2022-10-06,V,forum,yes,Nowhere,XXX,https://example.org/b\n"
        + "2022-10-06,V,forum,maybe,Chile,CHL,https://example.org/c\n"
        + "2022-10-06,V,forum,no,China,CHN,\n"
        + "2022-10-06,W,forum,no,Cuba,CUB,https://example.org/d\n"
    )
    rows, problems = records.read_positions(text, "p.csv", {"V"})
    assert [row.state for row in rows] == ["FRA"]
    assert [(problem.line, problem.message) for problem in problems] == [
        (3, "unknown ISO 3166 alpha-3 code “XXX”"),
        (4, "unknown stance “maybe”"),
        (5, "the source is missing"),
        (6, "unknown instrument “W”"),
    ]
    assert str(problems[0]) == "p.csv, line 3: unknown ISO 3166 alpha-3 code “XXX”"


def test_a_quoted_field_spanning_lines_does_not_shift_the_line_numbers() -> None:
    text = (
        HEADER
        + '2022-10-06,V,"two\nlines",yes,France,FRA,https://example.org/a\n'
        + "2022-10-06,V,forum,yes,Chile,ZZZ,https://example.org/b\n"
    )
    _, problems = records.read_positions(text, "p.csv", {"V"})
    assert [problem.line for problem in problems] == [4]


def test_it_refuses_the_same_state_twice_on_one_instrument() -> None:
    row = "2022-10-06,V,forum,yes,France,FRA,https://example.org/a\n"
    _, problems = records.read_positions(HEADER + row + row, "p.csv", {"V"})
    assert [(problem.line, problem.message) for problem in problems] == [
        (3, "FRA on V is already on line 2")
    ]


def test_it_refuses_a_file_without_the_columns_it_needs() -> None:
    rows, problems = records.read_positions("date,country\n2022,France\n", "p.csv", {"V"})
    assert rows == []
    assert problems[0].line == 1
    assert "instrument" in problems[0].message


def test_it_reads_an_instrument_with_a_month_only_date_and_a_lead_state_by_name() -> None:
    text = (
        "code,date,forum,lead,kind,reported_count,listed_note\n"
        "X,2024-10,UN General Assembly Third Committee,United Kingdom,joint statement,15,\n"
        "Y,2022-10-06,Council (draft decision A/HRC/51/L.6),,recorded vote,,\n"
        "Z,2022-13-01,Council,Atlantis,speech,many,\n"
    )
    rows, problems = records.read_instruments(text, "i.csv")
    assert [(row.code, row.date, row.lead_state, row.reported_count) for row in rows] == [
        ("X", "2024-10", "GBR", 15),
        ("Y", "2022-10-06", "", None),
    ]
    assert rows[1].document_symbol == "A/HRC/51/L.6"
    assert {problem.line for problem in problems} == {4}
    assert len(problems) == 4  # the date, the kind, the lead state and the count


def test_it_finds_the_document_symbol_in_a_forum() -> None:
    forum = "UN Human Rights Council (letter to the President; A/HRC/41/G/11)"
    assert records.document_symbol_in(forum) == "A/HRC/41/G/11"
    assert records.document_symbol_in("UN General Assembly Third Committee") == ""


def test_state_names_come_from_iso_3166_in_the_readers_language() -> None:
    assert english_name("KOR") == "South Korea"
    assert localised_name("France", "zh-hans") == "法国"
    assert localised_name("France", "tr") == "Fransa"
    assert localised_name("France", "ug") != "France"
    assert localised_name("France", "en") == "France"
