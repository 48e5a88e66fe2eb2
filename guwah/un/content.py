"""What a submission says, read from the record once and laid out by the documents.

A :class:`Form` is the submission as sections of labelled values, each value carrying its
language, so that the DOCX and the PDF say the same thing and each sets Uyghur in Arabic script
right to left and Chinese in a CJK font. Labels are translated into the language the Working
Group reads (English, French or Spanish), not the language of the person preparing it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.dateformat import format as format_date

from guwah.registry.dates import PartialDate, Qualifier
from guwah.registry.models import Event, Facility, Name, Person, Place
from guwah.un import checks
from guwah.un.labels import say as _
from guwah.un.models import DetentionCategory, Mechanism, Submission, TestimonyTranslation

RIGHT_TO_LEFT_SCRIPTS = ("Arab",)
DETAINED = (
    Event.Kind.CAMP_DETENTION,
    Event.Kind.POLICE_CUSTODY,
    Event.Kind.PRISON,
    Event.Kind.TRANSFER,
    Event.Kind.FORCED_LABOUR,
    Event.Kind.SENTENCE,
    Event.Kind.TRIAL,
)


@dataclass(frozen=True)
class Text:
    """A value and its language as a BCP 47 tag (``ug-Arab``, ``zh-Hans``, ``en``)."""

    value: str
    lang: str = "en"

    @property
    def rtl(self) -> bool:
        return self.lang.split("-")[-1] in RIGHT_TO_LEFT_SCRIPTS

    @property
    def chinese(self) -> bool:
        return self.lang.startswith("zh") and "Latn" not in self.lang


@dataclass(frozen=True)
class Row:
    label: str
    values: list[Text]


@dataclass(frozen=True)
class Section:
    title: str
    rows: list[Row]
    note: str = ""


@dataclass(frozen=True)
class Form:
    title: str
    subtitle: str
    sections: list[Section]
    # What still stops the case being sent; a draft says so on its first page.
    missing: list[str] = field(default_factory=list)
    urgent: bool = False
    connected: bool = False
    language: str = "en"


def _en(value: object) -> list[Text]:
    text = str(value or "").strip()
    return [Text(text)] if text else []


def describe_date(parsed: PartialDate | None) -> str:
    if parsed is None:
        return ""
    if parsed.period is not None or parsed.until is not None:
        # A season, an Islamic month or a range has no single day or month to format.
        return parsed.in_words(translation.get_language() or "en")
    if parsed.day is not None and parsed.month is not None:
        core = format_date(dt.date(parsed.year, parsed.month, parsed.day), "j F Y")
    elif parsed.month is not None:
        core = format_date(dt.date(parsed.year, parsed.month, 1), "F Y")
    else:
        core = str(parsed.year)
    return {
        Qualifier.EXACT: core,
        Qualifier.ABOUT: _("about %(date)s") % {"date": core},
        Qualifier.UNCERTAIN: _("%(date)s (uncertain)") % {"date": core},
        Qualifier.BEFORE: _("before %(date)s") % {"date": core},
        Qualifier.AFTER: _("after %(date)s") % {"date": core},
    }[parsed.qualifier]


def _place(place: Place | None) -> list[Text]:
    if place is None:
        return []
    chain = ", ".join(p.name_en for p in [place, *place.ancestors()])
    values = [Text(chain)]
    if place.name_ug_arab:
        values.append(Text(place.name_ug_arab, "ug-Arab"))
    if place.name_zh:
        values.append(Text(place.name_zh, "zh-Hans"))
    return values


def _facility(facility: Facility | None) -> list[Text]:
    if facility is None:
        return []
    values = [Text(f"{facility.name_en} ({_(str(facility.get_kind_display()))})")]
    if facility.name_ug:
        values.append(Text(facility.name_ug, "ug-Arab"))
    if facility.name_zh:
        values.append(Text(facility.name_zh, "zh-Hans"))
    return values + _place(facility.place)


def _names(names: list[Name]) -> list[Text]:
    return [Text(name.text, name.script) for name in names]


def _identity(person: Person, nationality: str) -> Section:
    names = list(person.names.all())
    primary = [name for name in names if name.kind != Name.Kind.ALIAS]
    aliases = [name for name in names if name.kind == Name.Kind.ALIAS]
    documents = [f"{d.get_kind_display()}: {d.number}" for d in person.documents.all()]
    rows = [
        Row(_("Full name"), _names(primary)),
        Row(_("Other names"), _names(aliases)),
        Row(_("Identity document number"), [Text(d) for d in documents]),
        Row(_("Sex"), _en(_(str(person.get_sex_display())) if person.sex else "")),
        Row(_("Date of birth"), _en(describe_date(person.partial_birth_date))),
        Row(_("Nationality"), _en(nationality)),
        Row(_("Ethnicity"), _en(person.ethnicity)),
        Row(_("Occupation"), _en(person.occupation)),
        Row(_("Place of origin"), _place(person.hometown)),
        Row(_("Photograph"), _en(_("attached") if person.photo else "")),
    ]
    return Section(_("Identity of the person"), [row for row in rows if row.values])


def _later_detention(person: Person, first: Event | None) -> list[Text]:
    later = [
        event
        for event in person.events.all()
        if event.kind in DETAINED and (first is None or event.pk != first.pk)
    ]
    lines = []
    for event in later:
        where = _facility(event.facility) or _place(event.place)
        line = " — ".join(
            part
            for part in (
                describe_date(event.partial_date),
                _(str(event.get_kind_display())),
                where[0].value if where else "",
                _("sentence of %(months)s months") % {"months": event.sentence_months}
                if event.sentence_months
                else "",
            )
            if part
        )
        lines.append(Text(line))
        lines += where[1:]
    return lines


def _witnesses(person: Person) -> list[Text]:
    named = []
    withheld = 0
    for testimony in person.testimonies.all():
        # A witness is named only where they agreed to be: the government reads the case.
        if testimony.consent_name_witness:
            relation = testimony.witness_relationship
            name = testimony.witness_name
            named.append(Text(f"{name} ({relation})" if relation else name))
        else:
            withheld += 1
    if withheld:
        named.append(
            Text(
                _("%(count)s further witness(es), names withheld for their protection")
                % {"count": withheld}
            )
        )
    return named


def _submitter(person: Person) -> Section:
    case = checks.case_file_of(person)
    rows = [
        Row(_("Name"), _en(case.submitter_name)),
        Row(_("Relationship to the person"), _en(case.submitter_relationship)),
        Row(_("Address, email or telephone"), _en(case.submitter_contact)),
        Row(
            _("Identity to be kept confidential"),
            [Text(_("Yes") if case.submitter_confidential else _("No"))],
        ),
        Row(
            _("The family knows the case is transmitted to the government"),
            [Text(_("Yes") if case.family_knows_transmission else _("No"))],
        ),
    ]
    return Section(
        _("Identity of the person or organization submitting the report"),
        [row for row in rows if row.values],
        note=_("Confidential: not to be transmitted to the government concerned.")
        if case.submitter_confidential
        else "",
    )


# The languages a testimony may be given in, as the registry records them, named for the annex.
_SPOKEN = {"ug": "Uyghur", "zh": "Chinese"}


def _annex(person: Person, mechanism: str) -> Section:
    """The translated testimony attached to the submission, where the witness agreed to its
    being shared with UN mechanisms; the original stays with the source, named by its hash."""
    submission = Submission.objects.filter(person=person, mechanism=mechanism).first()
    if submission is None:
        return Section(_("Testimony in translation"), [])
    rows = []
    translations = TestimonyTranslation.objects.filter(submission=submission).select_related(
        "testimony"
    )
    for attached in translations:
        testimony = attached.testimony
        if not testimony.consent_share_un:
            continue
        witness = (
            testimony.witness_name
            if testimony.consent_name_witness
            else _("a witness whose name is withheld for their protection")
        )
        spoken = _(_SPOKEN.get(testimony.language.split("-")[0].lower(), testimony.language))
        origin = (
            _("Translated from %(language)s by %(translator)s")
            % {"language": spoken, "translator": attached.translator}
            if attached.translator
            else _("Translated from %(language)s") % {"language": spoken}
        )
        reference = _("Original kept by the source: testimony %(id)s, SHA-256 %(sha256)s") % {
            "id": testimony.pk,
            "sha256": attached.original_sha256,
        }
        rows.append(
            Row(
                f"{_('Witness')}: {witness}",
                [Text(attached.text, attached.language), Text(origin), Text(reference)],
            )
        )
    return Section(_("Testimony in translation"), rows)


def _subtitle(person: Person) -> str:
    primary = person.primary_name
    return primary.text if primary else _("Person %(id)s") % {"id": person.pk}


def wgeid_form(person: Person, today: dt.date, language: str = "en") -> Form:
    """The WGEID case form for ``person``, from the record."""
    with translation.override(language):
        case = checks.case_file_of(person)
        event = checks.taken_event(person)
        where = (_facility(event.facility) + _place(event.place)) if event else []
        steps = _en(case.steps_taken)
        if not steps and case.no_steps_reason.strip():
            steps = [
                Text(_("No steps were possible: %(reason)s") % {"reason": case.no_steps_reason})
            ]
        sections = [
            _identity(person, case.nationality),
            Section(
                _("Date of the disappearance"),
                [
                    Row(_("Date"), _en(describe_date(event.partial_date) if event else "")),
                    Row(
                        _("What happened"),
                        _en(_(str(event.get_kind_display())) if event else ""),
                    ),
                    Row(_("What is known"), _en(event.description if event else "")),
                ],
            ),
            Section(
                _("Place of arrest or abduction, or where the person was last seen"),
                [Row(_("Place"), where)],
            ),
            Section(
                _("State forces believed responsible"),
                [Row(_("Institutions"), _en(case.forces_responsible))],
            ),
            Section(
                _("Later places of detention and transfers"),
                [Row(_("Events"), _later_detention(person, event))],
            ),
            Section(
                _("Action taken by the relatives or others to locate the person"),
                [Row(_("Steps and complaints filed"), steps)],
            ),
            Section(_("Witnesses"), [Row(_("Witnesses"), _witnesses(person))]),
            _submitter(person),
            _annex(person, Mechanism.WGEID),
        ]
        urgent = checks.is_urgent(person, today)
        return Form(
            title=_("Working Group on Enforced or Involuntary Disappearances — individual case"),
            subtitle=_subtitle(person),
            sections=[s for s in sections if any(row.values for row in s.rows)],
            missing=[m.message for m in checks.missing_wgeid_elements(person)],
            urgent=urgent,
            connected=not urgent and bool(checks.connected_urgent_cases(person, today)),
            language=language,
        )


def wgad_form(person: Person, today: dt.date, language: str = "en") -> Form:
    """The WGAD individual communication for ``person``, from the same record."""
    with translation.override(language):
        case = checks.case_file_of(person)
        event = checks.taken_event(person)
        grounds = [
            Text(f"{describe_date(e.partial_date)} — {e.stated_reason}".strip(" —"))
            for e in person.events.all()
            if e.stated_reason
        ]
        categories = [
            Text(_(str(DetentionCategory(code).label)))
            for code in case.detention_categories
            if code in DetentionCategory.values
        ]
        sections = [
            _identity(person, case.nationality),
            Section(
                _("Arrest"),
                [
                    Row(_("Date"), _en(describe_date(event.partial_date) if event else "")),
                    Row(
                        _("Place"),
                        (_facility(event.facility) + _place(event.place)) if event else [],
                    ),
                    Row(_("Forces who carried out the arrest"), _en(case.forces_responsible)),
                ],
            ),
            Section(
                _("Detention"),
                [
                    Row(
                        _("Places of detention, trial and sentence"),
                        _later_detention(person, event),
                    )
                ],
            ),
            Section(_("Grounds given by the authorities"), [Row(_("Stated reasons"), grounds)]),
            Section(
                _("Why the detention is arbitrary"),
                [
                    Row(_("Categories"), categories),
                    Row(_("Explanation"), _en(case.arbitrariness)),
                ],
            ),
            Section(
                _("Domestic steps taken"),
                [Row(_("Steps"), _en(case.steps_taken or case.no_steps_reason))],
            ),
            _submitter(person),
            _annex(person, Mechanism.WGAD),
        ]
        missing = [m.message for m in checks.missing_wgeid_elements(person)]
        if not categories:
            missing.append(_("No category of arbitrary detention is chosen."))
        return Form(
            title=_("Working Group on Arbitrary Detention — individual communication"),
            subtitle=_subtitle(person),
            sections=[s for s in sections if any(row.values for row in s.rows)],
            missing=missing,
            urgent=False,
            language=language,
        )


def form_for(mechanism: str, person: Person, today: dt.date, language: str = "en") -> Form:
    builder = wgad_form if mechanism == Mechanism.WGAD else wgeid_form
    return builder(person, today, language)
