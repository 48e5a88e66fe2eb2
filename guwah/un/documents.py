"""A submission as a file: DOCX for the organisation to edit, PDF to send as it is.

Both are laid out from one :class:`~guwah.un.content.Form`. Uyghur in Arabic script is set
right to left in Noto Naskh Arabic and Chinese in Noto Sans CJK, so that names read correctly
whatever fonts the Working Group's computers have; the PDF embeds the fonts it uses.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from guwah.registry import access
from guwah.registry.models import Person
from guwah.un import checks
from guwah.un.content import Form, Row, Section, Text, form_for
from guwah.un.labels import say as _
from guwah.un.models import Language, Mechanism, Submission

ARABIC_FONT = "Noto Naskh Arabic"
CHINESE_FONT = "Noto Sans CJK SC"
LATIN_FONT = "Noto Sans"

DOCX = "docx"
PDF = "pdf"
FORMATS = (DOCX, PDF)
CONTENT_TYPES = {
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    PDF: "application/pdf",
}


def _set_run_language(run: Any, text: Text) -> None:
    properties = run._r.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        properties.insert(0, fonts)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:cs"), ARABIC_FONT)
    fonts.set(qn("w:eastAsia"), CHINESE_FONT)
    language = OxmlElement("w:lang")
    if text.rtl:
        # Word shapes and orders Arabic script only in a run marked right-to-left.
        properties.append(OxmlElement("w:rtl"))
        language.set(qn("w:bidi"), "ug-CN")
    elif text.chinese:
        language.set(qn("w:eastAsia"), "zh-CN")
    else:
        language.set(qn("w:val"), "en-GB")
    properties.append(language)


def _write_value(paragraph: Paragraph, text: Text) -> None:
    if text.rtl:
        paragraph_properties = paragraph._p.get_or_add_pPr()
        paragraph_properties.append(OxmlElement("w:bidi"))
    run = paragraph.add_run(text.value)
    _set_run_language(run, text)


def _docx_section(document: Any, section: Section) -> None:
    document.add_heading(section.title, level=2)
    if section.note:
        note = document.add_paragraph().add_run(section.note)
        note.bold = True
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for row in section.rows:
        if not row.values:
            continue
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(row.label).bold = True
        for index, value in enumerate(row.values):
            paragraph = cells[1].paragraphs[0] if index == 0 else cells[1].add_paragraph()
            _write_value(paragraph, value)


def render_docx(form: Form) -> bytes:
    with translation.override(form.language):
        return _render_docx(form)


def _render_docx(form: Form) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = LATIN_FONT
    style.font.size = Pt(10)
    document.add_heading(form.title, level=1)
    _write_value(document.add_paragraph(), Text(form.subtitle, _lang_of(form.subtitle)))
    if form.urgent:
        urgent = document.add_paragraph().add_run(_urgent_text())
        urgent.bold = True
        urgent.font.color.rgb = RGBColor(0xB0, 0x00, 0x20)
    if form.connected:
        document.add_paragraph().add_run(_connected_text()).bold = True
    if form.missing:
        document.add_paragraph().add_run(_draft_text()).bold = True
        for message in form.missing:
            document.add_paragraph(message, style="List Bullet")
    for section in form.sections:
        _docx_section(document, section)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render_pdf(form: Form) -> bytes:
    # WeasyPrint loads Pango and its fonts when imported: only when a PDF is asked for.
    import weasyprint

    with translation.override(form.language):
        html = render_to_string(
            "un/submission.html",
            {
                "form": form,
                "urgent_text": _urgent_text(),
                "connected_text": _connected_text(),
                "draft_text": _draft_text(),
            },
        )
    return bytes(weasyprint.HTML(string=html).write_pdf())


def _lang_of(value: str) -> str:
    for character in value:
        if "\u0600" <= character <= "\u06ff":
            return "ug-Arab"
        if "\u4e00" <= character <= "\u9fff":
            return "zh-Hans"
    return "en"


def _urgent_text() -> str:
    return _(
        "URGENT ACTION: the disappearance falls within the three months before this submission."
    )


def _connected_text() -> str:
    return _(
        "CONNECTED TO AN URGENT CASE: a relative's urgent case, or the same incident, within one "
        "year."
    )


def _draft_text() -> str:
    return _("DRAFT — not ready to send. Required elements missing:")


def render(form: Form, file_format: str) -> bytes:
    return render_pdf(form) if file_format == PDF else render_docx(form)


def file_name(mechanism: str, person: Person, file_format: str) -> str:
    # The number, not the name: a file name travels in mail headers and listings.
    return f"{mechanism}-person-{person.pk}.{file_format}"


class SubmissionRefused(Exception):
    """A submission that may not be produced; the message says why."""


def language_of(person: Person, mechanism: str, asked: str | None = None) -> str:
    """The language the document is written in: the one asked for when the Working Group reads
    it, else the one chosen for the person's submission, else English."""
    if asked in Language.values:
        return str(asked)
    chosen = (
        Submission.objects.filter(person=person, mechanism=mechanism)
        .values_list("language", flat=True)
        .first()
    )
    return chosen or Language.ENGLISH


