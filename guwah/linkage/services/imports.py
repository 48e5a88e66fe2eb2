"""Importing an external list (CSV or XLSX) and matching its rows against the registry."""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
from django.db import connections, router, transaction
from django.db.models import Field
from django.utils.translation import gettext as _
from tqdm import tqdm

from guwah.linkage import features as feature_columns
from guwah.linkage.model import predict_links
from guwah.linkage.models import ExternalList, ExternalRecord, external_ref, person_ref
from guwah.linkage.services.errors import ImportFileError
from guwah.linkage.services.records import registry_records
from guwah.linkage.services.runs import (
    DEFAULT_THRESHOLD,
    LinkageRun,
    best_per_pair,
    current_model,
    save_pairs,
)
from guwah.linkage.tables import Table, TableError, open_table, sha256_of
from guwah.registry import access
from guwah.registry.services.checks import require

IMPORT_BATCH = 5000
# What a list's columns may be mapped to: the record columns but the row's own key and the
# ULY form the registry stores for its own names.
IMPORT_FIELDS = tuple(
    column for column in feature_columns.RECORD_COLUMNS if column not in {"unique_id", "uly"}
)
MAX_LISTED_PROBLEMS = 10


def parse_columns(spec: str) -> dict[str, str]:
    """``name=Full name,birth_year=Year`` → {"name": "Full name", "birth_year": "Year"}."""
    mapping: dict[str, str] = {}
    for item in spec.split(","):
        if not item.strip():
            continue
        field, sep, header = item.partition("=")
        if not sep or not header.strip():
            raise ImportFileError(
                _("Write each column as field=header, e.g. name=Full name; got %(item)r.")
                % {"item": item}
            )
        mapping[field.strip()] = header.strip()
    return mapping


def _check_columns(columns: Mapping[str, str], table: Table) -> dict[str, int]:
    unknown = sorted(set(columns) - set(IMPORT_FIELDS))
    if unknown:
        raise ImportFileError(
            _("Unknown field(s) %(unknown)s; the fields are: %(fields)s.")
            % {"unknown": ", ".join(unknown), "fields": ", ".join(IMPORT_FIELDS)}
        )
    if "name" not in columns and "given_name" not in columns:
        raise ImportFileError(_("Say which column holds the name: name=<column header>."))
    positions = {header: i for i, header in enumerate(table.header)}
    missing = [header for header in columns.values() if header not in positions]
    if missing:
        raise ImportFileError(
            _("The file has no column %(missing)s. Its columns are: %(present)s.")
            % {
                "missing": ", ".join(repr(m) for m in missing),
                "present": ", ".join(repr(h) for h in table.header) or _("none"),
            }
        )
    return {field: positions[header] for field, header in columns.items()}


_YEAR = re.compile(r"(1[89]\d\d|20\d\d)")


def _year(text: str) -> int | None:
    match = _YEAR.search(text)
    return int(match.group(1)) if match else None


def _listed(rows: list[str], total: int) -> str:
    shown = ", ".join(rows[:MAX_LISTED_PROBLEMS])
    if total > MAX_LISTED_PROBLEMS:
        shown += " " + _("and %(more)d more") % {"more": total - MAX_LISTED_PROBLEMS}
    return shown


def import_external_list(
    path: Path | str,
    columns: Mapping[str, str] | str,
    *,
    name: str | None = None,
    encoding: str | None = None,
    actor: Any = None,
    engine: str = "duckdb",
    threshold: float | None = None,
    progress: bool = False,
    spark_master: str = "local[2]",
) -> tuple[ExternalList, LinkageRun]:
    """Import a CSV or XLSX list and propose matches between its rows and registry persons.

    The list's rows are kept as external records, never as persons. Anything wrong with the
    file (a column missing, text in another encoding, rows without a name, the same row twice)
    stops the import with a message naming the rows, and nothing of it is kept.
    """
    if actor is not None:
        require(
            access.can_review_links(actor),
            _("Only documenters and reviewers import lists to match against the registry."),
        )
    path = Path(path)
    mapping = parse_columns(columns) if isinstance(columns, str) else dict(columns)
    try:
        table = open_table(path, encoding)
    except TableError as exc:
        raise ImportFileError(str(exc)) from exc
    positions = _check_columns(mapping, table)
    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    name_field = "name" if "name" in positions else "given_name"

    with transaction.atomic():
        external_list = ExternalList.objects.create(
            name=name or path.stem,
            source_file=path.name,
            sha256=sha256_of(path),
            encoding=table.encoding,
            columns=mapping,
            imported_by=actor if getattr(actor, "pk", None) else None,
        )
        collected: dict[str, list[Any]] = {field: [] for field in (*IMPORT_FIELDS, "row_number")}
        seen: dict[int, int] = {}
        empty_names: list[str] = []
        duplicates: list[str] = []
        batch: list[tuple[Any, ...]] = []
        count = 0
        try:
            for row_number, cells in tqdm(
                table.rows,
                desc=_("Reading %(file)s") % {"file": path.name},
                unit=" rows",
                disable=not progress,
            ):
                if not any(cell.strip() for cell in cells):
                    continue  # blank lines at the end of a spreadsheet export
                values = {
                    field: (cells[i].strip() if i < len(cells) else "")
                    for field, i in positions.items()
                }
                if not values.get(name_field):
                    empty_names.append(str(row_number))
                    continue
                fingerprint = hash(tuple(values.get(field, "") for field in IMPORT_FIELDS))
                if fingerprint in seen:
                    duplicates.append(
                        _("%(row)d (same as %(first)d)")
                        % {"row": row_number, "first": seen[fingerprint]}
                    )
                    continue
                seen[fingerprint] = row_number
                count += 1
                if empty_names or duplicates:
                    continue  # the import will fail; keep reading only to report every row
                record = _external_record(values)
                batch.append((external_list.pk, row_number, *(record[f] for f in IMPORT_FIELDS)))
                for field in IMPORT_FIELDS:
                    collected[field].append(record[field] or None)
                collected["row_number"].append(row_number)
                if len(batch) >= IMPORT_BATCH:
                    _insert_records(batch)
                    batch = []
        except TableError as exc:
            raise ImportFileError(str(exc)) from exc
        problems = []
        if empty_names:
            problems.append(
                _("%(count)d row(s) have no name: %(rows)s.")
                % {"count": len(empty_names), "rows": _listed(empty_names, len(empty_names))}
            )
        if duplicates:
            problems.append(
                _("%(count)d row(s) repeat an earlier row: %(rows)s.")
                % {"count": len(duplicates), "rows": _listed(duplicates, len(duplicates))}
            )
        if problems:
            raise ImportFileError(
                " ".join([*problems, _("Nothing was imported; correct the file and try again.")])
            )
        if count == 0:
            raise ImportFileError(_("The file has a header but no rows."))
        _insert_records(batch)
        external_list.row_count = count
        external_list.save(update_fields=["row_count"])
        run = _link_external_list(
            external_list,
            collected,
            engine=engine,
            threshold=threshold,
            progress=progress,
            spark_master=spark_master,
        )
    return external_list, run


