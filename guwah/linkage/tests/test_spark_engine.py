"""The same model on Spark (local mode) proposes the same pairs as on DuckDB."""

from __future__ import annotations

import shutil

import pytest

from guwah.linkage import features, model, synthetic

pytestmark = [pytest.mark.spark, pytest.mark.slow]


def test_spark_and_duckdb_agree_above_the_threshold() -> None:
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java 17 on the PATH")
    records = synthetic.generate(300, seed=9).rename(columns={"record_id": "unique_id"})
    prepared = features.prepare(records)
    trained = model.LinkageModel.default()
    threshold = 0.9

    def pairs(engine: str) -> set[frozenset[str]]:
        scored = model.predict_duplicates(prepared, trained, threshold=threshold, engine=engine)
        return {
            frozenset(p) for p in zip(scored["unique_id_l"], scored["unique_id_r"], strict=True)
        }

    on_duckdb = pairs("duckdb")
    on_spark = pairs("spark")
    assert len(on_duckdb) > 20
    assert on_spark == on_duckdb
