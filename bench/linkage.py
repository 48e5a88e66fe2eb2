"""Dedupe on synthetic ground truth: Guwah's linkage against plain Splink on the raw strings.

    .venv/bin/python bench/linkage.py --persons 100000 [--persons 1000000]

For each size, the same synthetic records (``guwah.linkage.synthetic``: one person reported up
to four times, in Uyghur Arabic script, ULY, informal Latin, Hanzi or pinyin, with typos and
gaps) are deduplicated twice, each in its own child process so that peak memory is its own:

* ``guwah``: names engine columns, Guwah's comparisons and blocking rules, trained on the data;
* ``baseline``: what a user without Guwah would build: Splink with Jaro-Winkler on the raw name
  string, exact birth year, sex, county and identity number, blocked on the exact name, on
  birth year with county, and on the identity number; trained the same way as ``guwah``;
* ``ceiling_exact_names`` (with ``--ceiling``): Guwah's model given the generator's names before
  any variation, the most that perfect name matching could reach with the other fields;
* ``evidence_bound`` (with ``--bound``): no model at all, but the most that any decision taken
  pair by pair could reach on what the records say, names known exactly and the decision for
  each combination of evidence chosen in hindsight on the records measured;
* ``registry`` (with ``--registry``, one size per run): the records written into a temporary
  SQLite registry (one person and name each, stored name forms filled), then read back as
  ``guwah link dedupe`` reads them and linked by Guwah's model: the time to read the registry
  and compute the features, and the F1 of what it finds.

Prints one JSON document: wall time (features, training, prediction), CPU time, peak resident
memory, pairs scored, and pairwise precision, recall and F1 against the ground truth at two
fixed thresholds and, for ``guwah``, at the threshold that maximised F1 on a held-out sample;
the proposed pairs that join two siblings (``sibling_pairs_at_0.5``); and, on the held-out
sample, a calibration table (predicted probability bands against the observed share of true
pairs).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from guwah.linkage import synthetic

THRESHOLDS = (0.5, 0.9)


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _pair_scores(
    left: Any, right: Any, keep: Any, truth: set[tuple[int, int]]
) -> dict[str, float | int]:
    """Pairwise precision, recall and F1 of the pairs ``keep`` selects, against ``truth``."""
    found = {
        (min(a, b), max(a, b))
        for a, b in zip(left[keep].tolist(), right[keep].tolist(), strict=True)
    }
    true_positives = len(found & truth)
    precision = true_positives / len(found) if found else 0.0
    recall = true_positives / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "pairs": len(found),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def _scores(pairs: pd.DataFrame, truth: set[tuple[int, int]]) -> dict[str, Any]:
    left = pairs["unique_id_l"].astype("int64").to_numpy()
    right = pairs["unique_id_r"].astype("int64").to_numpy()
    probability = pairs["match_probability"].to_numpy()
    result: dict[str, Any] = {
        f"at_{threshold}": _pair_scores(left, right, probability >= threshold, truth)
        for threshold in THRESHOLDS
    }
    if "tuned" in pairs.columns:
        result["at_tuned"] = _pair_scores(left, right, pairs["tuned"].to_numpy(), truth)
    return result


def sibling_pairs(
    pairs: pd.DataFrame, records: pd.DataFrame, threshold: float = 0.5
) -> dict[str, float | int]:
    """Proposed pairs (at or above ``threshold``) that join two siblings: different persons of
    one generated family, the pairs a reviewer must never be asked to merge."""
    entity = dict(zip(records["record_id"], records["entity_id"], strict=True))
    family = dict(zip(records["record_id"], records["family_id"], strict=True))
    kept = pairs[pairs["match_probability"] >= threshold]
    siblings = sum(
        a in entity and b in entity and entity[a] != entity[b] and family[a] == family[b]
        for a, b in zip(
            kept["unique_id_l"].astype("int64"), kept["unique_id_r"].astype("int64"), strict=True
        )
    )
    return {
        "pairs": int(siblings),
        "share_of_proposed": round(siblings / len(kept), 5) if len(kept) else 0.0,
    }


CALIBRATION_BANDS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0)


def calibration(
    pairs: pd.DataFrame, truth: set[tuple[int, int]], column: str = "match_probability"
) -> list[dict[str, Any]]:
    """Reliability table: per band of predicted match probability, the share of true pairs.
    ``column`` is ``match_probability`` (calibrated, as shown) or ``model_probability`` (the
    match weight's own, before calibration)."""
    import numpy as np

    from guwah.linkage.calibration import reliability

    correct = np.array(
        [
            (min(a, b), max(a, b)) in truth
            for a, b in zip(
                pairs["unique_id_l"].astype("int64"),
                pairs["unique_id_r"].astype("int64"),
                strict=True,
            )
        ],
        dtype=bool,
    )
    return reliability(pairs[column].to_numpy(), correct, CALIBRATION_BANDS)


def _best_threshold(pairs: pd.DataFrame, truth: set[tuple[int, int]]) -> float:
    """The match probability at and above which the pairs' F1 against ``truth`` is highest."""
    import numpy as np

    probability = pairs["match_probability"].to_numpy()
    left = pairs["unique_id_l"].astype("int64").to_numpy()
    right = pairs["unique_id_r"].astype("int64").to_numpy()
    order = np.argsort(-probability, kind="stable")
    correct = np.array(
        [(min(a, b), max(a, b)) in truth for a, b in zip(left[order], right[order], strict=True)]
    )
    true_positives = np.cumsum(correct)
    kept = np.arange(1, len(order) + 1)
    f1 = 2 * true_positives / (kept + len(truth))
    return float(probability[order][int(np.argmax(f1))])


def tuned_threshold(trained: Any, args: argparse.Namespace) -> dict[str, Any]:
    """Choose the threshold on a held-out synthetic sample (another seed), never on the records
    being scored, by maximising F1 there, with the model trained on the records."""
    from guwah.linkage import features, model

    started = time.perf_counter()
    held_out = synthetic.generate(args.tuning_persons, seed=args.seed + 1)
    prepared = features.prepare(held_out.rename(columns={"record_id": "unique_id"}))
    pairs = model.predict_duplicates(prepared, trained, threshold=0.01, engine=args.engine)
    held_out_truth = synthetic.true_pairs(held_out)
    return {
        "held_out_records": len(held_out),
        "match_probability": round(_best_threshold(pairs, held_out_truth), 4),
        # Held-out families (another seed than the records and than the calibration's own
        # sample): does a probability mean what it says, before and after calibration?
        "calibration": calibration(pairs, held_out_truth),
        "calibration_before": calibration(pairs, held_out_truth, "model_probability"),
        "sibling_pairs_at_0.5": sibling_pairs(pairs, held_out),
        "seconds": round(time.perf_counter() - started, 1),
    }


def run_guwah(records: pd.DataFrame, args: argparse.Namespace) -> dict[str, Any]:
    from guwah.linkage import features, model

    started = time.perf_counter()
    prepared = features.prepare(records.rename(columns={"record_id": "unique_id"}))
    featured = time.perf_counter()
    trained = model.train(
        prepared, args.engine, u_max_pairs=args.u_max_pairs, em_max_pairs=args.em_max_pairs
    )
    if not args.no_calibration:
        # As ``guwah link train`` does: on labelled synthetic pairs of a seed of their own.
        trained = model.calibrate(trained, persons=args.calibration_persons, engine=args.engine)
    if args.save_default_model:
        trained.metadata = {
            "trained_at": trained.metadata["trained_at"],
            "records": len(records),
            "engine": args.engine,
            "splink": trained.metadata["splink"],
            "source": "synthetic records from guwah.linkage.synthetic (seed "
            f"{args.seed}); the model a fresh registry starts with",
        }
        trained.save(Path(args.save_default_model))
    training = time.perf_counter()
    # Before scoring, so that its memory is given back before the large step (and its time
    # stays out of the figures).
    tuning = tuned_threshold(trained, args)
    scoring = time.perf_counter()
    lowest = min(*THRESHOLDS, tuning["match_probability"])
    pairs = model.predict_duplicates(prepared, trained, threshold=lowest, engine=args.engine)
    predicted = time.perf_counter()
    pairs = pairs.assign(tuned=pairs["match_probability"] >= tuning["match_probability"])
    return {
        "tuned_threshold": tuning,
        "calibration_on_the_records": calibration(pairs, synthetic.true_pairs(records)),
        "seconds": {
            "features": round(featured - started, 1),
            "training": round(training - featured, 1),
            "prediction": round(predicted - scoring, 1),
            "total": round(predicted - scoring + training - started, 1),
        },
        "pairs": pairs[["unique_id_l", "unique_id_r", "match_probability", "tuned"]],
    }


def _features_of_exact_names(records: pd.DataFrame) -> pd.DataFrame:
    """The model's columns for ``records`` with each name as the generator chose it."""
    from guwah.linkage import features

    exact = records.rename(columns={"record_id": "unique_id"}).assign(
        given_name=records["true_given_name"], father_name=records["true_father_name"]
    )
    return features.prepare(exact)


def run_ceiling(records: pd.DataFrame, args: argparse.Namespace) -> dict[str, Any]:
    """Guwah's model given every name exactly as the generator chose it, before any script,
    spelling or typo: what the other fields allow at best, so that the gap between it and
    ``guwah`` is what name matching still loses and the gap above it is what no name matching
    can recover (namesakes that the records give nothing else to tell apart)."""
    from guwah.linkage import model

    started = time.perf_counter()
    prepared = _features_of_exact_names(records)
    trained = model.train(
        prepared, args.engine, u_max_pairs=args.u_max_pairs, em_max_pairs=args.em_max_pairs
    )
    training = time.perf_counter()
    pairs = model.predict_duplicates(prepared, trained, threshold=0.01, engine=args.engine)
    predicted = time.perf_counter()
    truth = synthetic.true_pairs(records)
    # The threshold chosen on the very records measured: an upper bound, not a result.
    best = _best_threshold(pairs, truth)
    return {
        "seconds": {
            "training": round(training - started, 1),
            "prediction": round(predicted - training, 1),
            "total": round(predicted - started, 1),
        },
        "best_in_hindsight": {
            "match_probability": round(best, 4),
            **_pair_scores(
                pairs["unique_id_l"].astype("int64").to_numpy(),
                pairs["unique_id_r"].astype("int64").to_numpy(),
                pairs["match_probability"].to_numpy() >= best,
                truth,
            ),
        },
        "pairs": pairs[["unique_id_l", "unique_id_r", "match_probability"]],
    }


def load_registry(records: pd.DataFrame) -> None:
    """Write ``records`` into the (empty, temporary) registry: one person per record, with its
    name, sex, birth year, hometown county and identity number, and each name's stored forms
    filled as the registry fills them. Person and name ids are the record ids, so that pairs of
    names are scored against the ground truth as they are. Mothers and detentions are left out:
    they would add persons and events that are not records of the ground truth."""
    from django.core.management import call_command

    from guwah.names import match as names_engine
    from guwah.registry.models import IdentityDocument, Name, Person, Place

    call_command("migrate", verbosity=0)
    region = Place.objects.create(code="650000", level=Place.Level.REGION, name_en="Xinjiang")
    places: dict[str, Place] = {}
    for prefecture in sorted(set(records["prefecture_code"].dropna())):
        places[prefecture] = Place.objects.create(
            code=prefecture, level=Place.Level.PREFECTURE, name_en=prefecture, parent=region
        )
    for county in sorted(set(records["county_code"].dropna())):
        parent = places.get(county[:4] + "00") or region
        places[county] = Place.objects.create(
            code=county, level=Place.Level.COUNTY, name_en=county, parent=parent
        )
    persons, names, documents = [], [], []
    for row in records.itertuples(index=False):
        pk = int(row.record_id)
        year = None if pd.isna(row.birth_year) else int(row.birth_year)
        home = row.county_code if isinstance(row.county_code, str) else row.prefecture_code
        persons.append(
            Person(
                pk=pk,
                sex=row.sex or "",
                birth_date=str(year) if year else "",
                birth_year=year,
                hometown=places.get(home) if isinstance(home, str) else None,
                synthetic=True,
            )
        )
        name = Name(
            pk=pk,
            person_id=pk,
            text=row.name,
            script=row.script,
            kind=Name.Kind.PRIMARY,
            synthetic=True,
        )
        # The forms the registry stores for every name it saves (bulk inserts skip the signal).
        name.uly = names_engine.to_uly(row.name)[:300]
        name.match_key = names_engine.match_key(row.name)[:300]
        names.append(name)
        if isinstance(row.id_number, str):
            documents.append(
                IdentityDocument(
                    person_id=pk,
                    kind=IdentityDocument.Kind.PRC_RESIDENT_ID,
                    number=row.id_number,
                    synthetic=True,
                )
            )
    Person.objects.bulk_create(persons, batch_size=2000)
    Name.objects.bulk_create(names, batch_size=2000)
    IdentityDocument.objects.bulk_create(documents, batch_size=2000)


def run_registry(records: pd.DataFrame, args: argparse.Namespace) -> dict[str, Any]:
    """Guwah's model on the records as the registry holds them: what ``guwah link dedupe``
    reads (``registry_records``), the features computed from it, training and prediction."""
    from django.db import connections

    from guwah.linkage import features, model
    from guwah.linkage.services import registry_records

    connections.close_all()  # a forked child opens its own connection
    started = time.perf_counter()
    read = registry_records()
    reading = time.perf_counter()
    prepared = features.prepare(read)
    featured = time.perf_counter()
    trained = model.train(
        prepared, args.engine, u_max_pairs=args.u_max_pairs, em_max_pairs=args.em_max_pairs
    )
    training = time.perf_counter()
    pairs = model.predict_duplicates(prepared, trained, threshold=0.5, engine=args.engine)
    predicted = time.perf_counter()
    return {
        "names_read": len(read),
        "seconds": {
            "reading_the_registry": round(reading - started, 2),
            "features": round(featured - reading, 2),
            "reading_and_features": round(featured - started, 2),
            "training": round(training - featured, 1),
            "prediction": round(predicted - training, 1),
        },
        "pairs": pairs[["unique_id_l", "unique_id_r", "match_probability"]],
    }


# What a pair of records can show beyond the names, each field as the level at which the two
# agree; the birth and detention years keep the full difference (capped), which no model's
# coarser levels exceed.
_EVIDENCE = """
  case when l.birth_year is null or r.birth_year is null then -1
       else least(abs(l.birth_year - r.birth_year), 10) end as birth_years_apart,
  case when l.prefecture is null or r.prefecture is null then 'unknown'
       when l.county = r.county then 'same county'
       when l.prefecture = r.prefecture and (l.county is null or r.county is null)
         then 'same prefecture, county unknown'
       when l.prefecture = r.prefecture then 'other county' else 'other prefecture' end as home,
  case when l.sex is null or r.sex is null then 'unknown'
       when l.sex = r.sex then 'same' else 'different' end as sex,
  case when l.id_number is null or r.id_number is null then 'unknown'
       when l.id_number = r.id_number then 'same'
       when damerau_levenshtein(l.id_number, r.id_number) <= 1 then 'one digit apart'
       else 'different' end as id_number,
  case when l.mother_key is null or r.mother_key is null then 'unknown'
       when l.mother_key = r.mother_key then {mother_same} else 'different' end as mother,
  case when l.facility is null or r.facility is null then 'unknown'
       when l.facility = r.facility
         then 'same, years apart: ' || least(abs(l.detention_year - r.detention_year), 3)
       else 'different' end as detention
"""


def _best_selection(groups: pd.DataFrame, true_pairs: int) -> dict[str, float | int]:
    """The highest F1 of any set of ``groups`` (rows with ``pairs`` and ``matches``).

    Adding a group raises F1 exactly when its precision exceeds half the F1 reached, so the
    best set is the groups of highest precision down to some point: the best prefix wins.
    """
    import numpy as np

    ordered = groups.assign(precision=groups["matches"] / groups["pairs"]).sort_values(
        "precision", ascending=False, kind="stable"
    )
    true_positives = np.cumsum(ordered["matches"].to_numpy())
    kept = np.cumsum(ordered["pairs"].to_numpy())
    f1 = 2 * true_positives / (kept + true_pairs)
    best = int(np.argmax(f1))
    return {
        "precision": round(float(true_positives[best] / kept[best]), 4),
        "recall": round(float(true_positives[best] / true_pairs), 4),
        "f1": round(float(f1[best]), 4),
        "evidence_combinations": len(groups),
    }


def run_bound(records: pd.DataFrame, true_pairs: int) -> dict[str, Any]:
    """The F1 that no decision taken pair by pair can exceed on these records.

    Names are given exactly as the generator chose them (so every true pair has the same given
    and father's name, and only pairs that do are candidates). Every such pair is described by
    its evidence: the names themselves (or only how common the name is) and the level of
    agreement of every other field. A decision that depends only on that evidence accepts or
    rejects all pairs that share it; choosing, in hindsight and on the very records measured,
    the combinations that maximise F1 gives a figure that no such decision, trained or not,
    can beat. Whatever a model learns, it can only approach this from below.
    """
    import duckdb

    from guwah.linkage import features

    started = time.perf_counter()
    prepared = features.with_identity_facts(_features_of_exact_names(records))
    frame = prepared.assign(
        entity_id=records["entity_id"].to_numpy(),
        given=records["true_given_name"].to_numpy(),
        father=records["true_father_name"].to_numpy(),
        birth_year=prepared["birth_year"].astype("float64"),
        detention_year=prepared["detention_year"].astype("float64"),
    )[
        [
            "unique_id", "entity_id", "given", "father", "sex", "birth_year", "county",
            "prefecture", "id_number", "mother_key", "facility", "detention_year",
        ]
    ]  # fmt: skip
    result: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="guwah-bound-") as spill:
        connection = duckdb.connect(":memory:")
        connection.execute(f"SET temp_directory = '{spill}'")
        connection.execute("SET memory_limit = '8GB'")
        connection.register("frame", frame)
        connection.execute("create table records as select * from frame")
        connection.execute(
            "create table frequency as"
            " select given, father, count(*) as records from records group by all"
        )
        readings = {
            # The names themselves, and the mother's name where both give it: the finest split,
            # so the hindsight choice flatters it most.
            "each_name": ("l.given, l.father", "l.mother_key", ""),
            # Only how common the name is (records bearing it, in powers of two).
            "name_frequency": (
                "cast(round(log2(frequency.records)) as integer) as name_frequency",
                "'same'",
                "join frequency on frequency.given = l.given and frequency.father = l.father",
            ),
        }
        for reading, (names_evidence, mother_same, join) in readings.items():
            groups = connection.execute(
                f"""
                select {names_evidence}, {_EVIDENCE.format(mother_same=mother_same)},
                  count(*) as pairs,
                  sum(case when l.entity_id = r.entity_id then 1 else 0 end) as matches
                from records l
                join records r
                  on l.given = r.given and l.father = r.father and l.unique_id < r.unique_id
                {join}
                group by all
                """
            ).df()
            result[reading] = _best_selection(groups, true_pairs)
        result["pairs_with_same_names"] = int(groups["pairs"].sum())
        connection.close()
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


