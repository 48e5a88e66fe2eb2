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
from django.db.models import FileField, Model
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from guwah.evidence.store import read_blob
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
from guwah.registry.models import Facility, FamilyTie, Person, Place
from guwah.registry.services.checks import ScreenedFile, screened_upload
from guwah.registry.services.reference import (
    FACILITY_FIELDS,
    PLACE_FIELDS,
    add_facility,
    add_place,
)

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

    def screened(self, field: str, kind: str, digest: str) -> bytes:
        """The archive's file ``digest``, screened like any upload (see :meth:`file`)."""
        if digest not in self.files:
            raise ValidationError(
                {
                    field: _(
                        "The file %(sha256)s is not in the import; a JSON export carries no "
                        "files, the archive does."
                    )
                    % {"sha256": digest}
                }
            )
        data = self.files[digest]
        screened_upload({field: ContentFile(data, name=digest)}, field, kind)
        return data

    def file(self, model: type[Model], field: str, kind: str, digest: str) -> FieldFile:
        """A photo or recording of the archive, stored as it is, for a record to name.

        Its bytes match the manifest (checked when the archive was read) and go through the
        same screen as any upload (an image, audio, a PDF), but are kept as they are rather
        than re-encoded: they were screened and re-encoded when first uploaded, and a second
        re-encoding would change them, so that the restored registry would not export the
        same archive again."""
        data = self.screened(field, kind, digest)
        model_field = model._meta.get_field(field)
        assert isinstance(model_field, FileField)  # noqa: S101  (narrows a type; the lines above ensure it)
        name = model_field.generate_filename(None, digest)
        stored_name = model_field.storage.save(name, ContentFile(data))
        # Bound to the record when the record is built with it.
        return FieldFile(None, model_field, stored_name)  # type: ignore[arg-type]

    def place(self, record: dict[str, Any]) -> None:
        """A place the records name: the one this instance has under its code (or, without
        one, its English name and level), else added as the export held it."""
        if record.get("code"):
            existing = Place.objects.filter(code=record["code"])
        else:
            existing = Place.objects.filter(name_en=record["name_en"], level=record["level"])
        if existing.exists():
            return
        fields = {name: record[name] for name in PLACE_FIELDS if name in record}
        add_place(self.actor, parent=_place(record.get("parent")), **fields)

    def facility(self, record: dict[str, Any]) -> None:
        """A facility the records name: the one this instance has under its English name,
        else added as the export held it."""
        if Facility.objects.filter(name_en=record["name_en"]).exists():
            return
        fields = {name: record[name] for name in FACILITY_FIELDS if name in record}
        add_facility(self.actor, place=_place(record.get("place")), **fields)

    def person(self, record: dict[str, Any]) -> Any:
        fields = {name: record[name] for name in PERSON_FIELDS if name in record}
        if record.get("photo"):
            fields["photo"] = self.file(Person, "photo", services.PHOTO, record["photo"])
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
        if record.get("media"):
            # Kept as it is, by the evidence store like any recording (with its hash and a
            # custody that starts at the restore).
            data = self.screened("media", services.RECORDING, record["media"])
            fields["media"] = ScreenedFile(data, name=record["media"])
        return services.add_testimony(self.actor, about, **fields)

    def evidence(self, record: dict[str, Any]) -> Any:
        about = [self.get(Kind.PERSON, person) for person in record["about"]]
        fields = {name: record[name] for name in EVIDENCE_FIELDS if name in record}
        digest = record.get("sha256")
        upload = None
        if digest and digest not in self.files:
            # A JSON export carries no files: this instance's store may hold the same bytes.
            stored = read_blob(digest)
            if stored is not None:
                self.files[digest] = stored
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


def parents_first(places: list[Any]) -> list[Any]:
    """The exported places, each after the place it lies in (when the export holds that)."""
    by_key = {p["key"]: p for p in places if isinstance(p, dict) and "key" in p}
    ordered: dict[int, Any] = {}

    def visit(place: Any, depth: int = 0) -> None:
        if id(place) in ordered:
            return
        parent = by_key.get(place.get("parent")) if isinstance(place, dict) else None
        # A loop of parents is cut after the region's depth; the record is refused later.
        if parent is not None and depth < 10:
            visit(parent, depth + 1)
        ordered[id(place)] = place

    for place in places:
        visit(place)
    return list(ordered.values())


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
                str(
                    record.get("id")
                    or record.get("person")
                    or record.get("key")
                    or record.get("name_en")
                    or ""
                )
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

    places = document.get("places", [])
    if isinstance(places, list):
        document = {**document, "places": parents_first(places)}
    with transaction.atomic():
        # The reference data first: the records below name places and facilities.
        each("places", restorer.place)
        each("facilities", restorer.facility)
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
