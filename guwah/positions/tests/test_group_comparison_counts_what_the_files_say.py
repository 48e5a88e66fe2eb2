"""A group's comparison over time, checked against a count made directly from the two files."""

from __future__ import annotations

import csv
from collections import Counter

import pytest
from django.urls import reverse

from guwah.positions import chances, services
from guwah.positions.membership import un_status
from guwah.positions.models import Group

pytestmark = pytest.mark.django_db

OUTCOME_OF_STANCE = {
    "critical": "critical",
    "yes": "critical",
    "recognition": "critical",
    "supportive": "supportive",
    "no": "supportive",
    "abstain": "abstained",
}


def _rows(name: str) -> list[dict[str, str]]:
    with (services.PACKAGED_DATA_DIR / name).open(encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


def _expected(group: str) -> dict[str, dict[str, int]]:
    """Counted from positions.csv, instruments.csv and groups.csv, without the application."""
    groups = _rows("groups.csv")
    members: dict[str, set[str]] = {}
    for row in groups:
        if row["group"] == group and row["role"] == "member":
            members.setdefault(row["period"], set()).add(row["iso3"])
    council = {row["period"]: set() for row in groups if row["group"] == "HRC"}
    for row in groups:
        if row["group"] == "HRC" and row["role"] == "member":
            council[row["period"]].add(row["iso3"])
    stances: dict[str, dict[str, str]] = {}
    for row in _rows("positions.csv"):
        stances.setdefault(row["instrument"], {})[row["iso3"]] = row["stance"]
    expected = {}
    for instrument in _rows("instruments.csv"):
        year = instrument["date"][:4]
        sitting = members.get(year if "" not in members else "", set())
        taken = stances.get(instrument["code"], {})
        council_vote = (
            instrument["kind"] == "recorded vote"
            and "Human Rights Council" in (instrument["forum"])
        )
        counts: Counter[str] = Counter()
        for state in sitting:
            if state in taken:
                counts[OUTCOME_OF_STANCE[taken[state]]] += 1
            elif (state in council[year]) if council_vote else un_status(state) != "none":
                counts["silent"] += 1
            else:
                counts["no-chance"] += 1
        expected[instrument["code"]] = {"members": len(sitting), **counts}
    return expected


def _computed(group: str) -> dict[str, dict[str, int]]:
    rows = chances.comparison(Group.objects.get(code=group), chances.Record.read())
    return {
        row.instrument.code: {
            "members": row.members,
            **{outcome.value: n for outcome, n in row.counts.items() if n},
        }
        for row in rows
    }


@pytest.mark.parametrize("group", ["OIC", "HRC", "AU", "EU"])
def test_a_groups_comparison_equals_a_count_made_from_the_csv_files(grouped, group) -> None:
    assert _computed(group) == _expected(group)


def test_on_the_council_vote_the_oic_members_off_the_council_had_no_chance(grouped) -> None:
    figures = _computed("OIC")["HRC51-L6-vote"]
    assert figures == {
        "members": 57,
        "critical": 1,
        "supportive": 12,
        "abstained": 4,
        "no-chance": 40,
    }


def test_the_comparison_csv_holds_the_same_figures(grouped, client) -> None:
    response = client.get(reverse("positions:group_comparison_csv", args=["OIC"]))
    rows = {
        row["instrument"]: row for row in csv.DictReader(response.content.decode().splitlines())
    }
    expected = _expected("OIC")
    assert set(rows) == set(expected)
    vote = rows["HRC51-L6-vote"]
    assert vote["could_act"] == "council-members"
    assert (vote["members"], vote["critical"], vote["no-chance"]) == ("57", "1", "40")
    statement = rows["UNGA77-3C-critical"]
    assert int(statement["silent"]) == expected["UNGA77-3C-critical"]["silent"]
