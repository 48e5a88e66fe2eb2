"""Finding duplicates, matching imported lists, and acting on what reviewers decide.

Views, commands and tests all call these functions. The model itself (``guwah.linkage.model``)
knows nothing of Django; this module feeds it the registry and writes back what it proposes.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from django.conf import settings
from django.core import serializers
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from tqdm import tqdm

from guwah.evidence import log
from guwah.linkage import features as feature_columns
from guwah.linkage.model import LinkageModel, predict_duplicates, predict_links, train
from guwah.linkage.models import (
    CandidatePair,
    Decision,
    ExternalList,
    ExternalRecord,
    Merge,
    external_ref,
    person_ref,
)
from guwah.linkage.tables import Table, TableError, open_table, sha256_of
from guwah.registry import access
from guwah.registry.models import (
    Event,
    FamilyTie,
    IdentityDocument,
    Name,
    Person,
    Place,
)

DEFAULT_THRESHOLD = 0.5
IMPORT_BATCH = 5000
MODEL_FILE = re.compile(r"^model-(\d{4,})\.json$")
IMPORT_FIELDS = (
    "name",
    "given_name",
    "father_name",
    "sex",
    "birth_year",
    "county_code",
    "prefecture_code",
    "id_number",
    "mother_name",
    "facility_code",
    "detention_year",
)
MAX_LISTED_PROBLEMS = 10


class LinkageError(ValueError):
    """A request the linkage services refuse; the message is meant for the person who made it."""


class ImportFileError(LinkageError):
    """An external list that cannot be imported as given; nothing of it was kept."""


def _require_reviewer(actor: Any) -> None:
    if not can_review(actor):
        raise PermissionDenied(_("Only documenters and reviewers decide on matches."))


def can_review(user: Any) -> bool:
    """Proposed matches span every family's records, so only the organisation's staff see them."""
    return access.is_staff_member(user)


# Models ----------------------------------------------------------------------------------------


def model_directory() -> Path:
    return Path(settings.DATA_DIR) / "linkage"


def current_model() -> tuple[LinkageModel, str]:
    """The latest model trained for this registry, or the one shipped with Guwah."""
    directory = model_directory()
    trained = sorted(
        (int(match.group(1)), path)
        for path in (directory.iterdir() if directory.is_dir() else [])
        if (match := MODEL_FILE.match(path.name))
    )
    if trained:
        version, path = trained[-1]
        return LinkageModel.load(path), f"v{version}"
    return LinkageModel.default(), "default"


def train_model(*, engine: str = "duckdb", progress: bool = False) -> Path:
    """Train on the registry as it is now and save the next model version beside the others."""
    records = registry_records(progress=progress)
    if len(records) < 50:
        raise LinkageError(
            _("The registry has %(count)d names; training needs at least 50.")
            % {"count": len(records)}
        )
    model = train(feature_columns.prepare(records), engine)
    directory = model_directory()
    directory.mkdir(parents=True, exist_ok=True)
    existing = [
        int(match.group(1))
        for path in directory.iterdir()
        if (match := MODEL_FILE.match(path.name))
    ]
    version = max(existing, default=0) + 1
    model.metadata["version"] = version
    path = directory / f"model-{version:04d}.json"
    model.save(path)
    return path


# The registry as records ----------------------------------------------------------------------


def _place_codes() -> dict[int, tuple[str | None, str | None]]:
    """County and prefecture code of every place, found by walking up its parents."""
    places = {row["pk"]: row for row in Place.objects.values("pk", "code", "level", "parent_id")}

    def code(row: Mapping[str, Any]) -> str:
        return row["code"] or f"place:{row['pk']}"

    codes: dict[int, tuple[str | None, str | None]] = {}
    for pk in places:
        county = prefecture = None
        node: Mapping[str, Any] | None = places[pk]
        for _depth in range(10):
            if node is None:
                break
            if node["level"] == Place.Level.COUNTY and county is None:
                county = code(node)
            if node["level"] == Place.Level.PREFECTURE and prefecture is None:
                prefecture = code(node)
            node = places.get(node["parent_id"]) if node["parent_id"] else None
        codes[pk] = (county, prefecture)
    return codes


def registry_records(
    persons: Iterable[int] | None = None, *, progress: bool = False
) -> pd.DataFrame:
    """One record per name of every person (a person written in three scripts gives three).

    ``unique_id`` is the name's id and ``person_id`` the person's, so that pairs between two
    names of one person can be dropped and pairs of names summed up per pair of persons.
    """
    name_rows = Name.objects.order_by("pk")
    person_rows = Person.objects.all()
    if persons is not None:
        wanted = list(persons)
        name_rows = name_rows.filter(person_id__in=wanted)
        person_rows = person_rows.filter(pk__in=wanted)
    names = pd.DataFrame.from_records(
        name_rows.values("pk", "person_id", "text"), columns=["pk", "person_id", "text"]
    )
    people = {
        row["pk"]: row for row in person_rows.values("pk", "sex", "birth_year", "hometown_id")
    }
    places = _place_codes()
    # The resident identity card when there is one (it is what official lists carry), else
    # the first document recorded.
    documents: dict[int, str] = {}
    resident_cards: dict[int, str] = {}
    for person_id, number, kind in IdentityDocument.objects.values_list(
        "person_id", "number", "kind"
    ).order_by("pk"):
        documents.setdefault(person_id, number)
        if kind == IdentityDocument.Kind.PRC_RESIDENT_ID:
            resident_cards.setdefault(person_id, number)
    documents.update(resident_cards)
    mothers: dict[int, int] = dict(
        FamilyTie.objects.filter(
            relation=FamilyTie.Relation.PARENT, relative__sex=Person.Sex.FEMALE
        ).values_list("person_id", "relative_id")
    )
    mother_names: dict[int, str] = {}
    for mother_id, text in (
        Name.objects.filter(person_id__in=set(mothers.values()))
        .order_by("pk")
        .values_list("person_id", "text")
    ):
        mother_names.setdefault(mother_id, text)
    detentions: dict[int, tuple[str, int | None]] = {}
    for person_id, facility_id, date_sort in (
        Event.objects.filter(facility__isnull=False)
        .order_by("date_sort", "pk")
        .values_list("person_id", "facility_id", "date_sort")
    ):
        detentions.setdefault(
            person_id, (f"facility:{facility_id}", date_sort.year if date_sort else None)
        )
    rows = []
    for pk, person_id, text in tqdm(
        names[["pk", "person_id", "text"]].itertuples(index=False),
        total=len(names),
        desc=_("Reading the registry"),
        unit=" names",
        disable=not progress,
    ):
        person = people.get(person_id)
        if person is None:
            continue
        county, prefecture = places.get(person["hometown_id"], (None, None))
        facility, detained = detentions.get(person_id, (None, None))
        mother = mothers.get(person_id)
        rows.append(
            {
                "unique_id": str(pk),
                "person_id": person_id,
                "name": text,
                "sex": person["sex"] or None,
                "birth_year": person["birth_year"],
                "county_code": county,
                "prefecture_code": prefecture,
                "id_number": documents.get(person_id),
                "mother_name": mother_names.get(mother) if mother else None,
                "facility_code": facility,
                "detention_year": detained,
            }
        )
    return pd.DataFrame(
        rows,
        columns=["unique_id", "person_id", *feature_columns.RECORD_COLUMNS[1:]],
    )


# Finding duplicates ---------------------------------------------------------------------------


@dataclass
class LinkageRun:
    proposed: int  # new pairs in the review queue
    updated: int  # pending pairs whose scores changed
    already_decided: int  # pairs someone has decided before, not asked again
    model_version: str


def _decided_refs() -> set[tuple[str, str]]:
    return set(Decision.objects.values_list("left_ref", "right_ref"))


def _ordered(a: str, b: str) -> tuple[str, str]:
    return (a, b) if _ref_key(a) <= _ref_key(b) else (b, a)


def _ref_key(ref: str) -> tuple[int, int]:
    # Persons sort before list rows, so a pair with a list row always has the person on the left.
    kind, _sep, number = ref.partition(":")
    return (0 if kind == "person" else 1, int(number))


def _best_per_pair(scored: pd.DataFrame, left_ref: pd.Series, right_ref: pd.Series) -> pd.DataFrame:
    """Keep, for each pair of records, the strongest of the pairs between their names."""
    frame = scored.assign(left_ref=left_ref.to_numpy(), right_ref=right_ref.to_numpy())
    frame = frame[frame["left_ref"] != frame["right_ref"]]
    swap = [
        _ref_key(a) > _ref_key(b)
        for a, b in zip(frame["left_ref"], frame["right_ref"], strict=True)
    ]
    swap_series = pd.Series(swap, index=frame.index, dtype=bool)
    left = frame["left_ref"].where(~swap_series, frame["right_ref"])
    right = frame["right_ref"].where(~swap_series, frame["left_ref"])
    frame = frame.assign(left_ref=left, right_ref=right)
    frame = frame.sort_values("match_weight", ascending=False)
    return frame.drop_duplicates(["left_ref", "right_ref"], keep="first")


def _save_pairs(
    best: pd.DataFrame,
    model_version: str,
    *,
    external_records: Mapping[str, int] | None = None,
    progress: bool = False,
) -> LinkageRun:
    from guwah.linkage.model import explanation

    decided = _decided_refs()
    existing = {
        (pair.left_ref, pair.right_ref): pair
        for pair in CandidatePair.objects.filter(
            left_ref__in=set(best["left_ref"]), right_ref__in=set(best["right_ref"])
        )
    }
    new_pairs: list[CandidatePair] = []
    updated: list[CandidatePair] = []
    already_decided = 0
    for row in tqdm(
        best.to_dict("records"),
        desc=_("Saving proposed pairs"),
        unit=" pairs",
        disable=not progress,
    ):
        refs = (row["left_ref"], row["right_ref"])
        if refs in decided:
            already_decided += 1
            continue
        steps = explanation(row)
        pair = existing.get(refs)
        if pair is not None:
            if pair.status == CandidatePair.Status.PENDING:
                pair.match_probability = float(row["match_probability"])
                pair.match_weight = float(row["match_weight"])
                pair.explanation = steps
                pair.model_version = model_version
                updated.append(pair)
            else:
                already_decided += 1
            continue
        right_kind, _sep, right_number = refs[1].partition(":")
        new_pairs.append(
            CandidatePair(
                person_id=int(refs[0].partition(":")[2]),
                other_person_id=int(right_number) if right_kind == "person" else None,
                external_record_id=(
                    external_records[refs[1]]
                    if external_records and right_kind == "external"
                    else None
                ),
                left_ref=refs[0],
                right_ref=refs[1],
                match_probability=float(row["match_probability"]),
                match_weight=float(row["match_weight"]),
                explanation=steps,
                model_version=model_version,
            )
        )
    CandidatePair.objects.bulk_create(new_pairs, batch_size=1000)
    CandidatePair.objects.bulk_update(
        updated,
        ["match_probability", "match_weight", "explanation", "model_version"],
        batch_size=1000,
    )
    return LinkageRun(len(new_pairs), len(updated), already_decided, model_version)


def run_dedupe(
    *,
    engine: str = "duckdb",
    threshold: float | None = None,
    progress: bool = False,
    spark_master: str = "local[2]",
) -> LinkageRun:
    """Score the registry against itself and put new candidate pairs in the review queue."""
    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    if not 0 < threshold < 1:
        raise LinkageError(_("The threshold is a probability between 0 and 1."))
    model, version = current_model()
    records = registry_records(progress=progress)
    if records.empty:
        return LinkageRun(0, 0, 0, version)
    prepared = feature_columns.prepare(records)
    scored = predict_duplicates(
        prepared, model, threshold=threshold, engine=engine, spark_master=spark_master
    )
    person_of = dict(zip(records["unique_id"], records["person_id"], strict=True))
    best = _best_per_pair(
        scored,
        scored["unique_id_l"].map(lambda uid: person_ref(person_of[uid])),
        scored["unique_id_r"].map(lambda uid: person_ref(person_of[uid])),
    )
    with transaction.atomic():
        return _save_pairs(best, version, progress=progress)


# Importing external lists ----------------------------------------------------------------------


def parse_columns(spec: str) -> dict[str, str]:
    """``name=Full name,birth_year=Year`` → {"name": "Full name", "birth_year": "Year"}."""
    mapping: dict[str, str] = {}
    for item in spec.split(","):
        if not item.strip():
            continue
        field, sep, header = item.partition("=")
        if not sep or not header.strip():
            raise ImportFileError(
                _("Write each column as field=header, e.g. name=Full name; got %(item)r.")
                % {"item": item}
            )
        mapping[field.strip()] = header.strip()
    return mapping


def _check_columns(columns: Mapping[str, str], table: Table) -> dict[str, int]:
    unknown = sorted(set(columns) - set(IMPORT_FIELDS))
    if unknown:
        raise ImportFileError(
            _("Unknown field(s) %(unknown)s; the fields are: %(fields)s.")
            % {"unknown": ", ".join(unknown), "fields": ", ".join(IMPORT_FIELDS)}
        )
    if "name" not in columns and "given_name" not in columns:
        raise ImportFileError(_("Say which column holds the name: name=<column header>."))
    positions = {header: i for i, header in enumerate(table.header)}
    missing = [header for header in columns.values() if header not in positions]
    if missing:
        raise ImportFileError(
            _("The file has no column %(missing)s. Its columns are: %(present)s.")
            % {
                "missing": ", ".join(repr(m) for m in missing),
                "present": ", ".join(repr(h) for h in table.header) or _("none"),
            }
        )
    return {field: positions[header] for field, header in columns.items()}


_YEAR = re.compile(r"(1[89]\d\d|20\d\d)")


def _year(text: str) -> int | None:
    match = _YEAR.search(text)
    return int(match.group(1)) if match else None


def _listed(rows: list[str], total: int) -> str:
    shown = ", ".join(rows[:MAX_LISTED_PROBLEMS])
    if total > MAX_LISTED_PROBLEMS:
        shown += " " + _("and %(more)d more") % {"more": total - MAX_LISTED_PROBLEMS}
    return shown


def import_external_list(
    path: Path | str,
    columns: Mapping[str, str] | str,
    *,
    name: str | None = None,
    encoding: str | None = None,
    actor: Any = None,
    engine: str = "duckdb",
    threshold: float | None = None,
    progress: bool = False,
    spark_master: str = "local[2]",
) -> tuple[ExternalList, LinkageRun]:
    """Import a CSV or XLSX list and propose matches between its rows and registry persons.

    The list's rows are kept as external records, never as persons. Anything wrong with the
    file (a column missing, text in another encoding, rows without a name, the same row twice)
    stops the import with a message naming the rows, and nothing of it is kept.
    """
    if actor is not None:
        _require_reviewer(actor)
    path = Path(path)
    mapping = parse_columns(columns) if isinstance(columns, str) else dict(columns)
    try:
        table = open_table(path, encoding)
    except TableError as exc:
        raise ImportFileError(str(exc)) from exc
    positions = _check_columns(mapping, table)
    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    name_field = "name" if "name" in positions else "given_name"

    with transaction.atomic():
        external_list = ExternalList.objects.create(
            name=name or path.stem,
            source_file=path.name,
            sha256=sha256_of(path),
            encoding=table.encoding,
            columns=mapping,
            imported_by=actor if getattr(actor, "pk", None) else None,
        )
        collected: dict[str, list[Any]] = {field: [] for field in (*IMPORT_FIELDS, "row_number")}
        seen: dict[int, int] = {}
        empty_names: list[str] = []
        duplicates: list[str] = []
        batch: list[ExternalRecord] = []
        count = 0
        try:
            for row_number, cells in tqdm(
                table.rows,
                desc=_("Reading %(file)s") % {"file": path.name},
                unit=" rows",
                disable=not progress,
            ):
                if not any(cell.strip() for cell in cells):
                    continue  # blank lines at the end of a spreadsheet export
                values = {
                    field: (cells[i].strip() if i < len(cells) else "")
                    for field, i in positions.items()
                }
                if not values.get(name_field):
                    empty_names.append(str(row_number))
                    continue
                fingerprint = hash(tuple(values.get(field, "") for field in IMPORT_FIELDS))
                if fingerprint in seen:
                    duplicates.append(
                        _("%(row)d (same as %(first)d)")
                        % {"row": row_number, "first": seen[fingerprint]}
                    )
                    continue
                seen[fingerprint] = row_number
                count += 1
                if empty_names or duplicates:
                    continue  # the import will fail; keep reading only to report every row
                record = _external_record(external_list, row_number, values)
                batch.append(record)
                for field in IMPORT_FIELDS:
                    collected[field].append(getattr(record, field) or None)
                collected["row_number"].append(row_number)
                if len(batch) >= IMPORT_BATCH:
                    ExternalRecord.objects.bulk_create(batch)
                    batch = []
        except TableError as exc:
            raise ImportFileError(str(exc)) from exc
        problems = []
        if empty_names:
            problems.append(
                _("%(count)d row(s) have no name: %(rows)s.")
                % {"count": len(empty_names), "rows": _listed(empty_names, len(empty_names))}
            )
        if duplicates:
            problems.append(
                _("%(count)d row(s) repeat an earlier row: %(rows)s.")
                % {"count": len(duplicates), "rows": _listed(duplicates, len(duplicates))}
            )
        if problems:
            raise ImportFileError(
                " ".join([*problems, _("Nothing was imported; correct the file and try again.")])
            )
        if count == 0:
            raise ImportFileError(_("The file has a header but no rows."))
        ExternalRecord.objects.bulk_create(batch)
        external_list.row_count = count
        external_list.save(update_fields=["row_count"])
        run = _link_external_list(
            external_list,
            collected,
            engine=engine,
            threshold=threshold,
            progress=progress,
            spark_master=spark_master,
        )
    return external_list, run


def _external_record(
    external_list: ExternalList, row_number: int, values: Mapping[str, str]
) -> ExternalRecord:
    def text(field: str, limit: int) -> str:
        return values.get(field, "")[:limit]

    name = values.get("name") or " ".join(
        part for part in (values.get("given_name", ""), values.get("father_name", "")) if part
    )
    return ExternalRecord(
        external_list=external_list,
        row_number=row_number,
        name=name[:300],
        given_name=text("given_name", 200),
        father_name=text("father_name", 200),
        sex=text("sex", 20),
        birth_year=_year(values.get("birth_year", "")),
        county_code=text("county_code", 12),
        prefecture_code=text("prefecture_code", 12),
        id_number=text("id_number", 64),
        mother_name=text("mother_name", 200),
        facility_code=text("facility_code", 64),
        detention_year=_year(values.get("detention_year", "")),
    )


def _link_external_list(
    external_list: ExternalList,
    collected: Mapping[str, list[Any]],
    *,
    engine: str,
    threshold: float,
    progress: bool,
    spark_master: str,
) -> LinkageRun:
    model, version = current_model()
    registry = registry_records(progress=progress)
    if registry.empty:
        return LinkageRun(0, 0, 0, version)
    ids = dict(
        ExternalRecord.objects.filter(external_list=external_list).values_list("row_number", "pk")
    )
    listed = pd.DataFrame({field: collected[field] for field in IMPORT_FIELDS})
    listed.insert(0, "unique_id", [str(ids[row]) for row in collected["row_number"]])
    scored = predict_links(
        feature_columns.prepare(listed),
        feature_columns.prepare(registry),
        model,
        threshold=threshold,
        engine=engine,
        spark_master=spark_master,
    )
    person_of = dict(zip(registry["unique_id"], registry["person_id"], strict=True))
    best = _best_per_pair(
        scored,
        scored["unique_id_r"].map(lambda uid: person_ref(person_of[uid])),
        scored["unique_id_l"].map(lambda uid: external_ref(int(uid))),
    )
    refs = {external_ref(pk): pk for pk in ids.values()}
    return _save_pairs(best, version, external_records=refs, progress=progress)


# Decisions -------------------------------------------------------------------------------------


def pairs_for_review(
    user: Any, *, minimum: float = 0.0, maximum: float = 1.0, status: str = "pending"
) -> models.QuerySet[CandidatePair]:
    """The queue a reviewer works through: pairs whose records still exist, strongest first."""
    if not can_review(user):
        return CandidatePair.objects.none()
    pairs = CandidatePair.objects.filter(
        status=status,
        match_probability__gte=minimum,
        match_probability__lte=maximum,
        person__isnull=False,
    ).filter(models.Q(other_person__isnull=False) | models.Q(external_record__isnull=False))
    return pairs.select_related("person", "other_person", "external_record__external_list")


def _remember(pair: CandidatePair, outcome: str, actor: Any, reason: str) -> Decision:
    decision, _created = Decision.objects.update_or_create(
        left_ref=pair.left_ref,
        right_ref=pair.right_ref,
        defaults={"outcome": outcome, "decided_by": actor, "reason": reason},
    )
    return decision


def _close(pair: CandidatePair, status: str, actor: Any, reason: str) -> None:
    pair.status = status
    pair.decided_by = actor
    pair.decided_at = timezone.now()
    pair.reason = reason
    pair.save(update_fields=["status", "decided_by", "decided_at", "reason"])


def reject_pair(pair: CandidatePair, actor: Any, reason: str) -> CandidatePair:
    """Two different people: remembered, so the pair is never proposed again."""
    _require_reviewer(actor)
    reason = _required_reason(reason)
    with transaction.atomic():
        pair = CandidatePair.objects.select_for_update().get(pk=pair.pk)
        if pair.status != CandidatePair.Status.PENDING:
            raise LinkageError(_("This pair has already been decided."))
        _close(pair, CandidatePair.Status.REJECTED, actor, reason)
        _remember(pair, Decision.Outcome.DISTINCT, actor, reason)
    return pair


def accept_pair(pair: CandidatePair, actor: Any, reason: str) -> Merge | None:
    """The same person. Two registry persons are merged; a list row is recorded as a match."""
    _require_reviewer(actor)
    reason = _required_reason(reason)
    with transaction.atomic():
        pair = CandidatePair.objects.select_for_update().get(pk=pair.pk)
        if pair.status != CandidatePair.Status.PENDING:
            raise LinkageError(_("This pair has already been decided."))
        if pair.person is None or (pair.other_person is None and pair.external_record is None):
            raise LinkageError(_("One of the two records no longer exists."))
        if pair.other_person is not None:
            return merge_persons(pair.person, pair.other_person, actor, reason, pair=pair)
        _close(pair, CandidatePair.Status.ACCEPTED, actor, reason)
        _remember(pair, Decision.Outcome.SAME, actor, reason)
        return None


def _required_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise LinkageError(_("Say why: a decision without a reason cannot be reviewed later."))
    return reason


# Merging and undoing ---------------------------------------------------------------------------


def _person_relations() -> list[tuple[type[models.Model], str]]:
    """Every (model, column) that points at a person, including many-to-many link tables."""
    relations: list[tuple[type[models.Model], str]] = []
    for relation in Person._meta.related_objects:
        if relation.many_to_many:
            through = relation.through  # type: ignore[attr-defined]
            for field in through._meta.get_fields():
                if getattr(field, "related_model", None) is Person and field.concrete:
                    relations.append((through, field.attname))
        elif relation.one_to_many or relation.one_to_one:
            relations.append((relation.related_model, relation.field.attname))  # type: ignore[arg-type]
    relations.append((CandidatePair, "person_id"))
    relations.append((CandidatePair, "other_person_id"))
    return relations


class _ExactEncoder(DjangoJSONEncoder):
    """Django's encoder with times to the microsecond; its own stops at the millisecond."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def _link_owners(rows: Iterable[models.Model]) -> list[models.Model]:
    """The records whose many-to-many field a row of an automatic link table belongs to.

    Django sends no signal when such a row is saved or deleted one by one, so the transparency
    log would not learn that, say, a testimony is now about the survivor of a merge.
    """
    owners: dict[tuple[type[models.Model], Any], models.Model] = {}
    for row in rows:
        meta = type(row)._meta
        if not meta.auto_created:
            continue
        for field in meta.concrete_fields:
            related = getattr(field, "related_model", None)
            if related is None or related is Person or related is type(row):
                continue
            pk = getattr(row, field.attname)
            if (related, pk) not in owners:
                owner = related._base_manager.filter(pk=pk).first()
                if owner is not None:
                    owners[(related, pk)] = owner
    return list(owners.values())


