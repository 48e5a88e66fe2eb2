import pycountry

from guwah.positions.membership import NOT_UN_MEMBERS, OBSERVER_STATES, UnStatus, un_status


def test_it_counts_the_193_member_states_of_the_united_nations() -> None:
    statuses = [un_status(country.alpha_3) for country in pycountry.countries]
    assert statuses.count(UnStatus.MEMBER) == 193
    assert statuses.count(UnStatus.OBSERVER) == 2


def test_every_listed_non_member_is_an_iso_3166_entry() -> None:
    codes = {country.alpha_3 for country in pycountry.countries}
    assert NOT_UN_MEMBERS <= codes
    assert OBSERVER_STATES <= codes
    assert not NOT_UN_MEMBERS & OBSERVER_STATES


def test_it_knows_palestine_is_an_observer_and_taiwan_is_not_a_member() -> None:
    assert un_status("PSE") is UnStatus.OBSERVER
    assert un_status("twn") is UnStatus.NONE
    assert un_status("FRA") is UnStatus.MEMBER
