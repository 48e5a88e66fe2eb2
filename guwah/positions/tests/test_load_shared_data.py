"""Loading the shared record of positions: counts, the HRC51 vote, and idempotence."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command

from guwah.positions import services
from guwah.positions.models import Instrument, Position, State


def _snapshot() -> tuple[list[tuple], list[tuple], int]:
    positions = list(
        Position.objects.order_by("pk").values_list(
            "pk", "state_id", "instrument__code", "stance", "date", "source_url"
        )
    )
    instruments = list(Instrument.objects.order_by("pk").values_list())
    history = Position.history.count() + Instrument.history.count() + State.history.count()
    return positions, instruments, history


@pytest.mark.django_db
def test_loading_the_shared_file_gives_per_instrument_counts_equal_to_its_rows(
    shared_data: Path, administrator
) -> None:
    services.load(administrator, shared_data / "positions.csv")

    with (shared_data / "positions.csv").open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    expected = Counter(row["instrument"] for row in rows)
    loaded = Counter(Position.objects.values_list("instrument__code", flat=True))
    assert loaded == expected
    assert Position.objects.count() == len(rows)
    for summary in services.instruments_with_counts():
        assert summary.named == expected[summary.instrument.code]


@pytest.mark.django_db
def test_the_hrc51_vote_shows_17_yes_19_no_and_11_abstentions(
    shared_data: Path, administrator
) -> None:
    services.load(administrator, shared_data / "positions.csv")

    vote = Instrument.objects.get(code="HRC51-L6-vote")
    assert Counter(vote.positions.values_list("stance", flat=True)) == {
        "yes": 17,
        "no": 19,
        "abstain": 11,
    }
    assert vote.kind == "recorded_vote"
    assert vote.document_symbol == "A/HRC/51/L.6"


@pytest.mark.django_db
def test_the_reported_count_is_kept_beside_the_names_known(
    shared_data: Path, administrator
) -> None:
    services.load(administrator, shared_data / "positions.csv")

    summary = next(
        s for s in services.instruments_with_counts() if s.instrument.code == "HRC47-critical"
    )
    assert (summary.instrument.reported_count, summary.named, summary.gap) == (44, 38, 6)


@pytest.mark.django_db
def test_reloading_the_same_files_changes_nothing(shared_data: Path, administrator) -> None:
    first = services.load(administrator, shared_data / "positions.csv")
    assert first.positions_added == Position.objects.count() > 0
    before = _snapshot()

    second = services.load(administrator, shared_data / "positions.csv")

    assert not second.changed_anything
    assert second.positions_unchanged == first.positions_added
    assert second.instruments_unchanged == len(first.instruments_added)
    assert _snapshot() == before


@pytest.mark.django_db
def test_the_command_reports_what_it_added_then_that_nothing_changed(
    shared_data: Path, administrator, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("positions", "load", str(shared_data / "positions.csv"), "--as", "kamil")
    first = capsys.readouterr().out
    assert "Positions added: 538" in first
    assert "Instruments added: 30" in first

    call_command("positions", "load", str(shared_data / "positions.csv"), "--as", "kamil")
    assert "Nothing to change: 30 instruments and 538 positions" in capsys.readouterr().out


@pytest.mark.django_db
def test_without_a_file_the_command_loads_the_packaged_record(administrator) -> None:
    call_command("positions", "load", "--as", "kamil")
    assert Instrument.objects.filter(code="HRC51-L6-vote").exists()
    assert Position.objects.count() > 0


@pytest.mark.django_db
def test_a_changed_row_is_updated_and_the_change_kept_in_its_history(
    tmp_path: Path, administrator, loaded: services.LoadReport
) -> None:
    text = services.PACKAGED_POSITIONS.read_text(encoding="utf-8")
    old_source = Position.objects.get(state_id="FRA", instrument__code="UNGA76-3C-critical")
    new_source = "https://www.diplomatie.gouv.fr/example-official-page"
    changed_state, changed_instrument = "FRA", "UNGA76-3C-critical"
    lines = [
        line.replace(old_source.source_url, new_source)
        if line.startswith("2021-10-21,UNGA76-3C-critical,") and ",FRA," in line
        else line
        for line in text.splitlines(keepends=True)
    ]
    (tmp_path / "positions.csv").write_text("".join(lines), encoding="utf-8")
    (tmp_path / "instruments.csv").write_text(
        (services.PACKAGED_DATA_DIR / "instruments.csv").read_text(encoding="utf-8"),
        encoding="utf-8",
    )

    report = services.load(administrator, tmp_path / "positions.csv")

    assert report.positions_added == 0
    assert report.positions_updated == [f"{changed_state} · {changed_instrument}"]
    changed = Position.objects.get(source_url=new_source)
    assert (changed.state_id, changed.instrument.code) == (changed_state, changed_instrument)
    versions = list(changed.history.order_by("history_date").values_list("source_url", flat=True))
    assert versions == [old_source.source_url, new_source]
