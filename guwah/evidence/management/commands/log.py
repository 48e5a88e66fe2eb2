"""``guwah log verify | prove ENTRY | consistency OLD NEW | since SIZE | sign | backfill``: the
transparency log from the command line."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from guwah.evidence import log, merkle, store
from guwah.evidence.models import LogEntry, TreeHead
from guwah.registry import access
from guwah.registry.management.actor import account


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
        verify.add_argument(
            "--heads",
            action="append",
            type=Path,
            default=[],
            metavar="FILE",
            help="Also check the tree heads in FILE (a published or witnessed copy); repeatable.",
        )
        verify.add_argument(
            "--files",
            action="store_true",
            help="Also re-hash every stored file and compare it with its content address.",
        )
        prove = sub.add_parser("prove", help="Print an inclusion proof for an entry, as JSON.")
        prove.add_argument("entry", type=int, help="The entry's index.")
        consistency = sub.add_parser(
            "consistency", help="Print a proof that one signed tree head extends an earlier one."
        )
        consistency.add_argument("old", type=int, help="The earlier tree head's id.")
        consistency.add_argument("new", type=int, help="The later tree head's id.")
        since = sub.add_parser(
            "since",
            help="Print a proof that the latest signed tree head extends the log at SIZE entries.",
        )
        since.add_argument("size", type=int, help="The size of an earlier (published) head.")
        sub.add_parser("sign", help="Sign and record a tree head for the log as it is now.")
        backfill = sub.add_parser(
            "backfill",
            help="List every record that has no entry; with --confirm, log them as backfilled.",
        )
        backfill.add_argument(
            "--confirm",
            metavar="TOKEN",
            help="The token printed for the list of records to log; nothing else is logged.",
        )
        backfill.add_argument(
            "--as",
            dest="actor",
            metavar="USERNAME",
            help="With --confirm: the administrator the backfilled entries are recorded under.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['action']}")(**options)

    def _verify(
        self,
        records: bool = False,
        files: bool = False,
        heads: list[Path] | None = None,
        **options: Any,
    ) -> None:
        missing = [str(path) for path in heads or [] if not path.is_file()]
        if missing:
            raise CommandError(f"no such file: {', '.join(missing)}")
        started = time.perf_counter()
        report = log.verify_log(
            check_records=records,
            open_blob=store.open_blob if files else None,
            published=heads or [],
        )
        elapsed = time.perf_counter() - started
        for problem in report.problems:
            self.stderr.write(problem)
        if report.more_problems:
            self.stderr.write(f"… and {report.more_problems} more problems")
        if report.unsigned_from is not None:
            # Not a failure by itself: the head of a transaction that just committed may not be
            # signed yet. Entries that stay unsigned were written where no head was signed.
            first, last = report.unsigned_from, report.size - 1
            span = f"entry {first} is" if first == last else f"entries {first}–{last} are"
            self.stderr.write(
                f"{span} not yet covered by a signed tree head; "
                "check them before running `guwah log sign`"
            )
        if not report.ok:
            raise CommandError(
                f"the log does not verify: {len(report.problems) + report.more_problems} problems"
            )
        self.stdout.write(
            f"OK: {report.size} entries, {report.heads_checked} signed tree heads"
            + (f", {report.records_checked} records" if records else "")
            + (f", {report.files_checked} stored files" if files else "")
            + f" verified in {elapsed:.2f} s"
            + (f" ({report.backfilled} entries backfilled)" if report.backfilled else "")
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
                    "backfilled": found.backfilled,
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

    def _since(self, size: int, **options: Any) -> None:
        head = log.latest_tree_head()
        if head is None or head.size < size:
            head = log.sign_tree_head(force=False)
        if not 0 < size <= head.size:
            raise CommandError(f"no consistency proof from {size} to {head.size} entries")
        self.stdout.write(
            json.dumps(
                {
                    "old_size": size,
                    "new": log.tree_head_fields(head),
                    "consistency_path": [
                        node.hex() for node in log.consistency_proof(size, head.size)
                    ],
                },
                indent=2,
            )
        )

    def _sign(self, **options: Any) -> None:
        head = log.sign_tree_head(force=True)
        self.stdout.write(
            f"signed tree head {head.pk}: size {head.size}, root {head.root_hash}, "
            f"key {head.key_id}"
        )

    def _backfill(
        self, confirm: str | None = None, actor: str | None = None, **options: Any
    ) -> None:
        pending = log.unlogged_records()
        if not pending.count:
            self.stdout.write("every record has a log entry; nothing to backfill")
            return
        if confirm is None:
            # A record without an entry may have been planted by SQL: logging it would make it
            # look recorded, so whoever confirms must have seen exactly what is added.
            for label, ids in pending.records.items():
                shown = ", ".join(ids[:20]) + (
                    f" and {len(ids) - 20} more" if len(ids) > 20 else ""
                )
                self.stdout.write(f"{label}: {len(ids)} without an entry: {shown}")
            raise CommandError(
                f"nothing was logged. To log these {pending.count} records as backfilled, "
                f"run `guwah log backfill --confirm {pending.token} --as ADMINISTRATOR`"
            )
        if actor is None:
            raise CommandError("nothing was logged: name the administrator who confirms with --as")
        administrator = account(actor)
        if not access.can_backfill_log(administrator):
            raise CommandError(
                f"nothing was logged: {administrator.get_username()} is not an administrator"
            )
        try:
            added = log.backfill_unlogged(confirm, administrator)
        except log.BackfillRefused as exc:
            raise CommandError(f"nothing was logged: {exc}") from exc
        head = log.sign_tree_head(force=False)
        self.stdout.write(
            f"logged {added} records as backfilled; the log holds {head.size} entries"
        )

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
