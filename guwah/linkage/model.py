"""The probabilistic linkage model: which columns are compared, how pairs are found, how it learns.

It is a Fellegi–Sunter model run by Splink on DuckDB (one machine, embedded) or on Spark (a
cluster, or local mode). It reads only the pre-computed columns of ``guwah.linkage.features``, so
every comparison is plain SQL.

A trained model is stored as the m and u probabilities of each comparison level plus the prior,
keyed by comparison and level label, not as Splink's own SQL: the same file then drives DuckDB
and Spark, whose SQL dialects differ, and a file trained by an older release still loads when
the comparisons are rebuilt from this module.

It is kept as one module, longer than most, because its parts are one model: the comparison
levels, their labels in the stored file and in the explanations a reviewer reads, and the
settings DuckDB and Spark are given must agree level by level, and are checked best side by
side. The Django side (imports, candidates, review) is in ``services/``.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import math
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from guwah.linkage.calibration import Calibration
from guwah.linkage.family import FAMILY_LEVELS, FAMILY_STEP, with_family_evidence
from guwah.linkage.features import FEATURE_COLUMNS, with_identity_facts

Engine = Literal["duckdb", "spark"]
ENGINES: tuple[str, ...] = ("duckdb", "spark")
MODEL_FORMAT = "guwah-linkage-model/1"
DEFAULT_MODEL_PATH = Path(__file__).resolve().parent / "default_model.json"

# Pairs are proposed only when one of these holds. Each joins on a combination specific enough
# that no block grows with the square of the registry, as a name alone or a birth year alone
# would; some then keep only the pairs whose birth years are at most a year apart (or unknown),
# or whose county one of the two does not give. Between them they survive the usual
# differences between two reports of one person: the name written in another order
# (``name_key`` sorts both parts), a slip in one of the two names, a missing or wrong birth
# year, a county given only as its prefecture, no hometown at all. A missing birth year or
# county is first read from the identity number where there is one
# (``features.with_identity_facts``). Splink scores a pair once, under the first rule it meets.
#
# A rule earns its place by the true pairs only it finds per pair it adds, measured on the
# synthetic registry: rules on one name part and the first letters of the other brought two
# thirds of the pairs at a million records for 1 % of the recall, and are gone.
_NEAR_YEARS = (
    "(l.birth_year is null or r.birth_year is null or abs(l.birth_year - r.birth_year) <= 1)"
)
_PLACE_UNKNOWN = "(l.prefecture is null or r.prefecture is null)"
_COUNTY_UNKNOWN = "(l.county is null or r.county is null)"
BLOCKING_RULES = (
    "l.id_number = r.id_number",
    "l.name_key = r.name_key and l.county = r.county",
    f"l.name_key = r.name_key and l.prefecture = r.prefecture and {_NEAR_YEARS}",
    f"l.name_key = r.name_key and l.birth_year = r.birth_year and {_PLACE_UNKNOWN}",
    # The same with birth years one apart, written as two equalities so that the database
    # joins on them instead of filtering every pair of namesakes.
    f"l.name_key = r.name_key and l.birth_year = r.birth_year + 1 and {_PLACE_UNKNOWN}",
    f"l.name_key = r.name_key and l.birth_year = r.birth_year - 1 and {_PLACE_UNKNOWN}",
    "l.name_key = r.name_key and l.facility = r.facility",
    "l.name_key = r.name_key and l.mother_key = r.mother_key",
    "l.given_key = r.given_key and l.birth_year = r.birth_year and l.county = r.county",
    "l.father_key = r.father_key and l.birth_year = r.birth_year and l.county = r.county",
    # One name part, the birth year and the prefecture, when one of the two gives no county
    # (with a county given on both sides the two rules above already hold, or the counties
    # differ and the pair is not worth scoring).
    "l.given_key = r.given_key and l.birth_year = r.birth_year and l.prefecture = r.prefecture"
    f" and {_COUNTY_UNKNOWN}",
    "l.father_key = r.father_key and l.birth_year = r.birth_year and l.prefecture = r.prefecture"
    f" and {_COUNTY_UNKNOWN}",
    f"l.given_key = r.given_key and l.county = r.county and {_NEAR_YEARS}",
    # A name in Chinese characters or pinyin whose transcriber wrote r and l alike (阿热木 for
    # Alim) has neither key of the other script's spelling; both keys with r and l as one
    # letter, between the two scripts only, in one prefecture.
    "l.given_blurred = r.given_blurred and l.father_blurred = r.father_blurred"
    " and l.chinese_origin <> r.chinese_origin and l.prefecture = r.prefecture",
)

# Blocks for expectation maximisation; each leaves out the comparisons it joins on. The first
# holds almost only true matches (one identity card), so it teaches what a match looks like on
# names, birth year and place without confusing namesakes with duplicates; the second, on
# birth year and county, teaches the identity-card comparison.
TRAINING_BLOCKS = (
    "l.id_number = r.id_number",
    "l.birth_year = r.birth_year and l.county = r.county and l.sex = r.sex",
)

# Rules that almost never join two different people, for estimating how many duplicates there are.
DETERMINISTIC_RULES = (
    "l.name_key = r.name_key and l.birth_year = r.birth_year and l.county = r.county",
    "l.id_number = r.id_number",
)
DETERMINISTIC_RECALL = 0.5

logger = logging.getLogger(__name__)


def _name_part_levels(part: str, other: str, *, carries_swap: bool) -> list[Any]:
    import splink.comparison_level_library as cll

    swapped: Any = cll.CustomLevel(
        f"{part}_key_l = {other}_key_r and {other}_key_l = {part}_key_r"
        f" and {part}_key_l <> {part}_key_r",
        label_for_charts="same, names in the other order",
    )
    if not carries_swap:
        # A swap is one piece of evidence about both names; it is weighed once, with the
        # given name, and adds nothing a second time here.
        swapped = swapped.configure(is_null_level=True)
    # The phonetic form keeps vowels, the key does not: Memet and Ehmet share the key "mt" and
    # are different names, so agreement on the sound counts for more than on the consonants.
    # Agreement on a common name (Memet) counts for less than on a rare one (term frequency).
    return [
        cll.NullLevel(f"{part}_key"),
        cll.ExactMatchLevel(f"{part}_phonetic", term_frequency_adjustments=True).configure(
            label_for_charts="same"
        ),
        swapped,
        # The consonants survive where scripts disagree on the vowels (Chinese 肯 is both ken
        # and kin; Russian writes gül as gyul). How much they say depends on how many names
        # share them: "mt" is Memet, Ehmet, Mehmut and Mamut, "bdrm" only Abdurehim, so this
        # level too is weighed by the frequency of the key.
        cll.ExactMatchLevel(f"{part}_key", term_frequency_adjustments=True).configure(
            label_for_charts="same consonants"
        ),
        # Chinese transliteration writes r and l alike and drops a closing l (docs/names.md):
        # between a name in Chinese characters or pinyin and one in another script, consonants
        # that agree once r and l are one letter are the same name; between two Latin
        # spellings they are not (Alim and Arim are two names).
        cll.CustomLevel(
            f"chinese_origin_l <> chinese_origin_r and {part}_blurred_l = {part}_blurred_r",
            label_for_charts="same consonants across scripts, r and l alike",
        ),
        cll.JaroWinklerLevel(f"{part}_phonetic", 0.92).configure(label_for_charts="sounds alike"),
        cll.JaroWinklerLevel(f"{part}_phonetic", 0.8).configure(label_for_charts="similar"),
        cll.ElseLevel().configure(label_for_charts="different"),
    ]


def comparisons() -> list[Any]:
    """The model's comparisons, one per kind of evidence, in the order explanations list them."""
    import splink.comparison_level_library as cll
    from splink.internals.comparison_library import CustomComparison

    def either_null(*columns: str) -> Any:
        condition = " or ".join(f"{c}_l is null or {c}_r is null" for c in columns)
        return cll.CustomLevel(condition).configure(is_null_level=True)

    return [
        CustomComparison(
            _name_part_levels("given", "father", carries_swap=True), "given_name", "Given name"
        ),
        CustomComparison(
            _name_part_levels("father", "given", carries_swap=False),
            "father_name",
            "Father's name",
        ),
        CustomComparison(
            [
                cll.NullLevel("birth_year"),
                cll.ExactMatchLevel("birth_year").configure(label_for_charts="same year"),
                cll.CustomLevel("abs(birth_year_l - birth_year_r) <= 1", "one year apart"),
                cll.CustomLevel(
                    "abs(birth_year_l - birth_year_r) <= 3", "two or three years apart"
                ),
                cll.ElseLevel().configure(label_for_charts="further apart"),
            ],
            "birth_year",
            "Birth year",
        ),
        CustomComparison(
            [
                cll.NullLevel("sex"),
                cll.ExactMatchLevel("sex").configure(label_for_charts="same"),
                cll.ElseLevel().configure(label_for_charts="different"),
            ],
            "sex",
            "Sex",
        ),
        CustomComparison(
            [
                either_null("prefecture"),
                cll.ExactMatchLevel("county").configure(label_for_charts="same county"),
                cll.CustomLevel(
                    "prefecture_l = prefecture_r and (county_l is null or county_r is null)",
                    "same prefecture, county not given",
                ),
                cll.CustomLevel("prefecture_l = prefecture_r", "other county, same prefecture"),
                cll.ElseLevel().configure(label_for_charts="other prefecture"),
            ],
            "hometown",
            "Hometown",
        ),
        CustomComparison(
            [
                cll.NullLevel("id_number"),
                cll.ExactMatchLevel("id_number").configure(label_for_charts="same"),
                # One digit miscopied or two neighbours swapped: the usual transcription errors.
                cll.DamerauLevenshteinLevel("id_number", 1).configure(
                    label_for_charts="one digit apart"
                ),
                cll.ElseLevel().configure(label_for_charts="different"),
            ],
            "id_number",
            "Identity document",
        ),
        CustomComparison(
            [
                cll.NullLevel("mother_key"),
                cll.ExactMatchLevel("mother_key").configure(label_for_charts="same"),
                cll.JaroWinklerLevel("mother_phonetic", 0.9).configure(
                    label_for_charts="sounds alike"
                ),
                cll.ElseLevel().configure(label_for_charts="different"),
            ],
            "mother_name",
            "Mother's name",
        ),
        CustomComparison(
            [
                either_null("facility"),
                cll.CustomLevel(
                    "facility_l = facility_r and abs(detention_year_l - detention_year_r) <= 1",
                    "same facility, same time",
                ),
                cll.ExactMatchLevel("facility").configure(label_for_charts="same facility"),
                cll.ElseLevel().configure(label_for_charts="other facility"),
            ],
            "detention",
            "Detention",
        ),
    ]


