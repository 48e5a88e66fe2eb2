"""Everything a user may see, out: JSON, CSV, an Excel workbook, or a full archive.

The JSON document is shaped after the HURIDOCS Events Standard Formats: ``persons``, ``events``
(one happening that touched many people), ``acts`` (what was done to one person, its victim,
with the ``sources`` it rests on), ``biographic_details`` (family relationships) and ``sources``
(testimony and evidence, and whom they are about). It is deterministic, keys sorted and records
in the order of their IDs, so two exports of one registry are the same bytes; records are named
by the IDs they were imported under, or ``guwah-<kind>-<number>``, so an export imported into an
empty instance exports again identically. Who submitted a record, when, and at which version
are the installation's bookkeeping, not the record, and are left out.

What a user may see is the access policy's answer (``access.persons_visible_to`` and its
siblings), never a filter of this module's own. Every cell of a CSV or XLSX export goes
through :func:`guwah.spreadsheets.safe_cell`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from collections.abc import Iterable
from typing import Any

from django.db.models import Model

from guwah.evidence import log
from guwah.evidence.store import blob_name, blob_storage
from guwah.imports.models import ImportedRecord
from guwah.imports.plan import NAME_COLUMNS
from guwah.registry import access
from guwah.registry.models import Event, Evidence, FamilyTie, Incident, Person, Place, Testimony
from guwah.spreadsheets import safe_row

FORMAT = "guwah-export/1"
SHAPED_AFTER = "HURIDOCS Events Standard Formats"
ARCHIVE_DOCUMENT = "guwah.json"
ARCHIVE_MANIFEST = "manifest.json"
ARCHIVE_TREE_HEAD = "tree_head.json"
PERSON_FIELDS = (
    "sex",
    "birth_date",
    "ethnicity",
    "occupation",
    "notes",
    "visibility",
    "consent_publish",
    "consent_share_un",
    "consent_name_witness",
    "synthetic",
)
TESTIMONY_FIELDS = (
    "witness_name",
    "witness_relationship",
    "given_on",
    "language",
    "text",
    "visibility",
    "consent_publish",
    "consent_share_un",
    "consent_name_witness",
    "synthetic",
)
EVIDENCE_FIELDS = (
    "kind",
    "title",
    "reference",
    "reliability",
    "description",
    "visibility",
    "consent_publish",
    "consent_share_un",
    "consent_name_witness",
    "synthetic",
)
ACT_FIELDS = (
    "kind",
    "date",
    "sentence_months",
    "stated_reason",
    "description",
    "basis",
    "synthetic",
)
FORMATS = ("csv", "xlsx", "json", "archive")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "archive": "application/zip",
}
FILE_NAMES = {
    "csv": "guwah-persons.csv",
    "xlsx": "guwah-export.xlsx",
    "json": "guwah-export.json",
    "archive": "guwah-archive.zip",
}
KIND_ORDER = {"primary": 0, "official_zh": 1, "alias": 2}


class ExternalIds:
    """The ID each exported record goes by: the one it was imported under, or its own."""

    def __init__(self) -> None:
        self._known: dict[tuple[str, int], str] = {}
        for row in ImportedRecord.objects.values(
            "kind", "external_id", "person_id", "act_id", "event_id", "testimony_id", "evidence_id"
        ):
            pk = row[f"{row['kind']}_id"]  # type: ignore[literal-required]
            if pk is not None:
                self._known[(row["kind"], pk)] = row["external_id"]

    def of(self, kind: str, pk: int) -> str:
        return self._known.get((kind, pk), f"guwah-{kind}-{pk}")


def place_ref(place: Place | None) -> str | None:
    if place is None:
        return None
    return place.code or place.name_en


def _fields(record: Model, names: Iterable[str]) -> dict[str, Any]:
    return {name: getattr(record, name) for name in names}


def _sorted(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(records, key=lambda record: record["id"])


def export_document(actor: Any) -> dict[str, Any]:
    """Every record ``actor`` may see, as one JSON-ready document."""
    ids = ExternalIds()
    persons = list(
        access.persons_visible_to(actor)
        .select_related("hometown")
        .prefetch_related("names", "documents")
        .order_by("pk")
    )
    person_ids = {person.pk: ids.of("person", person.pk) for person in persons}
    testimonies = [
        testimony
        for testimony in access.testimonies_visible_to(actor).prefetch_related("persons")
        if any(p.pk in person_ids for p in testimony.persons.all())
    ]
    evidence = list(access.evidence_visible_to(actor).prefetch_related("persons"))
    source_ids = {("testimony", t.pk): ids.of("testimony", t.pk) for t in testimonies}
    source_ids.update({("evidence", e.pk): ids.of("evidence", e.pk) for e in evidence})
    acts = list(
        Event.objects.filter(person__in=[p.pk for p in persons])
        .select_related("facility", "place", "incident")
        .prefetch_related("testimonies", "evidence")
    )
    incidents = {act.incident_id: act.incident for act in acts if act.incident is not None}
    return {
        "format": FORMAT,
        "shaped_after": SHAPED_AFTER,
        "persons": _sorted([_person(p, person_ids[p.pk]) for p in persons]),
        "events": _sorted([_incident(i, ids.of("event", i.pk)) for i in incidents.values()]),
        "acts": _sorted([_act(a, ids, person_ids, source_ids) for a in acts]),
        "biographic_details": _relationships(person_ids),
        "sources": _sorted(
            [_testimony(t, source_ids, person_ids) for t in testimonies]
            + [_evidence(e, source_ids, person_ids) for e in evidence]
        ),
    }


def _person(person: Person, external_id: str) -> dict[str, Any]:
    names = sorted(
        person.names.all(), key=lambda n: (KIND_ORDER.get(n.kind, 9), n.kind, n.script, n.text)
    )
    return {
        "id": external_id,
        "names": [{"text": n.text, "script": n.script, "kind": n.kind} for n in names],
        "hometown": place_ref(person.hometown),
        "documents": sorted(
            (
                {"kind": d.kind, "number": d.number, "issuer": d.issuer}
                for d in person.documents.all()
            ),
            key=lambda d: (d["kind"], d["number"]),
        ),
        **_fields(person, PERSON_FIELDS),
    }


def _incident(incident: Incident, external_id: str) -> dict[str, Any]:
    return {
        "id": external_id,
        "title": incident.title,
        "date": incident.date,
        "place": place_ref(incident.place),
        "description": incident.description,
        "synthetic": incident.synthetic,
    }


def _act(
    act: Event,
    ids: ExternalIds,
    person_ids: dict[int, str],
    source_ids: dict[tuple[str, int], str],
) -> dict[str, Any]:
    cited = [source_ids.get(("testimony", t.pk)) for t in act.testimonies.all()]
    cited += [source_ids.get(("evidence", e.pk)) for e in act.evidence.all()]
    return {
        "id": ids.of("act", act.pk),
        "victim": person_ids[act.person_id],
        "event": ids.of("event", act.incident_id) if act.incident_id else None,
        "facility": act.facility.name_en if act.facility else None,
        "place": place_ref(act.place),
        "sources": sorted(source for source in cited if source),
        **_fields(act, ACT_FIELDS),
    }


def _relationships(person_ids: dict[int, str]) -> list[dict[str, Any]]:
    # Each tie is stored with its inverse; the export names it once, from the person whose
    # ID sorts first, and an import adds the inverse again.
    rows = []
    ties = FamilyTie.objects.filter(person__in=list(person_ids), relative__in=list(person_ids))
    for tie in ties:
        person, relative = person_ids[tie.person_id], person_ids[tie.relative_id]
        if person < relative:
            rows.append(
                {"person": person, "relative": relative, "relation": tie.relation, "note": tie.note}
            )
    return sorted(rows, key=lambda row: (row["person"], row["relative"], row["relation"]))


def _about(record: Testimony | Evidence, person_ids: dict[int, str]) -> list[str]:
    return sorted(person_ids[p.pk] for p in record.persons.all() if p.pk in person_ids)


def _testimony(
    testimony: Testimony, source_ids: dict[tuple[str, int], str], person_ids: dict[int, str]
) -> dict[str, Any]:
    return {
        "id": source_ids[("testimony", testimony.pk)],
        "type": "testimony",
        "about": _about(testimony, person_ids),
        **_fields(testimony, TESTIMONY_FIELDS),
    }


def _evidence(
    evidence: Evidence, source_ids: dict[tuple[str, int], str], person_ids: dict[int, str]
) -> dict[str, Any]:
    return {
        "id": source_ids[("evidence", evidence.pk)],
        "type": "evidence",
        "about": _about(evidence, person_ids),
        "facility": evidence.facility.name_en if evidence.facility else None,
        "sha256": evidence.sha256 or None,
        **_fields(evidence, EVIDENCE_FIELDS),
    }


def as_json(document: dict[str, Any]) -> bytes:
    """The document as bytes that depend on its contents alone."""
    return (json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode()


# --------------------------------------------------------------------------------------------
# Spreadsheets: one sheet per kind of record, with IDs and the IDs of related records.


def sheets(document: dict[str, Any]) -> dict[str, list[list[Any]]]:
    """The document as tables: persons in Guwah's own import columns, then the rest."""
    name_columns = [column for column in NAME_COLUMNS if column != "name"]
    script_column = {script: column for column, script in NAME_COLUMNS.items() if script}
    person_header = ["id", "name", *name_columns, "hometown", *PERSON_FIELDS]
    person_rows: list[list[Any]] = [person_header]
    for person in document["persons"]:
        by_column: dict[str, str] = {}
        for name in person["names"]:
            column = script_column.get(name["script"], "name_latin")
            by_column.setdefault(column, name["text"])
        primary = person["names"][0]["text"] if person["names"] else ""
        person_rows.append(
            [person["id"], primary]
            + [by_column.get(column, "") for column in name_columns]
            + [person["hometown"] or ""]
            + [person[column] for column in PERSON_FIELDS]
        )
    tables = {"persons": person_rows}
    for sheet, columns in (
        ("events", ["id", "title", "date", "place", "description", "synthetic"]),
        ("acts", ["id", "victim", "event", "facility", "place", "sources", *ACT_FIELDS]),
        ("biographic_details", ["person", "relative", "relation", "note"]),
        (
            "sources",
            ["id", "type", "about", "title", "witness_name", "reference", "sha256", "text"],
        ),
    ):
        rows: list[list[Any]] = [columns]
        for record in document[sheet]:
            rows.append([_cell(record.get(column)) for column in columns])
        tables[sheet] = rows
    return tables


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(str(item) for item in value)
    return value


