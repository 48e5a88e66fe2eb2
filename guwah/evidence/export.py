"""Writing a person's evidence package: records, files, custody, proofs and the signed head.

What goes in is what the exporting user may see (``guwah.registry.access``), and of testimony
and evidence someone else submitted, only what its people agreed may be shared with UN
mechanisms; a witness's name stays out unless they agreed to be named. The package format is
described for investigators in ``docs/evidence.md`` and checked by :mod:`guwah.evidence.package`.
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
from django.db import models, transaction
from django.utils.translation import gettext as _

from guwah.evidence import log, store
from guwah.evidence.canonical import canonical_json, tree_head_message
from guwah.evidence.models import CustodyEvent, EvidenceFile, LogEntry
from guwah.evidence.package import (
    EXPORT_PROOF,
    FORMAT,
    MANIFEST,
    PROOFS,
    PUBLIC_KEY,
    TREE_HEAD,
    TREE_HEAD_SIGNATURE,
)
from guwah.registry import access
from guwah.registry.models import Evidence, FamilyTie, Person, Testimony


class RecordNotLogged(RuntimeError):
    """A record differs from its latest log entry; exporting it would prove nothing."""


@dataclass
class _Contents:
    records: list[tuple[models.Model, bool]] = field(default_factory=list)  # (record, redacted)
    evidence: list[Evidence] = field(default_factory=list)


def _may_share(user: Any, record: Testimony | Evidence) -> bool:
    return record.created_by_id == user.pk or record.consent_share_un


def _contents(person: Person, user: Any) -> _Contents:
    contents = _Contents()
    contents.records.append((person, False))
    contents.records += [(name, False) for name in person.names.all()]
    contents.records += [(document, False) for document in person.documents.all()]
    contents.records += [(event, False) for event in person.events.all()]
    visible = access.persons_visible_to(user)
    ties = FamilyTie.objects.filter(
        models.Q(person=person, relative__in=visible)
        | models.Q(relative=person, person__in=visible)
    )
    contents.records += [(tie, False) for tie in ties]
    for testimony in person.testimonies.all():
        if access.can_view_testimony(user, testimony) and _may_share(user, testimony):
            contents.records.append((testimony, not testimony.consent_name_witness))
    for item in person.evidence.all():
        if access.can_view_evidence(user, item) and _may_share(user, item):
            contents.records.append((item, False))
            contents.evidence.append(item)
    return contents


def _record_path(record: models.Model) -> str:
    return f"records/{log.record_type(record)}/{log._json_value(record.pk)}.json"


def _redacted_json(testimony: models.Model) -> bytes:
    document = log.record_document(testimony)
    document["fields"]["witness_name"] = ""
    document["redacted"] = ["witness_name"]
    return canonical_json(document)


def _latest_entries(records: list[models.Model]) -> dict[tuple[str, str], LogEntry]:
    latest: dict[tuple[str, str], LogEntry] = {}
    for record in records:
        key = (log.record_type(record), str(log._json_value(record.pk)))
        entry = (
            LogEntry.objects.filter(record_type=key[0], record_id=key[1])
            .exclude(action__in=[LogEntry.Action.UPLOAD, LogEntry.Action.EXPORT])
            .order_by("-index")
            .first()
        )
        if entry is not None:
            latest[key] = entry
    return latest


def export_person_package(person: Person, user: Any, out: str | Path) -> dict[str, Any]:
    """Write the package for ``person`` to ``out`` and return its manifest."""
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
            manifest = _write(person, user, Path(partial))
        os.replace(partial, out)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    return manifest


def _write(person: Person, user: Any, path: Path) -> dict[str, Any]:
    contents = _contents(person, user)
    stored = list(
        EvidenceFile.objects.filter(evidence__in=contents.evidence).select_related("blob")
    )
    # The link between an evidence item and its stored file is a logged record like any other.
    contents.records += [(evidence_file, False) for evidence_file in stored]
    records = [record for record, _ in contents.records]
    latest = _latest_entries(records)
    for item in contents.evidence:
        CustodyEvent.objects.create(
            evidence=item,
            action=CustodyEvent.Action.EXPORTED,
            actor=user,
            detail={"person": person.pk},
        )
    listing: list[dict[str, Any]] = []
    redacted: list[str] = []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:

        def add(name: str, data: bytes) -> None:
            archive.writestr(name, data)
            listing.append(
                {"path": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            )

        for record, is_redacted in contents.records:
            name = _record_path(record)
            key = (log.record_type(record), str(log._json_value(record.pk)))
            if is_redacted:
                add(name, _redacted_json(record))
                redacted.append(name)
                continue
            data = log.record_json(record)
            entry = latest.get(key)
            if entry is None or entry.record_sha256 != hashlib.sha256(data).hexdigest():
                raise RecordNotLogged(
                    _("%(record)s %(id)s differs from its latest log entry; run "
                      "'guwah log verify --records' before exporting.")
                    % {"record": key[0], "id": key[1]}
                )  # fmt: skip
            add(name, data)
        blobs = {evidence_file.blob.sha256: evidence_file.blob for evidence_file in stored}
        for sha256, blob in sorted(blobs.items()):
            name = f"files/{sha256}"
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED
            with store.open_blob(blob) as source, archive.open(info, "w", force_zip64=True) as dst:
                shutil.copyfileobj(source, dst, 1024 * 1024)
            listing.append({"path": name, "sha256": sha256, "size": blob.size})
        custody = [
            {
                "evidence": event.evidence_id,
                "action": event.action,
                "actor": event.actor_id,
                "actor_username": event.actor.get_username() if event.actor else None,
                "at": log._json_value(event.at),
                "detail": event.detail,
            }
            for event in CustodyEvent.objects.filter(evidence__in=contents.evidence)
            .select_related("actor")
            .order_by("at", "id")
        ]
        add("custody.json", canonical_json(custody))

        keys = {(log.record_type(r), str(log._json_value(r.pk))) for r in records}
        relevant = models.Q(record_type="evidence.blob", record_id__in=list(blobs))
        for record_type in {k[0] for k in keys}:
            ids = [k[1] for k in keys if k[0] == record_type]
            relevant |= models.Q(record_type=record_type, record_id__in=ids)
        entries = list(
            LogEntry.objects.filter(relevant)
            .exclude(action=LogEntry.Action.EXPORT)
            .order_by("index")
        )
        manifest = {
            "format": FORMAT,
            "person": {"type": "registry.person", "id": str(person.pk)},
            "exported_at": log.now_text(),
            "exported_by": user.pk,
            "contents": sorted(listing, key=lambda item: item["path"]),
            "evidence_files": [
                {
                    "path": f"files/{f.blob.sha256}",
                    "evidence": f.evidence_id,
                    "role": f.role,
                    "mime": f.blob.mime,
                    "original_name": f.original_name,
                    "metadata": f.blob.metadata,
                }
                for f in stored
            ],
            "redacted": sorted(redacted),
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
