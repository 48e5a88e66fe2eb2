"""Loading the record of state positions and of groups of states from their CSV files.

A file is read and checked whole before anything is written, and written in one transaction:
all or nothing. Rows already present with the same values are left alone, so loading the same
file twice changes nothing; new rows are inserted in bulk with their history rows and announced
to the transparency log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from guwah.positions import countries, records
from guwah.positions.models import GROUP_NAMES, Group, Instrument, Membership, Position
from guwah.positions.services import recording
from guwah.positions.services.editing import sync_states
from guwah.registry.services.checks import as_history_of

PACKAGED_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PACKAGED_POSITIONS = PACKAGED_DATA_DIR / "positions.csv"
PACKAGED_GROUPS = PACKAGED_DATA_DIR / "groups.csv"


class LoadRejected(Exception):
    """A file had bad rows; nothing of it was imported."""

    def __init__(self, problems: list[records.RowProblem]) -> None:
        super().__init__(f"{len(problems)} problem(s) found; nothing was imported")
        self.problems = problems


@dataclass
class LoadReport:
    states_added: int = 0
    instruments_added: list[str] = field(default_factory=list)
    instruments_updated: list[str] = field(default_factory=list)
    instruments_unchanged: int = 0
    positions_added: int = 0
    positions_updated: list[str] = field(default_factory=list)
    positions_unchanged: int = 0

    @property
    def changed_anything(self) -> bool:
        return bool(
            self.states_added
            or self.instruments_added
            or self.instruments_updated
            or self.positions_added
            or self.positions_updated
        )


def _instruments_file_beside(positions_path: Path) -> Path:
    return positions_path.with_name("instruments.csv")


def _loaded_from(path: Path) -> str:
    return _("Loaded from %(file)s") % {"file": path.name}


def load(actor: Any, positions_path: Path, instruments_path: Path | None = None) -> LoadReport:
    """Import a positions file and the instruments file beside it, all or nothing, as ``actor``.

    Rows already present with the same values are left alone, so loading the same files twice
    changes nothing; a row whose values differ is updated (and its history records it, with
    the actor and the file it came from). Rows of the database that the files do not mention
    are kept: editors may have added them.
    """
    recording.require_editor(actor)
    instruments_path = instruments_path or _instruments_file_beside(positions_path)
    problems: list[records.RowProblem] = []
    instrument_rows: list[records.InstrumentRow] = []
    if instruments_path.exists():
        instrument_rows, problems = records.read_instruments(
            instruments_path.read_text(encoding="utf-8"), instruments_path.name
        )
    known = {row.code for row in instrument_rows} | set(
        Instrument.objects.values_list("code", flat=True)
    )
    position_rows, position_problems = records.read_positions(
        positions_path.read_text(encoding="utf-8"), positions_path.name, known
    )
    problems += position_problems
    if problems:
        raise LoadRejected(problems)
    with transaction.atomic():
        report = LoadReport(
            states_added=sync_states(actor, _("Loaded from ISO 3166-1")),
        )
        _save_instruments(actor, instrument_rows, _loaded_from(instruments_path), report)
        _save_positions(actor, position_rows, _loaded_from(positions_path), report)
    return report


def _save_instruments(
    actor: Any, rows: list[records.InstrumentRow], reason: str, report: LoadReport
) -> None:
    existing = {instrument.code: instrument for instrument in Instrument.objects.all()}
    added = []
    for row in rows:
        values: dict[str, Any] = {
            "kind": row.kind.value,
            "date": row.date,
            "forum": row.forum,
            "lead_state_id": row.lead_state or None,
            "document_symbol": row.document_symbol,
            "reported_count": row.reported_count,
            "listed_note": row.listed_note,
        }
        # A text link added by an editor survives a reload of a file that has none.
        if row.text_url:
            values["text_url"] = row.text_url
        instrument = existing.get(row.code)
        if instrument is None:
            added.append(Instrument(code=row.code, **values))
            report.instruments_added.append(row.code)
        elif recording.apply_changes(instrument, values):
            recording.save(instrument, actor, reason)
            report.instruments_updated.append(row.code)
        else:
            report.instruments_unchanged += 1
    for instrument in added:
        instrument.full_clean()
    recording.add_in_bulk(actor, Instrument, added, reason)


def _save_positions(
    actor: Any, rows: list[records.PositionRow], reason: str, report: LoadReport
) -> None:
    instruments = dict(Instrument.objects.values_list("code", "pk"))
    dates = dict(Instrument.objects.values_list("code", "date"))
    existing = {
        (position.instrument_id, position.state_id): position for position in Position.objects.all()
    }
    added = []
    for row in rows:
        instrument_id = instruments[row.instrument]
        values = {
            "stance": row.stance.value,
            "date": row.date or dates[row.instrument],
            "source_url": row.source_url,
        }
        position = existing.get((instrument_id, row.state))
        if position is None:
            added.append(Position(instrument_id=instrument_id, state_id=row.state, **values))
        elif recording.apply_changes(position, values):
            # read_positions checked the row whole; full_clean would query again for its state,
            # its instrument and the pair's uniqueness, once for every changed row.
            as_history_of(position, actor, reason[: recording.REASON_LENGTH])
            position.save()
            report.positions_updated.append(f"{row.state} · {row.instrument}")
        else:
            report.positions_unchanged += 1
    recording.add_in_bulk(actor, Position, added, reason)
    report.positions_added = len(added)


# Groups of states.


@dataclass
class GroupLoadReport:
    groups_added: list[str] = field(default_factory=list)
    memberships_added: int = 0
    memberships_updated: list[str] = field(default_factory=list)
    memberships_removed: list[str] = field(default_factory=list)
    memberships_unchanged: int = 0

    @property
    def changed_anything(self) -> bool:
        return bool(
            self.groups_added
            or self.memberships_added
            or self.memberships_updated
            or self.memberships_removed
        )


def load_groups(actor: Any, path: Path) -> GroupLoadReport:
    """Import a file of groups of states and their members, all or nothing, as ``actor``.

    For each group it names, the file is the group's whole membership: a membership of that
    group the file no longer lists is removed (its history keeps it), so that a council year
    always holds the seats the file was checked to fill. Groups the file does not name are
    left alone, and loading the same file twice changes nothing.
    """
    recording.require_editor(actor)
    rows, problems = records.read_groups(path.read_text(encoding="utf-8"), path.name)
    if problems:
        raise LoadRejected(problems)
    reason = _loaded_from(path)[: recording.REASON_LENGTH]
    report = GroupLoadReport()
    with transaction.atomic():
        sync_states(actor, _("Loaded from ISO 3166-1"))
        _save_groups(actor, rows, reason, report)
        _save_memberships(actor, rows, reason, report)
    return report


def _save_groups(
    actor: Any, rows: list[records.MembershipRow], reason: str, report: GroupLoadReport
) -> None:
    yearly = {row.group: bool(row.period) for row in rows}
    existing = {group.code: group for group in Group.objects.all()}
    for code, by_year in yearly.items():
        group = existing.get(code)
        if group is None:
            # The English name is stored; pages translate the groups they know by code.
            with translation.override("en"):
                name = str(GROUP_NAMES.get(code, code))
            group = Group(code=code, name=name, yearly=by_year)
            recording.save(group, actor, reason)
            report.groups_added.append(code)
        elif group.yearly != by_year:
            group.yearly = by_year
            recording.save(group, actor, reason)


def _save_memberships(
    actor: Any, rows: list[records.MembershipRow], reason: str, report: GroupLoadReport
) -> None:
    groups = {row.group for row in rows}
    existing = {
        (membership.group_id, membership.period, membership.state_id or membership.name): membership
        for membership in Membership.objects.filter(group__in=groups)
    }
    added = []
    for row in rows:
        values = {
            "role": row.role.value,
            "name": row.name or countries.english_name(row.state),
            "source_url": row.source_url,
            "note": row.note,
        }
        membership = existing.pop((row.group, row.period, row.state or row.name), None)
        if membership is None:
            added.append(
                Membership(
                    group_id=row.group, period=row.period, state_id=row.state or None, **values
                )
            )
        elif recording.apply_changes(membership, values):
            recording.save(membership, actor, reason)
            label = f"{row.group} {row.period} {row.state or row.name}".replace("  ", " ")
            report.memberships_updated.append(label)
        else:
            report.memberships_unchanged += 1
    for membership in existing.values():
        as_history_of(membership, actor, reason)
        membership.delete()
        report.memberships_removed.append(str(membership))
    # The rows were checked by read_groups and their states and groups saved above.
    recording.add_in_bulk(actor, Membership, added, reason)
    report.memberships_added = len(added)
