"""Characters that change how a text displays, or do not display at all.

A record is read by people, and what they read must be what is stored. Two kinds of characters
break that: bidirectional controls (U+202E RIGHT-TO-LEFT OVERRIDE and its kin), which make a
text display in an order other than the one it is stored and searched in, so that a name shows
as one person and matches as another; and invisible characters (U+200B ZERO WIDTH SPACE, U+FEFF
ZERO WIDTH NO-BREAK SPACE, the soft hyphen, ...), which make two names that look the same
differ, so that a duplicate escapes every search and a "name" can be made of nothing at all.

How each kind of text treats them (the registry's validators and services apply this):

- **Names** and **short texts** (a witness's name, a title, a stated reason, an occupation, a
  note on a family tie) *refuse* them, naming the character. They are read at a glance in
  lists, letters and exports, they identify someone or something, and they are quick to type
  again: changing them silently would store something other than what their writer saw, and
  a short text has no room for a note saying so. A name must also have at least one visible
  character.
- **Long free texts** (notes, testimony, descriptions) have them *removed*, with a note saying
  which. Long texts are pasted from messages, PDFs and word processors that leave stray marks
  in them (a byte-order mark, soft hyphens, direction marks around a quoted name); asking the
  writer to hunt for characters they cannot see in a page of testimony would lose testimony,
  while removing them changes no word. Line breaks and tabs are kept.

Two invisible characters carry meaning in some scripts and survive where they do: U+200C
ZERO WIDTH NON-JOINER keeps two letters apart that would otherwise join (Persian ``می‌خواهم``,
some Uyghur spellings), and U+200D ZERO WIDTH JOINER asks for the joined form of a letter (in
Arabic script when a letter is shown on its own, in Indic scripts for half forms). Both are
kept between two letters of one script that joins letters (Arabic, Syriac, N'Ko, Mongolian and
the Indic scripts), where they change what the reader sees; between Latin or Chinese letters
they change nothing visible and are treated as any invisible character. The joiner is also
kept between two symbols, where it builds one emoji out of several (a family, a flag).
Variation selectors are kept after a symbol or a Chinese character, whose glyph they choose.

This module is pure Python (no Django), so that any part of Guwah may ask it.
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

ZWNJ = "\u200c"
ZWJ = "\u200d"

BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e"  # embeddings, overrides, pop directional formatting
    "\u2066\u2067\u2068\u2069"  # isolates
    "\u200e\u200f\u061c"  # left-to-right, right-to-left and Arabic letter marks
)

# Invisible characters that are not of the "format" category the rule below catches: fillers
# that fonts draw as nothing, and the combining grapheme joiner.
_INVISIBLE_OTHERS = frozenset("\u034f\u115f\u1160\u3164\uffa0\u2800")

# Format characters that do display: the Arabic number signs and end-of-ayah marks, written
# before the digits they enclose.
_VISIBLE_FORMAT = frozenset("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u08e2")

_LINE_BREAKS = frozenset("\n\r\t")
_LINE_SEPARATORS = frozenset("\u2028\u2029")

# Scripts that join letters or build conjuncts, where ZWNJ and ZWJ change what is shown.
_JOINING_SCRIPTS: tuple[tuple[int, int, str], ...] = (
    (0x0600, 0x06FF, "Arabic"),
    (0x0700, 0x074F, "Syriac"),
    (0x0750, 0x077F, "Arabic"),
    (0x07C0, 0x07FF, "Nko"),
    (0x0870, 0x08FF, "Arabic"),
    (0x0900, 0x0DFF, "Indic"),
    (0x1800, 0x18AF, "Mongolian"),
    (0xFB50, 0xFDFF, "Arabic"),
    (0xFE70, 0xFEFE, "Arabic"),
)

_CJK_IDEOGRAPHS: tuple[tuple[int, int], ...] = (
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x3FFFF),
)

# Names for the characters ``unicodedata`` has none for (controls have only aliases).
_CONTROL_NAMES = {
    0x00: "NULL",
    0x09: "CHARACTER TABULATION",
    0x0A: "LINE FEED",
    0x0D: "CARRIAGE RETURN",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
}


class Kind(enum.Enum):
    """Why a character is a problem."""

    BIDI_CONTROL = "bidi_control"  # reorders the text around it
    INVISIBLE = "invisible"  # shows nothing
    CONTROL = "control"  # a control character or a line break where none belongs


@dataclass(frozen=True)
class HiddenCharacter:
    """One character of a text that would not show as itself, and where it is."""

    position: int
    character: str
    kind: Kind

    @property
    def code(self) -> str:
        return f"U+{ord(self.character):04X}"

    @property
    def name(self) -> str:
        return character_name(self.character)

    @property
    def label(self) -> str:
        """``U+202E RIGHT-TO-LEFT OVERRIDE``: how a message names it."""
        return f"{self.code} {self.name}"


def character_name(character: str) -> str:
    code = ord(character)
    if code in _CONTROL_NAMES:
        return _CONTROL_NAMES[code]
    return unicodedata.name(character, "CONTROL CHARACTER")


def _joining_script(character: str) -> str | None:
    code = ord(character)
    for low, high, script in _JOINING_SCRIPTS:
        if low <= code <= high:
            return script
    return None


def _is_letter(character: str) -> bool:
    return unicodedata.category(character)[0] in "LM"


def _is_symbol(character: str) -> bool:
    return unicodedata.category(character) == "So"


def _is_ideograph(character: str) -> bool:
    code = ord(character)
    return any(low <= code <= high for low, high in _CJK_IDEOGRAPHS)


def _is_variation_selector(character: str) -> bool:
    code = ord(character)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


def _base_before(text: str, position: int) -> str | None:
    """The character before ``position``, skipping combining marks and variation selectors
    (an Arabic letter with its vowel sign is still that letter)."""
    index = position - 1
    while index >= 0 and (
        unicodedata.category(text[index]) in ("Mn", "Me") or _is_variation_selector(text[index])
    ):
        index -= 1
    return text[index] if index >= 0 else None


def _joiner_keeps_meaning(text: str, position: int) -> bool:
    before = _base_before(text, position)
    after = text[position + 1] if position + 1 < len(text) else None
    if before is None or after is None:
        return False
    script = _joining_script(before)
    if (
        script is not None
        and script == _joining_script(after)
        and _is_letter(before)
        and _is_letter(after)
    ):
        return True
    return text[position] == ZWJ and _is_symbol(before) and _is_symbol(after)


def _kind_of(text: str, position: int, *, line_breaks: bool) -> Kind | None:
    character = text[position]
    if character in BIDI_CONTROLS:
        return Kind.BIDI_CONTROL
    if character in _LINE_BREAKS:
        return None if line_breaks else Kind.CONTROL
    if character in _LINE_SEPARATORS:
        return Kind.CONTROL
    if character in (ZWNJ, ZWJ):
        return None if _joiner_keeps_meaning(text, position) else Kind.INVISIBLE
    if _is_variation_selector(character):
        before = _base_before(text, position)
        if before is not None and (_is_symbol(before) or _is_ideograph(before)):
            return None
        return Kind.INVISIBLE
    if character in _INVISIBLE_OTHERS:
        return Kind.INVISIBLE
    category = unicodedata.category(character)
    if category == "Cc":
        return Kind.CONTROL
    if category == "Cf" and character not in _VISIBLE_FORMAT:
        return Kind.INVISIBLE
    return None


def hidden_characters(text: str, *, line_breaks: bool = False) -> list[HiddenCharacter]:
    """Every character of ``text`` that reorders it or does not show, in order.

    ``line_breaks`` allows line feeds, carriage returns and tabs (in long texts).
    """
    found: list[HiddenCharacter] = []
    for position, character in enumerate(text):
        # Most text is plain ASCII: one comparison per character before any closer look.
        if " " <= character <= "~":
            continue
        kind = _kind_of(text, position, line_breaks=line_breaks)
        if kind is not None:
            found.append(HiddenCharacter(position, character, kind))
    return found


def without_hidden_characters(text: str) -> tuple[str, list[HiddenCharacter]]:
    """``text`` with its hidden characters removed (line breaks kept; a Unicode line or
    paragraph separator becomes a line feed), and what was removed."""
    hidden = hidden_characters(text, line_breaks=True)
    if not hidden:
        return text, []
    at = {item.position: item.character for item in hidden}
    kept = "".join(
        ("\n" if character in _LINE_SEPARATORS else "") if position in at else character
        for position, character in enumerate(text)
    )
    return kept, hidden


def is_visible(character: str) -> bool:
    """Does ``character`` draw something on its own (a letter, digit, punctuation or symbol)?"""
    if character in _INVISIBLE_OTHERS or character in BIDI_CONTROLS:
        return False
    return unicodedata.category(character)[0] in "LNPS"


def has_visible_character(text: str) -> bool:
    return any(is_visible(character) for character in text)


def labels(hidden: Iterable[HiddenCharacter]) -> list[str]:
    """Each distinct character's label once, in the order they first occur."""
    return list(dict.fromkeys(item.label for item in hidden))
