"""Importing a Guwah export (its JSON document, or a whole archive) back into a registry.

The document names every record by an external ID; each is written through the registry's
services with the importing user as the actor, and its ID recorded, so that the import of an
export into an empty instance exports again identically and a second import adds nothing. As
with a table, the whole document is one transaction: any record refused, and nothing is kept.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from guwah.evidence.store import blob_name, blob_storage
from guwah.imports.commit import ImportRefused, ImportResult, messages_of, remember
from guwah.imports.export import (
    ACT_FIELDS,
    ARCHIVE_DOCUMENT,
    ARCHIVE_MANIFEST,
    EVIDENCE_FIELDS,
    PERSON_FIELDS,
    TESTIMONY_FIELDS,
)
from guwah.imports.models import ImportedRecord
from guwah.imports.plan import Problem
from guwah.imports.readers import ImportFileError
from guwah.registry import services
from guwah.registry.models import Facility, FamilyTie, Place

Kind = ImportedRecord.Kind


def read_archive(data: bytes) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The document and files of an archive, each checked against the manifest's hash."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            contents = {name: archive.read(name) for name in archive.namelist()}
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ImportFileError(
            _("The archive cannot be read: %(reason)s") % {"reason": exc}
        ) from exc
    try:
        manifest = json.loads(contents[ARCHIVE_MANIFEST])["sha256"]
        document = json.loads(contents[ARCHIVE_DOCUMENT])
    except (KeyError, ValueError, TypeError) as exc:
        raise ImportFileError(_("The archive has no readable manifest or document.")) from exc
    for name, expected in manifest.items():
        if name not in contents or hashlib.sha256(contents[name]).hexdigest() != expected:
            raise ImportFileError(
                _("“%(name)s” in the archive does not match its hash in the manifest.")
                % {"name": name}
            )
    files = {
        name.removeprefix("files/"): data
        for name, data in contents.items()
        if name.startswith("files/")
    }
    return document, files


def _place(reference: str | None) -> Place | None:
    if not reference:
        return None
    place = (
        Place.objects.filter(code=reference).first()
        or Place.objects.filter(name_en=reference).first()
    )
    if place is None:
        raise ValidationError(
            {"place": _("No place in the registry is called “%(place)s”.") % {"place": reference}}
        )
    return place


def _facility(name: str | None) -> Facility | None:
    if not name:
        return None
    facility = Facility.objects.filter(name_en=name).first()
    if facility is None:
        raise ValidationError(
            {"facility": _("No facility in the registry is called “%(name)s”.") % {"name": name}}
        )
    return facility


class _Restorer:
    def __init__(self, actor: Any, files: dict[str, bytes]) -> None:
        self.actor = actor
        self.files = files
        self.known: dict[tuple[str, str], Any] = {}
        self.created = 0
        self.skipped = 0
        model_of = {
            Kind.PERSON: "person",
            Kind.ACT: "act",
            Kind.EVENT: "event",
            Kind.TESTIMONY: "testimony",
            Kind.EVIDENCE: "evidence",
        }
        for record in ImportedRecord.objects.select_related(*model_of.values()):
            self.known[(record.kind, record.external_id)] = getattr(
                record, model_of[Kind(record.kind)]
            )

    def get(self, kind: str, external_id: str) -> Any:
        try:
            return self.known[(kind, external_id)]
        except KeyError:
            raise ValidationError(
                _("“%(id)s” names no record of the file.") % {"id": external_id}
            ) from None

    def add(
        self, kind: str, record: dict[str, Any], write: Callable[[dict[str, Any]], Any]
    ) -> None:
        external_id = str(record["id"])
        if (kind, external_id) in self.known:
            self.skipped += 1
            return
        created = write(record)
        remember(self.actor, kind, external_id, **{_FIELD[kind]: created})
        self.known[(kind, external_id)] = created
        self.created += 1

    def person(self, record: dict[str, Any]) -> Any:
        fields = {name: record[name] for name in PERSON_FIELDS if name in record}
        person = services.create_person(
            self.actor,
            names=[
                {"text": n["text"], "script": n["script"], "kind": n["kind"]}
                for n in record["names"]
            ],
            hometown=_place(record.get("hometown")),
            **fields,
        )
        for document in record.get("documents", []):
            services.add_identity_document(
                self.actor, person, synthetic=person.synthetic, **document
            )
        return person

    def event(self, record: dict[str, Any]) -> Any:
        return services.add_incident(
            self.actor,
            title=record["title"],
            date=record.get("date", ""),
            place=_place(record.get("place")),
            description=record.get("description", ""),
            synthetic=record.get("synthetic", False),
        )

    def testimony(self, record: dict[str, Any]) -> Any:
        about = [self.get(Kind.PERSON, person) for person in record["about"]]
        fields = {name: record[name] for name in TESTIMONY_FIELDS if name in record}
        return services.add_testimony(self.actor, about, **fields)

    def evidence(self, record: dict[str, Any]) -> Any:
        about = [self.get(Kind.PERSON, person) for person in record["about"]]
        fields = {name: record[name] for name in EVIDENCE_FIELDS if name in record}
        digest = record.get("sha256")
        upload = None
        if digest and digest not in self.files:
            # A JSON export carries no files: this instance's store may hold the same bytes.
            storage = blob_storage()
            if storage.exists(blob_name(digest)):
                with storage.open(blob_name(digest), "rb") as handle:
                    self.files[digest] = handle.read()
        if digest:
            if digest not in self.files:
                raise ValidationError(
                    {"file": _("The archive holds no file %(sha256)s.") % {"sha256": digest}}
                )
            upload = ContentFile(self.files[digest], name=digest)
        return services.add_evidence(
            self.actor, about, file=upload, facility=_facility(record.get("facility")), **fields
        )

    def act(self, record: dict[str, Any]) -> Any:
        victim = self.get(Kind.PERSON, record["victim"])
        cited = record.get("sources", [])
        testimonies = [
            self.known[(Kind.TESTIMONY, s)] for s in cited if (Kind.TESTIMONY, s) in self.known
        ]
        evidence = [
            self.known[(Kind.EVIDENCE, s)] for s in cited if (Kind.EVIDENCE, s) in self.known
        ]
        fields = {name: record[name] for name in ACT_FIELDS if name in record}
        return services.add_event(
            self.actor,
            victim,
            testimonies=testimonies,
            evidence=evidence,
            facility=_facility(record.get("facility")),
            place=_place(record.get("place")),
            incident=self.get(Kind.EVENT, record["event"]) if record.get("event") else None,
            **fields,
        )

    def relationship(self, record: dict[str, Any]) -> None:
        person = self.get(Kind.PERSON, record["person"])
        relative = self.get(Kind.PERSON, record["relative"])
        if FamilyTie.objects.filter(person=person, relative=relative).exists():
            return
        services.add_family_tie(
            self.actor, person, relative, record["relation"], note=record.get("note", "")
        )


_FIELD: dict[str, str] = {
    Kind.PERSON: "person",
    Kind.ACT: "act",
    Kind.EVENT: "event",
    Kind.TESTIMONY: "testimony",
    Kind.EVIDENCE: "evidence",
}


def restore_document(
    actor: Any, document: dict[str, Any], files: dict[str, bytes] | None = None
) -> ImportResult:
    """Import a Guwah export as ``actor``: everything in it, or nothing."""
    restorer = _Restorer(actor, files or {})
    problems: list[Problem] = []

    def each(section: str, step: Callable[[dict[str, Any]], None]) -> None:
        records = document.get(section, [])
        if not isinstance(records, list):
            problems.append(Problem(None, section, _("This section is not a list.")))
            return
        for record in records:
            label = (
                str(record.get("id") or record.get("person") or "")
                if isinstance(record, dict)
                else ""
            )
            try:
                with transaction.atomic():
                    step(record)
            except (ValidationError, PermissionDenied) as error:
                problems.extend(
                    Problem(
                        None,
                        f"{section} {label}".strip(),
                        f"{column}: {message}" if column else message,
                    )
                    for column, message in messages_of(error)
                )
            except (KeyError, TypeError, ValueError, AttributeError) as error:
                problems.append(
                    Problem(
                        None,
                        f"{section} {label}".strip(),
                        _("The record is not complete: %(reason)s") % {"reason": error},
                    )
                )

    with transaction.atomic():
        each("events", lambda r: restorer.add(Kind.EVENT, r, restorer.event))
        each("persons", lambda r: restorer.add(Kind.PERSON, r, restorer.person))
        each("biographic_details", restorer.relationship)
        each(
            "sources",
            lambda r: (
                restorer.add(Kind.TESTIMONY, r, restorer.testimony)
                if r.get("type") == "testimony"
                else restorer.add(Kind.EVIDENCE, r, restorer.evidence)
            ),
        )
        each("acts", lambda r: restorer.add(Kind.ACT, r, restorer.act))
        if problems:
            raise ImportRefused(problems)
    return ImportResult(created=restorer.created, already_imported=restorer.skipped)
