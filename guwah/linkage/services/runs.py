"""Models and runs: training the model on the registry, and putting what it finds in the queue.

Imported lists are matched by :mod:`guwah.linkage.services.imports`, which saves its pairs
the same way (:func:`save_pairs`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from tqdm import tqdm

from guwah.linkage import features as feature_columns
from guwah.linkage.model import (
    CALIBRATION_PERSONS,
    LinkageModel,
    calibrate,
    explanation,
    predict_duplicates,
    train,
)
from guwah.linkage.models import CandidatePair, Decision, person_ref
from guwah.linkage.services.errors import LinkageError
from guwah.linkage.services.records import registry_records
from guwah.linkage.services.relatives import without_relatives

DEFAULT_THRESHOLD = 0.5
MODEL_FILE = re.compile(r"^model-(\d{4,})\.json$")


@dataclass
class LinkageRun:
    proposed: int  # new pairs in the review queue
    updated: int  # pending pairs whose scores changed
    already_decided: int  # pairs someone has decided before, not asked again
    model_version: str
    related: int = 0  # pairs of recorded relatives kept out of the queue


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


# The seed of the synthetic records the shipped model is trained on (``--synthetic``).
SYNTHETIC_SEED = 20261125


def train_model(
    *,
    engine: str = "duckdb",
    progress: bool = False,
    synthetic_persons: int | None = None,
    calibration_persons: int = CALIBRATION_PERSONS,
    output: Path | None = None,
) -> Path:
    """Train on the registry as it is now, calibrate on labelled synthetic pairs, and save the
    next model version beside the others (or to ``output``).

    With ``synthetic_persons`` the model learns from that many synthetic persons instead of
    the registry: how the model a fresh registry starts with is made.
    """
    if synthetic_persons is not None:
        from guwah.linkage import synthetic

        generated = synthetic.generate(synthetic_persons, seed=SYNTHETIC_SEED)
        records = generated.rename(columns={"record_id": "unique_id"})
    else:
        records = registry_records(progress=progress)
    if len(records) < 50:
        raise LinkageError(
            _("The registry has %(count)d names; training needs at least 50.")
            % {"count": len(records)}
        )
    model = train(feature_columns.prepare(records), engine)
    # The registry's records say nothing of which pairs are true; the generator's do.
    model = calibrate(model, persons=calibration_persons, engine=engine)
    if synthetic_persons is not None:
        model.metadata["source"] = (
            f"synthetic records from guwah.linkage.synthetic (seed {SYNTHETIC_SEED}); "
            "the model a fresh registry starts with"
        )
    if output is not None:
        model.save(output)
        return output
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


def _decided_refs() -> set[tuple[str, str]]:
    return set(Decision.objects.values_list("left_ref", "right_ref"))


def ordered_refs(a: str, b: str) -> tuple[str, str]:
    return (a, b) if _ref_key(a) <= _ref_key(b) else (b, a)


def _ref_key(ref: str) -> tuple[int, int]:
    # Persons sort before list rows, so a pair with a list row always has the person on the left.
    kind, _sep, number = ref.partition(":")
    return (0 if kind == "person" else 1, int(number))


def best_per_pair(scored: pd.DataFrame, left_ref: pd.Series, right_ref: pd.Series) -> pd.DataFrame:
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


# Refs asked about per query: a list of 830,000 rows proposes pairs for tens of thousands of
# persons, more than one statement may carry as parameters (SQLite allows 32,766).
_REFS_PER_QUERY = 5000


def _existing_pairs(lefts: set[str], rights: set[str]) -> dict[tuple[str, str], CandidatePair]:
    existing: dict[tuple[str, str], CandidatePair] = {}
    ordered = sorted(lefts)
    for start in range(0, len(ordered), _REFS_PER_QUERY):
        for pair in CandidatePair.objects.filter(
            left_ref__in=ordered[start : start + _REFS_PER_QUERY]
        ):
            if pair.right_ref in rights:
                existing[(pair.left_ref, pair.right_ref)] = pair
    return existing


def save_pairs(
    best: pd.DataFrame,
    model_version: str,
    *,
    external_records: Mapping[str, int] | None = None,
    progress: bool = False,
) -> LinkageRun:
    decided = _decided_refs()
    existing = _existing_pairs(set(best["left_ref"]), set(best["right_ref"]))
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
        if "prior_weight" in row:
            # The starting point of the waterfall, so the page's bars add up to its weight.
            steps.insert(
                0, {"comparison": "prior", "level": "", "weight": round(row["prior_weight"], 3)}
            )
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
    best = best_per_pair(
        scored,
        scored["unique_id_l"].map(lambda uid: person_ref(person_of[uid])),
        scored["unique_id_r"].map(lambda uid: person_ref(person_of[uid])),
    )
    best, related = without_relatives(best)
    with transaction.atomic():
        # A pair proposed before the tie was recorded is withdrawn, not left for a reviewer.
        related_refs = set(zip(related["left_ref"], related["right_ref"], strict=True))
        withdrawn = [
            pair.pk
            for pair in CandidatePair.objects.filter(
                status=CandidatePair.Status.PENDING,
                left_ref__in={left for left, _right in related_refs},
            ).only("pk", "left_ref", "right_ref")
            if (pair.left_ref, pair.right_ref) in related_refs
        ]
        CandidatePair.objects.filter(pk__in=withdrawn).delete()
        run = save_pairs(best, version, progress=progress)
    run.related = len(related)
    return run