def _stage(progress: bool, message: str) -> None:
    """One line per step of the import, for whoever watches a long one run."""
    if progress:
        tqdm.write(f"{time.strftime('%H:%M:%S')} {message}", file=sys.stderr)


def _external_record(values: Mapping[str, str]) -> dict[str, Any]:
    """The fields of one external record (``IMPORT_FIELDS``, in order), cut to their lengths."""

    def text(field: str, limit: int) -> str:
        return values.get(field, "")[:limit]

    name = values.get("name") or " ".join(
        part for part in (values.get("given_name", ""), values.get("father_name", "")) if part
    )
    return {
        "name": name[:300],
        "given_name": text("given_name", 200),
        "father_name": text("father_name", 200),
        "sex": text("sex", 20),
        "birth_year": _year(values.get("birth_year", "")),
        "county_code": text("county_code", 12),
        "prefecture_code": text("prefecture_code", 12),
        "id_number": text("id_number", 64),
        "mother_name": text("mother_name", 200),
        "facility_code": text("facility_code", 64),
        "detention_year": _year(values.get("detention_year", "")),
    }


def _insert_records(rows: list[tuple[Any, ...]]) -> None:
    """Insert (list id, row number, *``IMPORT_FIELDS``) rows as external records.

    A plain ``executemany``: building a model instance per row and letting the ORM compile each
    batch took most of an import's time at the police files' scale (830,000 rows). Like
    ``bulk_create``, it sends no signals; the list itself is recorded as it always was.
    """
    if not rows:
        return
    meta = ExternalRecord._meta
    connection = connections[router.db_for_write(ExternalRecord)]
    quote = connection.ops.quote_name
    columns = [
        field.column
        for name in ("external_list", "row_number", *IMPORT_FIELDS)
        if isinstance(field := meta.get_field(name), Field) and field.column
    ]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608  (the model's own names)
        quote(meta.db_table),
        ", ".join(quote(column) for column in columns),
        ", ".join(["%s"] * len(columns)),
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _link_external_list(
    external_list: ExternalList,
    collected: Mapping[str, list[Any]],
    *,
    engine: str,
    threshold: float,
    progress: bool,
    spark_master: str,
) -> LinkageRun:
    model, version = current_model()
    registry = registry_records(progress=progress)
    if registry.empty:
        return LinkageRun(0, 0, 0, version)
    ids = dict(
        ExternalRecord.objects.filter(external_list=external_list).values_list("row_number", "pk")
    )
    listed = pd.DataFrame({field: collected[field] for field in IMPORT_FIELDS})
    listed.insert(0, "unique_id", [str(ids[row]) for row in collected["row_number"]])
    _stage(
        progress,
        _("Reading the names of %(rows)d list rows and %(names)d registry names")
        % {"rows": len(listed), "names": len(registry)},
    )
    listed_features = feature_columns.prepare(listed)
    registry_features = feature_columns.prepare(registry)
    _stage(
        progress,
        _("Scoring pairs on %(engine)s (%(where)s)")
        % {"engine": engine, "where": spark_master if engine == "spark" else _("this machine")},
    )
    scored = predict_links(
        listed_features,
        registry_features,
        model,
        threshold=threshold,
        engine=engine,
        spark_master=spark_master,
    )
    _stage(
        progress,
        _("%(pairs)d pairs at or above %(threshold)s")
        % {"pairs": len(scored), "threshold": threshold},
    )
    person_of = dict(zip(registry["unique_id"], registry["person_id"], strict=True))
    best = best_per_pair(
        scored,
        scored["unique_id_r"].map(lambda uid: person_ref(person_of[uid])),
        scored["unique_id_l"].map(lambda uid: external_ref(int(uid))),
    )
    refs = {external_ref(pk): pk for pk in ids.values()}
    return save_pairs(best, version, external_records=refs, progress=progress)
