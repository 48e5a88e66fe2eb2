"""Drafting a letter to a government from its record: thanks for speaking, or a call to speak.

Families already write such letters by hand; the draft gives them the facts and dates to cite,
and they change the words as they wish before downloading it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from django.utils.translation import gettext as _
from docx import Document

from guwah.positions import records
from guwah.positions.models import Position, State


def _line(position: Position) -> str:
    instrument = position.instrument
    symbol = f" ({instrument.document_symbol})" if instrument.document_symbol else ""
    return _("– %(date)s: %(forum)s%(symbol)s — %(stance)s") % {
        "date": position.date,
        "forum": instrument.forum,
        "symbol": symbol,
        "stance": position.get_stance_display(),
    }


def draft_letter(state: State, positions: Sequence[Position]) -> str:
    """A plain-text letter to ``state``'s government built from the positions it took."""
    summary = records.summarise(position.stance for position in positions)
    name = state.local_name
    paragraphs = [_("To the Government of %(state)s,") % {"state": name}]
    paragraphs.append(
        _(
            "I am writing on behalf of Uyghur families whose relatives are held in mass "
            "detention in Xinjiang or have disappeared. In August 2022 the UN Office of the "
            "High Commissioner for Human Rights found that these detentions may constitute "
            "international crimes, in particular crimes against humanity."
        )
    )
    if summary is records.Summary.NEVER_SPOKE:
        paragraphs.append(
            _(
                "Since 2019, dozens of governments have spoken about these detentions at the "
                "UN Human Rights Council and the General Assembly. %(state)s has not yet joined "
                "any of these statements, nor cast a recorded vote on them. Your silence is "
                "heard by the families who are waiting for news of their loved ones."
            )
            % {"state": name}
        )
        paragraphs.append(
            _(
                "I ask you to end this silence: to join the next joint statement on Xinjiang, to "
                "support a debate on the OHCHR assessment, and to ask for the release of those "
                "detained and for news of those who have disappeared."
            )
        )
    else:
        paragraphs.append(_("Your government's record, as documented in public sources:"))
        paragraphs.append("\n".join(_line(position) for position in positions))
        if summary is records.Summary.ALWAYS_CRITICAL:
            paragraphs.append(
                _(
                    "Thank you for speaking. Each statement is read by families who have no "
                    "other voice at the United Nations. I ask you to keep speaking, to raise "
                    "individual cases by name, and to press for the release of those detained."
                )
            )
        elif summary is records.Summary.ALWAYS_SUPPORTIVE:
            paragraphs.append(
                _(
                    "Your government has lent its name to statements defending these "
                    "detentions. I ask you to reconsider: to read the OHCHR assessment and the "
                    "testimony of families, and to withhold your support from such statements."
                )
            )
        else:
            paragraphs.append(
                _(
                    "Your government's position has not been constant. I ask you to stand with "
                    "the families: to join statements calling for the release of those detained, "
                    "and to support a debate on the OHCHR assessment at the Human Rights Council."
                )
            )
    paragraphs.append(_("Yours sincerely,"))
    return "\n\n".join(paragraphs)


def letter_docx(text: str, title: str) -> bytes:
    """The (possibly edited) letter as a Word document, one paragraph per blank-line block."""
    document = Document()
    document.core_properties.title = title
    for block in text.replace("\r\n", "\n").split("\n\n"):
        paragraph = document.add_paragraph()
        lines = block.split("\n")
        for number, line in enumerate(lines):
            run = paragraph.add_run(line)
            if number < len(lines) - 1:
                run.add_break()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
