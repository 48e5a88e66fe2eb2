"""``guwah names``: convert, compare and evaluate names across scripts; reindex the stored ones."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from guwah.names.evaluation import evaluate_file
from guwah.names.match import (
    detect_script,
    match_key,
    name_parts,
    phonetic,
    similarity,
    transliterate,
)
from guwah.registry.names_index import reindex_all_names


class Command(BaseCommand):
    help = "Convert names between scripts, compare two names, or measure cross-script retrieval."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True)
        convert = commands.add_parser("convert", help="Write names in another Uyghur script.")
        convert.add_argument("--to", default="ug-Latn", choices=["ug-Latn", "ug-Arab", "ug-Cyrl"])
        convert.add_argument("texts", nargs="+", metavar="TEXT")
        compare = commands.add_parser("compare", help="How alike two names are, with their keys.")
        compare.add_argument("a")
        compare.add_argument("b")
        evaluate = commands.add_parser(
            "eval", help="Top-1 retrieval between the script columns of a names TSV, as JSON."
        )
        evaluate.add_argument("path", metavar="FILE.tsv")
        commands.add_parser("reindex", help="Recompute the stored forms and keys of every name.")

    def handle(self, *args: Any, **options: Any) -> None:
        subcommand = options["subcommand"]
        if subcommand == "convert":
            for text in options["texts"]:
                self.stdout.write(transliterate(text, options["to"]))
        elif subcommand == "compare":
            a, b = options["a"], options["b"]
            report = {
                "similarity": round(similarity(a, b), 4),
                "a": _describe(a),
                "b": _describe(b),
            }
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
        elif subcommand == "eval":
            path = Path(options["path"])
            if not path.is_file():
                raise CommandError(_("No such file: %(path)s") % {"path": path})
            try:
                report = evaluate_file(path)
            except ValueError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
        elif subcommand == "reindex":
            count = reindex_all_names()
            self.stdout.write(_("Reindexed %(count)d names.") % {"count": count})


def _describe(text: str) -> dict[str, Any]:
    given, father = name_parts(text)
    return {
        "text": text,
        "script": detect_script(text),
        "uly": transliterate(text, "ug-Latn"),
        "given": given,
        "father": father,
        "phonetic": phonetic(text),
        "match_key": match_key(text),
    }
