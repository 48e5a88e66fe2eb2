"""Jaro–Winkler similarity as DuckDB computes it, for Spark to compute the same.

The model's "sounds alike" and "similar" levels compare phonetic forms by Jaro–Winkler. DuckDB's
``jaro_winkler_similarity`` and the ``jaro_winkler`` of the Spark jar shipped with Splink are
two different functions under one name:

* DuckDB reads a string as its UTF-8 bytes, the jar as characters: ``č`` is two units in
  DuckDB and one in Spark, so every name with a letter outside ASCII scores differently;
* DuckDB halves the count of characters out of order with integer division, the jar exactly:
  kulnisa and kulsan have three out of order, 0.928 in DuckDB ("sounds alike", at 0.92) and
  0.908 in Spark ("similar").

The shipped model was trained on DuckDB, so its m and u for these levels describe DuckDB's
similarity. Spark is given that one (``register_on_spark``), computed here bit for bit:
DuckDB's Winkler step is a fused multiply-add, which an ordinary float expression in Python
rounds differently in the last bit, and a similarity of exactly 0.8 or 0.92 then falls on the
other side of a level's threshold.

It imports no Django and nothing of Guwah, only pandas (which Spark's pandas UDFs need anyway):
Spark's executors receive these functions by value.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pandas as pd

# DuckDB's weight of the common prefix, and its longest prefix counted.
PREFIX_WEIGHT = 0.1
MAX_PREFIX = 4
# Below this Jaro similarity DuckDB adds nothing for a common prefix.
WINKLER_FLOOR = 0.7


def _jaro(shorter: bytes, longer: bytes) -> float:
    bound = max(len(longer) // 2 - 1, 0)
    taken = [False] * len(longer)
    matched: list[int] = []
    for i, byte in enumerate(shorter):
        for j in range(max(0, i - bound), min(len(longer), i + bound + 1)):
            if not taken[j] and longer[j] == byte:
                taken[j] = True
                matched.append(byte)
                break
    common = len(matched)
    if not common:
        return 0.0
    in_order = [byte for byte, is_taken in zip(longer, taken, strict=True) if is_taken]
    transpositions = sum(a != b for a, b in zip(matched, in_order, strict=True)) // 2
    # The operations in DuckDB's order, so that the result is rounded as DuckDB rounds it.
    similarity = 0.0
    similarity += common / len(shorter)
    similarity += common / len(longer)
    similarity += (common - transpositions) / common
    return similarity / 3.0


def jaro_winkler(first: str | None, second: str | None) -> float | None:
    """DuckDB's ``jaro_winkler_similarity(first, second)``: None when either is None."""
    if first is None or second is None:
        return None
    a, b = first.encode("utf-8"), second.encode("utf-8")
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if not shorter:
        return 0.0
    prefix = 0
    while prefix < min(MAX_PREFIX, len(shorter)) and shorter[prefix] == longer[prefix]:
        prefix += 1
    similarity = _jaro(shorter, longer)
    if similarity > WINKLER_FLOOR:
        # similarity + prefix * weight * (1 - similarity) with one rounding, as a fused
        # multiply-add gives it (Python 3.11 has no math.fma).
        step = float(prefix) * PREFIX_WEIGHT
        fused = Fraction(step) * Fraction(1.0 - similarity) + Fraction(similarity)
        similarity = min(float(fused), 1.0)
    return similarity


def register_on_spark(spark: Any) -> None:
    """Make ``jaro_winkler`` in ``spark``'s SQL the function above, in place of the jar's.

    Splink writes Jaro–Winkler levels as ``jaro_winkler(...)`` for Spark, so the comparisons
    stay one definition for both engines.
    """
    import sys

    from pyspark import cloudpickle
    from pyspark.sql.functions import pandas_udf

    # Executors need not have Guwah installed: this module travels with the function.
    cloudpickle.register_pickle_by_value(sys.modules[__name__])

    @pandas_udf("double")  # type: ignore[call-overload]
    def guwah_jaro_winkler(first: pd.Series, second: pd.Series) -> pd.Series:
        # A few hundred names recur in every batch: each distinct pair is computed once. A
        # missing value arrives as None (or NaN): the similarity is then missing, as in SQL.
        known: dict[tuple[str | None, str | None], float | None] = {}
        values = []
        for a, b in zip(first, second, strict=True):
            pair = (a if isinstance(a, str) else None, b if isinstance(b, str) else None)
            if pair not in known:
                known[pair] = jaro_winkler(*pair)
            values.append(known[pair])
        return pd.Series(values, dtype="object")

    spark.udf.register("jaro_winkler", guwah_jaro_winkler)
