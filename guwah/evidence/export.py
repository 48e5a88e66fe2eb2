"""Writing a person's evidence package: records, files, custody, proofs and the signed head.

What goes in is what the exporting user may see (``guwah.registry.access``), and of testimony
and evidence someone else submitted, only what its people agreed may be shared with UN
mechanisms; a witness stays unnamed unless they agreed to be named.

A package must reveal nothing it withholds, not even to someone who guesses. Every log entry
commits to a record through salted per-field hashes (:mod:`guwah.evidence.commitment`): a
record file discloses the value and salt of each field it shows and only the hash of each field
it withholds, and the package carries no entry that holds a plain hash of a record. Files whose
metadata could locate a witness (GPS, device serials, authors) are flagged, and by default
shared as a copy without it. The format is described for investigators in ``docs/evidence.md``
and checked by :mod:`guwah.evidence.package`.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils.translation import gettext as _

from guwah import names
from guwah.evidence import commitment, log, metadata, redaction, store
from guwah.evidence.canonical import canonical_json, tree_head_message
from guwah.evidence.models import Blob, CustodyEvent, EvidenceFile, LogEntry
from guwah.evidence.package import (
    EXPORT_PROOF,
    FORMAT,
    MANIFEST,
    PROOFS,
    PUBLIC_KEY,
    RECORD_ACTIONS,
    TREE_HEAD,
    TREE_HEAD_SIGNATURE,
)
from guwah.registry import access
from guwah.registry.models import Evidence, FamilyTie, Person, Testimony, Visibility

# What identifies a witness who did not agree to be named: their name, how they are related to
# the person (within a documented family that is often a name by another route) and the
# recording or scan, whose file name and content may carry their name or voice.
WITNESS_FIELDS = ("witness_name", "witness_relationship", "media")

STRIP = "strip"
KEEP = "keep"


class RecordNotLogged(RuntimeError):
    """A record differs from its latest log entry; exporting it would prove nothing."""


@dataclass
class _Contents:
    # (record, the names of the fields the package withholds)
    records: list[tuple[models.Model, tuple[str, ...]]] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


def _may_share(user: Any, record: Testimony | Evidence) -> bool:
    return record.created_by_id == user.pk or record.consent_share_un


def withheld_fields(record: models.Model) -> tuple[str, ...]:
    """The fields of ``record`` that no package discloses."""
    if isinstance(record, Testimony) and not record.consent_name_witness:
        if names_in_text(record.witness_name, record.text):
            # Withholding the name while the statement spells it out would protect nothing.
            return (*WITNESS_FIELDS, "text")
        return WITNESS_FIELDS
    return ()


def names_in_text(name: str, text: str) -> bool:
    """Whether ``text`` spells out the whole of ``name``, in any script or spelling the names
    engine reads alike (its words side by side, in either order)."""
    wanted = names.phonetic(name).split()
    if not wanted or not text:
        return False
    words = names.phonetic(text).split()
    size = len(wanted)
    return any(sorted(words[i : i + size]) == sorted(wanted) for i in range(len(words) - size + 1))


def _contents(person: Person, user: Any) -> _Contents:
    contents = _Contents()
    contents.records.append((person, ()))
    contents.records += [(name, ()) for name in person.names.all()]
    contents.records += [(document, ()) for document in person.documents.all()]
    contents.records += [(event, ()) for event in person.events.all()]
    visible = access.persons_visible_to(user)
    ties = FamilyTie.objects.filter(
        models.Q(person=person, relative__in=visible)
        | models.Q(relative=person, person__in=visible)
    )
    contents.records += [(tie, ()) for tie in ties]
    for testimony in person.testimonies.all():
        if access.can_view_testimony(user, testimony) and _may_share(user, testimony):
            contents.records.append((testimony, withheld_fields(testimony)))
    for item in person.evidence.all():
        if access.can_view_evidence(user, item) and _may_share(user, item):
            contents.records.append((item, ()))
            contents.evidence.append(item)
    return contents


def _key(record: models.Model) -> tuple[str, str]:
    return log.record_type(record), str(log.json_value(record.pk))


def _record_path(record: models.Model) -> str:
    type_name, record_id = _key(record)
    return f"records/{type_name}/{record_id}.json"


def _latest_entry(record: models.Model) -> LogEntry | None:
    type_name, record_id = _key(record)
    return (
        LogEntry.objects.filter(
            record_type=type_name, record_id=record_id, action__in=RECORD_ACTIONS
        )
        .order_by("-index")
        .first()
    )


def _committed_entry(record: models.Model) -> LogEntry:
    """The record's latest entry, which must commit to the record as it is, with salts.

    A record last logged before fields were salted has only a plain hash of its JSON, which
    anyone can test guesses against: it is committed afresh (unchanged, with new salts) so that
    the package can prove it without that hash.
    """
    entry = _latest_entry(record)
    if entry is None or not log.matches_entry(record, entry.record_sha256, entry.salts):
        type_name, record_id = _key(record)
        raise RecordNotLogged(
            _("%(record)s %(id)s differs from its latest log entry; run "
              "'guwah log verify --records' before exporting.")
            % {"record": type_name, "id": record_id}
        )  # fmt: skip
    if not entry.salts:
        log.record_change(record, LogEntry.Action.RECOMMIT)
        entry = _latest_entry(record)
        assert entry is not None and entry.salts  # noqa: S101  (narrows a type; the lines above ensure it)
    return entry


def record_file(record: models.Model, entry: LogEntry, withheld: tuple[str, ...]) -> bytes:
    """A record as a package shows it: each disclosed field with its salt, each withheld field
    by its leaf hash only, so that together they give the entry's commitment."""
    document = log.record_document(record)
    values = document["fields"]
    salts = log.open_salts(entry.record_type, entry.salts)
    shown = {name: value for name, value in values.items() if name not in withheld}
    return canonical_json(
        {
            "type": document["type"],
            "id": document["id"],
            "fields": shown,
            "salts": {name: salts[name] for name in shown},
            "withheld": {
                name: commitment.field_leaf(name, values[name], salts[name])
                for name in withheld
                if name in values
            },
        }
    )


