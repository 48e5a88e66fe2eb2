"""Importing a Guwah export (its JSON document, or a whole archive) back into a registry.

The document names every record by an external ID; each is written through the registry's
services with the importing user as the actor, and its ID recorded, so that the import of an
export into an empty instance exports again identically and a second import adds nothing. As
with a table, the whole document is one transaction: any record refused, and nothing is kept.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile, File
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


# An archive's member is copied out, and hashed, in pieces of this size.
PIECE = 1 << 16
Source = str | os.PathLike[str] | IO[bytes]


def _unreadable(exc: BaseException) -> ImportFileError:
    return ImportFileError(_("The archive cannot be read: %(reason)s") % {"reason": exc})


def _mismatch(name: str) -> ImportFileError:
    return ImportFileError(
        _("“%(name)s” in the archive does not match its hash in the manifest.") % {"name": name}
    )


def read_archive(source: Source, into: Path) -> tuple[dict[str, Any], dict[str, Path]]:
    """The document and files of an archive (a path, or a binary file that can seek), read a
    member at a time and a piece at a time, each member checked against the manifest's hash as
    it is read. Its files are written into the directory ``into``, named by their SHA-256;
    a member the manifest does not name is not read."""
    try:
        with zipfile.ZipFile(source) as archive:
            try:
                manifest = json.loads(archive.read(ARCHIVE_MANIFEST))["sha256"]
                if not isinstance(manifest, dict) or ARCHIVE_DOCUMENT not in manifest:
                    raise TypeError(ARCHIVE_MANIFEST)
            except (KeyError, ValueError, TypeError) as exc:
                raise ImportFileError(
                    _("The archive has no readable manifest or document.")
                ) from exc
            present = set(archive.namelist())
            files: dict[str, Path] = {}
            for number, (name, expected) in enumerate(sorted(manifest.items())):
                if name not in present:
                    raise _mismatch(name)
                # Named by its place in the manifest, never by the member's own name.
                kept = name == ARCHIVE_DOCUMENT or name.startswith("files/")
                target = into / f"{number}"
                digest = hashlib.sha256()
                with (
                    archive.open(name) as member,
                    target.open("wb") if kept else open(os.devnull, "wb") as out,
                ):
                    for piece in iter(lambda: member.read(PIECE), b""):
                        digest.update(piece)
                        out.write(piece)
                if digest.hexdigest() != expected:
                    raise _mismatch(name)
                if name.startswith("files/"):
                    files[name.removeprefix("files/")] = target
            document_path = into / f"{sorted(manifest).index(ARCHIVE_DOCUMENT)}"
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as exc:
        raise _unreadable(exc) from exc
    try:
        document = json.loads(document_path.read_bytes())
    except ValueError as exc:
        raise ImportFileError(_("The archive has no readable manifest or document.")) from exc
    return document, files


@contextmanager
def opened_archive(source: Source) -> Iterator[tuple[dict[str, Any], dict[str, Path]]]:
    """:func:`read_archive` into a temporary directory, removed when the block ends."""
    with tempfile.TemporaryDirectory(prefix="guwah-archive-") as directory:
        yield read_archive(source, Path(directory))


class _ScreenedOnDisk(ScreenedFile):
    """A screened file read from disk rather than held in memory (see
    :meth:`_Restorer.upload`)."""

    def __init__(self, handle: IO[bytes], name: str) -> None:
        File.__init__(self, handle, name=name)
        self.size = os.fstat(handle.fileno()).st_size


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
    def __init__(self, actor: Any, files: Mapping[str, bytes | Path]) -> None:
        self.actor = actor
        # An archive's files on disk (see :func:`read_archive`), or bytes.
        self.files: dict[str, bytes | Path] = dict(files)
        self.opened: list[IO[bytes]] = []
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

    def upload(self, digest: str, *, screened: bool = False) -> File:
        """The file ``digest`` as an upload: read from disk a piece at a time when the archive
        left it there; ``screened``, to be kept as it is (see :meth:`file`)."""
        kept = self.files[digest]
        if isinstance(kept, bytes):
            return (ScreenedFile if screened else ContentFile)(kept, name=digest)
        handle = kept.open("rb")
        upload = _ScreenedOnDisk(handle, digest) if screened else File(handle, name=digest)
        # Closed when the restore ends: a screened file's own close leaves it open.
        self.opened.append(handle)
        return upload

    def close(self) -> None:
        for handle in self.opened:
            handle.close()
        self.opened.clear()

    def screened(self, field: str, kind: str, digest: str) -> File:
        """The archive's file ``digest``, screened like any upload (see :meth:`file`), to be
        kept as it is."""
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
        screened_upload({field: self.upload(digest)}, field, kind)
        return self.upload(digest, screened=True)

    def file(self, model: type[Model], field: str, kind: str, digest: str) -> FieldFile:
        """A photo or recording of the archive, stored as it is, for a record to name.

        Its bytes match the manifest (checked when the archive was read) and go through the
        same screen as any upload (an image, audio, a PDF), but are kept as they are rather
        than re-encoded: they were screened and re-encoded when first uploaded, and a second
        re-encoding would change them, so that the restored registry would not export the
        same archive again."""
        upload = self.screened(field, kind, digest)
        model_field = model._meta.get_field(field)
        assert isinstance(model_field, FileField)  # noqa: S101  (narrows a type; the lines above ensure it)
        name = model_field.generate_filename(None, digest)
        stored_name = model_field.storage.save(name, upload)
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
            fields["media"] = self.screened("media", services.RECORDING, record["media"])
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
            upload = self.upload(digest)
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
    actor: Any, document: dict[str, Any], files: Mapping[str, bytes | Path] | None = None
) -> ImportResult:
    """Import a Guwah export as ``actor``: everything in it, or nothing. ``files`` are the
    archive's, by SHA-256: their bytes, or where :func:`read_archive` left them on disk."""
    restorer = _Restorer(actor, files or {})
    try:
        return _restore(restorer, document)
    finally:
        restorer.close()


def _restore(restorer: _Restorer, document: dict[str, Any]) -> ImportResult:
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