COMPARISON_TITLES = {
    "given_name": "Given name",
    "father_name": "Father's name",
    "birth_year": "Birth year",
    "sex": "Sex",
    "hometown": "Hometown",
    "id_number": "Identity document",
    "mother_name": "Mother's name",
    "detention": "Detention",
}


@dataclass
class LinkageModel:
    """Trained parameters: the prior and, per comparison and level label, m and u."""

    probability_two_random_records_match: float
    parameters: dict[str, dict[str, dict[str, float]]]
    metadata: dict[str, Any] = field(default_factory=dict)
    # The map from match weight to the probability shown (``guwah.linkage.calibration``); a
    # model without one shows the weight's own probability.
    calibration: Calibration | None = None

    def to_json(self) -> str:
        document: dict[str, Any] = {
            "format": MODEL_FORMAT,
            "metadata": self.metadata,
            "probability_two_random_records_match": self.probability_two_random_records_match,
            "parameters": self.parameters,
        }
        if self.calibration is not None:
            document["calibration"] = self.calibration.to_dict()
        return json.dumps(
            document,
            indent=2,
            ensure_ascii=False,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> LinkageModel:
        data = json.loads(text)
        if data.get("format") != MODEL_FORMAT:
            raise ValueError(f"not a linkage model file of format {MODEL_FORMAT}")
        return cls(
            probability_two_random_records_match=float(
                data["probability_two_random_records_match"]
            ),
            parameters=data["parameters"],
            metadata=data.get("metadata", {}),
            calibration=(
                Calibration.from_dict(data["calibration"]) if data.get("calibration") else None
            ),
        )

    @classmethod
    def load(cls, path: Path) -> LinkageModel:
        return cls.from_json(path.read_text(encoding="utf-8"))

    @classmethod
    def default(cls) -> LinkageModel:
        return cls.load(DEFAULT_MODEL_PATH)

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(self.to_json(), encoding="utf-8")
        temporary.replace(path)


def prior_for(model: LinkageModel, candidates: int) -> float:
    """The probability that two records match, for records compared with ``candidates`` others.

    A person has about as many duplicates in a registry of a thousand as in one of a million,
    so the chance that two given records match falls as the registry grows. The trained prior
    is rescaled from the number of records it was trained on to the number at hand.
    """
    trained_on = int(model.metadata.get("records") or 0)
    if trained_on <= 0 or candidates <= 0:
        return model.probability_two_random_records_match
    scaled = model.probability_two_random_records_match * trained_on / candidates
    return min(max(scaled, 1e-9), 0.5)


def settings_dict(
    dialect: str,
    model: LinkageModel | None = None,
    link_type: Literal["dedupe_only", "link_only"] = "dedupe_only",
    blocking_rules: tuple[str, ...] = BLOCKING_RULES,
    candidates: int | None = None,
) -> dict[str, Any]:
    """Splink settings for ``dialect``, carrying ``model``'s parameters when given."""
    from splink import SettingsCreator

    prior = 0.0001
    if model is not None:
        prior = (
            prior_for(model, candidates)
            if candidates
            else model.probability_two_random_records_match
        )

    creator = SettingsCreator(
        link_type=link_type,
        comparisons=comparisons(),
        # Splink accepts SQL strings here and turns them into rules itself, but declares only
        # its rule objects and dictionaries.
        blocking_rules_to_generate_predictions=list(blocking_rules),  # type: ignore[arg-type]
        retain_intermediate_calculation_columns=True,
        retain_matching_columns=True,
        probability_two_random_records_match=prior,
        max_iterations=20,
    )
    settings = creator.create_settings_dict(dialect)
    if model is not None:
        for comparison in settings["comparisons"]:
            trained = model.parameters.get(comparison["output_column_name"], {})
            for level in comparison["comparison_levels"]:
                values = trained.get(level.get("label_for_charts", ""))
                if values and not level.get("is_null_level"):
                    level["m_probability"] = values["m"]
                    level["u_probability"] = values["u"]
    return settings


# The m probability given to a level that training never saw among matches (two birth years
# ten years apart, say): rare among true matches, but not impossible, since sources err.
UNOBSERVED_M = 0.005


def _parameters_from_splink(splink_model: dict[str, Any]) -> dict[str, dict[str, dict[str, float]]]:
    parameters: dict[str, dict[str, dict[str, float]]] = {}
    for comparison in splink_model["comparisons"]:
        levels: dict[str, dict[str, float]] = {}
        unobserved = []
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level"):
                continue
            m, u = level.get("m_probability"), level.get("u_probability")
            if u is None:
                continue
            if m is None:
                unobserved.append(level["label_for_charts"])
                m = UNOBSERVED_M
            levels[level["label_for_charts"]] = {"m": float(m), "u": float(u)}
        # Keep the m of each comparison a distribution: what the unseen levels take, the
        # observed ones give up in proportion.
        observed = [label for label in levels if label not in unobserved]
        observed_total = sum(levels[label]["m"] for label in observed)
        if unobserved and observed_total > 0:
            scale = (1 - UNOBSERVED_M * len(unobserved)) / observed_total
            for label in observed:
                levels[label]["m"] *= scale
        parameters[comparison["output_column_name"]] = levels
    return parameters


@contextlib.contextmanager
def database(
    engine: str = "duckdb",
    *,
    spark_master: str = "local[2]",
    workdir: Path | None = None,
    memory_limit: str = "4GB",
) -> Iterator[Any]:
    """A Splink database API for ``engine``, torn down afterwards."""
    if engine == "duckdb":
        import duckdb
        from splink import DuckDBAPI

        connection = duckdb.connect(":memory:")
        # Spill to disk rather than fail when a large registry does not fit in memory.
        with tempfile.TemporaryDirectory(prefix="guwah-duckdb-", dir=workdir) as spill:
            connection.execute(f"SET temp_directory = '{spill}'")
            connection.execute(f"SET memory_limit = '{memory_limit}'")
            try:
                yield DuckDBAPI(connection=connection)
            finally:
                connection.close()
    elif engine == "spark":
        yield from _spark_database(spark_master, workdir)
    else:
        raise ValueError(f"unknown linkage engine {engine!r}; choose one of {', '.join(ENGINES)}")


def _spark_database(spark_master: str, workdir: Path | None) -> Iterator[Any]:
    import os
    import sys

    from pyspark.sql import SparkSession
    from splink.backends.spark import SparkAPI, similarity_jar_location

    from guwah.linkage.similarity import register_on_spark

    with tempfile.TemporaryDirectory(prefix="guwah-spark-", dir=workdir) as scratch:
        # Jaro–Winkler runs in Python on the executors (``guwah.linkage.similarity``); unless
        # told otherwise, Spark starts whichever ``python3`` is on the PATH, which may lack
        # pandas. A cluster whose machines keep Python elsewhere sets PYSPARK_PYTHON.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        spark = (
            SparkSession.builder.master(spark_master)
            .appName("guwah-linkage")
            .config("spark.jars", similarity_jar_location())
            .config("spark.sql.shuffle.partitions", "8")
            .config("spark.default.parallelism", "8")
            .config("spark.ui.enabled", "false")
            .config("spark.local.dir", scratch)
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate()
        )
        # Splink breaks lineage through checkpoints; without a directory u-estimation fails.
        spark.sparkContext.setCheckpointDir(str(Path(scratch) / "checkpoints"))
        try:
            db_api = SparkAPI(spark_session=spark)
            # After Splink has registered its jar: its jaro_winkler is not DuckDB's, and the
            # model was trained on DuckDB's (``guwah.linkage.similarity``).
            register_on_spark(spark)
            yield db_api
        finally:
            spark.stop()


