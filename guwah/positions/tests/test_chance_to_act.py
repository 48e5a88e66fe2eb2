from __future__ import annotations

import pytest
from django.urls import reverse

from guwah.positions import chances, legend
from guwah.positions.models import Instrument
from guwah.positions.views.pages import map_colouring

pytestmark = pytest.mark.django_db


def test_a_council_vote_could_be_cast_only_by_that_years_members(grouped) -> None:
    vote = Instrument.objects.get(code="HRC51-L6-vote")
    assert chances.chance_of(vote) is chances.Chance.COUNCIL
    assert len(chances.Record.read().could_act(vote)) == 47


def test_a_joint_statement_could_be_joined_by_every_un_member_and_observer(grouped) -> None:
    statement = Instrument.objects.get(code="UNGA77-3C-critical")
    assert chances.chance_of(statement) is chances.Chance.UN
    assert len(chances.Record.read().could_act(statement)) == 195


def test_a_national_recognition_was_open_to_every_state(grouped) -> None:
    motion = Instrument.objects.get(code="UK-HoC-motion")
    assert chances.chance_of(motion) is chances.Chance.EVERY_STATE


def test_the_map_of_the_council_vote_shows_no_silence_off_the_council(grouped) -> None:
    colouring = map_colouring(Instrument.objects.get(code="HRC51-L6-vote"))
    assert colouring["EGY"] == legend.NO_CHANCE
    assert colouring["PAK"] == "no"
    assert legend.NOT_NAMED not in colouring.values()


def test_the_map_of_a_joint_statement_shows_those_not_named_as_able_to_act(grouped) -> None:
    colouring = map_colouring(Instrument.objects.get(code="UNGA77-3C-critical"))
    assert colouring["EGY"] == legend.NOT_NAMED
    assert legend.NO_CHANCE not in colouring.values()


def test_the_legend_says_silence_is_shown_only_where_a_state_could_act(grouped, client) -> None:
    response = client.get(reverse("positions:map") + "?show=HRC51-L6-vote")
    shown = {str(entry["label"]): entry["count"] for entry in response.context["legend"]}
    assert shown["Had no chance to act (not on the Council that year)"] == 148
    assert "Not among the names known, though it could have acted" not in shown
    page = response.content.decode()
    assert "Had no chance to act (not on the Council that year)" in page
    assert "only where it had the chance to act; on this instrument: the Council" in page


def test_a_state_page_lists_its_groups_and_council_years(grouped, client) -> None:
    page = client.get(reverse("positions:state", args=["PAK"])).content.decode()
    assert reverse("positions:group", args=["OIC"]) in page
    assert reverse("positions:group", args=["SCO"]) in page
    assert reverse("positions:group_year", args=["HRC", 2022]) in page


def test_the_state_page_names_a_former_council_seat_as_such(grouped, client) -> None:
    response = client.get(reverse("positions:state", args=["RUS"]))
    years = {m.period: m.role for m in response.context["council_years"]}
    assert years["2022"] == "former_member"