def as_csv(document: dict[str, Any], sheet: str = "persons") -> bytes:
    """One sheet as UTF-8 CSV with a byte-order mark, so Excel reads Uyghur and Chinese right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in sheets(document)[sheet]:
        writer.writerow(safe_row(row))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(document: dict[str, Any]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    default = workbook.active
    for title, rows in sheets(document).items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(safe_row(row))
    if default is not None:
        workbook.remove(default)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_archive(document: dict[str, Any]) -> bytes:
    """The document, the evidence files it names, a manifest of SHA-256 hashes, and the
    transparency log's latest signed tree head, in one ZIP file."""
    contents: dict[str, bytes] = {ARCHIVE_DOCUMENT: as_json(document)}
    storage = blob_storage()
    for source in document["sources"]:
        digest = source.get("sha256")
        if digest and storage.exists(blob_name(digest)):
            with storage.open(blob_name(digest), "rb") as handle:
                contents[f"files/{digest}"] = handle.read()
    head = log.latest_tree_head()
    contents[ARCHIVE_TREE_HEAD] = (
        json.dumps(log.tree_head_fields(head) if head else None, sort_keys=True, indent=2) + "\n"
    ).encode()
    manifest = {name: hashlib.sha256(data).hexdigest() for name, data in sorted(contents.items())}
    contents[ARCHIVE_MANIFEST] = (
        json.dumps({"sha256": manifest}, sort_keys=True, indent=2) + "\n"
    ).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(contents):
            # A fixed date: the same registry gives the same archive bytes.
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            archive.writestr(entry, contents[name], compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def export(actor: Any, format: str) -> bytes:
    """The export of everything ``actor`` may see, in ``format`` (csv, xlsx, json, archive)."""
    document = export_document(actor)
    if format == "json":
        return as_json(document)
    if format == "csv":
        return as_csv(document)
    if format == "xlsx":
        return as_xlsx(document)
    if format == "archive":
        return as_archive(document)
    raise ValueError(format)
