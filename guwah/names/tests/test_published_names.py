"""Real names published in several scripts (read from the shared development set at run time)."""

from __future__ import annotations

from pathlib import Path

import pytest

from guwah.names import similarity
from guwah.names.evaluation import evaluate_file, read_rows


@pytest.fixture
def names_dev(shared_data: Path) -> Path:
    path = shared_data / "names-dev.tsv"
    if not path.is_file():
        pytest.skip(f"names development set not found at {path}")
    return path


def test_retrieval_meets_the_accuracy_the_project_promises(names_dev: Path) -> None:
    groups = evaluate_file(names_dev)["groups"]
    assert groups["arabic<->latin"]["top1"] >= 0.97
    assert groups["chinese_or_pinyin->latin"]["top1"] >= 0.90


def test_each_arabic_name_is_closest_to_its_own_latin_form(names_dev: Path) -> None:
    rows = [row for row in read_rows(names_dev) if row["uyghur_arabic"] and row["latin"]]
    assert rows, "the development set has names in both Arabic and Latin script"
    latins = [row["latin"][0] for row in rows]
    for row in rows:
        scores = [similarity(row["uyghur_arabic"][0], latin) for latin in latins]
        assert latins[scores.index(max(scores))] == row["latin"][0]


def test_chinese_and_latin_forms_of_one_person_are_alike(names_dev: Path) -> None:
    rows = [row for row in read_rows(names_dev) if row["chinese"] and row["latin"]]
    scores = sorted(similarity(row["chinese"][0], row["latin"][0]) for row in rows)
    median = scores[len(scores) // 2]
    assert median > 0.75
