"""A file with bad rows is refused whole: every problem named by line, nothing imported."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from guwah.positions import services
from guwah.positions.models import Instrument, Position, State

GOOD_ROW = "2022-10-06,HRC51-L6-vote,Council,yes,France,FRA,https://example.org/vote"


def _bad_file(directory: Path) -> Path:
    rows = [
        "date,instrument,forum,stance,country,iso3,source_url",
        GOOD_ROW,
        "2022-10-06,HRC51-L6-vote,Council,yes,Nowhere,XYZ,https://example.org/vote",
        "2022-10-06,HRC51-L6-vote,Council,perhaps,Chile,CHL,https://example.org/vote",
        "2022-10-06,HRC51-L6-vote,Council,no,Cuba,CUB,",
        "2022-10-06,HRC99-imaginary,Council,no,Laos,LAO,https://example.org/vote",
    ]
    path = directory / "positions.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    (directory / "instruments.csv").write_text(
        (services.PACKAGED_DATA_DIR / "instruments.csv").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    return path


@pytest.mark.django_db
def test_a_bad_file_is_rejected_with_line_numbers_and_nothing_imported(
    tmp_path: Path, administrator
) -> None:
    with pytest.raises(services.LoadRejected) as rejected:
        services.load(administrator, _bad_file(tmp_path))

    assert [(problem.line, problem.message) for problem in rejected.value.problems] == [
        (3, "unknown ISO 3166 alpha-3 code “XYZ”"),
        (4, "unknown stance “perhaps”"),
        (5, "the source is missing"),
        (6, "unknown instrument “HRC99-imaginary”"),
    ]
    # The good row on line 2, its instrument and the states were not half-imported.
    assert not Position.objects.exists()
    assert not Instrument.objects.exists()
    assert not State.objects.exists()


@pytest.mark.django_db
def test_a_bad_file_leaves_an_existing_record_untouched(
    tmp_path: Path, administrator, loaded: services.LoadReport
) -> None:
    before = list(Position.objects.order_by("pk").values_list())
    history = Position.history.count()

    with pytest.raises(services.LoadRejected):
        services.load(administrator, _bad_file(tmp_path))

    assert list(Position.objects.order_by("pk").values_list()) == before
    assert Position.history.count() == history


@pytest.mark.django_db
def test_a_bad_instruments_file_is_rejected_too(tmp_path: Path, administrator) -> None:
    (tmp_path / "positions.csv").write_text(
        "date,instrument,forum,stance,country,iso3,source_url\n" + GOOD_ROW + "\n",
        encoding="utf-8",
    )
    (tmp_path / "instruments.csv").write_text(
        "code,date,forum,lead,kind,reported_count,listed_note\n"
        "HRC51-L6-vote,2022-10-06,Council,,recorded vote,forty-seven,\n",
        encoding="utf-8",
    )

    with pytest.raises(services.LoadRejected) as rejected:
        services.load(administrator, tmp_path / "positions.csv")

    assert [str(problem) for problem in rejected.value.problems] == [
        "instruments.csv, line 2: reported count “forty-seven” is not a number",
        "positions.csv, line 2: unknown instrument “HRC51-L6-vote”",
    ]
    assert not Instrument.objects.exists()


@pytest.mark.django_db
def test_the_command_lists_the_bad_lines_and_fails(
    tmp_path: Path, administrator, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(CommandError, match="4 problem"):
        call_command("positions", "load", str(_bad_file(tmp_path)), "--as", "kamil")

    errors = capsys.readouterr().err
    for line in (3, 4, 5, 6):
        assert f"positions.csv, line {line}:" in errors
    assert not Position.objects.exists()


@pytest.mark.django_db
def test_the_command_says_so_when_the_file_does_not_exist(tmp_path: Path, administrator) -> None:
    with pytest.raises(CommandError, match="does not exist"):
        call_command("positions", "load", str(tmp_path / "missing.csv"), "--as", "kamil")
