"""Evidence integrity figures, each beside its practical limit; prints JSON.

* ``ingest``: storing a 1 GiB upload (sniff + SHA-256 + write or move + metadata) against
  ``openssl dgst -sha256`` reading the same file in the same run (the hash alone is the floor),
  twice: as Django hands a large upload to a view (already spooled to a temporary file, which
  is hashed in one pass and moved), and streamed from a file object (hashed while written, so
  ``cp`` of the same file is its floor too).
* ``rss``: peak resident memory of a fresh process that ingests a 2 GiB upload, beside the same
  process's peak just before the upload (Django and the database set up).
* ``append``: transparency-log entries per second inside real registry transactions
  (``services.create_person`` with two names, one transaction per person), beside the same
  transactions with the log's signal receivers disconnected; on SQLite and PostgreSQL.
* ``million``: a log of 1,000,000 synthetic entries: ``log verify`` (recompute every leaf, the
  whole tree, the cached subtree hashes and every signed head) and inclusion proofs from the
  database (mean of 1,000 random entries, verified too).

Every file and record is synthetic and made in a temporary directory that is removed afterwards.
PostgreSQL figures use the database ``guwah_bench_evidence`` (dropped and re-created).

    nice .venv/bin/python bench/evidence.py [--quick] [--parts ingest,rss,append,million]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get(
    "GUWAH_BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/guwah_bench_evidence"
)
GiB = 1024**3


def _setup_django(data_dir: Path, database_url: str | None) -> None:
    os.environ["GUWAH_DATA_DIR"] = str(data_dir)
    os.environ["GUWAH_LOG_KEY_PATH"] = str(data_dir / "keys" / "log.pem")
    os.environ["GUWAH_MAX_UPLOAD_BYTES"] = str(4 * GiB)
    if database_url:
        os.environ["DATABASE_URL"] = database_url
        _recreate_pg(database_url)
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "guwah.settings"
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _recreate_pg(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def _synthetic_video(path: Path, size: int) -> None:
    """An MP4-shaped file: an ``ftyp`` box, then one ``mdat`` box of random bytes."""
    rng = random.Random(5)
    with path.open("wb") as handle:
        handle.write(b"\x00\x00\x00\x10ftypisom\x00\x00\x02\x00")
        handle.write((size - 16).to_bytes(4, "big") + b"mdat")
        left = size - 24
        block = rng.randbytes(8 * 1024 * 1024)
        while left > 0:
            step = min(left, len(block))
            handle.write(block[:step])
            left -= step
            block = block[1:] + block[:1]


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def part_ingest(work: Path, size: int) -> dict[str, Any]:
    _setup_django(work / "data", None)
    from django.core.files import File

    from guwah.evidence import store
    from guwah.evidence.models import Blob

    class SpooledUpload(File):
        """What Django hands a view for a large upload: a file already on disk."""

        def temporary_file_path(self) -> str:
            return self.file.name

    source = work / "upload.mp4"
    _synthetic_video(source, size)

    def timed(command: list[str]) -> float:
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        return time.perf_counter() - started

    timed(["openssl", "dgst", "-sha256", str(source)])  # the file is now in the page cache
    openssl_s = timed(["openssl", "dgst", "-sha256", str(source)])
    cp_s = timed(["cp", str(source), str(work / "copy")])
    (work / "copy").unlink()
    subprocess.run(["sync"], check=True)

    started = time.perf_counter()
    with source.open("rb") as handle:
        blob = store.store_file(handle).blob
    streamed_s = time.perf_counter() - started
    expected = subprocess.run(
        ["openssl", "dgst", "-sha256", "-r", str(source)], capture_output=True, text=True
    ).stdout.split()[0]
    assert blob.sha256 == expected, "the two hashes differ"
    store.blob_storage().delete(store.blob_name(blob.sha256))
    Blob.objects.all().delete()
    subprocess.run(["sync"], check=True)

    started = time.perf_counter()
    with source.open("rb") as handle:
        spooled = store.store_file(SpooledUpload(handle)).blob
    spooled_s = time.perf_counter() - started
    assert spooled.sha256 == expected
    return {
        "bytes": size,
        "openssl_dgst_seconds": round(openssl_s, 3),
        "cp_seconds": round(cp_s, 3),
        "spooled_upload_ingest_seconds": round(spooled_s, 3),
        "spooled_upload_ratio_to_openssl": round(spooled_s / openssl_s, 2),
        "streamed_ingest_seconds": round(streamed_s, 3),
        "streamed_ratio_to_openssl": round(streamed_s / openssl_s, 2),
        "streamed_ratio_to_cp": round(streamed_s / cp_s, 2),
    }


def part_rss(work: Path, size: int) -> dict[str, Any]:
    _setup_django(work / "data", None)
    from guwah.evidence import store

    source = work / "upload.mp4"
    _synthetic_video(source, size)
    before = _rss_mib()
    with source.open("rb") as handle:
        blob = store.store_file(handle).blob
    after = _rss_mib()
    source.unlink()
    return {
        "bytes": blob.size,
        "peak_rss_before_upload_mib": round(before, 1),
        "peak_rss_after_upload_mib": round(after, 1),
        "growth_mib": round(after - before, 1),
    }


def part_append(work: Path, persons: int, database_url: str | None) -> dict[str, Any]:
    _setup_django(work / "data", database_url)
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from guwah.evidence import signals
    from guwah.evidence.models import LogEntry
    from guwah.registry import services
    from guwah.registry.roles import Role

    user = get_user_model().objects.create_user("bench-documenter")
    user.groups.add(Group.objects.get_or_create(name=Role.DOCUMENTER.value)[0])

    def run(label: str) -> tuple[float, int]:
        before = LogEntry.objects.count()
        started = time.perf_counter()
        for i in range(persons):
            services.create_person(
                user,
                names=[
                    {"text": f"Synthetic Person {label} {i}", "script": "und-Latn"},
                    {"text": f"Sintetik {label} {i}", "script": "ug-Latn", "kind": "alias"},
                ],
                synthetic=True,
            )
        return time.perf_counter() - started, LogEntry.objects.count() - before

    with_log_s, entries = run("logged")
    for model in signals._models:
        post_save.disconnect(sender=model, dispatch_uid=f"guwah-log-save-{model._meta.label}")
        post_delete.disconnect(sender=model, dispatch_uid=f"guwah-log-delete-{model._meta.label}")
    m2m_changed.disconnect(dispatch_uid="guwah-log-m2m")
    without_log_s, unlogged = run("unlogged")
    assert unlogged == 0
    return {
        "transactions": persons,
        "entries": entries,
        "entries_per_second": round(entries / with_log_s, 1),
        "transactions_per_second_with_log": round(persons / with_log_s, 1),
        "transactions_per_second_without_log": round(persons / without_log_s, 1),
        "ratio_time_with_to_without_log": round(with_log_s / without_log_s, 2),
    }


def part_million(work: Path, entries: int, database_url: str | None) -> dict[str, Any]:
    _setup_django(work / "data", database_url)
    from guwah.evidence import log, merkle

    def specs() -> Iterator[log.EntrySpec]:
        for i in range(entries):
            yield log.EntrySpec(
                "registry.person",
                str(i // 4),
                "create" if i % 4 == 0 else "update",
                f"{i:064x}",
                i % 7 or None,
                f"2026-01-01T00:00:00.{i % 1000000:06d}Z",
            )

    started = time.perf_counter()
    log.append_entries_bulk(specs(), batch_size=20000)
    append_s = time.perf_counter() - started
    head = log.sign_tree_head()
    started = time.perf_counter()
    report = log.verify_log()
    verify_s = time.perf_counter() - started
    assert report.ok and report.size == entries, report.problems
    rng = random.Random(9)
    sample = [rng.randrange(entries) for _ in range(1000)]
    root = bytes.fromhex(head.root_hash)
    leaves = {
        e.index: bytes.fromhex(e.leaf_hash) for e in log.LogEntry.objects.filter(index__in=sample)
    }
    started = time.perf_counter()
    proofs = [log.inclusion_proof(index, head.size) for index in sample]
    prove_s = (time.perf_counter() - started) / len(sample)
    started = time.perf_counter()
    for index, proof in zip(sample, proofs, strict=True):
        merkle.verify_inclusion(leaves[index], index, head.size, proof, root)
    check_s = (time.perf_counter() - started) / len(sample)
    return {
        "entries": entries,
        "bulk_append_seconds": round(append_s, 1),
        "log_verify_seconds": round(verify_s, 2),
        "inclusion_proof_ms": round(prove_s * 1000, 3),
        "inclusion_verify_ms": round(check_s * 1000, 3),
        "proof_length": len(proofs[0]),
    }


PARTS = {
    "ingest": lambda work, quick: part_ingest(work, (64 if quick else 1024) * 2**20),
    "rss": lambda work, quick: part_rss(work, (128 if quick else 2048) * 2**20),
    "append_sqlite": lambda work, quick: part_append(work, 50 if quick else 500, None),
    "append_postgresql": lambda work, quick: part_append(work, 50 if quick else 500, PG_URL),
    "million_sqlite": lambda work, quick: part_million(work, 20_000 if quick else 1_000_000, None),
    "million_postgresql": lambda work, quick: part_million(
        work, 20_000 if quick else 1_000_000, PG_URL
    ),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="Small sizes, to try the script.")
    parser.add_argument("--parts", default=",".join(PARTS), help="Comma-separated parts.")
    parser.add_argument("--part", help=argparse.SUPPRESS)  # one part, in a fresh process
    parser.add_argument("--work", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.part:
        print(json.dumps(PARTS[args.part](Path(args.work), args.quick)))
        return
    results: dict[str, Any] = {
        "benchmark": "evidence",
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}",
        "quick": args.quick,
    }
    for part in args.parts.split(","):
        # Each part runs in a fresh process, so that memory and settings start clean.
        work = Path(tempfile.mkdtemp(prefix=f"guwah-bench-{part}-"))
        try:
            command = [sys.executable, __file__, "--part", part, "--work", str(work)]
            if args.quick:
                command.append("--quick")
            done = subprocess.run(command, capture_output=True, text=True)
            if done.returncode:
                results[part] = {"error": done.stderr.strip().splitlines()[-1:]}
            else:
                results[part] = json.loads(done.stdout.strip().splitlines()[-1])
        finally:
            shutil.rmtree(work, ignore_errors=True)
        print(json.dumps({part: results[part]}), file=sys.stderr)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