def run_baseline(records: pd.DataFrame, args: argparse.Namespace) -> dict[str, Any]:
    import logging

    import splink.comparison_library as cl
    from splink import Linker, SettingsCreator, block_on

    from guwah.linkage.model import database

    started = time.perf_counter()
    frame = records.rename(columns={"record_id": "unique_id"})[
        ["unique_id", "name", "sex", "birth_year", "county_code", "id_number"]
    ].astype(object)
    frame = frame.where(frame.notna(), None)
    frame["unique_id"] = frame["unique_id"].astype(str)
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.JaroWinklerAtThresholds("name", [0.92, 0.8]),
            cl.ExactMatch("birth_year"),
            cl.ExactMatch("sex"),
            cl.ExactMatch("county_code"),
            cl.ExactMatch("id_number"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("name"),
            block_on("birth_year", "county_code"),
            block_on("id_number"),
        ],
    )
    with database(args.engine) as db_api:
        linker = Linker(db_api.register(frame), settings, log_level=logging.WARNING)
        linker.training.estimate_probability_two_random_records_match(
            [block_on("name", "birth_year", "county_code")], recall=0.5
        )
        linker.training.estimate_u_using_random_sampling(max_pairs=args.u_max_pairs, seed=1)
        featured = time.perf_counter()
        # Trained as Guwah's model is (EM on identity-number and birth-year-and-county blocks),
        # so that the comparison isolates what the names engine and the model design add.
        for rule in (block_on("id_number"), block_on("birth_year", "county_code")):
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, max_pairs=args.em_max_pairs
            )
        training = time.perf_counter()
        pairs = linker.inference.predict(
            threshold_match_probability=min(THRESHOLDS), warning_mode="never"
        ).as_pandas_dataframe()
    predicted = time.perf_counter()
    return {
        "seconds": {
            "features": 0.0,
            "training": round(training - started, 1),
            "prediction": round(predicted - training, 1),
            "total": round(predicted - started, 1),
        },
        "pairs": pairs[["unique_id_l", "unique_id_r", "match_probability"]],
        "u_seconds": round(featured - started, 1),
    }