def _register(db_api: Any, features: pd.DataFrame, name: str) -> Any:
    frame = features.loc[:, list(FEATURE_COLUMNS)]
    if type(db_api).__name__.startswith("Spark"):
        # Spark infers no type from an all-null column and reads pandas' NA as an object.
        from pyspark.sql import types as T

        schema = T.StructType(
            [
                T.StructField(
                    column,
                    T.LongType() if column.endswith("year") else T.StringType(),
                    nullable=column != "unique_id",
                )
                for column in FEATURE_COLUMNS
                if column != "unique_id"
            ]
        )
        schema = T.StructType([T.StructField("unique_id", T.StringType(), False), *schema.fields])

        def cells(column: str) -> list[Any]:
            values = frame[column].astype(object).where(frame[column].notna(), None).tolist()
            if column.endswith("year"):
                return [None if v is None else int(v) for v in values]
            return [None if v is None else str(v) for v in values]

        rows = list(zip(*(cells(column) for column in FEATURE_COLUMNS), strict=True))
        table = db_api.spark.createDataFrame(rows, schema=schema)
        return db_api.register(table, dataset_display_name=name)
    frame = frame.copy()
    frame["unique_id"] = frame["unique_id"].astype(str)
    return db_api.register(frame, dataset_display_name=name)


