"""A family reads its hometown under the name it uses: Ghulja for a Uyghur reader, not Yining."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from guwah.registry import services
from guwah.registry.models import Place
from guwah.registry.place_names import place_name

GHULJA = Place(
    level="county",
    name_en="Yining City",
    name_ug_arab="غۇلجا شەھىرى",
    name_ug_latn="Ghulja Shehiri",
    name_zh="伊宁市",
)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ug", "غۇلجا شەھىرى"), ("zh-hans", "伊宁市"), ("tr", "Yining City"), ("en", "Yining City")],
)
def test_a_place_takes_the_name_of_the_readers_language(language: str, expected: str) -> None:
    assert place_name(GHULJA, language) == expected


def test_the_active_language_chooses_the_name_when_none_is_given() -> None:
    with translation.override("ug"):
        assert place_name(GHULJA) == "غۇلجا شەھىرى"
    with translation.override("en"):
        assert place_name(GHULJA) == "Yining City"


def test_the_arabic_script_is_written_from_the_latin_when_only_that_is_known() -> None:
    only_latin = Place(level="county", name_en="Karakax County", name_ug_latn="Qaraqash")
    assert place_name(only_latin, "ug") == "قاراقاش"


def test_a_name_not_recorded_in_the_readers_language_falls_back_to_english() -> None:
    english_only = Place(level="county", name_en="Karakax County")
    assert place_name(english_only, "ug") == "Karakax County"
    assert place_name(english_only, "zh-hans") == "Karakax County"
    assert place_name(None, "ug") == ""


@pytest.mark.django_db
def test_a_uyghur_reader_sees_ghulja_on_the_person_page_and_in_the_list(
    client: Client, owner, password: str
) -> None:
    ili = Place.objects.create(
        level="prefecture",
        name_en="Ili Kazakh Autonomous Prefecture",
        name_ug_arab="ئىلى قازاق ئاپتونوم ئوبلاستى",
    )
    ghulja = Place.objects.create(
        level="county",
        name_en="Yining City",
        name_ug_arab="غۇلجا شەھىرى",
        name_zh="伊宁市",
        parent=ili,
    )
    person = services.create_person(
        owner, names=[{"text": "ئابدۇللا", "script": "ug-Arab"}], hometown=ghulja
    )
    client.login(username=owner.username, password=password)
    client.cookies["django_language"] = "ug"

    detail = client.get(reverse("registry:person_detail", args=[person.pk])).content.decode()
    assert "<bdi>غۇلجا شەھىرى</bdi>" in detail
    assert "<bdi>ئىلى قازاق ئاپتونوم ئوبلاستى</bdi>" in detail
    assert "Yining" not in detail

    listing = client.get(reverse("registry:person_list")).content.decode()
    assert "غۇلجا شەھىرى" in listing
    assert "Yining" not in listing

    client.cookies["django_language"] = "en"
    assert (
        "Yining City"
        in client.get(reverse("registry:person_detail", args=[person.pk])).content.decode()
    )
