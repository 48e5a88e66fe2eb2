"""Dates as families say them, in every language of the interface, read and said back.

A grandmother does not type ``..2017-06``: she says "before Ramadan 2017", "2017-يىلى يازدا",
"2017年夏天", "2017 yazından önce". :func:`stored_form` reads such phrasings in English, Uyghur
(Arabic and Latin script, with Arabic-Indic digits), simplified Chinese and Turkish and turns them
into the stored forms of :mod:`guwah.registry.dates`; :func:`say` says a date back in words.

Both use the same word lists, so whatever Guwah says in a language it also reads back. Pure
Python, no Django: the importers and the synthetic generator use it outside a request.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from guwah.registry.dates import PartialDate

ABOUT = "@about"
UNCERTAIN = "@uncertain"
BEFORE = "@before"
AFTER = "@after"
TO = "@to"
_QUALIFIERS = {ABOUT: "about", UNCERTAIN: "uncertain", BEFORE: "before", AFTER: "after"}
_PERIODS = ("spring", "summer", "autumn", "winter", "ramadan", "eid-fitr", "eid-adha")
_PARTS_OF_YEAR = ("early", "mid", "late")
# The EDTF codes of :mod:`guwah.registry.dates`: seasons, then the thirds of a year.
_EDTF_CODES = {
    "spring": 21,
    "summer": 22,
    "autumn": 23,
    "winter": 24,
    "early": 37,
    "mid": 38,
    "late": 39,
}

# Words and their meaning. A form ending in "*" also takes the endings Turkish and Latin-script
# Uyghur add to a word ("yazında", "ramazanı"); Arabic-script words always do ("يازدا"), and
# Chinese has no word breaks to respect. "" marks a word that carries no date ("in", "يىلى").
_WORDS: dict[str, tuple[str, ...]] = {
    ABOUT: (
        "about",
        "around",
        "approximately",
        "approx",
        "circa",
        "ca",
        "c",
        "roughly",
        "yaklasik",
        "asagi yukari",
        "civar*",
        "siralar*",
        "dolaylar*",
        "tahmin*",
        "texminen",
        "etrapi*",
        "تەخمىنەن",
        "ئەتراپ*",
        "چاما*",
        "大约",
        "大概",
        "约",
        "左右",
        "前后",
        "上下",
    ),
    UNCERTAIN: (
        "perhaps",
        "maybe",
        "possibly",
        "uncertain",
        "belki",
        "muhtemelen",
        "kesin degil",
        "belkim",
        "ئېنىق ئەمەس",
        "بەلكىم",
        "不确定",
        "可能",
        "也许",
    ),
    BEFORE: (
        "before",
        "prior to",
        "earlier than",
        "once*",
        "evvel*",
        "burun",
        "ilgiri",
        "بۇرۇن",
        "ئىلگىرى",
        "ئاۋۋال",
        "以前",
        "之前",
        "前",
    ),
    AFTER: (
        "after",
        "later than",
        "sonra*",
        "keyin",
        "كېيىن",
        "以后",
        "之后",
        "后",
        "以後",
        "之後",
        "後",
    ),
    TO: ("to", "until", "till", "through", "and", "ile", "至", "到"),
    "": (
        "in",
        "of",
        "the",
        "during",
        "from",
        "between",
        "sometime",
        "year",
        "yil*",
        "ara*",
        "icinde",
        "يىل*",
        "ئارىلىق*",
        "从",
        "在",
        "于",
        "间",
        "之间",
        "期间",
        "的",
    ),
    # "2017年底" reaches these words without its 年, which is read first.
    "@early": (
        "early",
        "beginning of",
        "start of",
        "basi*",
        "beshi*",
        "بېشى*",
        "初",
    ),
    "@mid": ("mid", "mid-", "middle of", "ortasi*", "otturi*", "ئوتتۇرى*", "中"),
    "@late": ("late", "end of", "sonu*", "axiri*", "ئاخىرى*", "底", "末"),
    "@spring": (
        "spring",
        "ilkbahar*",
        "bahar*",
        "etiyaz*",
        "ئەتىياز*",
        "باھار*",
        "春天",
        "春季",
        "春",
    ),
    "@summer": ("summer", "yaz*", "ياز*", "夏天", "夏季", "夏"),
    "@autumn": ("autumn", "fall", "sonbahar*", "guz*", "kuz*", "كۈز*", "秋天", "秋季", "秋"),
    "@winter": ("winter", "kis*", "qish*", "قىش*", "冬天", "冬季", "冬"),
    "@ramadan": (
        "ramadan",
        "ramzan",
        "ramazan*",
        "ramizan*",
        "roza eyi*",
        "رامىزان*",
        "رامزان*",
        "روزا ئېيى*",
        "斋月",
        "莱麦丹月",
        "赖买丹月",
    ),
    "@eid-fitr": (
        "eid al-fitr",
        "eid ul-fitr",
        "eid al fitr",
        "eid-fitr",
        "fitr",
        "ramazan bayram*",
        "seker bayram*",
        "roza heyt*",
        "روزا ھېيت*",
        "روزى ھېيت*",
        "开斋节",
        "肉孜节",
    ),
    "@eid-adha": (
        "eid al-adha",
        "eid ul-adha",
        "eid al adha",
        "eid-adha",
        "adha",
        "kurban bayram*",
        "qurban heyt*",
        "قۇربان ھېيت*",
        "古尔邦节",
        "宰牲节",
    ),
}
_MONTHS = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "tr": (
        "Ocak",
        "Şubat",
        "Mart",
        "Nisan",
        "Mayıs",
        "Haziran",
        "Temmuz",
        "Ağustos",
        "Eylül",
        "Ekim",
        "Kasım",
        "Aralık",
    ),
    "ug": (
        "يانۋار",
        "فېۋرال",
        "مارت",
        "ئاپرېل",
        "ماي",
        "ئىيۇن",
        "ئىيۇل",
        "ئاۋغۇست",
        "سېنتەبىر",
        "ئۆكتەبىر",
        "نويابىر",
        "دېكابىر",
    ),
}
_MONTH_WORDS: dict[int, tuple[str, ...]] = {
    1: ("jan", "yanwar*"),
    2: ("feb", "fewral*"),
    3: ("mar",),
    4: ("apr", "aprel*"),
    5: (),
    6: ("jun", "iyun*"),
    7: ("jul", "iyul*"),
    8: ("aug", "awghust*"),
    9: ("sep", "sept", "sentebir*"),
    10: ("oct", "oktebir*"),
    11: ("nov", "noyabir*"),
    12: ("dec", "dekabir*"),
}
_HAN_MONTHS = (
    "一月",
    "二月",
    "三月",
    "四月",
    "五月",
    "六月",
    "七月",
    "八月",
    "九月",
    "十月",
    "十一月",
    "十二月",
)

_LATIN_FOLD = str.maketrans("çğıöşüéâîûäàèáíóú", "cgiosueaiuaaeaiou")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_HAN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_INVISIBLE = re.compile("[\u0640\u0307\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_ARABIC_LETTER = "\u0620-\u06ff"


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    text = _INVISIBLE.sub("", text).translate(_DIGITS).translate(_LATIN_FOLD)
    return text.replace("ک", "ك").replace("ي", "ى")


def _pattern(form: str) -> str:
    stem = form.endswith("*")
    form = _fold(form.rstrip("*"))
    body = r"\s+".join(re.escape(word) for word in form.split())
    if re.search(f"[{_ARABIC_LETTER}]", form):
        return f"(?<![{_ARABIC_LETTER}]){body}[{_ARABIC_LETTER}]*"
    if re.search("[\u4e00-\u9fff]", form):
        return body
    return f"(?<![a-z@]){body}" + ("[a-z]*" if stem else "(?![a-z])")


def _vocabulary() -> tuple[re.Pattern[str], list[str]]:
    entries = [(form, token) for token, forms in _WORDS.items() for form in forms]
    for number in range(1, 13):
        token = f"@m{number}"
        entries.append((_MONTHS["en"][number - 1], token))
        entries.append((_MONTHS["tr"][number - 1] + "*", token))
        entries.append((_MONTHS["ug"][number - 1], token))
        entries.append((_HAN_MONTHS[number - 1], token))
        entries += [(form, token) for form in _MONTH_WORDS[number]]
    # Longest first, so that "sonbahar" is not read as "bahar" nor "前后" as "前".
    entries.sort(key=lambda entry: -len(entry[0].rstrip("*")))
    tokens = [token for _, token in entries]
    alternatives = "|".join(f"(?P<w{i}>{_pattern(form)})" for i, (form, _) in enumerate(entries))
    return re.compile(alternatives), tokens


_VOCABULARY, _TOKENS = _vocabulary()
_UYGHUR_UNTIL = re.compile("(?:غىچە|قىچە|گىچە|كىچە)(?![\u0620-\u06ff])")
_UYGHUR_FROM = re.compile("(?:دىن|تىن)(?![\u0620-\u06ff])")
_TOKEN = re.compile(r"^(?:@[a-z]+(?:-[a-z]+)?\d*|\d{1,4}|\d{4}-\d{1,2}(?:-\d{1,2})?)$")


def _tokens(text: str) -> list[str]:
    text = _fold(text)
    # Chinese years may be written digit by digit in characters: 二〇一七年.
    text = re.sub(
        "[〇零一二三四五六七八九]{4}(?=\\s*年)", lambda m: m[0].translate(_HAN_DIGITS), text
    )
    # A number's Turkish ending after an apostrophe: 2017'den, 2017'de.
    text = re.sub(r"(\d)['’‘`]\w*", r"\1", text)
    # Numbered months and days: 5月3日, 5-ئاينىڭ 3-كۈنى.
    text = re.sub(r"(\d{1,2})\s*月", r" @m\1 ", text)
    text = re.sub(r"(\d{1,2})\s*[日号號]", r" @d\1 ", text)
    text = re.sub(rf"(\d{{1,2}})\s*-?\s*{_fold('ئاي')}[{_ARABIC_LETTER}]*", r" @m\1 ", text)
    text = re.sub(rf"(\d{{1,2}})\s*-?\s*كۈن[{_ARABIC_LETTER}]*", r" @d\1 ", text)
    text = text.replace("年", " ")
    # Uyghur says a range with endings: 2017-يىلدىن 2018-يىلغىچە ("from 2017 until 2018").
    if _UYGHUR_UNTIL.search(text):
        text = _UYGHUR_UNTIL.sub(" ", _UYGHUR_FROM.sub(f" {TO} ", text))
    else:
        text = _UYGHUR_FROM.sub(" ", text)
    # Dashes: any long dash is a range, and so is a hyphen between two years or with spaces.
    text = re.sub("[\u2010-\u2015\u2212]", "–", text)
    text = re.sub(r"(?<=\d)\s*[~/]\s*(?=\d)|\s-\s|(?<=\d{4})-(?=\d{4}(?!\d))|–", f" {TO} ", text)
    text = re.sub(r"(?<=\d)-(?=[^\W\d_])", " ", text)
    text = re.sub(r"(\d)(?=[^\W\d_@])", r"\1 ", text)
    text = _VOCABULARY.sub(lambda m: f" {_TOKENS[int(str(m.lastgroup)[1:])]} ", text)
    text = re.sub(r"[,.;:()（）、，。!]", " ", text)
    return text.split()


def _single(tokens: list[str]) -> dict[str, str] | None:
    """Year, month, day or period of one date, as text; None if the words do not make one."""
    parts: dict[str, str] = {}
    numbers = []

    def put(key: str, value: str) -> bool:
        if key in parts:
            return False
        parts[key] = value
        return True

    for token in tokens:
        if token.startswith("@m") and token[2:].isdigit():
            ok = put("month", token[2:])
        elif token.startswith("@d") and token[2:].isdigit():
            ok = put("day", token[2:])
        elif token[1:] in _PERIODS or token[1:] in _PARTS_OF_YEAR:
            ok = put("period", token[1:])
        elif "-" in token:
            year, _, rest = token.partition("-")
            month, _, day = rest.partition("-")
            ok = put("year", year) and put("month", month) and (not day or put("day", day))
        elif len(token) == 4 and token.isdigit():
            ok = put("year", token)
        elif token.isdigit() and len(token) <= 2:
            numbers.append(token)
            ok = True
        else:
            ok = False
        if not ok:
            return None
    if numbers:
        # A bare small number is the day of a named month: "3 May 2017", "May 3, 2017".
        if len(numbers) > 1 or "month" not in parts or "day" in parts:
            return None
        parts["day"] = numbers[0]
    if "day" in parts and "month" not in parts:
        return None
    if "period" in parts and "month" in parts:
        return None
    return parts if parts else None


def _stored(parts: dict[str, str]) -> str:
    year = parts["year"]
    period = parts.get("period")
    if period is not None:
        if period in _EDTF_CODES:
            return f"{year}-{_EDTF_CODES[period]}"
        return f"{period} {year}"
    text = year
    if "month" in parts:
        text += f"-{int(parts['month']):02d}"
    if "day" in parts:
        text += f"-{int(parts['day']):02d}"
    return text


def stored_form(text: str) -> str | None:
    """The stored form of a date as a family says it, or None if the words are not a date.

    The result still has to be checked (a 30 February is read, and then refused).
    """
    tokens = _tokens(text)
    if not tokens or not all(_TOKEN.match(token) for token in tokens):
        return None
    qualifiers = {token for token in tokens if token in _QUALIFIERS}
    if len(qualifiers) > 1:
        return None
    rest = [token for token in tokens if token not in _QUALIFIERS]
    if TO in rest:
        if qualifiers or rest.count(TO) > 1:
            return None
        cut = rest.index(TO)
        start, end = _single(rest[:cut]), _single(rest[cut + 1 :])
        if start is None or end is None:
            return None
        # "May to June 2017", "2017年5月至6月": the year said once serves both ends.
        if "year" not in start and "year" in end:
            start["year"] = end["year"]
        if "year" not in end and "year" in start:
            end["year"] = start["year"]
        if "year" not in start:
            return None
        return f"{_stored(start)}/{_stored(end)}"
    single = _single(rest)
    if single is None or "year" not in single:
        return None
    stored = _stored(single)
    if not qualifiers:
        return stored
    qualifier = _QUALIFIERS[qualifiers.pop()]
    return stored + "?" if qualifier == "uncertain" else f"{qualifier} {stored}"


# Saying a date back, with words the reader of each language also reads. The Uyghur, Chinese and
# Turkish phrasings await review by native speakers.
_PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "early": "early {year}",
        "mid": "mid-{year}",
        "late": "late {year}",
        "year": "{year}",
        "month": "{month} {year}",
        "day": "{day} {month} {year}",
        "spring": "spring {year}",
        "summer": "summer {year}",
        "autumn": "autumn {year}",
        "winter": "winter {year}",
        "ramadan": "Ramadan {year}",
        "eid-fitr": "Eid al-Fitr {year}",
        "eid-adha": "Eid al-Adha {year}",
        "about": "around {date}",
        "uncertain": "perhaps {date}",
        "before": "before {date}",
        "after": "after {date}",
        "range": "between {start} and {end}",
    },
    "ug": {
        "early": "{year}-يىلى بېشى",
        "mid": "{year}-يىلى ئوتتۇرىسى",
        "late": "{year}-يىلى ئاخىرى",
        "year": "{year}-يىلى",
        "month": "{year}-يىلى {month}",
        "day": "{year}-يىلى {day}-{month}",
        "spring": "{year}-يىلى ئەتىياز",
        "summer": "{year}-يىلى ياز",
        "autumn": "{year}-يىلى كۈز",
        "winter": "{year}-يىلى قىش",
        "ramadan": "{year}-يىلى رامىزان",
        "eid-fitr": "{year}-يىلى روزا ھېيت",
        "eid-adha": "{year}-يىلى قۇربان ھېيت",
        "about": "{date} ئەتراپىدا",
        "uncertain": "{date} (ئېنىق ئەمەس)",
        "before": "{date}{from} بۇرۇن",
        "after": "{date}{from} كېيىن",
        "range": "{start}{from} {end}{until}",
    },
    "zh": {
        "early": "{year}年初",
        "mid": "{year}年中",
        "late": "{year}年底",
        "year": "{year}年",
        "month": "{year}年{m}月",
        "day": "{year}年{m}月{day}日",
        "spring": "{year}年春天",
        "summer": "{year}年夏天",
        "autumn": "{year}年秋天",
        "winter": "{year}年冬天",
        "ramadan": "{year}年斋月",
        "eid-fitr": "{year}年肉孜节",
        "eid-adha": "{year}年古尔邦节",
        "about": "{date}左右",
        "uncertain": "{date}（不确定）",
        "before": "{date}以前",
        "after": "{date}以后",
        "range": "{start}至{end}",
    },
    "tr": {
        "early": "{year} başı",
        "mid": "{year} ortası",
        "late": "{year} sonu",
        "year": "{year}",
        "month": "{month} {year}",
        "day": "{day} {month} {year}",
        "spring": "{year} ilkbaharı",
        "summer": "{year} yazı",
        "autumn": "{year} sonbaharı",
        "winter": "{year} kışı",
        "ramadan": "{year} Ramazanı",
        "eid-fitr": "{year} Ramazan Bayramı",
        "eid-adha": "{year} Kurban Bayramı",
        "about": "{date} civarı",
        "uncertain": "{date} (kesin değil)",
        "before": "{date} öncesi",
        "after": "{date} sonrası",
        "range": "{start} – {end}",
    },
}
_VOICELESS = set("تپكقچشسخف")
_FRONT_VOWELS = set("ەۆۈ")
_BACK_VOWELS = set("اوۇ")


def _uyghur_from(word: str) -> str:
    """The ablative ending ("from", "than") in Uyghur's sound harmony."""
    return "تىن" if word[-1:] in _VOICELESS else "دىن"