def _linker(db_api: Any, tables: list[Any], settings: dict[str, Any]) -> Any:
    from splink import Linker

    return Linker(tables if len(tables) > 1 else tables[0], settings, log_level=logging.WARNING)


def train(
    features: pd.DataFrame,
    engine: str = "duckdb",
    *,
    u_max_pairs: float = 2e6,
    em_max_pairs: float = 1e6,
    seed: int = 1,
    spark_master: str = "local[2]",
) -> LinkageModel:
    """Learn m and u for each comparison level from unlabelled records.

    u comes from pairs sampled at random (nearly all of them different people); m comes from
    expectation maximisation on two sets of blocked pairs, each capped at ``em_max_pairs``.
    """
    with database(engine, spark_master=spark_master) as db_api:
        table = _register(db_api, features, "records")
        dialect = db_api.sql_dialect.sql_dialect_str
        linker = _linker(db_api, [table], settings_dict(dialect))
        linker.training.estimate_probability_two_random_records_match(
            list(DETERMINISTIC_RULES), recall=DETERMINISTIC_RECALL
        )
        linker.training.estimate_u_using_random_sampling(max_pairs=u_max_pairs, seed=seed)
        for block in TRAINING_BLOCKS:
            linker.training.estimate_parameters_using_expectation_maximisation(
                block, max_pairs=em_max_pairs
            )
        trained = linker.misc.save_model_to_json()
    return LinkageModel(
        probability_two_random_records_match=float(trained["probability_two_random_records_match"]),
        parameters=_parameters_from_splink(trained),
        metadata={
            "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "records": len(features),
            "engine": engine,
            "splink": _splink_version(),
        },
    )


