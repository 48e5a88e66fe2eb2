"""Cross-script retrieval accuracy of ``similarity`` on a table of names written in several scripts.

For every row and every ordered pair of its non-empty script columns (X, Y), the row's X form is the
query and the Y forms of all rows are ranked by ``similarity``; it is a hit when the query's own row
ranks first. Another row counts as tied with it only when its Y form is the very same text. Forms in
``latin_variants`` (separated by ``|`` or ``;``) are further Latin forms of their row: queries of
their own, and candidates that stand for their row.

Retrieval ranks by similarity; blocking and the key index need more, the same ``match_key``. The
report therefore also gives, for the Chinese characters and pinyin forms, the share whose key
equals the key of one of their row's Latin or Uyghur Arabic forms.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from pathlib import Path

from guwah.names.match import match_key, similarity

COLUMNS = ("latin", "uyghur_arabic", "chinese", "pinyin")
_VARIANT_SEPARATOR = re.compile(r"\s*[|;]\s*")

# The columns whose keys are compared with the keys of the row's Uyghur and Latin forms.
KEYED_COLUMNS = ("chinese", "pinyin")
REFERENCE_COLUMNS = ("latin", "uyghur_arabic")

# The groups the acceptance thresholds speak of.
GROUPS = {
    "arabic<->latin": {("uyghur_arabic", "latin"), ("latin", "uyghur_arabic")},
    "chinese_or_pinyin->latin": {("chinese", "latin"), ("pinyin", "latin")},
}


def read_rows(path: Path) -> list[dict[str, list[str]]]:
    """The forms of each row of a names TSV, by column; raises ValueError on a wrong header."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = [column for column in COLUMNS if column not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
        rows = []
        for record in reader:
            forms = {column: [(record.get(column) or "").strip()] for column in COLUMNS}
            variants = _VARIANT_SEPARATOR.split((record.get("latin_variants") or "").strip())
            forms["latin"].extend(variants)
            rows.append(
                {column: [form for form in values if form] for column, values in forms.items()}
            )
    return rows


def evaluate_rows(rows: list[dict[str, list[str]]]) -> dict[str, object]:
    """Top-1 accuracy per ordered script pair, per acceptance group and overall."""
    hits: dict[tuple[str, str], int] = {}
    totals: dict[tuple[str, str], int] = {}
    for index, row in enumerate(rows):
        for source in COLUMNS:
            for target in COLUMNS:
                if source == target or not row[source] or not row[target]:
                    continue
                for query in row[source]:
                    pair = (source, target)
                    totals[pair] = totals.get(pair, 0) + 1
                    hits[pair] = hits.get(pair, 0) + _is_hit(query, index, rows, target)
    pairs = {
        f"{source}->{target}": {
            "queries": totals[(source, target)],
            "top1": round(hits[(source, target)] / totals[(source, target)], 4),
        }
        for source, target in sorted(totals)
    }
    groups = {}
    for group, members in GROUPS.items():
        total = sum(totals.get(pair, 0) for pair in members)
        if total:
            hit = sum(hits.get(pair, 0) for pair in members)
            groups[group] = {"queries": total, "top1": round(hit / total, 4)}
    total = sum(totals.values())
    overall = {"queries": total, "top1": round(sum(hits.values()) / total, 4) if total else None}
    return {
        "rows": len(rows),
        "pairs": pairs,
        "groups": groups,
        "overall": overall,
        "key_agreement": key_agreement(rows),
    }


def key_agreement(rows: list[dict[str, list[str]]]) -> dict[str, dict[str, object]]:
    """Per Chinese-script column and together: how many forms key like their row's other forms."""
    agreeing: dict[str, int] = dict.fromkeys(KEYED_COLUMNS, 0)
    forms: dict[str, int] = dict.fromkeys(KEYED_COLUMNS, 0)
    for row in rows:
        references = {match_key(form) for column in REFERENCE_COLUMNS for form in row[column]}
        if not references:
            continue
        for column in KEYED_COLUMNS:
            for form in row[column]:
                forms[column] += 1
                agreeing[column] += match_key(form) in references
    counts = {column: (forms[column], agreeing[column]) for column in KEYED_COLUMNS}
    counts["chinese_or_pinyin"] = (sum(forms.values()), sum(agreeing.values()))
    return {
        label: {"forms": total, "same_key": agree, "share": round(agree / total, 4)}
        for label, (total, agree) in counts.items()
        if total
    }


def _is_hit(query: str, own: int, rows: list[dict[str, list[str]]], target: str) -> int:
    own_forms = rows[own][target]
    own_score = _best(query, own_forms)
    for index, row in enumerate(rows):
        if index == own or not row[target]:
            continue
        score = _best(query, row[target])
        if score > own_score or (score == own_score and not set(row[target]) & set(own_forms)):
            return 0
    return 1


def _best(query: str, forms: Iterable[str]) -> float:
    return max(similarity(query, form) for form in forms)


def evaluate_file(path: Path) -> dict[str, object]:
    """``evaluate_rows`` of the TSV at ``path``, which it names in the report."""
    report = evaluate_rows(read_rows(path))
    return {"file": str(path), **report}
