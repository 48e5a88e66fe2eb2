"""The registry is scored against itself; one person written in two scripts is proposed once."""

from __future__ import annotations

from guwah.linkage import services
from guwah.linkage.models import CandidatePair
from guwah.linkage.services import runs


def _pairs_above(threshold: float) -> set[frozenset[int]]:
    return {
        frozenset((pair.person_id, pair.other_person_id))
        for pair in CandidatePair.objects.filter(match_probability__gte=threshold)
    }


def test_cross_script_duplicates_are_found(reported_twice) -> None:
    run = services.run_dedupe()
    memet = frozenset((reported_twice["memet_arabic"].pk, reported_twice["memet_pinyin"].pk))
    assert memet in _pairs_above(0.9)
    assert run.proposed == len(_pairs_above(0.0))
    pair = CandidatePair.objects.get(person_id=min(memet), other_person_id=max(memet))
    levels = {step["comparison"]: step["level"] for step in pair.explanation}
    assert (
        levels["given_name"] == "same" and levels["hometown"] == "same prefecture, county not given"
    )


def test_sisters_with_their_fathers_name_are_not_proposed(reported_twice) -> None:
    services.run_dedupe()
    sisters = frozenset((reported_twice["gulnar"].pk, reported_twice["gulzire"].pk))
    assert sisters not in _pairs_above(0.5)
    for sister in ("gulnar", "gulzire"):
        for brother in ("memet_arabic", "memet_pinyin"):
            pair = frozenset((reported_twice[sister].pk, reported_twice[brother].pk))
            assert pair not in _pairs_above(0.5)


def test_running_again_rescores_instead_of_repeating(reported_twice) -> None:
    first = services.run_dedupe()
    second = services.run_dedupe()
    assert second.proposed == 0
    assert second.updated == first.proposed
    assert CandidatePair.objects.count() == first.proposed


def test_a_trained_model_is_saved_as_the_next_version(
    reported_twice, settings, monkeypatch
) -> None:
    import pandas as pd

    from guwah.linkage import synthetic

    records = synthetic.generate(1500, seed=11).rename(columns={"record_id": "unique_id"})
    monkeypatch.setattr(
        runs,
        "registry_records",
        lambda **kwargs: pd.DataFrame(records).astype({"unique_id": str}),
    )
    first = services.train_model()
    second = services.train_model()
    assert (first.name, second.name) == ("model-0001.json", "model-0002.json")
    model, version = services.current_model()
    assert version == "v2" and model.metadata["version"] == 2
    assert set(model.parameters) >= {"given_name", "father_name", "birth_year", "id_number"}
