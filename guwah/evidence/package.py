"""Checking an evidence package offline, with nothing but the package.

Pure Python (the standard library, ``cryptography`` for Ed25519, and the Merkle module), so that
an investigator can run ``python -m guwah.evidence.package verify OUT.zip`` without Guwah
installed as a server, or redo every step by hand as ``docs/evidence.md`` describes.

The package is read straight from the zip: nothing is extracted, nothing is written anywhere.
Member names that could escape a directory, oversized or suspiciously compressed members, and
more data than a member declares are refused before any content is trusted.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from guwah.evidence import commitment, merkle
from guwah.evidence.canonical import LEAF_FIELDS, entry_leaf_data

# Version 2: records are proven through salted per-field commitments, and may withhold fields.
FORMAT = "guwah-evidence-package/2"
# Version 1: a record file's SHA-256 was its entry's ``record_sha256``; redacted files unproven.
FORMAT_V1 = "guwah-evidence-package/1"
FORMATS = {FORMAT, FORMAT_V1}
MANIFEST = "manifest.json"
PROOFS = "log/proofs.json"
EXPORT_PROOF = "log/export.json"
TREE_HEAD = "log/tree_head.json"
TREE_HEAD_SIGNATURE = "log/tree_head.sig"
PUBLIC_KEY = "log/public_key.pem"
LOG_FILES = {PROOFS, EXPORT_PROOF, TREE_HEAD, TREE_HEAD_SIGNATURE, PUBLIC_KEY}
RECORD_ACTIONS = {"create", "update", "merge", "recommit"}

MAX_MEMBERS = 100_000
MAX_TOTAL_BYTES = 64 * 1024**3
MAX_JSON_BYTES = 256 * 1024**2
MAX_RATIO = 200
_SAFE_NAME = re.compile(r"^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$")


class PackageRefused(ValueError):
    """The package cannot even be opened safely (a zip bomb, a path-traversal name)."""


@dataclass
class PackageReport:
    problems: list[str] = field(default_factory=list)
    checked_files: int = 0
    checked_entries: int = 0
    tree_size: int = 0
    key_id: str = ""
    # Whether the signing key was checked against a fingerprint obtained apart from the package.
    key_pinned: bool = False
    format: str = ""
    withheld_fields: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def fail(self, where: str, what: str) -> None:
        self.problems.append(f"{where}: {what}")


def _safe_members(archive: zipfile.ZipFile, *, max_total: int) -> dict[str, zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise PackageRefused(f"the package holds {len(infos)} files; at most {MAX_MEMBERS}")
    members: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        name = info.filename
        if (
            not _SAFE_NAME.match(name)
            or any(part in (".", "..") for part in name.split("/"))
            or name in members
        ):
            raise PackageRefused(f"unsafe or repeated file name in the package: {name!r}")
        if info.is_dir():
            continue
        total += info.file_size
        if total > max_total:
            raise PackageRefused("the package unpacks to more than it may (a zip bomb?)")
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise PackageRefused(f"{name} is compressed {MAX_RATIO}-fold or more (a zip bomb?)")
        members[name] = info
    return members


def _chunks(handle: IO[bytes], limit: int) -> Iterator[bytes]:
    read = 0
    while chunk := handle.read(1024 * 1024):
        read += len(chunk)
        if read > limit:
            raise PackageRefused("a file holds more data than its header declares")
        yield chunk


class DamagedMember(ValueError):
    """A member whose bytes do not match the zip's own checksum or do not decompress."""

    def __init__(self, name: str, error: BaseException) -> None:
        super().__init__(f"{name} is damaged inside the zip ({error})")
        self.name = name