def export_person_package(
    person: Person, user: Any, out: str | Path, *, locating_metadata: str = STRIP
) -> dict[str, Any]:
    """Write the package for ``person`` to ``out`` and return its manifest.

    ``locating_metadata`` decides what happens to a file whose metadata could locate a witness:
    ``"strip"`` (the default) shares a copy without it and withholds the original, whose hash
    the package still proves; ``"keep"`` shares the original. Either way the manifest flags it.
    """
    if locating_metadata not in (STRIP, KEEP):
        raise ValueError(f"locating_metadata is {STRIP!r} or {KEEP!r}")
    if not access.can_view_person(user, person):
        raise PermissionDenied(_("You may not see this person's record."))
    if person.created_by_id != user.pk and not person.consent_share_un:
        raise PermissionDenied(
            _("The family has not agreed that this record may be shared outside Guwah.")
        )
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(dir=out.parent, prefix=".package-", suffix=".zip")
    os.close(handle)
    try:
        with transaction.atomic(), log.acting_as(user):
            manifest = _write(person, user, Path(partial), locating_metadata)
        os.replace(partial, out)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    return manifest


@dataclass
class _SharedFiles:
    shipped: list[tuple[EvidenceFile, list[str]]] = field(default_factory=list)
    withheld: list[dict[str, Any]] = field(default_factory=list)