def _uyghur_until(word: str) -> str:
    """The ending "until", which follows both voicing and the word's last vowel that is not
    neutral (é and i are); a word of neutral vowels only takes the back ending (يىلىغىچە)."""
    last = word.split()[-1] if word.split() else word
    harmonic = [letter for letter in last if letter in _FRONT_VOWELS | _BACK_VOWELS]
    front = bool(harmonic) and harmonic[-1] in _FRONT_VOWELS
    if last[-1:] in _VOICELESS:
        return "كىچە" if front else "قىچە"
    return "گىچە" if front else "غىچە"


def _language(code: str) -> str:
    short = (code or "en").lower()[:2]
    return short if short in _PHRASES else "en"


def _core_words(date: PartialDate, language: str) -> str:
    phrases = _PHRASES[language]
    if date.period is not None:
        return phrases[str(date.period)].format(year=date.year)
    if date.month is None:
        return phrases["year"].format(year=date.year)
    names = _MONTHS.get(language, _MONTHS["en"])
    kind = "day" if date.day is not None else "month"
    return phrases[kind].format(
        year=date.year, month=names[date.month - 1], m=date.month, day=date.day
    )


def say(date: PartialDate, language: str) -> str:
    """The date in words of ``language`` (en, ug, zh, tr; anything else is said in English)."""
    language = _language(language)
    phrases = _PHRASES[language]
    core = _core_words(date, language)
    if date.until is not None:
        end = _core_words(date.until, language)
        return phrases["range"].format(
            start=core, end=end, **{"from": _uyghur_from(core), "until": _uyghur_until(end)}
        )
    qualifier = str(date.qualifier)
    if not qualifier:
        return core
    return phrases[qualifier].format(date=core, **{"from": _uyghur_from(core)})
