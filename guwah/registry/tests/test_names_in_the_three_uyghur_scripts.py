"""The person page writes each name in the three Uyghur scripts, from its stored ULY form."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.template import Context, Template
from django.test import Client
from django.urls import reverse

from guwah.names.match import transliterate
from guwah.registry import services
from guwah.registry.models import Name, Person
from guwah.registry.templatetags.registry import uyghur_forms

pytestmark = pytest.mark.django_db

UYGHUR = ("ug-Arab", "ug-Latn", "ug-Cyrl")


@pytest.fixture
def memtimin(owner: User) -> Person:
    return services.create_person(
        owner, names=[{"text": "买买提明·吾守尔", "script": "zh-Hans"}], sex="m"
    )


def _forms(name: Name) -> dict[str, str]:
    return {form["script"]: form["text"] for form in uyghur_forms(name)}


def test_a_name_in_chinese_characters_is_shown_in_each_uyghur_script(memtimin: Person) -> None:
    name = memtimin.names.get()
    expected = {script: transliterate(name.text, script) for script in UYGHUR}
    assert _forms(name) == expected
    assert expected["ug-Latn"].startswith("Mem")
    assert all(form["exact"] is False for form in uyghur_forms(name))


def test_the_forms_are_written_from_the_stored_uly_form(memtimin: Person) -> None:
    # A stored form the engine would not compute from the text shows that the page reads it.
    Name.objects.filter(person=memtimin).update(uly="Erkin Tursun")
    assert _forms(memtimin.names.get()) == {
        "ug-Arab": "ئەركىن تۇرسۇن",
        "ug-Latn": "Erkin Tursun",
        "ug-Cyrl": "Әркин Турсун",
    }


def test_a_name_keeps_its_own_text_in_its_own_script(owner: User) -> None:
    person = services.create_person(
        owner, names=[{"text": "ئەخمەت تۇرسۇن", "script": "ug-Arab"}], sex="m"
    )
    forms = uyghur_forms(person.names.get())
    assert [form["text"] for form in forms if form["original"]] == ["ئەخمەت تۇرسۇن"]
    assert all(form["exact"] for form in forms)


def test_the_person_page_shows_the_stored_form(
    client: Client, owner: User, memtimin: Person
) -> None:
    Name.objects.filter(person=memtimin).update(uly="Erkin Tursun")
    client.force_login(owner)
    page = client.get(reverse("registry:person_detail", args=[memtimin.pk])).content.decode()
    assert "Erkin Tursun" in page
    assert transliterate("买买提明·吾守尔", "ug-Latn") not in page


def test_the_to_script_filter_writes_any_text_in_each_uyghur_script() -> None:
    template = Template(
        '{% load registry %}{{ n|to_script:"ug-Arab" }}|{{ n|to_script:"ug-Latn" }}|'
        '{{ n|to_script:"ug-Cyrl" }}|{{ none|to_script:"ug-Latn" }}'
    )
    rendered = template.render(Context({"n": "Memtimin Hoshur", "none": None}))
    assert rendered == "مەمتىمىن ھوشۇر|Memtimin Hoshur|Мәмтимин Һошур|"