def _stripped_copy_of(original: EvidenceFile, user: Any) -> EvidenceFile | None:
    """The stored copy of ``original`` without locating metadata, made and logged if need be."""
    for copy in EvidenceFile.objects.filter(
        evidence=original.evidence, role=EvidenceFile.Role.REDACTED, derived_from=original.blob
    ).select_related("blob"):
        if not metadata.locating_metadata(copy.blob.file_metadata):
            return copy
    try:
        with store.open_verified_blob(original.blob) as source:
            made = metadata.stripped_copy(source, original.blob.mime)
    except Exception:  # A file the image or PDF library cannot rewrite is left out, flagged.
        return None
    if made is None:
        return None
    data, mime = made
    extension = {"image/png": "png", "application/pdf": "pdf"}[mime]
    name = f"{original.blob.sha256[:16]}-without-metadata.{extension}"
    blob = store.ingest_upload(
        original.evidence,
        ContentFile(data, name=name),
        user,
        role=EvidenceFile.Role.REDACTED,
        derived_from=original.blob,
    )
    return EvidenceFile.objects.select_related("blob").get(
        evidence=original.evidence, blob=blob, role=EvidenceFile.Role.REDACTED
    )


def _shared_files(stored: list[EvidenceFile], user: Any, choice: str) -> _SharedFiles:
    shared = _SharedFiles()
    seen: set[int] = set()
    for evidence_file in stored:
        if evidence_file.pk in seen:
            continue
        seen.add(evidence_file.pk)
        # A restricted item's original leaves the organisation only as its redacted copy.
        boxed = (
            redaction.redacted_copy_of(evidence_file)
            if evidence_file.role == EvidenceFile.Role.ORIGINAL
            and evidence_file.evidence.visibility == Visibility.RESTRICTED
            else None
        )
        if boxed is not None:
            shared.withheld.append(
                {
                    "sha256": evidence_file.blob.sha256,
                    "evidence": evidence_file.evidence_id,
                    "role": evidence_file.role,
                    "redacted": True,
                    "shared_copy": f"files/{boxed.blob.sha256}",
                }
            )
            if boxed.pk not in seen:
                seen.add(boxed.pk)
                shared.shipped.append((boxed, []))
            continue
        locating = metadata.locating_metadata(evidence_file.blob.file_metadata)
        if not locating or choice == KEEP:
            shared.shipped.append((evidence_file, locating))
            continue
        copy = _stripped_copy_of(evidence_file, user)
        shared.withheld.append(
            {
                "sha256": evidence_file.blob.sha256,
                "evidence": evidence_file.evidence_id,
                "role": evidence_file.role,
                "locating_metadata": locating,
                "shared_copy": f"files/{copy.blob.sha256}" if copy else None,
            }
        )
        if copy is not None and copy.pk not in seen:
            seen.add(copy.pk)
            shared.shipped.append((copy, []))
    return shared


def _file_listing(evidence_file: EvidenceFile, locating: list[str]) -> dict[str, Any]:
    item = {
        "path": f"files/{evidence_file.blob.sha256}",
        "evidence": evidence_file.evidence_id,
        "role": evidence_file.role,
        "mime": evidence_file.blob.mime,
        "original_name": evidence_file.original_name,
        "derived_from": evidence_file.derived_from_id,
        "metadata": evidence_file.blob.file_metadata,
    }
    if locating:
        item["locating_metadata"] = locating
    return item


