"""``guwah positions load --as USERNAME``: a load is an edit like any other, with its actor."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from guwah.positions import services
from guwah.positions.models import Instrument, Position, State

pytestmark = pytest.mark.django_db


def test_every_row_loaded_is_recorded_with_the_account_named_and_the_file(colleague) -> None:
    call_command("positions", "load", "--as", colleague.username)

    for model in (State, Instrument, Position):
        assert model.objects.exists()
        assert set(model.history.values_list("history_user", flat=True)) == {colleague.pk}
    reasons = set(Position.history.values_list("history_change_reason", flat=True))
    assert reasons == {"Loaded from positions.csv"}


def test_a_row_updated_by_a_reload_is_recorded_with_the_account_named(
    tmp_path: Path, reviewer, loaded: services.LoadReport
) -> None:
    text = services.PACKAGED_POSITIONS.read_text(encoding="utf-8")
    position = Position.objects.get(state_id="FRA", instrument__code="HRC50-critical")
    (tmp_path / "positions.csv").write_text(
        text.replace(position.source_url, "https://www.diplomatie.gouv.example/hrc50"),
        encoding="utf-8",
    )

    call_command("positions", "load", str(tmp_path / "positions.csv"), "--as", "rahile")

    latest = Position.objects.get(pk=position.pk).history.latest("history_date")
    assert (latest.history_type, latest.history_user) == ("~", reviewer)


def test_the_command_will_not_load_without_an_account() -> None:
    with pytest.raises(CommandError, match="--as"):
        call_command("positions", "load")

    assert not Position.objects.exists()


def test_the_command_refuses_an_account_that_does_not_exist() -> None:
    with pytest.raises(CommandError, match="no account"):
        call_command("positions", "load", "--as", "nobody")

    assert not State.objects.exists()


@pytest.mark.parametrize("visitor", ["owner", "outsider"])
def test_a_family_members_account_cannot_load_the_record(
    request: pytest.FixtureRequest, visitor: str
) -> None:
    user = request.getfixturevalue(visitor)

    with pytest.raises(CommandError, match="may not change"):
        call_command("positions", "load", "--as", user.username)

    assert not State.objects.exists()
    assert not Position.objects.exists()
