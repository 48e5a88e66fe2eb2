"""List and fill the translations of Guwah's interface, one language at a time.

    python scripts/translations.py missing ug          # untranslated msgids, as JSON lines
    python scripts/translations.py missing ug --fuzzy  # ... and the fuzzy ones awaiting a check
    python scripts/translations.py fill ug batch.jsonl # write the msgstrs a file gives
    python scripts/translations.py review ug           # the fuzzy ones as docs/translations.md rows

Each line of a fill file is a JSON object: ``msgid`` (and ``msgctxt`` where the entry has one),
then either ``msgstr`` or, for plural entries, ``msgstr_plural`` (a list, one form per plural form
of the language), and ``fuzzy`` (true when a native speaker should check the wording) with ``why``
(the doubt, kept as a translator's comment in the catalogue for the review list). A line that
names no entry of the catalogue, or drops a placeholder of the English, is refused with the line
number and nothing is written, so a bad batch loses nothing already in the catalogue.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "guwah" / "locale"

# Python's %-placeholders (named or not) and str.format's braces, as Django's strings use them.
PLACEHOLDER = re.compile(r"%\([A-Za-z_][A-Za-z0-9_]*\)[sdifr]|%[sdif]|\{[A-Za-z_][A-Za-z0-9_]*\}")


def placeholders(text: str) -> list[str]:
    """The placeholders of a string, sorted, so their order may change in translation."""
    return sorted(PLACEHOLDER.findall(text))


def catalogue_path(language: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / language / "LC_MESSAGES" / "django.po"


def load(language: str, locale_dir: Path = LOCALE_DIR) -> polib.POFile:
    path = catalogue_path(language, locale_dir)
    if not path.exists():
        raise SystemExit(f"No catalogue for {language!r} at {path}")
    return polib.pofile(str(path), wrapwidth=79)


REVIEW_LIST = ROOT / "docs" / "translations.md"


def _cell(text: str) -> str:
    return text.replace("\n", " ").replace("|", "\\|")


def review_row(entry: polib.POEntry) -> str:
    """The entry as a row of the review table in docs/translations.md."""
    forms = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
    rendering = entry.msgstr or " / ".join(forms)
    return f"| {_cell(entry.msgid)} | {_cell(rendering)} | {_cell(entry.tcomment or '')} |"


def listed_for_review(entry: polib.POEntry, review_list: str) -> bool:
    """Whether a fuzzy entry is a translator's, listed for a native speaker's check: msgmerge's
    guesses from a similar old string (with or without a ``#| msgid`` line) are not."""
    return not entry.previous_msgid and f"\n| {_cell(entry.msgid)} |" in review_list


def untranslated(
    catalogue: polib.POFile, include_fuzzy: bool = False, review_list: str | None = None
) -> Iterable[polib.POEntry]:
    """Entries with an empty msgstr (any empty plural form counts), fuzzy ones not listed for
    review (when the review list is given), and optionally every fuzzy one."""
    for entry in catalogue:
        if entry.obsolete or not entry.msgid:
            continue
        if entry.msgid_plural:
            forms = [entry.msgstr_plural.get(i, "") for i in range(plural_count(catalogue))]
            empty = any(not form for form in forms)
        else:
            empty = not entry.msgstr
        # A fuzzy entry nobody listed for review is msgmerge's guess from a similar string.
        fuzzy = "fuzzy" in entry.flags
        guessed = fuzzy and (
            bool(entry.previous_msgid)
            or (review_list is not None and not listed_for_review(entry, review_list))
        )
        if empty or guessed or (include_fuzzy and fuzzy):
            yield entry


def plural_count(catalogue: polib.POFile) -> int:
    match = re.search(r"nplurals\s*=\s*(\d+)", catalogue.metadata.get("Plural-Forms", ""))
    return int(match.group(1)) if match else 2


def describe(entry: polib.POEntry) -> dict[str, object]:
    row: dict[str, object] = {"msgid": entry.msgid}
    if entry.msgctxt:
        row["msgctxt"] = entry.msgctxt
    if entry.msgid_plural:
        row["msgid_plural"] = entry.msgid_plural
    row["where"] = [path for path, _line in entry.occurrences[:3]]
    return row


def fill(catalogue: polib.POFile, rows: list[dict[str, object]]) -> int:
    """Write the given translations into the catalogue; refuse the whole batch on any bad row."""
    nplurals = plural_count(catalogue)
    plans: list[tuple[polib.POEntry, dict[str, object]]] = []
    problems: list[str] = []
    for number, row in enumerate(rows, start=1):
        msgid = row.get("msgid")
        context = row.get("msgctxt")
        entry = catalogue.find(msgid, msgctxt=context) if isinstance(msgid, str) else None
        if entry is None:
            problems.append(f"line {number}: no entry for msgid {msgid!r}")
            continue
        wanted = placeholders(entry.msgid)
        if entry.msgid_plural:
            forms = row.get("msgstr_plural")
            if not isinstance(forms, list) or len(forms) != nplurals or not all(forms):
                problems.append(
                    f"line {number}: {msgid!r} needs msgstr_plural with {nplurals} forms"
                )
                continue
            english = set(wanted) | set(placeholders(entry.msgid_plural))
            # A singular form may leave the count out ("one relative"); the last form keeps all.
            if any(not set(placeholders(str(form))) <= english for form in forms) or set(
                placeholders(str(forms[-1]))
            ) != set(placeholders(entry.msgid_plural)):
                problems.append(f"line {number}: {msgid!r} changes the placeholders")
                continue
        else:
            text = row.get("msgstr")
            if not isinstance(text, str) or not text:
                problems.append(f"line {number}: {msgid!r} has no msgstr")
                continue
            if placeholders(text) != wanted:
                problems.append(f"line {number}: {msgid!r} must keep the placeholders {wanted}")
        plans.append((entry, row))
    if problems:
        raise SystemExit("Nothing written:\n" + "\n".join(problems))
    for entry, row in plans:
        if entry.msgid_plural:
            entry.msgstr_plural = {i: str(form) for i, form in enumerate(row["msgstr_plural"])}  # type: ignore[arg-type]
        else:
            entry.msgstr = str(row["msgstr"])
        if row.get("fuzzy"):
            if "fuzzy" not in entry.flags:
                entry.flags.append("fuzzy")
            entry.tcomment = str(row.get("why") or entry.tcomment or "")
        elif "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
            entry.tcomment = ""
        entry.previous_msgid = None
        entry.previous_msgid_plural = None
        entry.previous_msgctxt = None
    return len(plans)


REVIEW_TABLE = "| English | Uyghur rendering | why unsure |\n|---|---|---|\n"


def update_review_list(rows: list[str]) -> None:
    """Replace the table that ends docs/translations.md with these rows."""
    text = REVIEW_LIST.read_text(encoding="utf-8")
    if REVIEW_TABLE not in text:
        raise SystemExit(f"{REVIEW_LIST} has no review table to rewrite")
    head = text[: text.index(REVIEW_TABLE)]
    REVIEW_LIST.write_text(
        head + REVIEW_TABLE + "".join(row + "\n" for row in rows), encoding="utf-8"
    )


def read_rows(path: Path) -> list[dict[str, object]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as error:
            raise SystemExit(f"{path}:{number}: not JSON ({error})") from error
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--locale-dir", type=Path, default=LOCALE_DIR)
    commands = parser.add_subparsers(dest="command", required=True)
    missing = commands.add_parser("missing", help="print untranslated msgids as JSON lines")
    missing.add_argument("language")
    missing.add_argument("--fuzzy", action="store_true", help="include fuzzy entries")
    missing.add_argument("--limit", type=int, default=0, help="at most this many")
    filling = commands.add_parser("fill", help="write msgstrs from a JSON-lines file")
    filling.add_argument("language")
    filling.add_argument("file", type=Path)
    review = commands.add_parser("review", help="print the fuzzy entries as review-table rows")
    review.add_argument("language")
    review.add_argument(
        "--update-docs", action="store_true", help="rewrite the Uyghur table of the review list"
    )
    args = parser.parse_args(argv)

    catalogue = load(args.language, args.locale_dir)
    if args.command == "review":
        rows = [
            review_row(entry)
            for entry in catalogue
            if "fuzzy" in entry.flags and not entry.obsolete and entry.msgid
        ]
        if args.update_docs:
            update_review_list(rows)
        else:
            print("\n".join(rows))
        return 0
    if args.command == "missing":
        listed = REVIEW_LIST.read_text(encoding="utf-8") if REVIEW_LIST.exists() else None
        for count, entry in enumerate(untranslated(catalogue, args.fuzzy, listed), start=1):
            print(json.dumps(describe(entry), ensure_ascii=False))
            if args.limit and count >= args.limit:
                break
        return 0
    written = fill(catalogue, read_rows(args.file))
    catalogue.save(str(catalogue_path(args.language, args.locale_dir)))
    left = sum(1 for _ in untranslated(catalogue))
    print(f"{written} written, {left} still untranslated in {args.language}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
