"""Changes made in the admin go through the services: checked, and recorded with their actor."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from guwah.positions import services
from guwah.positions.models import Instrument, Position, State

pytestmark = pytest.mark.django_db

NEW_SOURCE = "https://www.gov.example/official-statement"


def _admin_client(user, password: str) -> Client:
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="positions"))
    client = Client()
    assert client.login(username=user.username, password=password)
    return client


def _position_data(position: Position, **changes: str) -> dict[str, str]:
    return {
        "stance": position.stance,
        "date": position.date,
        "source_url": position.source_url,
        "_save": "Save",
        **changes,
    }


def test_a_correction_in_the_admin_is_recorded_with_the_administrator(
    administrator, password: str, loaded: services.LoadReport
) -> None:
    position = Position.objects.get(state_id="FRA", instrument__code="HRC50-critical")

    response = _admin_client(administrator, password).post(
        reverse("admin:positions_position_change", args=[position.pk]),
        _position_data(position, source_url=NEW_SOURCE),
    )

    assert response.status_code == 302
    position.refresh_from_db()
    assert position.source_url == NEW_SOURCE
    latest = position.history.latest("history_date")
    assert (latest.history_type, latest.history_user) == ("~", administrator)


def test_a_position_added_in_the_admin_is_recorded_with_the_administrator(
    administrator, password: str, loaded: services.LoadReport
) -> None:
    instrument = Instrument.objects.get(code="HRC50-critical")
    assert not Position.objects.filter(instrument=instrument, state_id="BRN").exists()

    response = _admin_client(administrator, password).post(
        reverse("admin:positions_position_add"),
        {
            "state": "BRN",
            "instrument": str(instrument.pk),
            "stance": "critical",
            "date": "2022-06",
            "source_url": NEW_SOURCE,
        },
    )

    assert response.status_code == 302
    position = Position.objects.get(instrument=instrument, state_id="BRN")
    assert position.source_url == NEW_SOURCE
    added = position.history.get()
    assert (added.history_type, added.history_user) == ("+", administrator)


def test_a_position_deleted_in_the_admin_is_recorded_with_the_administrator(
    administrator, password: str, loaded: services.LoadReport
) -> None:
    position = Position.objects.get(state_id="FRA", instrument__code="HRC50-critical")

    response = _admin_client(administrator, password).post(
        reverse("admin:positions_position_delete", args=[position.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Position.objects.filter(pk=position.pk).exists()
    deleted = Position.history.filter(id=position.pk).latest("history_date")
    assert (deleted.history_type, deleted.history_user) == ("-", administrator)


def test_deleting_positions_in_bulk_in_the_admin_records_each_one(
    administrator, password: str, loaded: services.LoadReport
) -> None:
    positions = list(Position.objects.filter(instrument__code="HRC50-critical")[:3])

    response = _admin_client(administrator, password).post(
        reverse("admin:positions_position_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [str(p.pk) for p in positions],
            "post": "yes",
        },
    )

    assert response.status_code == 302
    for position in positions:
        deleted = Position.history.filter(id=position.pk).latest("history_date")
        assert (deleted.history_type, deleted.history_user) == ("-", administrator)


def test_an_instrument_corrected_in_the_admin_is_recorded_with_the_administrator(
    administrator, password: str, loaded: services.LoadReport
) -> None:
    instrument = Instrument.objects.get(code="HRC50-critical")

    response = _admin_client(administrator, password).post(
        reverse("admin:positions_instrument_change", args=[instrument.pk]),
        {
            "kind": instrument.kind,
            "date": instrument.date,
            "forum": "Human Rights Council, 50th session",
            "lead_state": instrument.lead_state_id or "",
            "document_symbol": instrument.document_symbol,
            "reported_count": instrument.reported_count or "",
            "listed_note": instrument.listed_note,
            "text_url": instrument.text_url,
        },
    )

    assert response.status_code == 302
    instrument.refresh_from_db()
    assert instrument.forum == "Human Rights Council, 50th session"
    latest = instrument.history.latest("history_date")
    assert (latest.history_type, latest.history_user) == ("~", administrator)


def test_a_state_corrected_in_the_admin_is_recorded_with_the_administrator(
    administrator, password: str, loaded: services.LoadReport
) -> None:
    state = State.objects.get(code="TWN")

    response = _admin_client(administrator, password).post(
        reverse("admin:positions_state_change", args=["TWN"]),
        {"name": "Taiwan", "official_name": "", "un_status": "none"},
    )

    assert response.status_code == 302
    state.refresh_from_db()
    assert state.official_name == ""
    latest = state.history.latest("history_date")
    assert (latest.history_type, latest.history_user) == ("~", administrator)


def test_states_come_from_iso_3166_and_are_neither_added_nor_deleted_in_the_admin(
    administrator, password: str, loaded: services.LoadReport
) -> None:
    client = _admin_client(administrator, password)

    assert client.get(reverse("admin:positions_state_add")).status_code == 403
    response = client.post(reverse("admin:positions_state_delete", args=["FRA"]), {"post": "yes"})
    assert response.status_code == 403
    assert State.objects.filter(code="FRA").exists()


def test_an_admin_account_without_an_editors_role_cannot_change_the_record(
    django_user_model, password: str, loaded: services.LoadReport
) -> None:
    # Model permissions open the admin's pages; the access policy still decides the change.
    clerk = django_user_model.objects.create_user("clerk", password=password, is_staff=True)
    position = Position.objects.get(state_id="FRA", instrument__code="HRC50-critical")

    response = _admin_client(clerk, password).post(
        reverse("admin:positions_position_change", args=[position.pk]),
        _position_data(position, source_url=NEW_SOURCE),
    )

    assert response.status_code == 403
    position.refresh_from_db()
    assert position.source_url != NEW_SOURCE
