"""A record reads as it displays. Names and short texts refuse characters that reorder the text
(U+202E RIGHT-TO-LEFT OVERRIDE and its kin) or do not show, saying which; a name made only of
invisible characters is refused; long texts have such characters removed, with a note; the
zero-width non-joiner that Persian and Uyghur spelling needs between letters survives."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from guwah import text
from guwah.registry import models, services
from guwah.registry.models import FamilyTie, Person

pytestmark = pytest.mark.django_db

RLO = "\u202e"
ZWSP = "\u200b"
ZWNJ = "\u200c"
# Displays as "Memet Tursun" followed by a reversed surname; stored, it reads otherwise.
SPOOFED = f"Memet {RLO}nusruT"


@pytest.fixture
def aynurs_client(client, owner, password):
    client.login(username="aynur", password=password)
    return client


def test_a_name_with_a_right_to_left_override_is_refused_naming_the_character(owner):
    with pytest.raises(ValidationError) as refused:
        services.create_person(owner, names=[{"text": SPOOFED, "script": "ug-Latn"}])
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in refused.value.message_dict["text"][0]
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    "invisible", [ZWSP, ZWSP * 3, ZWNJ, "\u2060\ufeff", "\u00ad", "\u3164", f" {ZWSP} "]
)
def test_a_name_made_only_of_invisible_characters_is_refused(owner, aynurs_father, invisible):
    with pytest.raises(ValidationError) as refused:
        services.add_name(owner, aynurs_father, text=invisible, script="ug-Latn")
    message = " ".join(refused.value.message_dict["text"])
    assert "visible" in message or "required" in message or "blank" in message
    assert aynurs_father.names.count() == 2


def test_an_invisible_character_inside_a_name_is_refused(owner, aynurs_father):
    with pytest.raises(ValidationError) as refused:
        services.add_name(owner, aynurs_father, text=f"Ahmet{ZWSP} Tursun", script="ug-Latn")
    assert "U+200B ZERO WIDTH SPACE" in refused.value.message_dict["text"][0]


def test_a_name_cannot_be_changed_into_a_spoofed_one(owner, aynurs_father):
    name = aynurs_father.names.get(script="ug-Arab")
    with pytest.raises(ValidationError):
        services.update_name(owner, name, text=f"ئەخمەت{RLO} تۇرسۇن")
    name.refresh_from_db()
    assert name.text == "ئەخمەت تۇرسۇن"


def test_a_zero_width_non_joiner_between_arabic_letters_survives(owner, aynurs_father):
    persian = f"می{ZWNJ}خواهم"
    name = services.add_name(owner, aynurs_father, text=persian, script="ug-Arab")
    name.refresh_from_db()
    assert name.text == persian


def test_a_zero_width_non_joiner_between_latin_letters_is_refused(owner, aynurs_father):
    with pytest.raises(ValidationError) as refused:
        services.add_name(owner, aynurs_father, text=f"Ah{ZWNJ}met", script="ug-Latn")
    assert "U+200C ZERO WIDTH NON-JOINER" in refused.value.message_dict["text"][0]


def test_the_form_shows_the_refusal_on_the_name_and_keeps_the_rest(aynurs_client):
    response = aynurs_client.post(
        reverse("registry:person_create"),
        {
            "names-TOTAL_FORMS": "1",
            "names-INITIAL_FORMS": "0",
            "names-0-text": SPOOFED,
            "names-0-script": "ug-Latn",
            "names-0-kind": "primary",
            "occupation": "مۇئەللىم",
            "visibility": "restricted",
        },
    )
    assert response.status_code == 200
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in response.context["names"].forms[0].errors["text"][0]
    assert "مۇئەللىم" in response.content.decode()
    assert not Person.objects.exists()


def test_a_relative_added_on_the_family_screen_with_a_spoofed_name_is_refused(
    aynurs_client, aynurs_father
):
    response = aynurs_client.post(
        reverse("registry:relatives_add", args=[aynurs_father.pk]),
        {
            "relatives-TOTAL_FORMS": "1",
            "relatives-INITIAL_FORMS": "0",
            "relatives-0-name": SPOOFED,
            "relatives-0-relation": "child",
        },
    )
    assert response.status_code == 200
    errors = response.context["formset"].forms[0].errors["name"]
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in errors[0]
    assert Person.objects.count() == 1


def test_the_relative_service_refuses_a_spoofed_name_too(owner, aynurs_father):
    with pytest.raises(ValidationError):
        services.add_relative(owner, aynurs_father, name=SPOOFED, script="", relation="child")
    assert Person.objects.count() == 1
    assert not FamilyTie.objects.exists()


def test_a_witness_name_with_a_direction_control_is_refused(owner, aynurs_father):
    with pytest.raises(ValidationError) as refused:
        services.add_testimony(owner, [aynurs_father], witness_name=f"Aynur{RLO} Ahmet")
    assert "U+202E" in refused.value.message_dict["witness_name"][0]
    assert not models.Testimony.objects.exists()


def test_a_note_on_a_family_tie_with_a_direction_control_is_refused(owner, aynurs_father):
    sister = services.create_person(owner, names=[{"text": "Gulnar", "script": "ug-Latn"}])
    with pytest.raises(ValidationError) as refused:
        services.add_family_tie(owner, aynurs_father, sister, "child", note=f"{RLO}elder")
    assert "U+202E" in refused.value.message_dict["note"][0]
    assert not FamilyTie.objects.exists()


def test_a_long_text_has_them_removed_and_its_history_says_so(owner):
    person = services.create_person(
        owner,
        names=[{"text": "Gulnar", "script": "ug-Latn"}],
        notes=f"\ufeffTaken in 2017{ZWSP}.\nLast seen in {RLO}Kashgar.",
    )
    person.refresh_from_db()
    assert person.notes == "Taken in 2017.\nLast seen in Kashgar."
    reason = person.history.latest().history_change_reason
    assert "U+202E" in reason and "U+200B" in reason and "U+FEFF" in reason


def test_the_form_shows_a_long_text_as_it_will_be_kept_before_saving_it(
    aynurs_client, aynurs_father
):
    url = reverse("registry:person_edit", args=[aynurs_father.pk])
    fields = {"sex": "m", "birth_date": "1956", "visibility": "restricted"}
    response = aynurs_client.post(url, {**fields, "notes": f"Taken{ZWSP} in 2017"})
    assert response.status_code == 200
    assert "U+200B ZERO WIDTH SPACE" in response.context["form"].errors["notes"][0]
    assert "Taken in 2017</textarea>" in response.content.decode()
    aynurs_father.refresh_from_db()
    assert aynurs_father.notes == ""

    response = aynurs_client.post(url, {**fields, "notes": "Taken in 2017"})
    assert response.status_code == 302
    aynurs_father.refresh_from_db()
    assert aynurs_father.notes == "Taken in 2017"


def test_the_rule_names_every_direction_control():
    controls = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
    found = text.hidden_characters(f"a{'a'.join(controls)}a")
    assert [item.character for item in found] == list(controls)
    assert {item.kind for item in found} == {text.Kind.BIDI_CONTROL}


def test_the_rule_keeps_joiners_where_a_script_needs_them():
    assert text.hidden_characters(f"می{ZWNJ}خواهم") == []
    assert text.hidden_characters("ئە\u200dخ") == []  # a joined form asked for
    assert text.hidden_characters("👨\u200d👩\u200d👧") == []  # one emoji of three
    assert len(text.hidden_characters(f"{ZWNJ}می")) == 1  # at the start, it joins nothing
    assert len(text.hidden_characters("a\u200db")) == 1


def test_the_rule_keeps_line_breaks_only_in_long_texts():
    assert [item.label for item in text.hidden_characters("a\nb")] == ["U+000A LINE FEED"]
    assert text.without_hidden_characters("a\nb\u2028c\x00") == (
        "a\nb\nc",
        text.hidden_characters("a\nb\u2028c\x00", line_breaks=True),
    )
