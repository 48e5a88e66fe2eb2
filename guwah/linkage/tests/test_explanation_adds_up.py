"""The review screen's waterfall: the comparisons' weights and the prior make the match weight."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from guwah.linkage import features, model, synthetic


@pytest.fixture(scope="module")
def scored() -> tuple[pd.DataFrame, float]:
    """Pairs of synthetic records scored with the default model, and that scoring's prior."""
    records = features.prepare(
        synthetic.generate(3000, seed=11).rename(columns={"record_id": "unique_id"})
    )
    trained = model.LinkageModel.default()
    pairs = model.predict_duplicates(records, trained, threshold=0.01)
    return pairs, model.prior_for(trained, len(records))


def test_the_steps_and_the_prior_add_up_to_the_match_weight(scored) -> None:
    pairs, prior = scored
    assert len(pairs) > 100
    prior_weight = math.log2(prior / (1 - prior))
    for _, row in pairs.iterrows():
        steps = model.explanation(row)
        explained = prior_weight + sum(step["weight"] for step in steps)
        # Each step is rounded to a thousandth of a bit.
        assert math.isclose(explained, row["match_weight"], abs_tol=0.001 * len(steps) + 1e-6)


def test_a_shared_rare_name_weighs_more_than_a_shared_common_one(scored) -> None:
    pairs, _ = scored
    given = {
        step["weight"]
        for _, row in pairs.iterrows()
        for step in model.explanation(row)
        if step["comparison"] == "given_name" and step["level"] == "same"
    }
    # Without the frequency adjustment every "same" step would weigh exactly the same.
    assert len(given) > 10 and max(given) - min(given) > 2
