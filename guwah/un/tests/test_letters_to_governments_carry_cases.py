"""A letter to a state's government names the consented cases of families who live there, in
the state's language, with the formal name of its government; a family's words in Uyghur are
set right to left; the letter is followed as a submission is (sent, answered, what was said)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from guwah.positions.models import State
from guwah.un import formal_names, letters
from guwah.un import services as un_services
from guwah.un.models import GovernmentLetter, LetterStage

pytestmark = pytest.mark.django_db


def _state(code: str, alpha_2: str, numeric: str, name: str, official: str = "") -> State:
    return State.objects.create(
        code=code, alpha_2=alpha_2, numeric=numeric, name=name, official_name=official
    )


@pytest.fixture
def usa() -> State:
    return _state("USA", "US", "840", "United States", "United States of America")


@pytest.fixture
def france() -> State:
    return _state("FRA", "FR", "250", "France", "French Republic")


@pytest.fixture
def living_in_usa(ablikim: Any, owner: Any, usa: State) -> Any:
    un_services.save_case_file(owner, ablikim, family_country=usa)
    return ablikim


def test_the_letter_addresses_the_government_by_the_states_formal_name(
    living_in_usa: Any, owner: Any, usa: State
) -> None:
    letter = letters.draft_letter(owner, usa, [living_in_usa])

    assert letter.language == "en"
    assert letter.text.startswith("To the Government of the United States of America,")
    assert "Ablikim Tursun" in letter.text
    assert "Government of United States" not in letter.text


@pytest.mark.parametrize(
    ("language", "salutation"),
    [
        ("fr", "Au Gouvernement des États-Unis d'Amérique,"),
        ("es", "Al Gobierno de los Estados Unidos de América:"),
        ("de", "An die Regierung der Vereinigten Staaten von Amerika,"),
        ("tr", "Amerika Birleşik Devletleri Hükümetine,"),
    ],
)
def test_the_letter_can_be_written_in_the_states_language(
    living_in_usa: Any, owner: Any, usa: State, language: str, salutation: str
) -> None:
    letter = letters.draft_letter(owner, usa, [living_in_usa], language)

    assert letter.text.startswith(salutation)


def test_a_state_outside_the_table_falls_back_to_its_iso_formal_name() -> None:
    assert (
        formal_names.government_of("MNG", "Republic of Mongolia", "en")
        == "Government of the Republic of Mongolia"
    )
    assert formal_names.government_of("ISL", "Iceland", "fr") == "Government of Iceland"


def test_a_french_letter_reads_back_and_sets_uyghur_paragraphs_right_to_left(
    ablikim: Any, owner: Any, france: State
) -> None:
    un_services.save_case_file(owner, ablikim, family_country=france)
    words = "بىزنىڭ ئائىلىمىز ئۈچۈن سۆزلەڭ."  # synthetic
    letter = letters.draft_letter(owner, france, [ablikim], words=words)

    document = Document(io.BytesIO(letters.letter_document(letter)))

    paragraphs = {p.text: p for p in document.paragraphs}
    assert letter.language == "fr"
    assert "Au Gouvernement de la République française," in paragraphs
    assert any(text.startswith("– Ablikim Tursun — enlevé(e) mai 2017") for text in paragraphs)
    for rtl in (words, "ئابلىكىم تۇرسۇن"):
        assert paragraphs[rtl]._p.pPr.find(qn("w:bidi")) is not None
    assert paragraphs["Au Gouvernement de la République française,"]._p.pPr is None


def test_only_consented_cases_of_families_living_there_are_carried(
    living_in_usa: Any, owner: Any, usa: State, france: State, camp: Any
) -> None:
    from .conftest import record_person

    elsewhere = record_person(owner, camp, family_country=france)
    assert list(letters.letter_cases(owner, usa)) == [living_in_usa]

    with pytest.raises(ValidationError, match="cannot be carried"):
        letters.draft_letter(owner, usa, [living_in_usa, elsewhere])

    assert not GovernmentLetter.objects.exists()


def test_a_letter_is_sent_then_answered_and_never_answered_before_it_is_sent(
    living_in_usa: Any, owner: Any, usa: State
) -> None:
    letter = letters.draft_letter(owner, usa, [living_in_usa])

    with pytest.raises(ValidationError, match="only after it is sent"):
        letters.record_letter_step(
            owner, letter, LetterStage.ANSWERED, answered_on=dt.date(2026, 5, 1), answer="No."
        )
    letter = letters.record_letter_step(
        owner, letter, LetterStage.SENT, sent_on=dt.date(2026, 4, 1), sent_to="Embassy"
    )
    letter = letters.record_letter_step(
        owner,
        letter,
        LetterStage.ANSWERED,
        answered_on=dt.date(2026, 5, 1),
        answer="The Department raised the case in Beijing (synthetic).",
    )

    assert letter.stage == LetterStage.ANSWERED
    assert letter.answer.startswith("The Department raised")


def test_from_the_letters_page_to_a_drafted_letter_and_its_document(
    living_in_usa: Any, owner: Any, outsider: Any, usa: State, client: Any
) -> None:
    client.force_login(owner)
    page = client.get(reverse("un:letters"), {"state": "USA"}).content.decode()
    assert "Government of the United States of America" in page
    assert f'value="{living_in_usa.pk}"' in page

    response = client.post(
        reverse("un:letters"),
        {"state": "USA", "language": "en", "cases": [living_in_usa.pk], "words": ""},
    )
    letter = GovernmentLetter.objects.get()
    assert response["Location"] == reverse("un:letter", kwargs={"pk": letter.pk})
    download = client.get(reverse("un:letter_docx", kwargs={"pk": letter.pk}))
    assert download.status_code == 200
    assert download["Content-Disposition"].endswith(f'letter-usa-{letter.pk}.docx"')

    client.force_login(outsider)
    assert client.get(reverse("un:letter", kwargs={"pk": letter.pk})).status_code == 404
    assert client.get(reverse("un:letter_docx", kwargs={"pk": letter.pk})).status_code == 404
