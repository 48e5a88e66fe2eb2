"""Letters to governments carrying the cases of families who live in their countries.

A grandmother who thanks a head of state for speaking at the UN names what her family
suffers; this letter does the same for every family in that country who agreed to their cases
being shared: the state's formal name and government, one paragraph per case, and the ask. It
is written in the state's language; a family's own words in Uyghur stay right to left. The
letter's text is kept as drafted, and its steps (sent, answered, what was said) are tracked as
a submission's are.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from guwah.positions import letters as position_letters
from guwah.positions.models import State
from guwah.registry import access
from guwah.registry.models import Person
from guwah.registry.services.checks import as_history_of, only_fields, require
from guwah.un import checks, formal_names
from guwah.un.content import describe_date
from guwah.un.models import LETTER_STAGE_ORDER, GovernmentLetter, LetterStage, Submission

# The sentences of a letter, by language; ``{government}`` is “Government of …”.
WORDING: dict[str, dict[str, str]] = {
    "en": {
        "to": "To the {government},",
        "intro": (
            "I write on behalf of Uyghur families who live in your country and whose relatives "
            "are detained or have disappeared in the Uyghur Region (Xinjiang, People's Republic "
            "of China). Each family has agreed that its case be named in this letter."
        ),
        "cases": "Their relatives:",
        "taken": "taken {date}",
        "un": "UN case {reference}",
        "ask": (
            "I ask your government to raise these cases by name with the Government of the "
            "People's Republic of China, to ask for news of each person and for their release, "
            "and to speak for them at the United Nations."
        ),
        "words": "In the families' own words:",
        "close": "Yours sincerely,",
    },
    "fr": {
        "to": "Au {government},",
        "intro": (
            "Je vous écris au nom de familles ouïghoures qui vivent dans votre pays et dont des "
            "proches sont détenus ou ont disparu dans la région ouïghoure (Xinjiang, République "
            "populaire de Chine). Chaque famille a accepté que son cas soit nommé dans cette "
            "lettre."
        ),
        "cases": "Leurs proches :",
        "taken": "enlevé(e) {date}",
        "un": "cas ONU {reference}",
        "ask": (
            "Je demande à votre gouvernement d'évoquer ces cas nommément auprès du Gouvernement "
            "de la République populaire de Chine, de demander des nouvelles de chaque personne "
            "et leur libération, et de parler pour elles aux Nations Unies."
        ),
        "words": "Dans les mots des familles :",
        "close": "Veuillez agréer l'expression de ma haute considération.",
    },
    "es": {
        "to": "Al {government}:",
        "intro": (
            "Le escribo en nombre de familias uigures que viven en su país y cuyos familiares "
            "están detenidos o desaparecidos en la región uigur (Xinjiang, República Popular "
            "China). Cada familia ha aceptado que su caso se mencione en esta carta."
        ),
        "cases": "Sus familiares:",
        "taken": "detenido/a {date}",
        "un": "caso de la ONU {reference}",
        "ask": (
            "Pido a su gobierno que plantee estos casos por su nombre ante el Gobierno de la "
            "República Popular China, que pida noticias de cada persona y su liberación, y que "
            "hable por ellas en las Naciones Unidas."
        ),
        "words": "En palabras de las familias:",
        "close": "Atentamente,",
    },
    "de": {
        "to": "An die {government},",
        "intro": (
            "Ich schreibe im Namen uigurischer Familien, die in Ihrem Land leben und deren "
            "Angehörige in der uigurischen Region (Xinjiang, Volksrepublik China) inhaftiert "
            "sind oder verschwunden sind. Jede Familie hat zugestimmt, dass ihr Fall in diesem "
            "Brief genannt wird."
        ),
        "cases": "Ihre Angehörigen:",
        "taken": "verschleppt {date}",
        "un": "UN-Fall {reference}",
        "ask": (
            "Ich bitte Ihre Regierung, diese Fälle namentlich gegenüber der Regierung der "
            "Volksrepublik China anzusprechen, Nachricht über jede Person und ihre Freilassung "
            "zu verlangen und bei den Vereinten Nationen für sie zu sprechen."
        ),
        "words": "In den Worten der Familien:",
        "close": "Mit freundlichen Grüßen",
    },
    "tr": {
        "to": "{government}ne,",
        "intro": (
            "Ülkenizde yaşayan ve yakınları Uygur Bölgesi'nde (Sincan, Çin Halk Cumhuriyeti) "
            "tutuklu bulunan ya da kaybolan Uygur aileleri adına yazıyorum. Her aile, "
            "davasının bu mektupta anılmasını kabul etmiştir."
        ),
        "cases": "Yakınları:",
        "taken": "{date} tarihinde götürüldü",
        "un": "BM dosyası {reference}",
        "ask": (
            "Hükümetinizden bu davaları Çin Halk Cumhuriyeti Hükümeti nezdinde isimleriyle "
            "gündeme getirmesini, her kişiden haber ve serbest bırakılmalarını istemesini ve "
            "Birleşmiş Milletler'de onlar için konuşmasını rica ediyorum."
        ),
        "words": "Ailelerin kendi sözleriyle:",
        "close": "Saygılarımla,",
    },
}
LANGUAGES = tuple(WORDING)


def government_of(state: State, language: str) -> str:
    """“Government of the United States of America”, in the letter's language."""
    return formal_names.government_of(state.code, state.official_name or state.name, language)