def _log_changes(records: Iterable[models.Model]) -> None:
    """Append a log entry for each record as it is now, in the caller's transaction."""
    logged = set(log.logged_models())
    for record in records:
        if type(record) in logged:
            log.record_change(record, log.Action.UPDATE)


def _snapshot(person_ids: list[int]) -> list[dict[str, Any]]:
    """Serialised rows of both persons and of every row that refers to either of them."""
    seen: set[tuple[str, Any]] = set()
    objects: list[models.Model] = []
    for person in Person.objects.filter(pk__in=person_ids).order_by("pk"):
        objects.append(person)
        seen.add((Person._meta.label_lower, person.pk))
    for model, column in _person_relations():
        for row in model._base_manager.filter(**{f"{column}__in": person_ids}).order_by("pk"):
            key = (model._meta.label_lower, row.pk)
            if key not in seen:
                seen.add(key)
                objects.append(row)
    return json.loads(json.dumps(serializers.serialize("python", objects), cls=_ExactEncoder))


def merge_persons(
    survivor: Person,
    merged: Person,
    actor: Any,
    reason: str,
    *,
    pair: CandidatePair | None = None,
) -> Merge:
    """Fold ``merged`` into ``survivor``, keeping every name, event, document, testimony,
    evidence item and family tie, and recording who decided and why.

    A tie that would become a duplicate, or a tie between the two persons themselves, is
    removed; the snapshot keeps it for :func:`undo_merge`.
    """
    _require_reviewer(actor)
    reason = _required_reason(reason)
    if survivor.pk == merged.pk:
        raise LinkageError(_("A person cannot be merged with themselves."))
    with transaction.atomic():
        survivor = Person.objects.select_for_update().get(pk=survivor.pk)
        merged = Person.objects.select_for_update().get(pk=merged.pk)
        snapshot = _snapshot([survivor.pk, merged.pk])
        moved_links: list[models.Model] = []
        for model, column in _person_relations():
            if model is CandidatePair:
                continue  # their references are closed below, not moved
            for row in model._base_manager.filter(**{column: merged.pk}).order_by("pk"):
                moved_links.append(row)
                setattr(row, column, survivor.pk)
                if isinstance(row, Name) and row.kind == Name.Kind.PRIMARY:
                    row.kind = Name.Kind.ALIAS  # the survivor keeps its own primary name
                try:
                    with transaction.atomic():
                        row.save()
                except IntegrityError:
                    with transaction.atomic():
                        model._base_manager.filter(pk=row.pk).first().delete()  # type: ignore[union-attr]
        changed = []
        for field in ("sex", "birth_date", "hometown_id", "occupation", "ethnicity"):
            if not getattr(survivor, field) and getattr(merged, field):
                setattr(survivor, field, getattr(merged, field))
                changed.append(field)
        if merged.notes and merged.notes not in survivor.notes:
            survivor.notes = "\n\n".join(part for part in (survivor.notes, merged.notes) if part)
            changed.append("notes")
        if changed:
            survivor.save()
        merge = Merge.objects.create(
            survivor=survivor,
            survivor_ref=person_ref(survivor.pk),
            merged_ref=person_ref(merged.pk),
            pair=pair,
            snapshot=snapshot,
            actor=actor,
            reason=reason,
        )
        if pair is None:
            pair = CandidatePair.objects.filter(
                left_ref__in=[person_ref(survivor.pk), person_ref(merged.pk)],
                right_ref__in=[person_ref(survivor.pk), person_ref(merged.pk)],
            ).first()
        if pair is not None:
            _close(pair, CandidatePair.Status.ACCEPTED, actor, reason)
            _remember(pair, Decision.Outcome.SAME, actor, reason)
        else:
            left, right = _ordered(person_ref(survivor.pk), person_ref(merged.pk))
            Decision.objects.update_or_create(
                left_ref=left,
                right_ref=right,
                defaults={"outcome": Decision.Outcome.SAME, "decided_by": actor, "reason": reason},
            )
        merged.delete()
        _log_changes(_link_owners(moved_links))
        log.record_merge(survivor)
    return merge


