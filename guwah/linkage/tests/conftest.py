"""A small registry in which some persons were reported twice, in different scripts."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.apps import apps

from guwah.registry import services
from guwah.registry.models import Event, Evidence, FamilyTie, NameKey, Person, Place


@pytest.fixture(autouse=True)
def _linkage_data_dir(tmp_path: Path, settings) -> None:
    """Trained models of one test never reach another's, or ./data."""
    settings.DATA_DIR = tmp_path / "data"


@pytest.fixture
def places(db) -> dict[str, Place]:
    region = Place.objects.create(code="650000", level=Place.Level.REGION, name_en="Xinjiang")
    kashgar = Place.objects.create(
        code="653100", level=Place.Level.PREFECTURE, name_en="Kashgar", parent=region
    )
    kona = Place.objects.create(
        code="653101", level=Place.Level.COUNTY, name_en="Kashgar city", parent=kashgar
    )
    yarkand = Place.objects.create(
        code="653125", level=Place.Level.COUNTY, name_en="Yarkand", parent=kashgar
    )
    hotan = Place.objects.create(
        code="653200", level=Place.Level.PREFECTURE, name_en="Hotan", parent=region
    )
    return {"kashgar": kashgar, "kona": kona, "yarkand": yarkand, "hotan": hotan}


def person(actor, names: list[tuple[str, str]], **fields) -> Person:
    return services.create_person(
        actor,
        names=[{"text": text, "script": script} for text, script in names],
        synthetic=True,
        **fields,
    )


@pytest.fixture
def reported_twice(colleague, places):
    """Memet Tursun reported by two families, once in Arabic script and once in pinyin; his
    sisters Gülnar and Gülzire, who share his father's name, reported once each."""
    memet_arabic = person(
        colleague,
        [("مەمەت تۇرسۇن", "ug-Arab")],
        sex="m",
        birth_date="1968",
        hometown=places["kona"],
    )
    memet_pinyin = person(
        colleague,
        [("Maimaiti Tuerxun", "zh-Latn-pinyin")],
        sex="m",
        birth_date="1969",
        hometown=places["kashgar"],
    )
    gulnar = person(
        colleague,
        [("گۈلنار تۇرسۇن", "ug-Arab")],
        sex="f",
        birth_date="1972",
        hometown=places["kona"],
    )
    gulzire = person(
        colleague,
        [("Gülzire Tursun", "ug-Latn")],
        sex="f",
        birth_date="1975",
        hometown=places["kona"],
    )
    stranger = person(
        colleague,
        [("ئابدۇللا قادىر", "ug-Arab")],
        sex="m",
        birth_date="1980",
        hometown=places["hotan"],
    )
    return {
        "memet_arabic": memet_arabic,
        "memet_pinyin": memet_pinyin,
        "gulnar": gulnar,
        "gulzire": gulzire,
        "stranger": stranger,
    }


def all_registry_rows() -> dict[str, list[dict]]:
    """Every row of every registry table except the append-only history tables."""
    rows = {}
    for model in apps.get_app_config("registry").get_models(include_auto_created=True):
        if model.__name__.startswith("Historical"):
            continue
        if model is NameKey:
            # Search keys are written anew whenever a name is saved: the same keys, new ids.
            rows[model._meta.label] = sorted(
                model._base_manager.values_list("name_id", "part", "key")
            )
            continue
        # A version number only grows (an undo is one more save, so that an editor who opened
        # the record before cannot overwrite it unawares); every other column comes back.
        rows[model._meta.label] = [
            {column: value for column, value in row.items() if column != "version"}
            for row in model._base_manager.order_by("pk").values()
        ]
    return rows


def row_counts() -> dict[str, int]:
    counts = {}
    for label in ("registry", "linkage"):
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            counts[model._meta.label] = model._base_manager.count()
    return counts


@pytest.fixture
def two_records_of_memet(colleague, places):
    """Memet entered twice, each record with its own names, events, testimony and relatives."""
    first = person(
        colleague,
        [("مەمەت تۇرسۇن", "ug-Arab")],
        sex="m",
        birth_date="1968",
        hometown=places["kona"],
    )
    second = person(
        colleague,
        [("Maimaiti Tuerxun", "zh-Latn-pinyin"), ("Memet Tursun", "ug-Latn")],
        birth_date="1968-03",
        occupation="teacher",
        notes="Reported by his cousin in Almaty.",
    )
    sister = person(colleague, [("گۈلنار تۇرسۇن", "ug-Arab")], sex="f")
    daughter = person(colleague, [("Aygül Memet", "ug-Latn")], sex="f")
    services.add_family_tie(colleague, first, sister, FamilyTie.Relation.SIBLING)
    services.add_family_tie(colleague, second, sister, FamilyTie.Relation.SIBLING)
    services.add_family_tie(colleague, second, daughter, FamilyTie.Relation.CHILD)
    services.add_event(colleague, first, kind=Event.Kind.DISAPPEARANCE, date="2017-04")
    services.add_event(colleague, second, kind=Event.Kind.CAMP_DETENTION, date="2017-05")
    services.add_testimony(
        colleague, [second], witness_name="Aygül", text="My father was taken in May 2017."
    )
    services.add_testimony(
        colleague, [first, second], witness_name="Gülnar", text="My brother disappeared."
    )
    services.add_evidence(
        colleague,
        [second],
        kind=Evidence.Kind.NEWS_REPORT,
        title="Report",
        reference="https://example.org/report",
    )
    return first, second
