"""``guwah log verify | prove ENTRY | sign``: the transparency log from the command line."""

from __future__ import annotations

import json
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from guwah.evidence import log, merkle
from guwah.evidence.models import LogEntry, TreeHead


class Command(BaseCommand):
    help = "Verify the transparency log, prove an entry is in it, or sign a new tree head."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="Recompute the tree and check every tree head.")
        verify.add_argument(
            "--records",
            action="store_true",
            help="Also compare every registry record with its latest entry.",
        )
        prove = sub.add_parser("prove", help="Print an inclusion proof for an entry, as JSON.")
        prove.add_argument("entry", type=int, help="The entry's index.")
        consistency = sub.add_parser(
            "consistency", help="Print a proof that one signed tree head extends an earlier one."
        )
        consistency.add_argument("old", type=int, help="The earlier tree head's id.")
        consistency.add_argument("new", type=int, help="The later tree head's id.")
        sub.add_parser("sign", help="Sign and record a tree head for the log as it is now.")
        sub.add_parser(
            "backfill",
            help="Log every record that has no entry (rows bulk-inserted without signals).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['action']}")(**options)

    def _verify(self, records: bool = False, **options: Any) -> None:
        started = time.perf_counter()
        report = log.verify_log(check_records=records)
        elapsed = time.perf_counter() - started
        for problem in report.problems:
            self.stderr.write(problem)
        if report.more_problems:
            self.stderr.write(f"… and {report.more_problems} more problems")
        if not report.ok:
            raise CommandError(
                f"the log does not verify: {len(report.problems) + report.more_problems} problems"
            )
        self.stdout.write(
            f"OK: {report.size} entries, {report.heads_checked} signed tree heads"
            + (f", {report.records_checked} records" if records else "")
            + f" verified in {elapsed:.2f} s"
        )

    def _prove(self, entry: int, **options: Any) -> None:
        found = LogEntry.objects.filter(index=entry).first()
        if found is None:
            raise CommandError(f"there is no entry {entry}")
        head = log.tree_head_covering(entry)
        proof = log.inclusion_proof(entry, head.size)
        self.stdout.write(
            json.dumps(
                {
                    "entry": log.entry_fields(found),
                    "leaf_hash": found.leaf_hash,
                    "tree_size": head.size,
                    "root_hash": head.root_hash,
                    "inclusion_path": [node.hex() for node in proof],
                    "tree_head": log.tree_head_fields(head),
                },
                indent=2,
                ensure_ascii=False,
            )
        )

    def _sign(self, **options: Any) -> None:
        head = log.sign_tree_head(force=True)
        self.stdout.write(
            f"signed tree head {head.pk}: size {head.size}, root {head.root_hash}, "
            f"key {head.key_id}"
        )

    def _backfill(self, **options: Any) -> None:
        added = log.backfill_unlogged()
        head = log.sign_tree_head(force=False)
        self.stdout.write(f"logged {added} records; the log holds {head.size} entries")

    def _consistency(self, old: int, new: int, **options: Any) -> None:
        heads = {head.pk: head for head in TreeHead.objects.filter(pk__in=[old, new])}
        if old not in heads or new not in heads:
            raise CommandError("there is no such tree head")
        first, second = heads[old], heads[new]
        if not 0 < first.size <= second.size:
            raise CommandError(
                "the first tree head must be non-empty and no larger than the second"
            )
        proof = log.consistency_proof(first.size, second.size)
        try:
            merkle.verify_consistency(
                first.size,
                second.size,
                bytes.fromhex(first.root_hash),
                bytes.fromhex(second.root_hash),
                proof,
            )
        except merkle.ProofError as exc:
            raise CommandError(f"the two tree heads are not consistent: {exc}") from exc
        self.stdout.write(
            json.dumps(
                {
                    "old": log.tree_head_fields(first),
                    "new": log.tree_head_fields(second),
                    "consistency_path": [node.hex() for node in proof],
                },
                indent=2,
            )
        )