# The synthetic sample a calibration is fitted on: a seed of its own, so that the samples the
# benchmark measures calibration on (seeds 20261125 and 20261126) are never the one it was
# fitted on.
CALIBRATION_SEED = 20261201
CALIBRATION_PERSONS = 80_000


def calibrate(
    trained: LinkageModel,
    *,
    persons: int = CALIBRATION_PERSONS,
    seed: int = CALIBRATION_SEED,
    engine: str = "duckdb",
    spark_master: str = "local[2]",
) -> LinkageModel:
    """``trained`` with a calibration fitted on labelled synthetic pairs.

    The registry's own records carry no ground truth, the generator's do
    (``guwah.linkage.synthetic``): a sample of ``persons`` is scored by the model, and the
    share of true pairs is fitted against the match weight (``guwah.linkage.calibration``).
    """
    import dataclasses

    from guwah.linkage import calibration, synthetic
    from guwah.linkage.features import prepare

    records = synthetic.generate(persons, seed=seed)
    prepared = prepare(records.rename(columns={"record_id": "unique_id"}))
    uncalibrated = dataclasses.replace(trained, calibration=None)
    pairs = predict_duplicates(
        prepared, uncalibrated, threshold=0.01, engine=engine, spark_master=spark_master
    )
    truth = synthetic.true_pairs(records)
    left = pairs["unique_id_l"].astype("int64").tolist()
    right = pairs["unique_id_r"].astype("int64").tolist()
    true = [(min(a, b), max(a, b)) in truth for a, b in zip(left, right, strict=True)]
    fitted = calibration.fit(
        pairs["match_weight"].to_numpy(),
        true,
        source=f"synthetic records from guwah.linkage.synthetic (seed {seed}, "
        f"{len(records)} records), pairs scored at model probability >= 0.01",
    )
    return dataclasses.replace(trained, calibration=fitted)


