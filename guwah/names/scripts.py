"""Script detection and clean-up of personal names as they arrive from forms, reports and records.

Names reach Guwah typed on Persian or Arabic keyboards, pasted from PDFs full of presentation forms
and bidirectional marks, written in traditional characters, or with any of half a dozen dots between
the given name and the father's name. ``clean`` brings all of that to one canonical text so that the
converters and matchers downstream see one spelling per spelling.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

UYGHUR_ARABIC = "ug-Arab"
UYGHUR_LATIN = "ug-Latn"
UYGHUR_CYRILLIC = "ug-Cyrl"
CHINESE = "zh-Hans"
PINYIN = "zh-Latn-pinyin"
INFORMAL_LATIN = "und-Latn"

SCRIPTS = (UYGHUR_ARABIC, UYGHUR_LATIN, UYGHUR_CYRILLIC, CHINESE, PINYIN, INFORMAL_LATIN)

# Invisible characters that only steer rendering: zero-width spaces and joiners, direction marks,
# embeddings, overrides and isolates, the byte-order mark and the soft hyphen.
_INVISIBLE = dict.fromkeys(
    [
        *range(0x200B, 0x2010),
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
        0xFEFF,
        0x00AD,
        0x0640,
    ],
    None,
)

# Between the given name and the father's name people write any of these; all become one space.
_SEPARATORS = re.compile(r"[\s·•‧・．.\-‐‑‒–—_,;/|]+")
_APOSTROPHES = str.maketrans(dict.fromkeys("’‘ʼʻ′`´ʹ", "'"))

_ARABIC_VOWELS = frozenset("اەېىوۇۆۈ")
_ARABIC_LETTER = re.compile(r"[\u0621-\u06FF]")

# Letters from Persian and Arabic keyboards that stand for a Uyghur letter without ambiguity.
_LOOKALIKES = str.maketrans(
    {
        "ک": "ك",  # Persian keheh is Uyghur k.
        "ڪ": "ك",
        "ة": "ە",  # Teh marbuta ends a word the way Uyghur e does.
        "ۀ": "ە",
        "ء": "ئ",
        "أ": "ئا",
        "إ": "ئى",
        "آ": "ئا",
        "ؤ": "ئۇ",
        "٠": "0",
    }
)

# A plain heh closed by a zero-width non-joiner is how Persian keyboards write e.
_HEH_TO_E = "\u0647\u200c"
_PRESENTATION_FORM = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
_FULL_WIDTH = re.compile("[\uff01-\uff5e]")
_CJK = re.compile(r"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\U00020000-\U0002FFFF]")
_CYRILLIC = re.compile(r"[\u0400-\u04FF\u0500-\u052F]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")


def _fold_presentation_forms(text: str) -> str:
    """Replace Arabic presentation forms by base letters, reading the form of each heh.

    Old Uyghur text writes e (ە) with the final or isolated form of heh and h (ھ) with its
    initial or medial forms, so the form tells the letter apart before it is folded away.
    """
    if not _PRESENTATION_FORM.search(text):
        return text
    out = []
    for char in text:
        code = ord(char)
        if 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
            if code in (0xFEE9, 0xFEEA, 0xFBA4, 0xFBA5):
                out.append("ە")
            elif code in (0xFEEB, 0xFEEC, 0xFBAA, 0xFBAB, 0xFBAC, 0xFBAD):
                out.append("ھ")
            elif code in (0xFBFC, 0xFBFD, 0xFBFE, 0xFBFF):
                # Farsi yeh forms: decided by context below like the base letter.
                out.append("ی")
            else:
                out.append(unicodedata.normalize("NFKC", char))
        else:
            out.append(char)
    return "".join(out)


def _fix_arabic_lookalikes(text: str) -> str:
    """Map heh and Farsi yeh to the Uyghur letter their position implies."""
    text = text.replace(_HEH_TO_E, "ە").translate(_LOOKALIKES)
    if "ه" not in text and "ی" not in text:
        return text
    chars = list(text)
    for i, char in enumerate(chars):
        prev = chars[i - 1] if i else ""
        nxt = chars[i + 1] if i + 1 < len(chars) else ""
        if char == "ه":
            # A heh joined to a following letter is read as h; at the end of a word it is e.
            chars[i] = "ھ" if _ARABIC_LETTER.match(nxt or " ") else "ە"
        elif char == "ی":
            # Farsi yeh is y next to a vowel (ya, ay), otherwise the vowel i.
            if nxt in _ARABIC_VOWELS or (prev in _ARABIC_VOWELS and nxt not in _ARABIC_VOWELS):
                chars[i] = "ي"
            else:
                chars[i] = "ى"
    return "".join(chars)


@lru_cache(maxsize=1)
def _traditional_to_simplified():
    """The OpenCC converter and a pattern of the characters it changes, made once.

    Most names are in simplified characters already; testing for a traditional one with the
    pattern spares them the converter.
    """
    try:
        import opencc

        converter = opencc.OpenCC("t2s")
    except Exception:  # pragma: no cover - opencc is a declared dependency
        return None, re.compile("(?!)")
    common = "".join(chr(code) for code in range(0x4E00, 0xA000))
    converted = converter.convert(common)
    if len(converted) != len(common):  # pragma: no cover - t2s maps character for character
        return converter, _CJK
    changed = "".join(a for a, b in zip(common, converted, strict=True) if a != b)
    return converter, re.compile(f"[{re.escape(changed)}\uf900-\ufaff\U00020000-\U0002ffff]")


def to_simplified(text: str) -> str:
    """Return ``text`` with traditional Chinese characters replaced by simplified ones."""
    converter, traditional = _traditional_to_simplified()
    if converter is None or not traditional.search(text):
        return text
    return str(converter.convert(text))


@lru_cache(maxsize=200_000)
def clean(text: str) -> str:
    """Return the canonical form of a name: one spelling per spelling, parts separated by a space.

    Idempotent: ``clean(clean(x)) == clean(x)`` for every string.
    """
    if not isinstance(text, str):
        return ""
    if text.isascii():
        return clean_ascii(text)
    text = unicodedata.normalize("NFC", text)
    if _FULL_WIDTH.search(text):
        # Full-width Latin letters and digits, but keep the full-width stop as a separator.
        text = "".join(
            unicodedata.normalize("NFKC", c) if "\uff01" <= c <= "\uff5e" and c != "．" else c
            for c in text
        )
    text = _fold_presentation_forms(text)
    if _ARABIC_LETTER.search(text):
        text = _fix_arabic_lookalikes(text)
    text = text.translate(_INVISIBLE).translate(_APOSTROPHES)
    text = to_simplified(text)
    text = _SEPARATORS.sub(" ", text).strip(" '")
    text = unicodedata.normalize("NFC", text)
    return text


def clean_ascii(text: str) -> str:
    """``clean`` of a text known to be ASCII, without the cache (``match_key`` has its own).

    Most names in Latin letters: no composed letters, full-width forms, Arabic letters,
    invisible marks or Chinese characters to deal with, only separators and the backtick (the
    one ASCII character of ``_APOSTROPHES``).
    """
    if "`" in text:
        text = text.replace("`", "'")
    if "  " not in text and text.replace(" ", "").isalpha():
        # Letters and single spaces, as most names come: no separator but a space, alone, so
        # the substitution would change nothing, at three times the cost of the test.
        return text.strip(" '")
    return _SEPARATORS.sub(" ", text).strip(" '")


def detect_script(text: str) -> str:
    """Return the BCP 47 tag of the script ``text`` is written in (one of ``SCRIPTS``).

    Latin text is told apart as pinyin when every word splits into pinyin syllables, as the
    Uyghur Latin script when it uses only that alphabet, and as an informal spelling otherwise.
    """
    return script_of_clean_text(clean(text))


def script_of_clean_text(text: str) -> str:
    """``detect_script`` for text that has been through ``clean`` already."""
    if _CJK.search(text):
        return CHINESE
    if _ARABIC_LETTER.search(text):
        return UYGHUR_ARABIC
    if _CYRILLIC.search(text):
        return UYGHUR_CYRILLIC
    if not _LATIN.search(text):
        return INFORMAL_LATIN
    from guwah.names.latin import is_pinyin, is_uly

    if is_pinyin(text):
        return PINYIN
    if is_uly(text):
        return UYGHUR_LATIN
    return INFORMAL_LATIN


def has_chinese(text: str) -> bool:
    return bool(_CJK.search(text))


def has_arabic(text: str) -> bool:
    return bool(_ARABIC_LETTER.search(text))


def has_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))
