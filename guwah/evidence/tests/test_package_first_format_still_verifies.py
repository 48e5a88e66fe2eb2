"""Packages made before fields were salted (format 1) still verify, by their whole-record hashes."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from guwah.evidence import log
from guwah.evidence.canonical import canonical_json, tree_head_message
from guwah.evidence.models import LogEntry
from guwah.evidence.package import (
    EXPORT_PROOF,
    FORMAT_V1,
    MANIFEST,
    PROOFS,
    PUBLIC_KEY,
    TREE_HEAD,
    TREE_HEAD_SIGNATURE,
    verify_package,
)

pytestmark = pytest.mark.django_db


def first_format_package(person, tmp_path: Path, shipped: bytes | None = None) -> Path:
    """A package as the first format wrote it: the record file's SHA-256 is its entry's.
    ``shipped`` replaces the record file (and its listing) with other bytes."""
    logged = log.record_json(person)
    data = logged if shipped is None else shipped
    entry = log.append_entries_bulk([log.EntrySpec(
        "registry.person", str(person.pk), "update", hashlib.sha256(logged).hexdigest()
    )]) - 1  # fmt: skip
    name = f"records/registry.person/{person.pk}.json"
    listing = {"path": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    manifest = canonical_json(
        {"format": FORMAT_V1, "contents": [listing], "redacted": [], "log_entries": [entry]}
    )
    export = log.append_entries_bulk([log.EntrySpec(
        "evidence.package", str(person.pk), "export", hashlib.sha256(manifest).hexdigest()
    )]) - 1  # fmt: skip
    head = log.sign_tree_head(force=True)

    def proof(index: int) -> dict[str, Any]:
        return {
            "entry": log.entry_fields(LogEntry.objects.get(index=index)),
            "inclusion_path": [n.hex() for n in log.inclusion_proof(index, head.size)],
        }

    out = tmp_path / "first-format.zip"
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(name, data)
        archive.writestr(MANIFEST, manifest)
        archive.writestr(PROOFS, json.dumps([proof(entry)]))
        archive.writestr(EXPORT_PROOF, json.dumps(proof(export)))
        archive.writestr(
            TREE_HEAD, tree_head_message(head.size, head.root_hash, head.timestamp, head.key_id)
        )
        archive.writestr(TREE_HEAD_SIGNATURE, bytes.fromhex(head.signature))
        archive.writestr(PUBLIC_KEY, log.public_key_pem())
    return out


def published_key() -> str:
    return log.key_id(log.signing_key().public_key())


def test_a_first_format_package_verifies(person, tmp_path) -> None:
    report = verify_package(first_format_package(person, tmp_path), expected_key_id=published_key())
    assert report.ok, report.problems
    assert report.format == FORMAT_V1


def test_a_first_format_record_that_is_not_the_logged_one_is_named(person, tmp_path) -> None:
    other = log.record_json(person).replace(b'"birth_date":"1978"', b'"birth_date":"1979"')
    package = first_format_package(person, tmp_path, shipped=other)
    report = verify_package(package, expected_key_id=published_key())
    [problem] = report.problems
    assert problem.startswith(f"records/registry.person/{person.pk}.json: does not match log entry")