def letter_cases(user: Any, state: State) -> QuerySet[Person]:
    """The persons whose families live in ``state`` and whose cases the user may carry."""
    living_there = access.persons_visible_to(user).filter(
        un_case__family_country=state, consent_share_un=True
    )
    return living_there.prefetch_related("names", "events__facility", "events__place")


def _case_paragraphs(person: Person, words: dict[str, str]) -> list[str]:
    names = list(person.names.all())
    latin = [name.text for name in names if not name.script.endswith(("Arab", "Hans"))]
    line = [latin[0] if latin else str(person)]
    event = checks.taken_event(person)
    if event is not None and event.partial_date is not None:
        line.append(words["taken"].format(date=describe_date(event.partial_date)))
    where = (event.facility or event.place) if event is not None else None
    if where is not None:
        line.append(where.name_en)
    reference = (
        Submission.objects.filter(person=person)
        .exclude(un_reference="")
        .values_list("un_reference", flat=True)
        .first()
    )
    if reference:
        line.append(words["un"].format(reference=reference))
    paragraphs = ["– " + " — ".join(line)]
    # The name in Arabic script as its own paragraph, so Word sets it right to left alone.
    paragraphs += [name.text for name in names if name.script == "ug-Arab"]
    return paragraphs


def letter_text(state: State, persons: Sequence[Person], language: str, words: str = "") -> str:
    """The letter, paragraphs separated by blank lines."""
    wording = WORDING[language]
    government = government_of(state, language)
    paragraphs = [wording["to"].format(government=government), wording["intro"], wording["cases"]]
    with translation.override(language):
        for person in persons:
            paragraphs += _case_paragraphs(person, wording)
    if words.strip():
        paragraphs.append(wording["words"])
        paragraphs += [block.strip() for block in words.split("\n\n") if block.strip()]
    paragraphs += [wording["ask"], wording["close"]]
    return "\n\n".join(paragraphs)


def draft_letter(
    actor: Any, state: State, persons: Sequence[Person], language: str = "", words: str = ""
) -> GovernmentLetter:
    """Draft a letter to ``state``'s government carrying the chosen cases."""
    require(access.can_use_registry(actor), _("You may not write letters."))
    language = language or formal_names.letter_language(state.code)
    if language not in WORDING:
        raise ValidationError(
            _("A letter can be written in %(languages)s, not “%(language)s”.")
            % {"languages": ", ".join(LANGUAGES), "language": language},
            code="language",
        )
    if not persons:
        raise ValidationError(_("Choose at least one case for the letter."), code="no_cases")
    allowed = set(letter_cases(actor, state).values_list("pk", flat=True))
    for person in persons:
        if person.pk not in allowed or not access.can_submit_to_un(actor, person):
            raise ValidationError(
                _(
                    "%(person)s cannot be carried in this letter: the family has not agreed to "
                    "share the record, or does not live in this country."
                )
                % {"person": person},
                code="not_carried",
            )
    with transaction.atomic():
        letter = GovernmentLetter(
            state=state,
            language=language,
            text=letter_text(state, persons, language, words),
            created_by=actor,
        )
        as_history_of(letter, actor)
        letter.save()
        letter.cases.set(persons)
    return letter


LETTER_STEP_DETAILS = {
    LetterStage.SENT: ("sent_on", "sent_to"),
    LetterStage.ANSWERED: ("answered_on", "answer"),
}


def record_letter_step(
    actor: Any, letter: GovernmentLetter, stage: str, **details: Any
) -> GovernmentLetter:
    """Move the letter forward: sent (when, to whom), then answered (when, what was said)."""
    require(access.can_follow_letter(actor, letter), _("You may not change this letter."))
    if stage not in LETTER_STEP_DETAILS:
        raise ValidationError(_("A letter is sent, then answered."), code="stage")
    stage = LetterStage(stage)
    only_fields("record_letter_step", details, set(LETTER_STEP_DETAILS[stage]))
    if LETTER_STAGE_ORDER.index(stage) <= LETTER_STAGE_ORDER.index(LetterStage(letter.stage)):
        raise ValidationError(_("This letter has already reached that step."), code="backwards")
    if not details.get(LETTER_STEP_DETAILS[stage][0]):
        raise ValidationError(_("Give the date of this step."), code="incomplete_step")
    if stage == LetterStage.ANSWERED and letter.stage != LetterStage.SENT:
        raise ValidationError(_("A letter is answered only after it is sent."), code="not_sent")
    with transaction.atomic():
        locked = GovernmentLetter.objects.select_for_update().get(pk=letter.pk)
        for key, value in details.items():
            setattr(locked, key, value)
        locked.stage = stage
        locked.full_clean()
        as_history_of(locked, actor)
        locked.save()
    return locked


def letter_document(letter: GovernmentLetter) -> bytes:
    """The letter as it was drafted, as a Word document; Uyghur paragraphs right to left."""
    title = _("Letter to %(state)s") % {"state": letter.state.name}
    return position_letters.letter_docx(letter.text, title)


def letter_file_name(letter: GovernmentLetter) -> str:
    return f"letter-{letter.state.code.lower()}-{letter.pk}.docx"