def submission_document(
    user: Any,
    person: Person,
    mechanism: str,
    file_format: str,
    today: dt.date,
    language: str | None = None,
) -> bytes:
    """The submission's file, or :class:`SubmissionRefused` saying why it may not leave."""
    refusal = checks.export_refusal(user, person, mechanism)
    if refusal is not None:
        raise SubmissionRefused(refusal)
    form = form_for(mechanism, person, today, language_of(person, mechanism, language))
    return render(form, file_format)


@dataclass(frozen=True)
class BatchEntry:
    person: Person
    file: str = ""
    urgent: bool = False
    missing: int = 0
    refusal: str = ""
    connected: bool = False


def _summary_form(entries: list[BatchEntry], mechanism: str, language: str) -> Form:
    with translation.override(language):
        return _summary(entries, mechanism, language)


def _summary(entries: list[BatchEntry], mechanism: str, language: str) -> Form:
    rows = []
    for entry in entries:
        if entry.refusal:
            state = _("not included: %(reason)s") % {"reason": entry.refusal}
        elif entry.missing:
            state = _("%(file)s — draft, %(count)s required element(s) missing") % {
                "file": entry.file,
                "count": entry.missing,
            }
        else:
            state = _("%(file)s — complete") % {"file": entry.file}
        if entry.urgent:
            state = _("URGENT — %(state)s") % {"state": state}
        elif entry.connected:
            state = _("CONNECTED TO AN URGENT CASE — %(state)s") % {"state": state}
        name = entry.person.primary_name
        label = name.text if name else _("Person %(id)s") % {"id": entry.person.pk}
        rows.append(Row(label, [Text(state)]))
    return Form(
        title=_("Covering summary: %(count)s cases for the %(group)s")
        % {"count": len(entries), "group": _(str(Mechanism(mechanism).label))},
        subtitle="",
        sections=[Section(_("Cases in this batch"), rows)],
        language=language,
    )


def write_batch(
    user: Any,
    persons: Iterable[Person],
    out: Any,
    *,
    mechanism: str = Mechanism.WGEID,
    file_format: str = DOCX,
    today: dt.date,
    language: str = Language.ENGLISH,
) -> list[BatchEntry]:
    """A ZIP of one document per person the user may submit, urgent cases first, then those
    connected to an urgent case, and a covering summary naming every person, with why any was
    left out."""
    entries = []
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for person in urgency_order(persons, today):
            refusal = checks.export_refusal(user, person, mechanism)
            if refusal is not None:
                entries.append(BatchEntry(person, refusal=refusal))
                continue
            form = form_for(mechanism, person, today, language)
            name = file_name(mechanism, person, file_format)
            archive.writestr(name, render(form, file_format))
            entries.append(
                BatchEntry(person, name, form.urgent, len(form.missing), connected=form.connected)
            )
        summary = render(_summary_form(entries, mechanism, language), file_format)
        archive.writestr(f"summary.{file_format}", summary)
    return entries


def urgency_order(persons: Iterable[Person], today: dt.date) -> list[Person]:
    """Urgent cases first, then cases connected to an urgent one, then the rest by id."""

    def rank(person: Person) -> tuple[int, int]:
        if checks.is_urgent(person, today):
            return (0, person.pk)
        return (1 if checks.connected_urgent_cases(person, today) else 2, person.pk)

    return sorted(persons, key=rank)


def relatives_of(user: Any, witness: Person) -> list[Person]:
    """The witness's relatives whose records the user may see."""
    visible = access.persons_visible_to(user)
    return list(
        visible.filter(ties__relative=witness)
        .distinct()
        .prefetch_related("names", "events", "documents", "testimonies")
    )
