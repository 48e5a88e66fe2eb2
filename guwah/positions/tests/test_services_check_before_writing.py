"""The positions services: only editors, every change validated whole, nothing half-written."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from guwah.positions import services
from guwah.positions.models import Instrument, Position, State

pytestmark = pytest.mark.django_db

SOURCE = "https://www.gov.example/statement"


@pytest.fixture
def instrument(administrator) -> Instrument:
    return services.add_instrument(
        administrator,
        code="UNGA80-3C-critical",
        kind="joint_statement",
        date="2025-10",
        forum="UN General Assembly Third Committee, A/C.3/80/L.1",
    )


@pytest.mark.parametrize("visitor", ["owner", "outsider"])
def test_family_members_cannot_change_the_record_through_any_service(
    request: pytest.FixtureRequest, visitor: str, instrument: Instrument
) -> None:
    user = request.getfixturevalue(visitor)
    position = services.add_position(
        request.getfixturevalue("administrator"),
        instrument=instrument,
        state="FRA",
        stance="critical",
        source_url=SOURCE,
    )

    with pytest.raises(PermissionDenied):
        services.add_position(
            user, instrument=instrument, state="DEU", stance="critical", source_url=SOURCE
        )
    with pytest.raises(PermissionDenied):
        services.update_position(user, position, source_url="https://elsewhere.example/")
    with pytest.raises(PermissionDenied):
        services.delete_position(user, position)
    with pytest.raises(PermissionDenied):
        services.update_instrument(user, instrument, forum="Somewhere else")
    with pytest.raises(PermissionDenied):
        services.sync_states(user)

    position.refresh_from_db()
    assert position.source_url == SOURCE
    assert list(Position.objects.values_list("state_id", flat=True)) == ["FRA"]


def test_an_added_instrument_gets_its_document_symbol_from_the_forum(
    instrument: Instrument,
) -> None:
    assert instrument.document_symbol == "A/C.3/80/L.1"


def test_a_position_without_a_date_takes_the_instruments(colleague, instrument: Instrument) -> None:
    position = services.add_position(
        colleague, instrument=instrument, state="fra", stance="critical", source_url=SOURCE
    )

    assert (position.state_id, position.date) == ("FRA", "2025-10")


def test_a_refused_position_leaves_no_state_behind(colleague, instrument: Instrument) -> None:
    with pytest.raises(ValidationError) as refused:
        services.add_position(
            colleague, instrument=instrument, state="FRA", stance="critical", source_url="nope"
        )

    assert "source_url" in refused.value.message_dict
    assert not State.objects.filter(code="FRA").exists()
    assert not State.history.exists()


def test_an_unknown_state_code_is_refused(colleague, instrument: Instrument) -> None:
    with pytest.raises(ValidationError) as refused:
        services.add_position(
            colleague, instrument=instrument, state="XYZ", stance="critical", source_url=SOURCE
        )

    assert "state" in refused.value.message_dict
    assert not Position.objects.exists()


def test_a_state_cannot_take_two_stances_on_one_instrument(
    colleague, instrument: Instrument
) -> None:
    services.add_position(
        colleague, instrument=instrument, state="FRA", stance="critical", source_url=SOURCE
    )

    with pytest.raises(ValidationError):
        services.add_position(
            colleague, instrument=instrument, state="FRA", stance="supportive", source_url=SOURCE
        )
    assert Position.objects.get().stance == "critical"


def test_saving_a_position_unchanged_writes_no_history_row(
    colleague, instrument: Instrument
) -> None:
    position = services.add_position(
        colleague, instrument=instrument, state="FRA", stance="critical", source_url=SOURCE
    )

    services.update_position(colleague, position, stance="critical", source_url=SOURCE)

    assert position.history.count() == 1


def test_a_correction_is_compared_with_the_database_not_with_the_callers_copy(
    colleague, reviewer, instrument: Instrument
) -> None:
    position = services.add_position(
        colleague, instrument=instrument, state="FRA", stance="critical", source_url=SOURCE
    )
    # A form (the admin's, for one) sets the new values on the instance before saving.
    position.source_url = "https://www.gov.example/official"

    services.update_position(reviewer, position, source_url="https://www.gov.example/official")

    stored = Position.objects.get(pk=position.pk)
    assert stored.source_url == "https://www.gov.example/official"
    assert stored.history.latest("history_date").history_user == reviewer


def test_which_state_on_which_instrument_cannot_be_changed(
    colleague, instrument: Instrument
) -> None:
    position = services.add_position(
        colleague, instrument=instrument, state="FRA", stance="critical", source_url=SOURCE
    )

    with pytest.raises(ValidationError):
        services.update_position(colleague, position, state="DEU")
    with pytest.raises(ValidationError):
        services.update_instrument(colleague, instrument, code="renamed")

    assert Position.objects.get().state_id == "FRA"
    assert Instrument.objects.get().code == "UNGA80-3C-critical"


def test_an_instrument_with_positions_is_not_deleted_with_them(
    colleague, instrument: Instrument
) -> None:
    services.add_position(
        colleague, instrument=instrument, state="FRA", stance="critical", source_url=SOURCE
    )

    with pytest.raises(ValidationError):
        services.delete_instrument(colleague, instrument)

    assert Instrument.objects.exists()
    assert Position.objects.exists()
