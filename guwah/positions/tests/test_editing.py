"""Editors add and correct entries; family members and visitors cannot; history keeps it all."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from guwah.positions import services
from guwah.positions.models import Instrument, Position

pytestmark = pytest.mark.django_db

NEW_SOURCE = "https://www.gov.example/official-statement"


def _signed_in(user, password: str) -> Client:
    client = Client()
    assert client.login(username=user.username, password=password)
    return client


def _correction(position: Position) -> dict[str, str]:
    return {
        "instrument": position.instrument.code,
        "state": position.state_id,
        "stance": position.stance,
        "date": position.date,
        "source_url": NEW_SOURCE,
    }


@pytest.mark.parametrize("editor", ["colleague", "reviewer", "administrator"])
def test_an_editor_corrects_a_source_and_the_history_says_who(
    request: pytest.FixtureRequest, editor: str, password: str, loaded: services.LoadReport
) -> None:
    user = request.getfixturevalue(editor)
    position = Position.objects.get(state_id="FRA", instrument__code="HRC50-critical")
    client = _signed_in(user, password)

    response = client.post(
        reverse("positions:position_edit", args=[position.pk]), _correction(position)
    )

    assert response.status_code == 302
    position.refresh_from_db()
    assert position.source_url == NEW_SOURCE
    latest = position.history.latest("history_date")
    assert (latest.history_type, latest.history_user) == ("~", user)


def test_an_editor_adds_an_instrument_and_a_signatory(colleague, password: str) -> None:
    client = _signed_in(colleague, password)

    response = client.post(
        reverse("positions:instrument_add"),
        {
            "code": "UNGA80-3C-critical",
            "kind": "joint_statement",
            "date": "2025-10",
            "forum": "UN General Assembly Third Committee",
            "lead_state": "GBR",
            "reported_count": "30",
        },
    )
    assert response.status_code == 302
    instrument = Instrument.objects.get(code="UNGA80-3C-critical")
    assert instrument.lead_state_id == "GBR"

    response = client.post(
        reverse("positions:position_add"),
        {
            "instrument": instrument.code,
            "state": "FRA",
            "stance": "critical",
            "date": "",
            "source_url": NEW_SOURCE,
        },
    )
    assert response.status_code == 302
    position = Position.objects.get(instrument=instrument)
    assert (position.state_id, position.date) == ("FRA", "2025-10")
    assert position.history.get().history_user == colleague


def test_an_editor_is_told_what_is_wrong_and_nothing_is_saved(
    colleague, password: str, loaded: services.LoadReport
) -> None:
    position = Position.objects.get(state_id="FRA", instrument__code="HRC50-critical")
    data = _correction(position) | {"source_url": "not a link", "date": "2022-14"}

    response = _signed_in(colleague, password).post(
        reverse("positions:position_edit", args=[position.pk]), data
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"source_url", "date"}
    position.refresh_from_db()
    assert position.source_url != "not a link"


def test_the_same_state_cannot_be_entered_twice_on_one_instrument(
    colleague, password: str, loaded: services.LoadReport
) -> None:
    position = Position.objects.get(state_id="FRA", instrument__code="HRC50-critical")
    count = Position.objects.count()

    response = _signed_in(colleague, password).post(
        reverse("positions:position_add"), _correction(position)
    )

    assert response.status_code == 200
    assert response.context["form"].errors
    assert Position.objects.count() == count


@pytest.mark.parametrize("visitor", ["owner", "outsider"])
def test_family_members_may_not_edit(
    request: pytest.FixtureRequest, visitor: str, password: str, loaded: services.LoadReport
) -> None:
    client = _signed_in(request.getfixturevalue(visitor), password)
    position = Position.objects.get(state_id="FRA", instrument__code="HRC50-critical")

    assert client.get(reverse("positions:position_edit", args=[position.pk])).status_code == 403
    response = client.post(
        reverse("positions:position_edit", args=[position.pk]), _correction(position)
    )
    assert response.status_code == 403
    assert client.post(reverse("positions:position_delete", args=[position.pk])).status_code == 403
    assert client.get(reverse("positions:instrument_add")).status_code == 403
    position.refresh_from_db()
    assert position.source_url != NEW_SOURCE


def test_anonymous_visitors_are_sent_to_sign_in_and_nothing_changes(
    client: Client, loaded: services.LoadReport
) -> None:
    position = Position.objects.get(state_id="FRA", instrument__code="HRC50-critical")

    response = client.post(
        reverse("positions:position_edit", args=[position.pk]), _correction(position)
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert client.post(reverse("positions:position_delete", args=[position.pk])).status_code == 302
    assert Position.objects.filter(pk=position.pk, source_url=position.source_url).exists()


def test_an_editor_removes_a_wrong_entry_and_the_history_keeps_it(
    reviewer, password: str, loaded: services.LoadReport
) -> None:
    position = Position.objects.get(state_id="FRA", instrument__code="HRC50-critical")

    response = _signed_in(reviewer, password).post(
        reverse("positions:position_delete", args=[position.pk])
    )

    assert response.status_code == 302
    assert not Position.objects.filter(pk=position.pk).exists()
    deleted = Position.history.filter(id=position.pk).latest("history_date")
    assert (deleted.history_type, deleted.history_user) == ("-", reviewer)


def test_editors_see_edit_links_and_recent_changes_that_visitors_do_not(
    client: Client, colleague, password: str, loaded: services.LoadReport
) -> None:
    url = reverse("positions:instrument", args=["HRC50-critical"])

    public = client.get(url).content.decode()
    editor = _signed_in(colleague, password).get(url).content.decode()

    assert "Correct this instrument" not in public
    assert "Recent changes" not in public
    assert "Correct this instrument" in editor
    assert "Recent changes" in editor


def test_an_editor_corrects_an_instrument_and_the_history_says_who(
    reviewer, password: str, loaded: services.LoadReport
) -> None:
    instrument = Instrument.objects.get(code="HRC50-critical")

    response = _signed_in(reviewer, password).post(
        reverse("positions:instrument_edit", args=[instrument.code]),
        {
            "code": "renamed-by-a-forged-form",
            "kind": instrument.kind,
            "date": instrument.date,
            "forum": "Human Rights Council, 50th session",
            "lead_state": instrument.lead_state_id or "",
            "reported_count": "47",
        },
    )

    assert response.status_code == 302
    instrument.refresh_from_db()
    # The code field is disabled: a value posted for it anyway is not taken.
    assert (instrument.code, instrument.reported_count) == ("HRC50-critical", 47)
    latest = instrument.history.latest("history_date")
    assert (latest.history_type, latest.history_user) == ("~", reviewer)


def test_editing_answers_for_a_post_it_cannot_save_with_the_form_and_its_errors(
    colleague, password: str, loaded: services.LoadReport
) -> None:
    response = _signed_in(colleague, password).post(
        reverse("positions:instrument_add"),
        {"code": "HRC50-critical", "kind": "letter", "date": "2022", "forum": "again"},
    )

    assert response.status_code == 200
    assert "code" in response.context["form"].errors
    assert Instrument.objects.filter(code="HRC50-critical").get().kind != "letter"