def _splink_version() -> str:
    import splink

    return str(splink.__version__)


# Above this many records, pairs are scored in chunks so that the blocked pairs of the whole
# registry never sit in memory at once. Each chunk joins its records with all the others again,
# so chunks cost time: a million synthetic records took 183 s and 4.0 GiB in one chunk, 273 s
# and 3.7 GiB in five (DuckDB is capped at 4 GB and spills beyond it).
RECORDS_PER_CHUNK = 1_500_000


def prior_weight(probability: float) -> float:
    """The prior as a match weight (log2 of its odds): where every explanation starts."""
    return math.log2(probability / (1 - probability))


def _splink_threshold(threshold: float, calibration: Calibration | None) -> float:
    """The probability Splink is asked for so that every pair whose calibrated probability
    reaches ``threshold`` is among those it returns. Splink compares its own probability,
    before the family step, which only ever lowers a weight: a weight that reaches the
    calibrated threshold after the step reached it before."""
    if calibration is None:
        return threshold
    weight = calibration.weight_for(threshold)
    if weight == math.inf:
        return 1.0
    # A little below, so that rounding in SQL never drops a pair on the boundary.
    return float(min(threshold, 1.0 / (1.0 + 2.0 ** (-(weight - 0.01)))))


def _predictions(
    linker: Any,
    threshold: float,
    records: int,
    prior: float,
    calibration: Calibration | None = None,
) -> pd.DataFrame:
    chunks = max(1, -(-records // RECORDS_PER_CHUNK))
    result = linker.inference.predict(
        threshold_match_probability=_splink_threshold(threshold, calibration),
        warning_mode="never",
        num_chunks_left=chunks,
        num_chunks_right=1,
    )
    frame = result.as_pandas_dataframe()
    keep = ["unique_id_l", "unique_id_r", "match_weight", "match_probability"]
    if "source_dataset_l" in frame.columns:
        keep += ["source_dataset_l", "source_dataset_r"]
    for name in COMPARISON_TITLES:
        keep += [f"gamma_{name}", f"mw_{name}", f"mw_tf_adj_{name}"]
    frame = frame.loc[:, [c for c in keep if c in frame.columns]]
    # The family step only ever lowers a weight, so the pairs it leaves above the threshold are
    # among those Splink returned.
    frame = with_family_evidence(frame)
    # The weight's own probability is kept beside the calibrated one that is shown and compared.
    frame = frame.assign(model_probability=frame["match_probability"])
    if calibration is not None and not frame.empty:
        frame["match_probability"] = calibration.probability(frame["match_weight"].to_numpy())
    frame = frame[frame["match_probability"] >= threshold].reset_index(drop=True)
    return frame.assign(prior_weight=prior_weight(prior))


def predict_duplicates(
    features: pd.DataFrame,
    model: LinkageModel,
    *,
    threshold: float = 0.5,
    engine: str = "duckdb",
    spark_master: str = "local[2]",
) -> pd.DataFrame:
    """Scored pairs of records that may be the same person, at or above ``threshold``.

    Columns: ``unique_id_l``, ``unique_id_r`` (as text), ``match_weight``,
    ``match_probability`` (calibrated from the weight when the model carries a calibration),
    ``model_probability`` (the weight's own, 2^w / (1 + 2^w)), and per comparison
    ``gamma_<name>`` (the level reached) and ``mw_<name>`` (its match weight).
    """
    with database(engine, spark_master=spark_master) as db_api:
        table = _register(db_api, with_identity_facts(features), "records")
        settings = settings_dict(
            db_api.sql_dialect.sql_dialect_str, model, candidates=len(features)
        )
        return _predictions(
            _linker(db_api, [table], settings),
            threshold,
            len(features),
            settings["probability_two_random_records_match"],
            model.calibration,
        )


def predict_links(
    left: pd.DataFrame,
    right: pd.DataFrame,
    model: LinkageModel,
    *,
    threshold: float = 0.5,
    engine: str = "duckdb",
    spark_master: str = "local[2]",
) -> pd.DataFrame:
    """Scored pairs between two sets of records (a list and the registry), none within one."""
    with database(engine, spark_master=spark_master) as db_api:
        # Plain names: Splink writes them unquoted into SQL, where "left" is a keyword.
        tables = [
            _register(db_api, with_identity_facts(left), "first_records"),
            _register(db_api, with_identity_facts(right), "second_records"),
        ]
        settings = settings_dict(
            db_api.sql_dialect.sql_dialect_str, model, link_type="link_only", candidates=len(right)
        )
        linker = _linker(db_api, tables, settings)
        frame = _predictions(
            linker,
            threshold,
            len(left) + len(right),
            settings["probability_two_random_records_match"],
            model.calibration,
        )
    # Splink orders each pair by dataset name; put the first table's record on the left.
    if "source_dataset_l" in frame.columns:
        flipped = frame["source_dataset_l"] != "first_records"
        for suffix in ("unique_id",):
            left_ids = frame[f"{suffix}_l"].where(~flipped, frame[f"{suffix}_r"])
            right_ids = frame[f"{suffix}_r"].where(~flipped, frame[f"{suffix}_l"])
            frame[f"{suffix}_l"], frame[f"{suffix}_r"] = left_ids, right_ids
        frame = frame.drop(columns=["source_dataset_l", "source_dataset_r"])
    return frame


@functools.cache
def level_labels() -> dict[str, dict[int, str]]:
    """For each comparison, the label of each level by its gamma value (-1 for missing)."""
    from splink.internals.settings_creator import SettingsCreator

    creator = SettingsCreator(link_type="dedupe_only", comparisons=comparisons())
    labels: dict[str, dict[int, str]] = {}
    for comparison in creator.create_settings_dict("duckdb")["comparisons"]:
        levels = comparison["comparison_levels"]
        by_gamma: dict[int, str] = {}
        gamma = len([level for level in levels if not level.get("is_null_level")]) - 1
        for level in levels:
            if level.get("is_null_level"):
                by_gamma[-1] = "not known"
            else:
                by_gamma[gamma] = level.get("label_for_charts", "")
                gamma -= 1
        labels[comparison["output_column_name"]] = by_gamma
    return labels


def explanation(row: pd.Series | dict[str, Any]) -> list[dict[str, Any]]:
    """Per comparison of one scored pair: the level reached and the weight it adds or takes away.

    The weight includes the adjustment for how common the agreeing value is (a shared Memet
    says less than a shared Zulpiqar), and the last step is the family evidence taken back
    (``guwah.linkage.family``), so that the steps and the prior add up to the pair's match
    weight.
    """
    labels = {**level_labels(), FAMILY_STEP: FAMILY_LEVELS}
    steps = []
    for name in (*COMPARISON_TITLES, FAMILY_STEP):
        gamma = row.get(f"gamma_{name}")
        if gamma is None or pd.isna(gamma):
            continue
        parts = (row.get(f"mw_{name}"), row.get(f"mw_tf_adj_{name}"))
        weight = sum(float(part) for part in parts if part is not None and not pd.isna(part))
        steps.append(
            {
                "comparison": name,
                "level": labels[name].get(int(gamma), ""),
                "weight": round(weight, 3),
            }
        )
    return steps
