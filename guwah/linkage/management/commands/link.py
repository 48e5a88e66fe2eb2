"""``guwah link dedupe|import|train``: find duplicates, match a list, retrain the model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from guwah.linkage import services
from guwah.linkage.model import ENGINES
from guwah.registry.acting import acting_as
from guwah.registry.management.actor import account, add_actor_argument


class Command(BaseCommand):
    help = "Record linkage: find duplicates in the registry, match an external list, retrain."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

        def engine_option(sub: CommandParser) -> None:
            sub.add_argument(
                "--engine",
                choices=ENGINES,
                default="duckdb",
                help="duckdb on this machine (default) or spark (local mode or a cluster).",
            )
            sub.add_argument(
                "--spark-master",
                default=getattr(settings, "GUWAH_SPARK_MASTER", "local[2]"),
                help="Spark master URL when --engine spark (default local[2]).",
            )

        dedupe = commands.add_parser("dedupe", help="Propose pairs of registry persons to merge.")
        engine_option(dedupe)
        dedupe.add_argument(
            "--threshold",
            type=float,
            default=services.DEFAULT_THRESHOLD,
            help="Lowest match probability to propose (default %(default)s).",
        )

        imported = commands.add_parser(
            "import", help="Match a CSV or XLSX list against the registry without adding to it."
        )
        imported.add_argument("file")
        imported.add_argument(
            "--columns",
            required=True,
            help="field=header pairs, e.g. name=Name,birth_year=Born,county_code=County. "
            f"Fields: {', '.join(services.IMPORT_FIELDS)}.",
        )
        imported.add_argument("--encoding", help="e.g. utf-8, gb18030, utf-16 (default: detect)")
        imported.add_argument("--name", help="A name for the list (default: the file name).")
        imported.add_argument("--threshold", type=float, default=services.DEFAULT_THRESHOLD)
        add_actor_argument(
            imported, "the account the import is recorded under (a documenter or reviewer)"
        )
        engine_option(imported)

        trained = commands.add_parser("train", help="Retrain the model on the registry.")
        engine_option(trained)
        trained.add_argument(
            "--synthetic",
            type=int,
            metavar="PERSONS",
            help="Learn from this many synthetic persons instead of the registry "
            "(how the shipped model is made).",
        )
        trained.add_argument(
            "--calibration-persons",
            type=int,
            default=services.CALIBRATION_PERSONS,
            help="Synthetic persons whose pairs calibrate the probability (default %(default)s).",
        )
        trained.add_argument("--output", help="Write the model here instead of the data directory.")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        progress = options.get("verbosity", 1) >= 1
        try:
            if action == "dedupe":
                run = services.run_dedupe(
                    engine=options["engine"],
                    threshold=options["threshold"],
                    progress=progress,
                    spark_master=options["spark_master"],
                )
                self._report(run)
            elif action == "import":
                actor = account(options["actor"])
                with acting_as(actor):
                    external_list, run = services.import_external_list(
                        options["file"],
                        options["columns"],
                        name=options["name"],
                        encoding=options["encoding"],
                        actor=actor,
                        engine=options["engine"],
                        threshold=options["threshold"],
                        progress=progress,
                        spark_master=options["spark_master"],
                    )
                self.stdout.write(
                    f"Imported {external_list.row_count} rows as list {external_list.pk} "
                    f"({external_list.name}); no registry person was added."
                )
                self._report(run)
            elif action == "train":
                path = services.train_model(
                    engine=options["engine"],
                    progress=progress,
                    synthetic_persons=options["synthetic"],
                    calibration_persons=options["calibration_persons"],
                    output=Path(options["output"]) if options["output"] else None,
                )
                self.stdout.write(self.style.SUCCESS(f"Saved the trained model to {path}"))
        except (services.LinkageError, PermissionDenied) as exc:
            raise CommandError(str(exc)) from exc

    def _report(self, run: services.LinkageRun) -> None:
        self.stdout.write(
            self.style.SUCCESS(
                f"{run.proposed} new pairs to review, {run.updated} rescored, "
                f"{run.already_decided} decided before and not asked again, "
                f"{run.related} between recorded relatives kept out "
                f"(model {run.model_version})."
            )
        )
