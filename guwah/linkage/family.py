"""Family evidence: what brothers and sisters share says nothing about whether two records are one.

In Uyghur naming every child of a family carries the father's name, and shares the mother and
the hometown. The Fellegi–Sunter model weighs each comparison as if it were independent of the
others, so two siblings (Memet Erkin and Ehmet Erkin, born three years apart in one county)
collect the weight of the same father, the same mother and the same hometown, and score as one
person. Among pairs whose given names differ, or whose sex differs, those agreements are what a
family looks like, not what a duplicate looks like.

A father and his child are the other family resemblance: Hesen Elijan's son is Elijan Hesen,
the same two names in the other order, born a generation later.

The guard below is applied to every scored pair after the model: where the pair looks like two
members of one family, the positive weight of the family comparisons is taken back as one more
step of the explanation, so the steps and the prior still add up to the match weight a reviewer
reads. Overwhelming evidence of one person, the same identity number, lifts the guard.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

FAMILY_STEP = "family"
FAMILY_COMPARISONS = ("father_name", "mother_name", "hometown")

# The reasons, by the code written to ``gamma_family``; their labels are what explanations show.
GIVEN_NAMES_DIFFER = 1
SEX_DIFFERS = 2
SIMILAR_NAMES_YEARS_APART = 3
PARENT_AND_CHILD = 4
FAMILY_LEVELS = {
    GIVEN_NAMES_DIFFER: "given names differ: shared parents and hometown are family evidence",
    SEX_DIFFERS: "sex differs: shared parents and hometown are family evidence",
    SIMILAR_NAMES_YEARS_APART: (
        "given names alike but not the same, born years apart: shared parents and hometown "
        "are family evidence"
    ),
    PARENT_AND_CHILD: (
        "names in the other order, born years apart: the given name of one is the father's "
        "name of the other, as between a father and his child"
    ),
}

# Gamma values of the levels read here (see ``model.level_labels``).
_GIVEN_DIFFERENT_OR_SIMILAR = (0, 1)  # "different", "similar"
# "sounds alike", "same consonants across scripts, r and l alike", "same consonants"
_GIVEN_ALIKE = (2, 3, 4)
_GIVEN_SWAPPED = 5  # "same, names in the other order"
_YEARS_APART = (0, 1)  # "further apart", "two or three years apart"
_FURTHER_APART = 0
_SEX_DIFFERENT = 0
_ID_SAME_OR_ONE_DIGIT = (1, 2)


def _gamma(frame: pd.DataFrame, name: str) -> pd.Series:
    column = f"gamma_{name}"
    if column not in frame.columns:
        return pd.Series(-1, index=frame.index)
    return pd.to_numeric(frame[column], errors="coerce").fillna(-1).astype(int)


def _weight(frame: pd.DataFrame, name: str) -> pd.Series:
    total = pd.Series(0.0, index=frame.index)
    for column in (f"mw_{name}", f"mw_tf_adj_{name}"):
        if column in frame.columns:
            total = total + pd.to_numeric(frame[column], errors="coerce").fillna(0.0)
    return total


def family_reason(frame: pd.DataFrame) -> pd.Series:
    """Per scored pair, why it looks like two members of one family (a ``FAMILY_LEVELS`` code),
    or 0 where it does not, or where the identity number settles it."""
    given = _gamma(frame, "given_name")
    reason = np.select(
        [
            given.isin(_GIVEN_DIFFERENT_OR_SIMILAR),
            _gamma(frame, "sex") == _SEX_DIFFERENT,
            given.isin(_GIVEN_ALIKE) & _gamma(frame, "birth_year").isin(_YEARS_APART),
            (given == _GIVEN_SWAPPED) & (_gamma(frame, "birth_year") == _FURTHER_APART),
        ],
        [GIVEN_NAMES_DIFFER, SEX_DIFFERS, SIMILAR_NAMES_YEARS_APART, PARENT_AND_CHILD],
        default=0,
    )
    settled = _gamma(frame, "id_number").isin(_ID_SAME_OR_ONE_DIGIT)
    return pd.Series(np.where(settled, 0, reason), index=frame.index)


def with_family_evidence(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (scored pairs) with the family step applied: ``gamma_family`` (the reason, or
    missing where none), ``mw_family`` (the weight taken back), and the match weight and
    probability lowered by it."""
    if frame.empty:
        return frame.assign(gamma_family=pd.Series(dtype="float"), mw_family=0.0)
    reason = family_reason(frame)
    shared = sum(_weight(frame, name).clip(lower=0.0) for name in FAMILY_COMPARISONS)
    # Between a father and his child the swapped names are themselves family evidence.
    shared = shared + _weight(frame, "given_name").clip(lower=0.0).where(
        reason == PARENT_AND_CHILD, 0.0
    )
    taken_back = -shared.where(reason > 0, 0.0)
    weight = pd.to_numeric(frame["match_weight"]) + taken_back
    return frame.assign(
        gamma_family=reason.where(reason > 0).astype("float"),
        mw_family=taken_back,
        match_weight=weight,
        match_probability=1.0 / (1.0 + np.exp2(-weight)),
    )