class _Package:
    def __init__(self, archive: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo]) -> None:
        self.archive = archive
        self.members = members

    def digest(self, name: str) -> tuple[str, int]:
        info = self.members[name]
        sha = hashlib.sha256()
        size = 0
        try:
            with self.archive.open(info) as handle:
                for chunk in _chunks(handle, info.file_size):
                    sha.update(chunk)
                    size += len(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise DamagedMember(name, exc) from exc
        return sha.hexdigest(), size

    def read(self, name: str) -> bytes:
        info = self.members.get(name)
        if info is None:
            raise KeyError(name)
        if info.file_size > MAX_JSON_BYTES:
            raise PackageRefused(f"{name} is too large to be what it claims")
        try:
            with self.archive.open(info) as handle:
                return b"".join(_chunks(handle, info.file_size))
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise DamagedMember(name, exc) from exc

    def json(self, name: str) -> Any:
        return json.loads(self.read(name).decode("utf-8"))


def _hex32(value: Any) -> bytes:
    if not isinstance(value, str) or not re.fullmatch(r"[0-9a-f]{64}", value):
        raise ValueError("not a SHA-256 in lower-case hex")
    return bytes.fromhex(value)


def _check_proof(item: Any, size: int, root: bytes) -> dict[str, Any]:
    """One ``{"entry": ..., "inclusion_path": [...]}`` against the signed root; the entry back."""
    entry = item["entry"]
    if not isinstance(entry, dict) or set(entry) != set(LEAF_FIELDS):
        raise ValueError("the entry does not have exactly the fields of a log leaf")
    path = [_hex32(node) for node in item["inclusion_path"]]
    merkle.verify_inclusion(
        merkle.leaf_hash(entry_leaf_data(entry)), int(entry["index"]), size, path, root
    )
    return entry


def verify_package(
    path: str | Path,
    *,
    expected_key_id: str | None = None,
    trust_package_key: bool = False,
    max_total_bytes: int = MAX_TOTAL_BYTES,
) -> PackageReport:
    """Check every file, manifest field, proof and the signature; report each mismatch by name.

    Anyone can make a package consistent with a key of their own, so a package verifies only
    against ``expected_key_id`` (the fingerprint Guwah publishes) or, with ``trust_package_key``,
    once the caller has compared the fingerprint some other way; otherwise every other check
    still runs and the unchecked key is reported as a problem.
    """
    report = PackageReport()
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise PackageRefused(f"not a readable zip file: {exc}") from exc
    with archive:
        package = _Package(archive, _safe_members(archive, max_total=max_total_bytes))
        try:
            _verify(package, report, expected_key_id)
            if not expected_key_id and not trust_package_key and report.key_id:
                report.fail(
                    PUBLIC_KEY,
                    f"signed by key {report.key_id}, which was not checked against the "
                    "fingerprint Guwah publishes; compare it, then pass it as the expected key",
                )
        except DamagedMember as exc:
            report.fail(exc.name, "damaged inside the zip: its bytes do not match its checksum")
    return report


def _verify(package: _Package, report: PackageReport, expected_key_id: str | None) -> None:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    missing = sorted((LOG_FILES | {MANIFEST}) - set(package.members))
    if missing:
        for name in missing:
            report.fail(name, "missing from the package")
        return

    # 1. The tree head: signed by the key in the package (and by the expected key, if given).
    try:
        public_key = serialization.load_pem_public_key(package.read(PUBLIC_KEY))
        if not isinstance(public_key, Ed25519PublicKey):
            raise ValueError("not an Ed25519 key")
        raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        report.key_id = hashlib.sha256(raw).hexdigest()
    except ValueError as exc:
        report.fail(PUBLIC_KEY, f"not a usable public key ({exc})")
        return
    if expected_key_id and expected_key_id.strip().lower() != report.key_id:
        report.fail(PUBLIC_KEY, f"signed by an unknown key {report.key_id}")
        return
    report.key_pinned = bool(expected_key_id)
    head_bytes = package.read(TREE_HEAD)
    try:
        public_key.verify(package.read(TREE_HEAD_SIGNATURE), head_bytes)
    except InvalidSignature:
        report.fail(
            TREE_HEAD,
            f"the signature in {TREE_HEAD_SIGNATURE} does not match it under the key "
            f"in {PUBLIC_KEY}",
        )
        return
    try:
        head = json.loads(head_bytes)
        size, root = int(head["size"]), _hex32(head["root_hash"])
        if head["key_id"] != report.key_id:
            raise ValueError("key_id is not the package's public key")
    except (ValueError, KeyError, TypeError) as exc:
        report.fail(TREE_HEAD, f"not a valid tree head ({exc})")
        return
    report.tree_size = size

    # 2. The manifest is the record of the export entry, which is in the signed tree.
    manifest_bytes = package.read(MANIFEST)
    manifest_sha = hashlib.sha256(manifest_bytes).hexdigest()
    try:
        export = _check_proof(package.json(EXPORT_PROOF), size, root)
        if export["action"] != "export":
            raise ValueError("the entry is not an export")
    except (ValueError, KeyError, TypeError) as exc:
        report.fail(EXPORT_PROOF, f"the export entry is not proven in the log ({exc})")
        return
    if export["record_sha256"] != manifest_sha:
        # Carry on: the checks below usually show which listed file the change concerns.
        report.fail(MANIFEST, "its SHA-256 is not the one the log recorded at export")
    try:
        manifest = json.loads(manifest_bytes)
        if manifest.get("format") not in FORMATS:
            raise ValueError(f"unknown format {manifest.get('format')!r}")
        report.format = manifest["format"]
        listed = {item["path"]: item for item in manifest["contents"]}
        # Checked here so that a damaged manifest is named, not a crash further on.
        for item in listed.values():
            if not isinstance(item["sha256"], str) or not isinstance(item["size"], int):
                raise ValueError(f"{item['path']} is listed without a SHA-256 and size")
        if not all(isinstance(index, int) for index in manifest["log_entries"]):
            raise ValueError("log_entries holds something other than entry numbers")
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        report.fail(MANIFEST, f"not a valid manifest ({exc})")
        return

    # 3. Every file is listed, and matches the manifest byte for byte.
    for name in sorted(set(package.members) - set(listed) - LOG_FILES - {MANIFEST}):
        report.fail(name, "not listed in the manifest")
    for name, item in sorted(listed.items()):
        if name not in package.members:
            report.fail(name, "listed in the manifest but missing from the package")
            continue
        try:
            digest, size_read = package.digest(name)
        except DamagedMember:
            report.fail(name, "damaged inside the zip: its bytes do not match its checksum")
            continue
        report.checked_files += 1
        if digest != item["sha256"] or size_read != item["size"]:
            report.fail(name, "its SHA-256 or size does not match the manifest")
        elif name.startswith("files/") and name != f"files/{digest}":
            report.fail(name, "a stored file is not named by its SHA-256")

    # 4. Every log entry the manifest names is proven in the same signed tree.
    try:
        proofs = package.json(PROOFS)
    except ValueError as exc:
        report.fail(PROOFS, f"not valid JSON ({exc})")
        return
    entries: dict[int, dict[str, Any]] = {}
    for position, item in enumerate(proofs):
        where = f"{PROOFS} item {position}"
        try:
            entry = _check_proof(item, size, root)
        except (ValueError, KeyError, TypeError) as exc:
            index = item.get("entry", {}).get("index") if isinstance(item, dict) else None
            if index is not None:
                where = f"log entry {index} ({where})"
            report.fail(where, f"the inclusion proof does not verify ({exc})")
            continue
        entries[int(entry["index"])] = entry
        report.checked_entries += 1
    wanted = set(manifest["log_entries"])
    for index in sorted(wanted - set(entries)):
        report.fail(f"log entry {index}", "named in the manifest but not proven")

    # 5. Each record file is the record as the log last recorded it; each file was uploaded.
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    uploads = set()
    for index in sorted(entries):
        entry = entries[index]
        if entry["action"] in RECORD_ACTIONS:
            latest[(entry["record_type"], entry["record_id"])] = entry
        elif entry["action"] == "upload":
            uploads.add(entry["record_id"])
    # Only the first format needs the list: its redacted record files could not be compared.
    redacted = set(manifest.get("redacted", [])) if report.format == FORMAT_V1 else set()
    for name, item in sorted(listed.items()):
        match = re.fullmatch(r"records/([a-z0-9_.]+)/([A-Za-z0-9_.-]+)\.json", name)
        if match and (report.format == FORMAT or name not in redacted):
            recorded = latest.get((match[1], match[2]))
            if recorded is None:
                report.fail(name, "no log entry in the package records it")
            elif report.format == FORMAT_V1:
                if recorded["record_sha256"] != item["sha256"]:
                    report.fail(
                        name, f"does not match log entry {recorded['index']}, its latest change"
                    )
            else:
                _check_record(package, report, name, match[1], match[2], recorded)
        elif name.startswith("files/") and name[6:] not in uploads:
            report.fail(name, "no upload entry in the package records it")


def _check_record(
    package: _Package,
    report: PackageReport,
    name: str,
    record_type: str,
    record_id: str,
    entry: dict[str, Any],
) -> None:
    """A version 2 record file: its disclosed fields and salts, with the leaf hashes of its
    withheld fields, give the commitment its latest entry holds."""
    try:
        record = package.json(name)
        if record["type"] != record_type or str(record["id"]) != record_id:
            raise ValueError("its type or id is not the one its name says")
        digest = commitment.disclosed_commitment(
            record["fields"], record["salts"], record["withheld"]
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        report.fail(name, f"not a valid record ({exc})")
        return
    if digest != entry["record_sha256"]:
        report.fail(name, f"does not match log entry {entry['index']}, its latest change")
    report.withheld_fields += len(record["withheld"])


def unchecked_key_warning(key_id: str) -> str:
    """What to tell someone who verified a package without saying which key to expect."""
    return (
        "\n"
        "!!! THE SIGNING KEY WAS NOT CHECKED !!!\n"
        "This package is signed by the key with fingerprint\n"
        f"\n    {key_id}\n\n"
        "Anyone can make a package that is consistent with a key of their own. Compare this\n"
        "fingerprint with the one Guwah publishes, then verify again with --key-id FINGERPRINT\n"
        "(or --trust-key, if you have compared it some other way).\n"
    )


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m guwah.evidence.package",
        description="Check a Guwah evidence package offline, with nothing but the package.",
    )
    sub = parser.add_subparsers(dest="action", required=True)
    verify = sub.add_parser("verify", help="check a package")
    verify.add_argument("package")
    verify.add_argument("key_id", nargs="?", help="the fingerprint Guwah publishes")
    verify.add_argument("--key-id", dest="key_option", help="the fingerprint Guwah publishes")
    verify.add_argument(
        "--trust-key",
        action="store_true",
        help="accept the key in the package (having compared its fingerprint yourself)",
    )
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    expected = args.key_option or args.key_id
    try:
        report = verify_package(
            args.package, expected_key_id=expected, trust_package_key=args.trust_key
        )
    except PackageRefused as exc:
        print(f"REFUSED: {exc}")
        return 1
    for problem in report.problems:
        print(f"FAIL {problem}")
    if report.key_id and not expected and not args.trust_key:
        print(unchecked_key_warning(report.key_id))
    if not report.ok:
        return 1
    print(ok_line(report))
    return 0


def ok_line(report: PackageReport) -> str:
    withheld = (
        f"; {report.withheld_fields} withheld fields are proven by their hashes alone"
        if report.withheld_fields
        else ""
    )
    return (
        f"OK: {report.checked_files} files and {report.checked_entries} log entries match "
        f"the tree head of {report.tree_size} entries signed by key {report.key_id}{withheld}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
