"""A higher match weight never shows a lower probability, and a threshold means the same pairs."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from guwah.linkage import calibration, features, model, synthetic


def _noisy_pairs(count: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    weights = rng.uniform(-8, 20, count)
    # True with a probability that rises with the weight, but less steeply than 2^w / (1 + 2^w).
    truth = rng.random(count) < 1 / (1 + np.exp2(-(weights - 2) / 2))
    return weights, truth


def test_a_fitted_map_never_decreases_with_the_weight() -> None:
    weights, truth = _noisy_pairs(5_000, seed=7)
    fitted = calibration.fit(weights, truth)
    grid = np.linspace(-30, 40, 2_001)
    shown = fitted.probability(grid)
    assert np.all(np.diff(shown) >= 0)
    assert np.all((shown > 0) & (shown < 1))


def test_the_shipped_model_carries_a_monotone_calibration() -> None:
    shipped = model.LinkageModel.default()
    assert shipped.calibration is not None
    shown = shipped.calibration.probability(np.linspace(-30, 40, 2_001))
    assert np.all(np.diff(shown) >= 0)


def test_the_weight_for_a_threshold_is_the_lowest_weight_that_reaches_it() -> None:
    weights, truth = _noisy_pairs(5_000, seed=8)
    fitted = calibration.fit(weights, truth)
    for threshold in (0.05, 0.3, 0.5, 0.8, 0.95):
        weight = fitted.weight_for(threshold)
        assert fitted.probability(weight + 1e-6) >= threshold - 1e-9
        assert fitted.probability(weight - 0.01) < threshold


def test_a_stored_model_keeps_its_calibration() -> None:
    shipped = model.LinkageModel.default()
    again = model.LinkageModel.from_json(shipped.to_json())
    assert again.calibration == shipped.calibration


def test_a_map_that_decreases_is_refused() -> None:
    with pytest.raises(ValueError, match="must not decrease"):
        calibration.Calibration(weights=(0.0, 1.0), probabilities=(0.6, 0.5))


def test_a_threshold_keeps_exactly_the_pairs_whose_calibrated_probability_reaches_it() -> None:
    records = synthetic.generate(1_500, seed=31)
    prepared = features.prepare(records.rename(columns={"record_id": "unique_id"}))
    shipped = model.LinkageModel.default()
    everything = model.predict_duplicates(prepared, shipped, threshold=0.01)
    at_half = model.predict_duplicates(prepared, shipped, threshold=0.5)

    def keys(frame: pd.DataFrame) -> set[tuple[str, str]]:
        return set(zip(frame["unique_id_l"], frame["unique_id_r"], strict=True))

    assert keys(at_half) == keys(everything[everything["match_probability"] >= 0.5])
    # The probability shown is read from the weight the explanation adds up to.
    assert np.allclose(
        at_half["match_probability"],
        shipped.calibration.probability(at_half["match_weight"].to_numpy()),  # type: ignore[union-attr]
    )
    assert all(
        math.isclose(p, 1 / (1 + 2**-w), rel_tol=1e-9)
        for p, w in zip(at_half["model_probability"], at_half["match_weight"], strict=True)
    )
