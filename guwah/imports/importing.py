"""One entry for every import, from the console or the web: a file in, a report out."""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from guwah.imports.commit import ImportRefused, ImportResult, Progress, commit_import
from guwah.imports.documents import opened_archive, restore_document
from guwah.imports.plan import Plan, Problem, plan_import
from guwah.imports.readers import read_table
from guwah.registry import access
from guwah.registry.services.checks import require


@dataclass
class Report:
    """What an import did, or would do."""

    dry_run: bool
    plan: Plan | None = None
    result: ImportResult | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        lines = [str(problem) for problem in self.problems]
        if self.plan is not None:
            if self.plan.ignored_columns:
                lines.append(
                    _("Columns not imported: %(columns)s")
                    % {"columns": ", ".join(self.plan.ignored_columns)}
                )
            for change in self.plan.to_update:
                lines.append(
                    _("row %(row)d (%(id)s): changes person %(person)d: %(columns)s.")
                    % {
                        "row": change.row,
                        "id": change.external_id,
                        "person": change.person_id,
                        "columns": ", ".join(change.columns),
                    }
                )
            for row, external_id, persons in self.plan.held_for_review:
                lines.append(
                    _(
                        "row %(row)d (%(id)s): held for review, the registry may hold this "
                        "person already (person %(persons)s)."
                    )
                    % {"row": row, "id": external_id, "persons": ", ".join(map(str, persons))}
                )
        lines.append(self.summary())
        return lines

    def summary(self) -> str:
        if self.problems:
            return _("Nothing was imported: %(count)d problem(s).") % {"count": len(self.problems)}
        if self.plan is not None:
            counts = {
                "new": len(self.plan.to_create),
                "old": len(self.plan.already_imported),
                "held": len(self.plan.held_for_review),
                "changed": len(self.plan.to_update),
            }
            if self.dry_run:
                return (
                    _(
                        "Dry run: %(new)d person(s) would be added, %(changed)d changed, "
                        "%(old)d row(s) were imported before and are unchanged, %(held)d held "
                        "for review. Nothing was written."
                    )
                    % counts
                )
            return (
                _(
                    "%(new)d person(s) added, %(changed)d changed, %(old)d row(s) imported "
                    "before and unchanged, %(held)d held for review."
                )
                % counts
            )
        result = self.result or ImportResult()
        counts = {"new": result.created, "old": result.already_imported}
        if self.dry_run:
            return _("Dry run: %(new)d record(s) would be added, %(old)d imported before.") % counts
        return _("%(new)d record(s) added, %(old)d imported before.") % counts


class _RollBack(Exception):
    pass


def import_file(
    actor: Any,
    data: bytes | Path,
    filename: str,
    *,
    mapping: Mapping[str, Any] | None = None,
    dry_run: bool = False,
    source: str = "",
    progress: Progress | None = None,
    through_services: bool | None = None,
) -> Report:
    """Import ``data`` (CSV, XLSX, JSON or a Guwah archive; its bytes, or the path of a file)
    as ``actor``; raises ``ImportFileError`` for a file that cannot be read at all. An archive
    given by its path is read a member at a time, never whole."""
    require(access.can_import_records(actor), _("You may not import records."))
    if _is_archive(data, filename):
        with opened_archive(data if isinstance(data, Path) else BytesIO(data)) as (document, files):
            return _restore(actor, document, files, dry_run)
    if isinstance(data, Path):
        data = data.read_bytes()
    table = read_table(data, filename)
    if table.document is not None:
        return _restore(actor, table.document, {}, dry_run)
    plan = plan_import(actor, table, mapping, source=source)
    report = Report(dry_run=dry_run, plan=plan, problems=list(plan.problems))
    if dry_run or plan.problems:
        return report
    try:
        report.result = commit_import(actor, plan, progress, through_services=through_services)
    except ImportRefused as refused:
        report.problems = refused.problems
    return report


def _is_archive(data: bytes | Path, filename: str) -> bool:
    """A Guwah archive: named .zip, or a ZIP file that is not a workbook."""
    if filename.lower().endswith(".zip"):
        return True
    if filename.lower().endswith((".xlsx", ".xlsm")):
        return False
    if isinstance(data, Path):
        with data.open("rb") as handle:
            head = handle.read(2)
        return head == b"PK" and zipfile.is_zipfile(data)
    return data[:2] == b"PK" and zipfile.is_zipfile(BytesIO(data))


def _restore(
    actor: Any, document: dict[str, Any], files: Mapping[str, bytes | Path], dry_run: bool
) -> Report:
    report = Report(dry_run=dry_run)
    try:
        with transaction.atomic():
            report.result = restore_document(actor, document, files)
            if dry_run:
                # A document's records refer to one another: the faithful rehearsal writes
                # them all and takes them back.
                raise _RollBack
    except ImportRefused as refused:
        report.problems = refused.problems
    except _RollBack:
        pass
    return report