def _child(runner: Any, records: pd.DataFrame, args: argparse.Namespace, queue: Any) -> None:
    truth = synthetic.true_pairs(records)
    outcome = runner(records, args)
    pairs = outcome.pop("pairs")
    outcome["pairs_scored_above_0.5"] = int((pairs["match_probability"] >= 0.5).sum())
    outcome["sibling_pairs_at_0.5"] = sibling_pairs(pairs, records)
    outcome.update(_scores(pairs, truth))
    outcome["peak_rss_mib"] = round(_peak_rss_mib())
    # CPU time is reported beside wall time: on a machine shared with other work, wall time
    # also measures the neighbours.
    usage = resource.getrusage(resource.RUSAGE_SELF)
    outcome["cpu_seconds"] = round(usage.ru_utime + usage.ru_stime, 1)
    queue.put(outcome)


def measure(runner: Any, records: pd.DataFrame, args: argparse.Namespace) -> dict[str, Any]:
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    process = context.Process(target=_child, args=(runner, records, args, queue))
    process.start()
    outcome = queue.get()
    process.join()
    return outcome


def measure_registry(records: pd.DataFrame, args: argparse.Namespace) -> dict[str, Any]:
    """``run_registry`` on a registry loaded in a directory of its own, removed afterwards."""
    import django
    from django.db import connections

    with tempfile.TemporaryDirectory(prefix="guwah-bench-linkage-") as directory:
        os.environ["GUWAH_DATA_DIR"] = directory
        os.environ.pop("DATABASE_URL", None)
        django.setup()
        # Loaded in a child of its own: the names engine's caches, warmed by filling the stored
        # forms, must not make reading the registry look faster than a fresh process finds it.
        started = time.perf_counter()
        loader = multiprocessing.get_context("fork").Process(target=load_registry, args=(records,))
        loader.start()
        loader.join()
        loaded = time.perf_counter() - started
        connections.close_all()
        outcome = measure(run_registry, records, args)
        outcome["load_seconds"] = round(loaded, 1)
        return outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, action="append", help="records to generate")
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--engine", default="duckdb", choices=("duckdb", "spark"))
    parser.add_argument("--u-max-pairs", type=float, default=5e6)
    parser.add_argument("--em-max-pairs", type=float, default=2e6)
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument(
        "--ceiling",
        action="store_true",
        help="also run the model on the generator's exact names (an upper bound)",
    )
    parser.add_argument(
        "--bound",
        action="store_true",
        help="also compute the F1 that no pairwise decision can exceed on these records",
    )
    parser.add_argument(
        "--registry",
        action="store_true",
        help="also load the records into a temporary SQLite registry and link them from there",
    )
    parser.add_argument(
        "--tuning-persons",
        type=int,
        default=20_000,
        help="size of the held-out sample on which the threshold is chosen",
    )
    parser.add_argument(
        "--calibration-persons",
        type=int,
        default=80_000,
        help="synthetic persons (a seed of their own) on which the probability is calibrated",
    )
    parser.add_argument(
        "--no-calibration", action="store_true", help="show the match weight's own probability"
    )
    parser.add_argument(
        "--save-default-model", help="write the model trained on the (last) size to this path"
    )
    args = parser.parse_args()
    if args.registry and len(args.persons or []) > 1:
        # Django's settings, the registry's database among them, are fixed once per process.
        parser.error("--registry measures one size per run")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guwah.settings")
    report: dict[str, Any] = {
        "benchmark": "linkage",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30),
            "python": platform.python_version(),
        },
        "engine": args.engine,
        "runs": [],
    }
    for size in args.persons or [100_000]:
        started = time.perf_counter()
        records = synthetic.generate(size, seed=args.seed)
        generated = time.perf_counter() - started
        truth = synthetic.true_pairs(records)
        run: dict[str, Any] = {
            "records": len(records),
            "persons": int(records["entity_id"].nunique()),
            "true_pairs": len(truth),
            "generator_seconds": round(generated, 1),
            "guwah": measure(run_guwah, records, args),
        }
        if not args.skip_baseline:
            run["baseline"] = measure(run_baseline, records, args)
            ours, theirs = run["guwah"], run["baseline"]
            run["ratios"] = {
                "f1_at_0.5_guwah_over_baseline": round(
                    ours["at_0.5"]["f1"] / max(theirs["at_0.5"]["f1"], 1e-9), 2
                ),
                "recall_at_0.5_guwah_over_baseline": round(
                    ours["at_0.5"]["recall"] / max(theirs["at_0.5"]["recall"], 1e-9), 2
                ),
                "seconds_guwah_over_baseline": round(
                    ours["seconds"]["total"] / max(theirs["seconds"]["total"], 1e-9), 2
                ),
                "peak_rss_guwah_over_baseline": round(
                    ours["peak_rss_mib"] / max(theirs["peak_rss_mib"], 1e-9), 2
                ),
            }
        if args.ceiling:
            run["ceiling_exact_names"] = measure(run_ceiling, records, args)
        if args.bound:
            run["evidence_bound"] = run_bound(records, len(truth))
        if args.registry:
            run["registry"] = measure_registry(records, args)
        report["runs"].append(run)
        print(json.dumps(run, indent=2), file=sys.stderr, flush=True)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