def _write(person: Person, user: Any, path: Path, choice: str) -> dict[str, Any]:
    contents = _contents(person, user)
    stored = list(
        EvidenceFile.objects.filter(evidence__in=contents.evidence)
        .select_related("blob", "evidence")
        .order_by("pk")
    )
    shared = _shared_files(stored, user, choice)
    # The link between an evidence item and each of its stored files (the withheld original's
    # too: its hash is what the shared copy was made from) is a logged record like any other.
    linked = {evidence_file.pk: evidence_file for evidence_file in stored}
    linked.update({f.pk: f for f, _locating in shared.shipped})
    # A withheld original's file name is withheld with it: names like "2019-03-12 Kashgar.jpg"
    # can locate as well as the metadata inside.
    withheld_blobs = {item["sha256"] for item in shared.withheld}
    contents.records += [
        (f, ("original_name",) if f.blob_id in withheld_blobs else ())
        for _pk, f in sorted(linked.items())
    ]
    for item in contents.evidence:
        CustodyEvent.objects.create(
            evidence=item,
            action=CustodyEvent.Action.EXPORTED,
            actor=user,
            detail={"person": person.pk, "locating_metadata": choice},
        )
    listing: list[dict[str, Any]] = []
    redacted: list[dict[str, Any]] = []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:

        def add(name: str, data: bytes) -> None:
            archive.writestr(name, data)
            listing.append(
                {"path": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            )

        for record, withheld in contents.records:
            name = _record_path(record)
            add(name, record_file(record, _committed_entry(record), withheld))
            if withheld:
                redacted.append({"path": name, "fields": sorted(withheld)})
        blobs: dict[str, Blob] = {f.blob.sha256: f.blob for f, _locating in shared.shipped}
        for sha256, blob in sorted(blobs.items()):
            name = f"files/{sha256}"
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED
            with (
                store.open_verified_blob(blob) as source,
                archive.open(info, "w", force_zip64=True) as dst,
            ):
                shutil.copyfileobj(source, dst, 1024 * 1024)
            listing.append({"path": name, "sha256": sha256, "size": blob.size})
        custody = [
            {
                "evidence": event.evidence_id,
                "action": event.action,
                "actor": event.actor_id,
                "actor_username": event.actor.get_username() if event.actor else None,
                "at": log.json_value(event.at),
                "detail": event.detail,
            }
            for event in CustodyEvent.objects.filter(evidence__in=contents.evidence)
            .select_related("actor")
            .order_by("at", "id")
        ]
        add("custody.json", canonical_json(custody))

        uploaded = [*blobs, *(item["sha256"] for item in shared.withheld)]
        keys = {_key(record) for record, _withheld in contents.records}
        relevant = models.Q(record_type="evidence.blob", record_id__in=uploaded)
        for record_type in {k[0] for k in keys}:
            ids = [k[1] for k in keys if k[0] == record_type]
            relevant |= models.Q(record_type=record_type, record_id__in=ids)
        entries = [
            entry
            for entry in LogEntry.objects.filter(relevant)
            .exclude(action=LogEntry.Action.EXPORT)
            .order_by("index")
            # An entry from before fields were salted holds a plain hash of the record as it
            # then was, which a guess can be tested against: such entries stay out.
            if entry.action == LogEntry.Action.UPLOAD or entry.salts
        ]
        manifest = {
            "format": FORMAT,
            "person": {"type": "registry.person", "id": str(person.pk)},
            "exported_at": log.now_text(),
            "exported_by": user.pk,
            "contents": sorted(listing, key=lambda item: item["path"]),
            "evidence_files": [_file_listing(f, locating) for f, locating in shared.shipped],
            "withheld_files": shared.withheld,
            "redacted": sorted(redacted, key=lambda item: item["path"]),
            "log_entries": [entry.index for entry in entries],
        }
        manifest_bytes = canonical_json(manifest)
        archive.writestr(MANIFEST, manifest_bytes)

        # The export is itself logged, with the manifest as its record: the signed tree head
        # then vouches for the manifest, and the manifest for every file.
        export_index = (
            log.append_entries_bulk(
                [
                    log.EntrySpec(
                        "evidence.package",
                        str(person.pk),
                        LogEntry.Action.EXPORT,
                        hashlib.sha256(manifest_bytes).hexdigest(),
                        user.pk,
                    )
                ]
            )
            - 1
        )
        head = log.sign_tree_head(force=True)
        export_entry = LogEntry.objects.get(index=export_index)

        def proof(entry: LogEntry) -> dict[str, Any]:
            return {
                "entry": log.entry_fields(entry),
                "inclusion_path": [n.hex() for n in log.inclusion_proof(entry.index, head.size)],
            }

        archive.writestr(PROOFS, json.dumps([proof(e) for e in entries], indent=1))
        archive.writestr(EXPORT_PROOF, json.dumps(proof(export_entry), indent=1))
        archive.writestr(
            TREE_HEAD, tree_head_message(head.size, head.root_hash, head.timestamp, head.key_id)
        )
        archive.writestr(TREE_HEAD_SIGNATURE, bytes.fromhex(head.signature))
        archive.writestr(PUBLIC_KEY, log.public_key_pem())
    return manifest
