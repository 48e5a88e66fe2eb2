"""Calibration: from a pair's match weight to a probability that means what it says.

The Fellegi–Sunter weight adds the evidence of each comparison as if the comparisons were
independent. They are not (namesakes of one county and year agree on everything a record
shows, a person's reports share their spelling habits), so the probability 2^w / (1 + 2^w)
read from the weight is over confident in the middle: of the pairs it puts at 0.65, about
half are true (docs/benchmarks.md, "Linkage"). A reviewer who reads 0.65 must be able to
trust that about two in three such pairs are one person.

The map is fitted on labelled pairs, the synthetic ground truth of ``guwah.linkage.synthetic``
scored by the trained model, by isotonic regression (pool adjacent violators) of "true pair"
on the match weight: a non-decreasing step function, stored as its knots (the mean weight of
each pooled block and the share of true pairs in it) and read between knots by linear
interpolation, so it stays monotone and a higher weight never shows a lower probability.

The weight itself is unchanged: the review page's bars and the prior still add up to it; only
the probability shown and compared with thresholds is read from it through the map. Below the
fitted range the probability is the lower of the model's own and the first knot's; above it,
the last knot's. This module imports neither Django nor Splink.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

CALIBRATION_FORMAT = "isotonic-on-match-weight/1"

# A pooled block's share of true pairs is shrunk towards the whole sample's by this many pairs,
# so that a block of three pairs that happen to be true does not read as certainty.
_PSEUDO_PAIRS = 1.0
# Blocks with fewer pairs than this are pooled with their neighbour: between two synthetic
# samples of one size the share of true pairs at a weight varies by several points in the
# middle bands (namesakes come in groups), and a map that follows small blocks follows that
# noise (measured: blocks of 20 pairs fitted one sample better and held-out ones worse).
MIN_BLOCK_PAIRS = 200


def model_probability(weight: np.ndarray | float) -> np.ndarray:
    """The uncalibrated probability of a match weight: 2^w / (1 + 2^w)."""
    return 1.0 / (1.0 + np.exp2(-np.asarray(weight, dtype=float)))


def _logit2(probability: float) -> float:
    return math.log2(probability / (1.0 - probability))


@dataclass(frozen=True)
class Calibration:
    """A monotone map from match weight to probability: ``weights`` ascending, ``probabilities``
    non-decreasing, the same length."""

    weights: tuple[float, ...]
    probabilities: tuple[float, ...]
    pairs: int = 0
    source: str = ""

    def __post_init__(self) -> None:
        if len(self.weights) != len(self.probabilities) or not self.weights:
            raise ValueError("a calibration needs as many probabilities as weights, at least one")
        if any(b < a for a, b in zip(self.weights, self.weights[1:], strict=False)):
            raise ValueError("calibration weights must be ascending")
        if any(b < a for a, b in zip(self.probabilities, self.probabilities[1:], strict=False)):
            raise ValueError("calibrated probabilities must not decrease with the weight")
        if not all(0.0 < p < 1.0 for p in self.probabilities):
            raise ValueError("calibrated probabilities lie strictly between 0 and 1")

    def probability(self, weight: np.ndarray | float) -> np.ndarray:
        """The calibrated probability of each match weight."""
        w = np.asarray(weight, dtype=float)
        knots_w = np.array(self.weights)
        knots_p = np.array(self.probabilities)
        inside = np.interp(w, knots_w, knots_p)
        below = np.minimum(knots_p[0], model_probability(w))
        return np.where(w < knots_w[0], below, inside)

    def weight_for(self, probability: float) -> float:
        """The lowest match weight whose calibrated probability reaches ``probability``
        (``inf`` when none does): what a threshold on the probability means as a weight."""
        knots_w, knots_p = self.weights, self.probabilities
        if probability <= knots_p[0]:
            return min(_logit2(probability), knots_w[0]) if 0 < probability < 1 else -math.inf
        for i in range(len(knots_w) - 1):
            low, high = knots_p[i], knots_p[i + 1]
            if high >= probability:
                share = (probability - low) / (high - low) if high > low else 0.0
                return knots_w[i] + share * (knots_w[i + 1] - knots_w[i])
        return math.inf

    def to_dict(self) -> dict[str, object]:
        return {
            "format": CALIBRATION_FORMAT,
            "weights": [round(w, 4) for w in self.weights],
            "probabilities": [round(p, 6) for p in self.probabilities],
            "pairs": self.pairs,
            "source": self.source,
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Calibration:
        if data.get("format") != CALIBRATION_FORMAT:
            raise ValueError(f"not a calibration of format {CALIBRATION_FORMAT}")
        weights = data["weights"]
        probabilities = data["probabilities"]
        if not isinstance(weights, list) or not isinstance(probabilities, list):
            raise ValueError("calibration weights and probabilities must be lists")
        pairs = data.get("pairs", 0)
        return cls(
            weights=tuple(float(w) for w in weights),
            probabilities=tuple(float(p) for p in probabilities),
            pairs=int(pairs) if isinstance(pairs, int | float | str) else 0,
            source=str(data.get("source", "")),
        )


def _pool_adjacent_violators(
    values: np.ndarray, counts: np.ndarray, weights: np.ndarray
) -> list[list[float]]:
    """Blocks [sum of labels, pairs, sum of weights] whose means do not decrease."""
    blocks: list[list[float]] = []
    for value, count, weight in zip(values, counts, weights, strict=True):
        blocks.append([float(value), float(count), float(weight)])
        while len(blocks) > 1 and (
            blocks[-2][0] / blocks[-2][1] >= blocks[-1][0] / blocks[-1][1]
            or blocks[-2][1] < MIN_BLOCK_PAIRS
        ):
            last = blocks.pop()
            for k in range(3):
                blocks[-1][k] += last[k]
    # A short last block is pooled into the one before it.
    while len(blocks) > 1 and blocks[-1][1] < MIN_BLOCK_PAIRS:
        last = blocks.pop()
        for k in range(3):
            blocks[-1][k] += last[k]
    return blocks


def fit(
    weights: Sequence[float] | np.ndarray, true: Sequence[bool] | np.ndarray, *, source: str = ""
) -> Calibration:
    """Fit the monotone map on scored pairs: their match weights and whether each is true."""
    w = np.asarray(weights, dtype=float)
    y = np.asarray(true, dtype=float)
    if len(w) != len(y) or len(w) < MIN_BLOCK_PAIRS:
        raise ValueError(f"calibration needs at least {MIN_BLOCK_PAIRS} labelled pairs")
    if y.min() == y.max():
        raise ValueError("calibration needs both true and false pairs")
    order = np.argsort(w, kind="stable")
    w, y = w[order], y[order]
    # Pairs of equal weight are one point: the map cannot tell them apart.
    distinct, start = np.unique(w, return_index=True)
    counts = np.diff(np.append(start, len(w)))
    sums = np.add.reduceat(y, start)
    blocks = _pool_adjacent_violators(sums, counts.astype(float), distinct * counts)
    overall = float(y.mean())
    knots_w = [b[2] / b[1] for b in blocks]
    knots_p = [(b[0] + _PSEUDO_PAIRS * overall) / (b[1] + _PSEUDO_PAIRS) for b in blocks]
    # Shrinking can break monotonicity between blocks of very different sizes; restore it.
    knots_p = list(np.maximum.accumulate(np.clip(knots_p, 1e-6, 1 - 1e-6)))
    return Calibration(
        weights=tuple(float(k) for k in knots_w),
        probabilities=tuple(float(p) for p in knots_p),
        pairs=len(w),
        source=source,
    )


def reliability(
    probability: np.ndarray, true: np.ndarray, bands: Sequence[float]
) -> list[dict[str, float | int | str]]:
    """Per band of probability: pairs, mean probability, share of true pairs and the gap."""
    probability = np.asarray(probability, dtype=float)
    true = np.asarray(true, dtype=bool)
    rows: list[dict[str, float | int | str]] = []
    for low, high in itertools.pairwise(bands):
        band = (probability >= low) & ((probability < high) | (high >= 1.0))
        if not band.any():
            continue
        predicted = float(probability[band].mean())
        observed = float(true[band].mean())
        rows.append(
            {
                "band": f"{low:g}-{high:g}",
                "pairs": int(band.sum()),
                "mean_predicted": round(predicted, 4),
                "observed_true": round(observed, 4),
                "gap": round(observed - predicted, 4),
            }
        )
    return rows
