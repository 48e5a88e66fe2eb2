"""The review screen's waterfall: the comparisons' weights and the prior make the match weight."""

from __future__ import annotations

import math

from guwah.linkage import features, model, synthetic


def test_the_steps_and_the_prior_add_up_to_the_match_weight() -> None:
    records = synthetic.generate(3000, seed=11).rename(columns={"record_id": "unique_id"})
    prepared = features.prepare(records)
    trained = model.LinkageModel.default()
    pairs = model.predict_duplicates(prepared, trained, threshold=0.01)
    assert len(pairs) > 100
    prior = model.prior_for(trained, len(prepared))
    prior_weight = math.log2(prior / (1 - prior))
    for _, row in pairs.iterrows():
        steps = model.explanation(row)
        explained = prior_weight + sum(step["weight"] for step in steps)
        # Each step is rounded to a thousandth of a bit.
        assert math.isclose(explained, row["match_weight"], abs_tol=0.001 * len(steps) + 1e-6)


def test_a_shared_rare_name_weighs_more_than_a_shared_common_one() -> None:
    records = synthetic.generate(3000, seed=11).rename(columns={"record_id": "unique_id"})
    pairs = model.predict_duplicates(
        features.prepare(records), model.LinkageModel.default(), threshold=0.01
    )
    given = {
        step["weight"]
        for _, row in pairs.iterrows()
        for step in model.explanation(row)
        if step["comparison"] == "given_name" and step["level"] == "same"
    }
    # Without the frequency adjustment every "same" step would weigh exactly the same.
    assert len(given) > 10 and max(given) - min(given) > 2