def undo_merge(merge: Merge, actor: Any) -> Person:
    """Put back both persons and every row that referred to them exactly as before the merge."""
    _require_reviewer(actor)
    with transaction.atomic():
        merge = Merge.objects.select_for_update().get(pk=merge.pk)
        if merge.undone_at is not None:
            raise LinkageError(_("This merge has already been undone."))
        restored = list(serializers.deserialize("python", merge.snapshot))
        # Persons first, then the rows that point at them.
        restored.sort(key=lambda item: not isinstance(item.object, Person))
        retimed: list[models.Model] = []
        for item in restored:
            instance = item.object
            model = type(instance)
            # Saving stamps the time anew; the undo gives back the times as they were.
            timestamps = {
                field.attname: getattr(instance, field.attname)
                for field in model._meta.concrete_fields
                if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
            }
            exists = model._base_manager.filter(pk=instance.pk).exists()
            # An ordinary save, not a raw one, so history and the evidence log record the undo.
            instance.save(force_insert=not exists, force_update=exists)
            if timestamps:
                model._base_manager.filter(pk=instance.pk).update(**timestamps)
                retimed.append(instance)
        # The log's entry for a saved record hashed it before its times were put back, and the
        # link rows put back changed the testimony and evidence they belong to: log them as
        # they now are.
        restored_rows = [item.object for item in restored]
        _log_changes([*retimed, *_link_owners(restored_rows)])
        Decision.objects.filter(
            left_ref__in=[merge.survivor_ref, merge.merged_ref],
            right_ref__in=[merge.survivor_ref, merge.merged_ref],
        ).delete()
        merge.undone_at = timezone.now()
        merge.undone_by = actor
        merge.save(update_fields=["undone_at", "undone_by"])
    return Person.objects.get(pk=int(merge.merged_ref.partition(":")[2]))
