"""Drafting a letter to a government from its record: thanks for speaking, or a call to speak.

Families already write such letters by hand; the draft gives them the facts and dates to cite,
and they change the words as they wish before downloading it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from docx import Document
from docx.oxml import OxmlElement
from docx.text.paragraph import Paragraph

from guwah.positions import chances, countries, records
from guwah.positions.models import Group, Membership, Position, Role, State


@dataclass(frozen=True)
class GroupFact:
    """That the state is one of ``members`` members of a group, ``spoken`` of which have
    spoken against the detentions."""

    group: str
    members: int
    spoken: int


@dataclass(frozen=True)
class CouncilVote:
    """How the state voted on a Council vote in a year it sat on the Council."""

    year: str
    symbol: str
    stance: str


def context_of(state: State, record: chances.Record) -> tuple[list[GroupFact], list[CouncilVote]]:
    """The group facts a letter to ``state`` may cite, all true of the record as it stands."""
    critical = {
        code
        for stances in record.stances.values()
        for code, stance in stances.items()
        if records.SIDE_OF_STANCE[records.Stance(stance)] is records.Side.CRITICAL
    }
    facts = []
    for group in Group.objects.filter(
        yearly=False, memberships__state=state, memberships__role=Role.MEMBER
    ):
        members = set(
            Membership.objects.filter(group=group, role=Role.MEMBER).values_list(
                "state_id", flat=True
            )
        )
        facts.append(GroupFact(group.local_name, len(members), len(members & critical)))
    votes = [
        CouncilVote(
            chances.year_of(instrument),
            instrument.document_symbol or instrument.code,
            record.stances[instrument.pk][state.code],
        )
        for instrument in record.instruments
        if chances.chance_of(instrument) is chances.Chance.COUNCIL
        and state.code in record.council.get(chances.year_of(instrument), frozenset())
        and state.code in record.stances.get(instrument.pk, {})
    ]
    return facts, votes


def addressee(state: State) -> str:
    """“the Government of the French Republic”: the formal name, in the letter's language."""
    language = get_language()
    if state.official_name:
        return _("the Government of the %(state)s") % {
            "state": countries.localised_name(state.official_name, language)
        }
    return _("the Government of %(state)s") % {"state": state.local_name}


_COUNCIL_VOTE = {
    records.Stance.YES.value: _(
        "As a member of the Human Rights Council in %(year)s, your government voted in favour "
        "of %(symbol)s, to hold a debate on the OHCHR assessment."
    ),
    records.Stance.NO.value: _(
        "As a member of the Human Rights Council in %(year)s, your government voted against "
        "%(symbol)s, which would have held a debate on the OHCHR assessment."
    ),
    records.Stance.ABSTAIN.value: _(
        "As a member of the Human Rights Council in %(year)s, your government abstained on "
        "%(symbol)s, which would have held a debate on the OHCHR assessment."
    ),
}


def _context(groups: Sequence[GroupFact], votes: Sequence[CouncilVote]) -> str:
    sentences = [
        _COUNCIL_VOTE[vote.stance] % {"year": vote.year, "symbol": vote.symbol}
        for vote in votes
        if vote.stance in _COUNCIL_VOTE
    ]
    sentences += [
        _(
            "Your government is one of the %(members)d members of the %(group)s, of which "
            "%(spoken)d have spoken against these detentions."
        )
        % {"members": fact.members, "group": fact.group, "spoken": fact.spoken}
        for fact in groups
    ]
    return " ".join(str(sentence) for sentence in sentences)


def _line(position: Position) -> str:
    instrument = position.instrument
    symbol = f" ({instrument.document_symbol})" if instrument.document_symbol else ""
    return _("– %(date)s: %(forum)s%(symbol)s — %(stance)s") % {
        "date": position.date,
        "forum": instrument.forum,
        "symbol": symbol,
        "stance": position.get_stance_display(),
    }


def draft_letter(
    state: State,
    positions: Sequence[Position],
    groups: Sequence[GroupFact] = (),
    votes: Sequence[CouncilVote] = (),
) -> str:
    """A plain-text letter to ``state``'s government built from the positions it took, citing
    the groups it belongs to and its votes on the Council where those facts are recorded."""
    summary = records.summarise(position.stance for position in positions)
    name = state.local_name
    government = addressee(state)
    paragraphs = [_("To %(government)s,") % {"government": government}]
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
    context = _context(groups, votes)
    if context:
        paragraphs.insert(-1, context)
    paragraphs.append(_("Yours sincerely,"))
    return "\n\n".join(paragraphs)


# Characters XML 1.0 cannot hold; a Word document is XML, so a letter pasted with one of them
# would otherwise fail to be written at all.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# Arabic-script letters (Uyghur, Arabic, Persian, Urdu) and Hebrew.
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def _mark_right_to_left(paragraph: Paragraph) -> None:
    """Set the paragraph and its runs right to left, so Word lays out a Uyghur letter as
    written rather than with its punctuation on the wrong side."""
    properties = paragraph._p.get_or_add_pPr()
    properties.append(OxmlElement("w:bidi"))
    for run in paragraph.runs:
        run_properties = run._r.get_or_add_rPr()
        run_properties.append(OxmlElement("w:rtl"))


def letter_docx(text: str, title: str) -> bytes:
    """The (possibly edited) letter as a Word document, one paragraph per blank-line block."""
    text = _NOT_IN_XML.sub("", text)
    title = _NOT_IN_XML.sub("", title)
    document = Document()
    document.core_properties.title = title
    for block in text.replace("\r\n", "\n").split("\n\n"):
        paragraph = document.add_paragraph()
        lines = block.split("\n")
        for number, line in enumerate(lines):
            run = paragraph.add_run(line)
            if number < len(lines) - 1:
                run.add_break()
        if _RIGHT_TO_LEFT.search(block):
            _mark_right_to_left(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
