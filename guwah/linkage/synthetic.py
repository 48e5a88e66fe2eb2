"""Synthetic ground truth for record linkage: the same people reported several times, differently.

Every record is generated, never copied from a real list, and carries the ``entity_id`` of the
person it describes so that precision and recall can be measured. Each person may be reported by
several sources, each writing the name in its own way: Uyghur Arabic script, Uyghur Latin (ULY),
an informal Latin spelling in the manner of Turkish, English, German or Russian writers, or the
official Chinese transcription in characters or pinyin. Sources also make the mistakes real
sources make: typing errors, a missing or off-by-one birth year, the prefecture instead of the
county, the father's name written first, a mistyped identity-card number. Brothers and sisters
share their father's name, their mother and their hometown, often have similar given names, and
are born a few years apart or, as twins, on one day; they are different people and must stay
apart.

The conversions are driven by the tables below (letters, syllables, spelling habits); only the
name stock is a list. Rendering is done once per distinct name and then looked up for every
record, so a million records take seconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

COMMON_MALE_NAMES = (
    "Memet Ehmet Mehmut Muhemmet Abdurehim Abdukérim Abdulla Abduweli Abdusalam Abdughopur Adil "
    "Alim Enwer Erkin Ekber Ekrem Eziz Hesen Hüseyin Ibrahim Ilham Imin Ismayil Yasin Yusup "
    "Yaqup Qurban Qadir Qasim Rozi Sabir Salih Semet Tursun Tahir Turghun Obul Osman Ömer "
    "Nurmemet Niyaz Mamut Musa Perhat Polat Rustem Reshit Shöhret Tohti Wahit Zunun Zakir "
    "Yalqun Dilshat Ablimit Abliz Barat Ghalip Hamut Ayup Hashim Jappar Kamil Memtimin Mijit "
    "Mutellip Nijat Rehman Sattar Sidiq Turdi Tursunjan Yarmemet Zeydin Ablet Abduqadir Ahmatjan "
    "Bekri Ehet Eli Ghéni Haji Helil Idris Jelil Kérem Metniyaz Nurali Omer Pida Qeyser "
    "Rahmitulla Sadir Tayir Tuniyaz Ubul Xalmurat Yüsüp Zulpiqar Ekber Memetjan Nurmuhemmet "
    "Abdurahman Ablikim Batur Dawut Erkinjan Exmetjan Ghojimuhemmet Hebibulla Ilyar Jüret "
    "Mexmut Muxter Nurehmet Obulqasim Parhat Qahar Rashid Sultan Talip Yaxya"
).split()

COMMON_FEMALE_NAMES = (
    "Gülnar Gülzire Gülbahar Gülmire Gülnisa Gülshen Aygül Ayshem Ayjamal Aynur Arzigül "
    "Dilnur Dilber Meryem Mehriban Mahire Nurgül Nigare Patigül Patime Reyhangül Rabiye "
    "Roshengül Sajide Shahide Tajigül Tursungül Zöhre Zulpiye Zeynep Halime Hebibe Mihrigül "
    "Nezire Perizat Rahile Sanawer Semire Tunsagül Zumret Gülchehre Ayxan Buhejer Dilraba "
    "Gülbostan Gülhumar Gülpiye Hajigül Hanzohre Hesengül Ibadet Kamile Mayinur Mehbube "
    "Munire Nazugum Nurnisa Parida Qimmetgül Renagül Salamet Saltanet Sayragül Shirin "
    "Tumaris Xeyrinisa Zahide Zeynure Zuhre Amangül Aysimgül Bahargül Chimengül Ezizgül"
).split()

# Uyghur names are also built from parts: Gül + nar, Abdu + rehim, Memet + jan. Compounds are
# rarer than the common names above, and give the stock the breadth of a real population.
MALE_PREFIXES = ("Abdu", "Nur", "Ghoji")
MALE_STEMS = (
    "rehim kérim salam weli qadir rahman shükür hélil rézaq ghopur sattar jélil mijit hamit "
    "qeyyum wahit musa ehmet memet ali niyaz"
).split()
DIMINUTIVE = "jan"
FEMALE_PREFIXES = ("Gül", "Ay", "Nur", "Dil", "Mehri", "Zul")
FEMALE_STEMS = (
    "nar zire bahar nisa gül chehre shen pire zat nur ayim xan jamal hayat zade sanem mire ruy "
    "bostan humar"
).split()


def _stock(common: list[str], compounds: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for name in [*common, *compounds]:
        seen.setdefault(name, None)
    return list(seen)


def _male_compounds() -> list[str]:
    joined = [prefix + stem for prefix in MALE_PREFIXES for stem in MALE_STEMS]
    diminutives = [name + DIMINUTIVE for name in COMMON_MALE_NAMES[:80] if not name.endswith("jan")]
    # Interleave so that neither kind is systematically the rarer one.
    return [name for pair in zip(joined * 2, diminutives, strict=False) for name in pair]


MALE_NAMES = _stock(COMMON_MALE_NAMES, _male_compounds())
FEMALE_NAMES = _stock(
    COMMON_FEMALE_NAMES,
    [
        (prefix + stem).capitalize()
        for stem in FEMALE_STEMS
        for prefix in FEMALE_PREFIXES
        if prefix.lower() != stem
    ],
)

# Uyghur Latin (ULY) to the Uyghur Arabic alphabet. Digraphs are matched before single letters.
ULY_TO_ARABIC = {
    "ch": "چ", "gh": "غ", "ng": "ڭ", "sh": "ش", "zh": "ژ",
    "a": "ا", "e": "ە", "é": "ې", "i": "ى", "o": "و", "ö": "ۆ", "u": "ۇ", "ü": "ۈ",
    "b": "ب", "p": "پ", "t": "ت", "j": "ج", "x": "خ", "d": "د", "r": "ر", "z": "ز",
    "s": "س", "f": "ف", "q": "ق", "k": "ك", "g": "گ", "l": "ل", "m": "م", "n": "ن",
    "h": "ھ", "w": "ۋ", "y": "ي",
}  # fmt: skip
ARABIC_HAMZA = "ئ"  # carries a vowel at the start of a syllable
VOWELS = set("aeéioöuü")

# How writers outside the Uyghur standard spell the ULY letters that they write differently.
INFORMAL_SPELLINGS: dict[str, dict[str, str]] = {
    "english": {"é": "e", "ü": "u", "ö": "o", "x": "kh"},
    "turkish": {"sh": "ş", "ch": "ç", "gh": "ğ", "j": "c", "x": "h", "q": "k", "w": "v", "é": "e"},
    "german": {"sh": "sch", "ch": "tsch", "j": "dsch", "y": "j", "x": "ch", "q": "k", "é": "e"},
    "russian": {
        "j": "zh", "x": "kh", "h": "kh", "w": "v", "q": "k", "gh": "g", "ü": "yu", "ö": "o",
        "é": "e", "e": "a",
    },
}  # fmt: skip

# The Chinese transcription of Uyghur syllables, after the official practice (买买提 Memet,
# 古丽 gül, 江 jan, 阿不都 abdu). Longer chunks are tried first, then consonant+vowel syllables,
# then a lone vowel, then a consonant closing a syllable. It is kept apart from the names
# engine's reading table on purpose: ground truth written with the engine's own table would
# only test the table against itself.
HANZI_CHUNKS = {
    "abdu": "阿不都", "gül": "古丽", "jan": "江", "xan": "汗", "han": "罕", "nur": "努尔",
    "muhemmet": "穆罕默德", "sun": "逊", "san": "山", "sen": "森", "kin": "肯", "ken": "肯",
    "man": "曼", "men": "曼", "ban": "班", "ran": "然", "lan": "兰", "yan": "燕", "min": "明",
    "yim": "伊木", "wer": "外尔", "ay": "阿依", "ey": "艾依",
}  # fmt: skip
HANZI_ONSET_VOWEL = {
    "b": "巴拜比布博布", "p": "帕排皮普坡普", "t": "塔特提吐托吐", "j": "加杰吉居卓居",
    "ch": "恰切其丘却丘", "x": "哈合希胡霍胡", "d": "达德迪都多都", "r": "热热日如肉如",
    "z": "扎则孜祖佐祖", "zh": "扎热日如卓如", "s": "萨赛斯苏索苏", "sh": "夏谢西舒肖舒",
    "gh": "尕艾吉古奥古", "f": "法菲菲福佛福", "q": "卡克其库阔库", "k": "卡克克库科库",
    "g": "尕格吉古果古", "ng": "昂昂英翁翁翁", "l": "拉来力鲁罗鲁", "m": "马买米木莫木",
    "n": "娜乃尼努诺努", "h": "哈合希胡霍胡", "w": "瓦外维吾沃吾", "y": "亚也依玉尤玉",
}  # fmt: skip
# Columns of HANZI_ONSET_VOWEL, by vowel: a, e, i (also é), u, o, ü (also ö).
HANZI_VOWEL_COLUMN = {"a": 0, "e": 1, "i": 2, "é": 2, "u": 3, "o": 4, "ü": 5, "ö": 5}
HANZI_LONE_VOWEL = {
    "a": "阿",
    "e": "艾",
    "é": "艾",
    "i": "伊",
    "o": "奥",
    "ö": "吾",
    "u": "乌",
    "ü": "玉",
}
HANZI_CODA = {
    "t": "提", "m": "木", "r": "尔", "l": "力", "n": "尼", "k": "克", "p": "甫", "s": "斯",
    "sh": "西", "z": "孜", "y": "依", "q": "克", "d": "德", "b": "布", "g": "格", "gh": "克",
    "x": "合", "h": "赫", "j": "吉", "ch": "其", "ng": "昂", "w": "吾", "f": "夫", "zh": "日",
}  # fmt: skip
# Characters that clerks use interchangeably for the same syllable; the source of Hanzi "typos".
HANZI_ALTERNATIVES = {
    "娜": "纳", "纳": "娜", "丽": "力", "力": "丽", "提": "堤", "依": "伊", "伊": "依",
    "买": "麦", "麦": "买", "艾": "爱", "吐": "图", "图": "吐", "孜": "兹", "甫": "普",
    "尔": "儿", "古": "谷", "木": "穆", "克": "可", "西": "希", "热": "惹",
}  # fmt: skip
HANZI_SEPARATOR = "·"

ULY_TOKEN = re.compile(r"ch|gh|ng|sh|zh|.", re.IGNORECASE)


@dataclass(frozen=True)
class GeneratorSettings:
    """The rates of each kind of variation; the defaults follow what documenters report."""

    duplicate_share: float = 0.35  # persons reported more than once
    max_reports: int = 4
    family_share: float = 0.25  # persons generated together with one or more siblings
    twin_share: float = 0.1  # younger siblings born on the same day as the sibling before
    # Records in Chinese characters or pinyin whose transcriber wrote r and l alike (热 for l,
    # 力 for r), as published Chinese renderings of Uyghur names often do (docs/names.md).
    rl_confusion_rate: float = 0.2
    typo_rate: float = 0.06
    swapped_order_rate: float = 0.05
    missing_birth_year_rate: float = 0.1
    off_by_one_birth_year_rate: float = 0.1
    prefecture_only_rate: float = 0.2
    missing_hometown_rate: float = 0.05
    id_known_rate: float = 0.3
    id_typo_rate: float = 0.15
    mother_known_rate: float = 0.3
    detention_known_rate: float = 0.5
    # Weights of the writing habits in which a record gives the name.
    styles: tuple[tuple[str, float], ...] = (
        ("arabic", 0.22),
        ("uly", 0.18),
        ("english", 0.14),
        ("turkish", 0.1),
        ("german", 0.05),
        ("russian", 0.06),
        ("hanzi", 0.15),
        ("pinyin", 0.1),
    )
    prefectures: int = 14
    counties_per_prefecture: int = 8
    facilities: int = 400


STYLE_SCRIPT = {
    "arabic": "ug-Arab",
    "uly": "ug-Latn",
    "english": "und-Latn",
    "turkish": "und-Latn",
    "german": "und-Latn",
    "russian": "und-Latn",
    "hanzi": "zh-Hans",
    "pinyin": "zh-Latn-pinyin",
}


def uly_tokens(name: str) -> list[str]:
    tokens = [token.lower() for token in ULY_TOKEN.findall(name)]
    # In compounds (Amangül) "ng" before a vowel is n + g, written n'g in careful ULY.
    split: list[str] = []
    for i, token in enumerate(tokens):
        if token == "ng" and i + 1 < len(tokens) and tokens[i + 1] in VOWELS:  # noqa: S105  (a name token, not a password)
            split += ["n", "g"]
        else:
            split.append(token)
    return split


def uly_to_arabic(name: str) -> str:
    letters = []
    previous_vowel = True  # a vowel opening the word takes a hamza, as after another vowel
    for token in uly_tokens(name):
        if token in VOWELS:
            if previous_vowel:
                letters.append(ARABIC_HAMZA)
            previous_vowel = True
        else:
            previous_vowel = False
        letters.append(ULY_TO_ARABIC.get(token, token))
    return "".join(letters)


def informal_spelling(name: str, style: str) -> str:
    table = INFORMAL_SPELLINGS[style]
    text = "".join(table.get(token, token) for token in uly_tokens(name))
    return text[:1].upper() + text[1:]


def uly_to_hanzi(name: str) -> str:
    tokens = uly_tokens(name)
    characters: list[str] = []
    position = 0  # in tokens
    while position < len(tokens):
        rest = "".join(tokens[position:])
        chunk = next(
            (c for c in sorted(HANZI_CHUNKS, key=len, reverse=True) if rest.startswith(c)), None
        )
        # A chunk must end on a token boundary and must not steal the onset of the next vowel.
        if chunk is not None:
            consumed, length = 0, 0
            while length < len(chunk):
                length += len(tokens[position + consumed])
                consumed += 1
            following = tokens[position + consumed] if position + consumed < len(tokens) else ""
            if length == len(chunk) and not (chunk[-1] not in VOWELS and following in VOWELS):
                characters.append(HANZI_CHUNKS[chunk])
                position += consumed
                continue
        token = tokens[position]
        following = tokens[position + 1] if position + 1 < len(tokens) else ""
        if token in VOWELS:
            characters.append(HANZI_LONE_VOWEL[token])
            position += 1
        elif following in VOWELS and token in HANZI_ONSET_VOWEL:
            characters.append(HANZI_ONSET_VOWEL[token][HANZI_VOWEL_COLUMN[following]])
            position += 2
        elif token == following:
            position += 1  # a doubled consonant is written once: Abdulla, 阿不都拉
        else:
            characters.append(HANZI_CODA.get(token, ""))
            position += 1
    return "".join(characters)


@cache
def _pinyin_module():
    import pypinyin

    return pypinyin


def hanzi_to_pinyin(hanzi: str) -> str:
    syllables = _pinyin_module().lazy_pinyin(hanzi)
    text = "".join(syllables)
    return text[:1].upper() + text[1:]


def render(name: str, style: str) -> str:
    """One name part (a given name or a father's name) written in one of the writing habits."""
    if style == "uly":
        return name
    if style == "arabic":
        return uly_to_arabic(name)
    if style == "hanzi":
        return uly_to_hanzi(name)
    if style == "pinyin":
        return hanzi_to_pinyin(uly_to_hanzi(name))
    return informal_spelling(name, style)


def _r_and_l_confused(name: str) -> str:
    """A ULY name as a transcriber who hears r and l alike writes it: l as r where the name
    has an l (Alim as 阿热木), otherwise r as l (Tursun as 吐力逊)."""
    return name.replace("l", "r") if "l" in name else name.replace("r", "l")


def typo(text: str, rng: np.random.Generator) -> str:
    """One slip of the hand: a letter dropped, doubled, swapped with its neighbour or replaced."""
    if len(text) < 3:
        return text
    if any("\u4e00" <= ch <= "\u9fff" for ch in text):
        positions = [i for i, ch in enumerate(text) if ch in HANZI_ALTERNATIVES]
        if not positions:
            return text
        i = positions[int(rng.integers(len(positions)))]
        return text[:i] + HANZI_ALTERNATIVES[text[i]] + text[i + 1 :]
    i = int(rng.integers(1, len(text) - 1))
    kind = int(rng.integers(4))
    if kind == 0:
        return text[:i] + text[i + 1 :]
    if kind == 1:
        return text[:i] + text[i] + text[i:]
    if kind == 2:
        return text[: i - 1] + text[i] + text[i - 1] + text[i + 1 :]
    letters = "aeiourlnmtsdk" if text.isascii() else text
    return text[:i] + letters[int(rng.integers(len(letters)))] + text[i + 1 :]


def prc_check_digit(body: str) -> str:
    """ISO 7064 MOD 11-2, the check character of an 18-character PRC resident identity number."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(digit) * weight for digit, weight in zip(body, weights, strict=True))
    return "10X98765432"[total % 11]


def _zipf_weights(n: int, exponent: float = 0.9) -> np.ndarray:
    weights = 1.0 / np.arange(1, n + 1) ** exponent
    return weights / weights.sum()


def generate(
    records: int, seed: int = 0, settings: GeneratorSettings | None = None
) -> pd.DataFrame:
    """About ``records`` reports of synthetic persons, with their true identity in ``entity_id``.

    Columns: ``record_id``, ``entity_id``, ``family_id``, ``name`` (given name then father's
    name, in the record's writing habit, or the other way round when ``swapped``), ``script``,
    ``style``, ``sex``, ``birth_year``, ``county_code``, ``prefecture_code``, ``id_number``,
    ``mother_name``, ``facility_code``, ``detention_year``, ``true_given_name`` and
    ``true_father_name`` (in ULY, before any variation), ``synthetic`` (always true).
    """
    settings = settings or GeneratorSettings()
    rng = np.random.default_rng(seed)
    mean_reports = 1 + settings.duplicate_share * (settings.max_reports - 1) / 2 + 0.15
    persons = max(1, int(records / mean_reports))

    # Families: a share of persons are generated as siblings, who share father, hometown and
    # mother, and whose given names often share their first part (Gülnar and Gülzire).
    male_weights = _zipf_weights(len(MALE_NAMES))
    female_weights = _zipf_weights(len(FEMALE_NAMES))
    sizes = rng.choice([1, 2, 3, 4], size=persons, p=_family_size_weights(settings.family_share))
    first_member = np.cumsum(sizes) - sizes
    first_sibling = np.repeat(first_member, sizes)[:persons]
    family_of = first_sibling
    sibling_rank = np.arange(persons) - first_sibling

    sex = np.where(rng.random(persons) < 0.5, "m", "f")
    male_given = rng.choice(len(MALE_NAMES), size=persons, p=male_weights)
    female_given = rng.choice(len(FEMALE_NAMES), size=persons, p=female_weights)
    father_of_family = rng.choice(len(MALE_NAMES), size=persons, p=male_weights)
    mother_of_family = rng.choice(len(FEMALE_NAMES), size=persons, p=female_weights)
    counties = settings.prefectures * settings.counties_per_prefecture
    county_of_family = rng.integers(counties, size=persons)
    birth_of_family = rng.integers(1940, 2005, size=persons)

    # Siblings: given names close to the first sibling's where the stock allows it, and birth
    # years at least two years apart.
    sibling_given_male = _similar_name_index(
        MALE_NAMES, male_given[first_sibling], sibling_rank, rng
    )
    sibling_given_female = _similar_name_index(
        FEMALE_NAMES, female_given[first_sibling], sibling_rank, rng
    )
    male_given = np.where(sibling_rank > 0, sibling_given_male, male_given)
    female_given = np.where(sibling_rank > 0, sibling_given_female, female_given)
    birth_year = (
        birth_of_family[first_sibling] + sibling_rank * 3 + rng.integers(0, 2, size=persons)
    )
    father = father_of_family[first_sibling]
    mother = mother_of_family[first_sibling]
    county = county_of_family[first_sibling]
    given_names = np.where(
        sex == "m",
        np.array(MALE_NAMES, dtype=object)[male_given],
        np.array(FEMALE_NAMES, dtype=object)[female_given],
    )
    # Parents do not give two children the same name: a repeat moves to the next name of the
    # stock. (Rare clashes across families are left alone: different people share names.)
    _distinct_within_families(given_names, family_of, sex)
    # Sisters and brothers who drew the same given name are different people with the same
    # name; that happens, but keeping it rare keeps the ground truth honest.
    county_codes = np.array(
        [
            f"65{p + 1:02d}{c + 21:02d}"
            for p in range(settings.prefectures)
            for c in range(settings.counties_per_prefecture)
        ],
        dtype=object,
    )
    serial = rng.integers(0, 1000, size=persons)
    birth_day = rng.integers(1, 29, size=persons)
    birth_month = rng.integers(1, 13, size=persons)
    # Twins: the hardest siblings to keep apart, one birth date and often alike names. Drawn
    # from their own stream, so that every other draw of a seed stays what it was.
    twin = (sibling_rank > 0) & (
        np.random.default_rng([seed, 2]).random(persons) < settings.twin_share
    )
    for i in np.flatnonzero(twin):
        birth_year[i], birth_month[i], birth_day[i] = (
            birth_year[i - 1],
            birth_month[i - 1],
            birth_day[i - 1],
        )

    # Reports per person.
    reports = np.ones(persons, dtype=np.int64)
    duplicated = rng.random(persons) < settings.duplicate_share
    reports[duplicated] = rng.integers(2, settings.max_reports + 1, size=int(duplicated.sum()))
    entity = np.repeat(np.arange(persons), reports)
    n = len(entity)

    style_names = [s for s, _ in settings.styles]
    style_weights = np.array([w for _, w in settings.styles])
    style = rng.choice(len(style_names), size=n, p=style_weights / style_weights.sum())

    names_stock = sorted(set(MALE_NAMES) | set(FEMALE_NAMES))
    stock_index = {name: i for i, name in enumerate(names_stock)}
    rendered = np.array(
        [[render(name, s) for s in style_names] for name in names_stock], dtype=object
    )
    given_idx = np.array([stock_index[g] for g in given_names], dtype=np.int64)[entity]
    father_idx = np.array([stock_index[MALE_NAMES[f]] for f in father], dtype=np.int64)[entity]
    given_text = rendered[given_idx, style]
    father_text = rendered[father_idx, style]
    # r and l confused, on a stream of its own so that every other draw of a seed is unchanged.
    chinese_styles = [style_names.index(s) for s in style_names if s in ("hanzi", "pinyin")]
    confused = np.isin(style, chinese_styles) & (
        np.random.default_rng([seed, 3]).random(n) < settings.rl_confusion_rate
    )
    if confused.any():
        blurred = {
            (i, s): render(_r_and_l_confused(names_stock[i]), style_names[s])
            for i, s in {*zip(given_idx[confused], style[confused], strict=True)}
            | {*zip(father_idx[confused], style[confused], strict=True)}
        }
        for i in np.flatnonzero(confused):
            given_text[i] = blurred[(given_idx[i], style[i])]
            father_text[i] = blurred[(father_idx[i], style[i])]

    typo_given = rng.random(n) < settings.typo_rate
    typo_father = rng.random(n) < settings.typo_rate / 2
    for i in np.flatnonzero(typo_given):
        given_text[i] = typo(given_text[i], rng)
    for i in np.flatnonzero(typo_father):
        father_text[i] = typo(father_text[i], rng)

    is_hanzi = np.array(style_names, dtype=object)[style] == "hanzi"
    latin_styles = np.isin(
        style, [style_names.index(s) for s in style_names if s not in ("hanzi", "arabic")]
    )
    swapped = latin_styles & (rng.random(n) < settings.swapped_order_rate)
    first = np.where(swapped, father_text, given_text)
    second = np.where(swapped, given_text, father_text)
    separator = np.where(is_hanzi, HANZI_SEPARATOR, " ")
    full_name = first.astype(object) + separator.astype(object) + second.astype(object)

    year = birth_year[entity].astype("float64")
    off_by_one = rng.random(n) < settings.off_by_one_birth_year_rate
    year = year + np.where(off_by_one, rng.choice([-1, 1], size=n), 0)
    year[rng.random(n) < settings.missing_birth_year_rate] = np.nan

    county_code = county_codes[county[entity]].copy()
    prefecture_code = np.array([c[:4] + "00" for c in county_codes], dtype=object)[county[entity]]
    prefecture_only = rng.random(n) < settings.prefecture_only_rate
    county_code[prefecture_only] = None
    no_hometown = rng.random(n) < settings.missing_hometown_rate
    county_code[no_hometown] = None
    prefecture_code = prefecture_code.copy()
    prefecture_code[no_hometown] = None

    id_bodies = np.array(
        [
            f"{county_codes[county[p]]}{birth_year[p]:04d}{birth_month[p]:02d}{birth_day[p]:02d}"
            f"{serial[p]:03d}"
            for p in range(persons)
        ],
        dtype=object,
    )
    id_numbers = np.array([body + prc_check_digit(body) for body in id_bodies], dtype=object)[
        entity
    ]
    id_numbers[rng.random(n) >= settings.id_known_rate] = None
    for i in np.flatnonzero((rng.random(n) < settings.id_typo_rate) & (id_numbers != None)):  # noqa: E711
        digits = list(id_numbers[i])
        j = int(rng.integers(6, 16))
        if rng.random() < 0.5:
            digits[j], digits[j + 1] = digits[j + 1], digits[j]
        else:
            digits[j] = str(int(rng.integers(10)))
        id_numbers[i] = "".join(digits)

    mother_rendered = np.array(
        [rendered[stock_index[FEMALE_NAMES[m]]] for m in range(len(FEMALE_NAMES))], dtype=object
    )
    mother_name = mother_rendered[mother[entity], style]
    mother_name[rng.random(n) >= settings.mother_known_rate] = None

    facility_of_person = rng.integers(settings.facilities, size=persons)
    detained = rng.integers(2017, 2020, size=persons)
    facility = np.array([f"F{f:04d}" for f in range(settings.facilities)], dtype=object)[
        facility_of_person[entity]
    ]
    known = rng.random(n) < settings.detention_known_rate
    facility[~known] = None
    detention_year = np.where(known, detained[entity], np.nan)

    order = rng.permutation(n)
    frame = pd.DataFrame(
        {
            "entity_id": entity,
            "family_id": family_of[entity],
            "name": full_name,
            "script": np.array([STYLE_SCRIPT[s] for s in style_names], dtype=object)[style],
            "style": np.array(style_names, dtype=object)[style],
            "swapped": swapped,
            "sex": sex[entity],
            "birth_year": pd.array(year, dtype="Int64"),
            "county_code": county_code,
            "prefecture_code": prefecture_code,
            "id_number": id_numbers,
            "mother_name": mother_name,
            "facility_code": facility,
            "detention_year": pd.array(detention_year, dtype="Int64"),
            # The truth behind the spellings, for tests and measurements only.
            "true_given_name": given_names[entity],
            "true_father_name": np.array(MALE_NAMES, dtype=object)[father][entity],
        }
    ).iloc[order]
    frame.insert(0, "record_id", np.arange(1, n + 1))
    frame["synthetic"] = True
    return frame.reset_index(drop=True)


def _similar_name_index(
    stock: tuple[str, ...] | list[str],
    first_sibling_name: np.ndarray,
    rank: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    """For each sibling, another name of the stock sharing the first sibling's opening letters."""
    by_prefix: dict[str, list[int]] = {}
    for i, name in enumerate(stock):
        by_prefix.setdefault(name[:3].lower(), []).append(i)
    choices = np.empty(len(first_sibling_name), dtype=np.int64)
    random_pick = rng.integers(len(stock), size=len(first_sibling_name))
    draws = rng.random(len(first_sibling_name))
    for i, (first, r) in enumerate(zip(first_sibling_name, rank, strict=True)):
        if r == 0:
            choices[i] = first
            continue
        similar = [j for j in by_prefix[stock[first][:3].lower()] if j != first]
        if similar and draws[i] < 0.7:
            choices[i] = similar[int(draws[i] * 1000) % len(similar)]
        else:
            choices[i] = random_pick[i] if random_pick[i] != first else (first + 1) % len(stock)
    return choices


def _distinct_within_families(given: np.ndarray, family: np.ndarray, sex: np.ndarray) -> None:
    stocks = {"m": MALE_NAMES, "f": FEMALE_NAMES}
    taken: dict[int, set[str]] = {}
    for i in np.flatnonzero(family != np.arange(len(family))):
        names = taken.setdefault(int(family[i]), {given[family[i]]})
        stock = stocks[sex[i]]
        position = stock.index(given[i])
        while given[i] in names:
            position = (position + 1) % len(stock)
            given[i] = stock[position]
        names.add(given[i])


def _family_size_weights(family_share: float) -> list[float]:
    """Weights of families of 1 to 4 children so that ``family_share`` of persons have siblings."""
    # Among persons with siblings, families of two, three and four are weighted 3:2:1 by person.
    shares = np.array([1 - family_share, family_share / 2, family_share / 3, family_share / 6])
    by_family = shares / np.array([1, 2, 3, 4])
    return list(by_family / by_family.sum())


def true_pairs(frame: pd.DataFrame) -> set[tuple[int, int]]:
    """Every pair of records (smaller id first) that describe the same person."""
    pairs: set[tuple[int, int]] = set()
    grouped = frame.groupby("entity_id")["record_id"].apply(list)
    for ids in grouped[grouped.map(len) > 1]:
        ids = sorted(ids)
        for i, left in enumerate(ids):
            for right in ids[i + 1 :]:
                pairs.add((int(left), int(right)))
    return pairs
