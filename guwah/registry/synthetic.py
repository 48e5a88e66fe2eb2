"""Synthetic registry data for demonstrations and benchmarks: plausible, never real.

Every person, name, tie, event, testimony, evidence item and facility made here carries
``synthetic=True`` and says in its notes that it is invented. Names are assembled from pools of
common Uyghur given names (public knowledge, as common as "John" or "Maria"); any resemblance to
a real person is chance, and the marker keeps such records out of every real count and export.

The generator (:class:`SyntheticRegistry`) is pure Python and deterministic for a seed: it
yields families as plain data. Two writers store them:

* :func:`write_with_services` goes through :mod:`guwah.registry.services`, one record at a
  time, so that permissions, timeline checks, the history and the evidence log all see the
  data exactly as they see a documenter's; it is meant for a few thousand persons.
* :func:`write_bulk` inserts rows in large batches with ``bulk_create`` and explicit keys, for
  benchmarks and large demonstrations; it writes no history rows (there was no earlier version).

Uyghur names are written in Arabic script and converted to the Latin and Cyrillic scripts by
the names engine (:mod:`guwah.names.uyghur`) when it is installed; Chinese forms follow the
one-character-per-syllable custom and their pinyin comes from ``pypinyin``.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

SYNTHETIC_NOTE = "Synthetic demonstration record: this person does not exist."
SYNTHETIC_DOCUMENT_NOTE = "Synthetic demonstration record: this document does not exist."

# Given names in Uyghur Arabic script with a customary Chinese transcription. Either column may
# be wrong for a particular family (spellings vary); that is realistic enough for test data.
MALE_NAMES: tuple[tuple[str, str], ...] = (
    ("مەمەت", "买买提"),
    ("مۇھەممەت", "木合买提"),
    ("ئەخمەت", "艾合买提"),
    ("تۇرسۇن", "吐尔逊"),
    ("ئابدۇللا", "阿不都拉"),
    ("ئەركىن", "艾尔肯"),
    ("ئىلھام", "伊力哈木"),
    ("ئادىل", "阿迪力"),
    ("قادىر", "卡迪尔"),
    ("ياسىن", "亚森"),
    ("ئىمىن", "依明"),
    ("ئوسمان", "吾斯曼"),
    ("ئابلەت", "阿不来提"),
    ("ئەنۋەر", "艾尼瓦尔"),
    ("پەرھات", "帕尔哈提"),
    ("دىلشات", "迪力夏提"),
    ("ئالىم", "阿里木"),
    ("غوپۇر", "吾甫尔"),
    ("ھاشىم", "哈西木"),
    ("مەخمۇت", "买合木提"),
    ("ئەكبەر", "艾克拜尔"),
    ("ئۆمەر", "吾买尔"),
    ("يۈسۈپ", "玉素甫"),
    ("ئىبراھىم", "伊布拉音"),
    ("سادىق", "萨迪克"),
    ("تاھىر", "塔伊尔"),
    ("ئەسقەر", "艾斯卡尔"),
    ("بەختىيار", "拜合提亚尔"),
    ("مۇختەر", "木合塔尔"),
    ("ئەلى", "艾力"),
    ("ھەسەن", "艾山"),
    ("ئىسمائىل", "司马义"),
    ("قۇربان", "库尔班"),
    ("ئەيسا", "艾萨"),
    ("مۇسا", "木沙"),
    ("ئاۋۇت", "阿吾提"),
    ("ساۋۇت", "萨吾提"),
    ("ئۆتكۈر", "吾提库尔"),
    ("تۇرغۇن", "吐尔洪"),
    ("روزى", "肉孜"),
    ("نىياز", "尼亚孜"),
    ("ئەمەت", "艾买提"),
    ("ئابلىز", "阿不力孜"),
    ("نۇرمەمەت", "努尔买买提"),
)
FEMALE_NAMES: tuple[tuple[str, str], ...] = (
    ("گۈلنار", "古丽娜尔"),
    ("مەريەم", "麦尔耶姆"),
    ("ئايگۈل", "阿依古丽"),
    ("پاتىگۈل", "帕提古丽"),
    ("زۆھرە", "佐热"),
    ("ئامىنە", "阿米娜"),
    ("خەدىچە", "海迪且"),
    ("نۇرگۈل", "努尔古丽"),
    ("ئاسىيە", "阿西耶"),
    ("راھىلە", "热依拉"),
    ("دىلنۇر", "迪丽努尔"),
    ("سەنەم", "赛乃木"),
    ("مېھرىبان", "米合日班"),
    ("ئايشەم", "阿依夏木"),
    ("گۈلمىرە", "古丽米热"),
    ("مۇنىرە", "木尼热"),
    ("ساجىدە", "萨吉旦"),
    ("ماھىرە", "玛依热"),
    ("زۇلپىيە", "祖力皮耶"),
    ("ئابىدە", "阿比旦"),
    ("پەرىدە", "帕丽旦"),
    ("سەلىمە", "赛丽曼"),
    ("مۇكەررەم", "木凯热木"),
    ("گۈلبەھرە", "古丽拜合热"),
    ("ھەلچەم", "海力切木"),
    ("بۈۋىسارە", "布维沙热"),
)
# Compound names: a stem and an ending, as Uyghur names are often formed (Ay + gül = Aygül,
# Memet + jan = Memetjan, Abdu + qadir = Abduqadir).
FEMALE_STEMS = (
    ("ئاي", "阿依"),
    ("نۇر", "努尔"),
    ("ئانار", "阿娜尔"),
    ("تۇرسۇن", "吐尔逊"),
    ("رەيھان", "热依汗"),
    ("ئارزۇ", "阿尔祖"),
    ("رىزۋان", "热孜万"),
    ("مېھرى", "米合日"),
    ("شىرىن", "希林"),
    ("بۇ", "布"),
)
FEMALE_ENDING = ("گۈل", "古丽")
MALE_STEMS = (
    ("مەمەت", "买买提"),
    ("ئەلى", "艾力"),
    ("قۇربان", "库尔班"),
    ("ئالىم", "阿里木"),
    ("ئەكبەر", "艾克拜尔"),
    ("ئەسقەر", "艾斯卡尔"),
    ("تۇرسۇن", "吐尔逊"),
    ("نۇر", "努尔"),
)
MALE_ENDING = ("جان", "江")
ABDU = ("ئابدۇ", "阿不都")
ABDU_ENDINGS = (
    ("رېھىم", "热依木"),
    ("قادىر", "卡迪尔"),
    ("كېرىم", "克力木"),
    ("ۋەلى", "瓦力"),
    ("سەتتار", "沙塔尔"),
    ("رەشىت", "热西提"),
    ("غاپپار", "加帕尔"),
    ("شۈكۈر", "西库尔"),
)

OCCUPATIONS = (
    "farmer",
    "teacher",
    "imam",
    "shopkeeper",
    "driver",
    "doctor",
    "nurse",
    "student",
    "university lecturer",
    "businessman",
    "tailor",
    "cook",
    "writer",
    "musician",
    "civil servant",
    "retired",
    "engineer",
    "accountant",
)
STATED_REASONS = (
    "travel abroad",
    "relatives abroad",
    "praying",
    "WhatsApp on the phone",
    "wearing a veil",
    "too many children",
    "studying religion",
    "a passport application",
    "not stated",
    "religious extremism (as the authorities call it)",
)
WITNESS_RELATIONSHIPS = ("daughter", "son", "sister", "brother", "niece", "grandson", "cousin")
# The language a witness spoke, with a first line in it that says what the testimony is; the
# details follow in English so that every reader of a demonstration can follow them.
WITNESS_LANGUAGES = (
    ("ug", "بۇ پەقەت كۆرسىتىش ئۈچۈن ياسالغان گۇۋاھلىق، ئۇنىڭدىكى كىشىلەر يوق."),
    ("ug", "بۇ پەقەت كۆرسىتىش ئۈچۈن ياسالغان گۇۋاھلىق، ئۇنىڭدىكى كىشىلەر يوق."),
    ("ug", "بۇ پەقەت كۆرسىتىش ئۈچۈن ياسالغان گۇۋاھلىق، ئۇنىڭدىكى كىشىلەر يوق."),
    ("en", ""),
    ("tr", "Bu, yalnızca gösterim için üretilmiş bir tanıklıktır; içindeki kişiler yoktur."),
    ("zh", "这是仅为演示而生成的证词，其中的人物并不存在。"),
)
EVIDENCE_KINDS = ("leaked_record", "news_report", "official_document", "photo", "leaked_record")

# Visibility is mostly restricted, as in a real registry; a few records are public, always
# with the family's consent to publication.
VISIBILITY_WEIGHTS = (("restricted", 70), ("internal", 25), ("public", 5))


@dataclass(frozen=True)
class PlaceRef:
    """A real place to attach synthetic people and facilities to."""

    id: int
    name_en: str
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True)
class FacilityPlan:
    key: int
    kind: str
    name_en: str
    name_ug: str
    name_zh: str
    place_id: int
    latitude: float | None
    longitude: float | None
    security_tier: int | None


@dataclass
class NamePlan:
    text: str
    script: str
    kind: str


@dataclass
class EventPlan:
    kind: str
    date: str
    place_id: int | None = None
    facility_key: int | None = None
    sentence_months: int | None = None
    stated_reason: str = ""
    description: str = ""
    cites_testimony: bool = False
    evidence_key: int | None = None
    # What the event rests on: a death is recorded only on a document or an eyewitness; what a
    # family heard from others is a "reported death".
    basis: str = ""


@dataclass
class EvidencePlan:
    key: int
    kind: str
    title: str
    reference: str
    reliability: str
    person_keys: list[int]


@dataclass
class PersonPlan:
    key: int  # index within the family
    sex: str
    given: tuple[str, str]  # (Arabic script, Chinese)
    father_given: tuple[str, str]
    birth_date: str
    hometown_id: int | None
    occupation: str
    visibility: str
    consent_publish: bool
    consent_share_un: bool
    names: list[NamePlan] = field(default_factory=list)
    events: list[EventPlan] = field(default_factory=list)
    id_number: str = ""


@dataclass
class TestimonyPlan:
    witness_name: str
    witness_relationship: str
    given_on: str
    language: str
    text: str
    person_keys: list[int]
    consent_name_witness: bool


@dataclass
class FamilyPlan:
    number: int
    persons: list[PersonPlan]
    # (person, relative, relation): "relative is person's relation"; the writers add inverses.
    ties: list[tuple[int, int, str]]
    testimony: TestimonyPlan | None
    evidence: list[EvidencePlan]


# --------------------------------------------------------------------------------------------
# Names in every script


@dataclass(frozen=True)
class _Engine:
    to_latin: Callable[[str], str] | None
    to_cyrillic: Callable[[str], str] | None


@lru_cache(maxsize=1)
def _engine() -> _Engine:
    try:
        from guwah.names.uyghur import capitalize_words, uey_to_uly, uly_to_usy
    except ImportError:
        return _Engine(None, None)

    def to_latin(text: str) -> str:
        return capitalize_words(uey_to_uly(text))

    def to_cyrillic(text: str) -> str:
        return capitalize_words(uly_to_usy(uey_to_uly(text)))

    return _Engine(to_latin, to_cyrillic)


@lru_cache(maxsize=65536)
def latin_of(arabic: str) -> str:
    engine = _engine()
    return engine.to_latin(arabic) if engine.to_latin else ""


@lru_cache(maxsize=65536)
def cyrillic_of(arabic: str) -> str:
    engine = _engine()
    return engine.to_cyrillic(arabic) if engine.to_cyrillic else ""


@lru_cache(maxsize=65536)
def pinyin_of(chinese: str) -> str:
    """``买买提·吐尔逊`` → ``Maimaiti Tuerxun``, as Chinese official English writes names."""
    try:
        from pypinyin import lazy_pinyin
    except ImportError:
        return ""
    parts = [part for part in chinese.replace("·", " ").split() if part]
    return " ".join("".join(lazy_pinyin(part)).capitalize() for part in parts)


# Common ways the same name is spelled outside the standard, so that the registry holds the
# variants a matcher must recognise: Turkish style and English style.
_TURKISH = (("ch", "ç"), ("sh", "ş"), ("gh", "ğ"), ("x", "h"), ("q", "k"), ("w", "v"), ("é", "e"))
_ENGLISH = (("x", "kh"), ("ü", "u"), ("ö", "o"), ("é", "e"), ("'", ""), ("q", "k"))


@lru_cache(maxsize=65536)
def informal_spelling(latin: str, style: str) -> str:
    text = latin.lower()
    for old, new in _TURKISH if style == "tr" else _ENGLISH:
        text = text.replace(old, new)
    return " ".join(word[:1].upper() + word[1:] for word in text.split())


def person_names(
    given: tuple[str, str], father: tuple[str, str], rng: random.Random
) -> list[NamePlan]:
    """A Uyghur name is the given name and the father's given name, in every script we can."""
    arabic = f"{given[0]} {father[0]}"
    chinese = f"{given[1]}·{father[1]}"
    names = [NamePlan(arabic, "ug-Arab", "primary")]
    latin = latin_of(arabic)
    if latin:
        names.append(NamePlan(latin, "ug-Latn", "alias"))
    names.append(NamePlan(chinese, "zh-Hans", "official_zh"))
    roll = rng.random()
    if roll < 0.25:
        pinyin = pinyin_of(chinese)
        if pinyin:
            names.append(NamePlan(pinyin, "zh-Latn-pinyin", "alias"))
    elif roll < 0.40 and latin:
        names.append(
            NamePlan(informal_spelling(latin, rng.choice(("tr", "en"))), "und-Latn", "alias")
        )
    elif roll < 0.50:
        cyrillic = cyrillic_of(arabic)
        if cyrillic:
            names.append(NamePlan(cyrillic, "ug-Cyrl", "alias"))
    return names


def fold_key(text: str) -> str:
    """A crude match key (lower case, no accents, letters only) for when the names engine is
    not installed; ``guwah names`` recomputes the engine's own keys once it is."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum() or ch == " ").strip()


@dataclass(frozen=True)
class NameForms:
    uly: str
    match_key: str
    # (part, key) rows for the names engine's search index: 0, 1, ... per word, -1 the whole,
    # -2, -3, ... pairs of keys (``guwah.names.integration.stored_keys``).
    keys: tuple[tuple[int, str], ...]


@lru_cache(maxsize=262144)
def name_forms(text: str) -> NameForms:
    """The stored forms of a name, computed as ``guwah.names.integration`` computes them on save.

    The bulk path writes rows without ``Name.save``, so it fills them here; names repeat a great
    deal, hence the cache.
    """
    try:
        from guwah.names.integration import stored_keys
        from guwah.names.match import match_key, to_uly
    except ImportError:
        return NameForms("", fold_key(text)[:300], ())
    return NameForms(to_uly(text)[:300], match_key(text)[:300], tuple(stored_keys(text).items()))


# --------------------------------------------------------------------------------------------
# The generator


class SyntheticRegistry:
    """Deterministic synthetic families, facilities and sources for a seed and a set of places."""

    def __init__(self, places: Sequence[PlaceRef], seed: int = 2017) -> None:
        if not places:
            raise ValueError("Synthetic data needs at least one place; load the places first.")
        self.places = list(places)
        self.seed = seed
        self.rng = random.Random(seed)
        self._evidence_key = 0
        self.facilities = self._facilities()
        self._by_place: dict[int, list[FacilityPlan]] = {}
        for facility in self.facilities:
            self._by_place.setdefault(facility.place_id, []).append(facility)
        self._prisons = [f for f in self.facilities if f.kind == "prison"] or self.facilities

    # Facilities --------------------------------------------------------------------------------

    def _facilities(self) -> list[FacilityPlan]:
        rng = random.Random(self.seed * 7 + 1)
        plans: list[FacilityPlan] = []
        kinds = (
            ("camp", "Synthetic camp", "سىنتېتىك لاگېر", "合成营地"),
            (
                "detention_centre",
                "Synthetic detention centre",
                "سىنتېتىك توختىتىش ئورنى",
                "合成看守所",
            ),
            ("prison", "Synthetic prison", "سىنتېتىك تۈرمە", "合成监狱"),
            ("police_station", "Synthetic police station", "سىنتېتىك ساقچىخانا", "合成派出所"),
            ("factory", "Synthetic factory", "سىنتېتىك زاۋۇت", "合成工厂"),
        )
        for place in self.places:
            count = rng.choice((1, 2, 2, 3))
            chosen = [kinds[0], *rng.sample(kinds[1:], count - 1)] if count > 1 else [kinds[0]]
            for number, (kind, en, ug, zh) in enumerate(chosen, start=1):
                latitude = longitude = None
                if place.latitude is not None and place.longitude is not None:
                    # Within about 25 km of the place's centre: plausible, and visibly invented.
                    latitude = round(place.latitude + rng.uniform(-0.2, 0.2), 5)
                    longitude = round(place.longitude + rng.uniform(-0.25, 0.25), 5)
                plans.append(
                    FacilityPlan(
                        key=len(plans),
                        kind=kind,
                        name_en=f"{en} No. {number}, {place.name_en}",
                        name_ug=f"{ug} {number}",
                        name_zh=f"{zh}{number}号",
                        place_id=place.id,
                        latitude=latitude,
                        longitude=longitude,
                        security_tier=rng.choice((None, 1, 2, 3, 4)),
                    )
                )
        return plans

    # Families ------------------------------------------------------------------------------------

    def families(self, persons: int) -> Iterator[FamilyPlan]:
        """Families until exactly ``persons`` persons have been made (the last one is cut short)."""
        made = 0
        number = 0
        while made < persons:
            family = self._family(number, persons - made)
            made += len(family.persons)
            number += 1
            yield family

    def _size(self) -> int:
        # Most records arrive one or a few relatives at a time; some families report dozens.
        roll = self.rng.random()
        if roll < 0.35:
            return 1
        if roll < 0.75:
            return self.rng.randint(2, 6)
        if roll < 0.95:
            return self.rng.randint(7, 20)
        return self.rng.randint(21, 40)

    def _given(self, sex: str) -> tuple[str, str]:
        rng = self.rng
        roll = rng.random()
        if sex == "f":
            if roll < 0.7:
                return rng.choice(FEMALE_NAMES)
            stem = rng.choice(FEMALE_STEMS)
            return stem[0] + FEMALE_ENDING[0], stem[1] + FEMALE_ENDING[1]
        if roll < 0.7:
            return rng.choice(MALE_NAMES)
        if roll < 0.85:
            stem = rng.choice(MALE_STEMS)
            return stem[0] + MALE_ENDING[0], stem[1] + MALE_ENDING[1]
        ending = rng.choice(ABDU_ENDINGS)
        return ABDU[0] + ending[0], ABDU[1] + ending[1]

    def _person(
        self,
        key: int,
        sex: str,
        father_given: tuple[str, str],
        birth_year: int,
        hometown: PlaceRef,
    ) -> PersonPlan:
        rng = self.rng
        visibility = rng.choices(
            [v for v, _ in VISIBILITY_WEIGHTS], [w for _, w in VISIBILITY_WEIGHTS]
        )[0]
        birth_year = max(1925, min(2015, birth_year))
        roll = rng.random()
        if roll < 0.6:
            birth_date = str(birth_year)
        elif roll < 0.8:
            birth_date = f"{birth_year}~"
        else:
            birth_date = f"{birth_year}-{rng.randint(1, 12):02d}"
        person = PersonPlan(
            key=key,
            sex=sex,
            given=self._given(sex),
            father_given=father_given,
            birth_date=birth_date,
            hometown_id=hometown.id,
            occupation=rng.choice(OCCUPATIONS) if birth_year < 2004 else "student",
            visibility=visibility,
            consent_publish=visibility == "public" or rng.random() < 0.2,
            consent_share_un=rng.random() < 0.5,
        )
        person.names = person_names(person.given, father_given, rng)
        if rng.random() < 0.25:
            person.id_number = self._id_number(birth_year)
        return person

    def _id_number(self, birth_year: int) -> str:
        """An 18-character number shaped like a resident ID whose check character is always
        wrong, so that it can never be a real person's number."""
        rng = self.rng
        body = f"65{rng.randint(0, 9999):04d}{birth_year}{rng.randint(1, 12):02d}"
        body += f"{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
        weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
        valid = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]
        wrong = "10X98765432"[("10X98765432".index(valid) + 1 + rng.randint(0, 9)) % 11]
        return body + wrong

    def _family(self, number: int, room: int) -> FamilyPlan:
        rng = self.rng
        size = min(room, self._size())
        hometown = rng.choice(self.places)
        persons: list[PersonPlan] = []
        ties: list[tuple[int, int, str]] = []

        def add(
            sex: str,
            father: tuple[str, str],
            year: int,
            town: PlaceRef = hometown,
        ) -> PersonPlan | None:
            if len(persons) >= size:
                return None
            person = self._person(len(persons), sex, father, year, town)
            persons.append(person)
            return person

        # Grandparents, their children (with spouses from other families) and grandchildren:
        # every child's father's name is the father's given name, as Uyghur names work.
        grandfather_year = rng.randint(1935, 1960)
        grandfather = add("m", self._given("m"), grandfather_year)
        assert grandfather is not None
        grandmother = add("f", self._given("m"), grandfather_year + rng.randint(-2, 6))
        if grandmother is not None:
            ties.append((grandfather.key, grandmother.key, "spouse"))
        children: list[PersonPlan] = []
        for _ in range(rng.randint(2, 7)):
            child = add(rng.choice("mf"), grandfather.given, grandfather_year + rng.randint(20, 38))
            if child is None:
                break
            children.append(child)
        for child in children:
            ties.append((child.key, grandfather.key, "parent"))
            if grandmother is not None:
                ties.append((child.key, grandmother.key, "parent"))
        for i, first in enumerate(children):
            for second in children[i + 1 :]:
                ties.append((first.key, second.key, "sibling"))
        for child in children:
            spouse_year = int(child.birth_date[:4]) + rng.randint(-3, 4)
            spouse = add("f" if child.sex == "m" else "m", self._given("m"), spouse_year)
            if spouse is None:
                break
            ties.append((child.key, spouse.key, "spouse"))
            father, mother = (child, spouse) if child.sex == "m" else (spouse, child)
            grandchildren: list[PersonPlan] = []
            for _ in range(rng.randint(1, 5)):
                grandchild = add(
                    rng.choice("mf"), father.given, int(mother.birth_date[:4]) + rng.randint(19, 36)
                )
                if grandchild is None:
                    break
                grandchildren.append(grandchild)
                ties.append((grandchild.key, father.key, "parent"))
                ties.append((grandchild.key, mother.key, "parent"))
            for i, first in enumerate(grandchildren):
                for second in grandchildren[i + 1 :]:
                    ties.append((first.key, second.key, "sibling"))
        # A family too large for three generations gains cousins and in-laws as "other".
        while len(persons) < size:
            other = add(rng.choice("mf"), self._given("m"), rng.randint(1950, 2000))
            assert other is not None
            ties.append((other.key, grandfather.key, "other"))

        for person in persons:
            person.events = self._timeline(person, hometown)

        testimony = None
        documented = [p for p in persons if p.events]
        if documented and rng.random() < 0.8:
            testimony = self._testimony(grandfather, documented)
            for person in documented:
                for event in person.events:
                    event.cites_testimony = True
        evidence = self._evidence(documented)
        return FamilyPlan(number, persons, ties, testimony, evidence)

    # Timelines ---------------------------------------------------------------------------------

    def _date(self, year: int, month: int | None = None) -> str:
        rng = self.rng
        roll = rng.random()
        if month is None or roll < 0.45:
            text = str(year)
            if rng.random() < 0.12:
                text = rng.choice((f"{year}~", f"..{year + 1}", f"{year - 1}.."))
            return text
        if roll < 0.8:
            return f"{year}-{month:02d}"
        return f"{year}-{month:02d}-{rng.randint(1, 28):02d}"

    def _facility(self, place_id: int | None, kind: str) -> FacilityPlan | None:
        candidates = self._by_place.get(place_id or -1, [])
        matching = [f for f in candidates if f.kind == kind] or candidates
        if kind == "prison" and not any(f.kind == "prison" for f in matching):
            matching = self._prisons
        return self.rng.choice(matching) if matching else None

    def _timeline(self, person: PersonPlan, hometown: PlaceRef) -> list[EventPlan]:
        """A plausible 2016–2024 sequence, in order: each step starts after the one before."""
        rng = self.rng
        birth_year = int(person.birth_date[:4])
        # Children and many relatives have no events: they are in the family graph because
        # a relative named them, not because anything is known to have happened to them.
        if birth_year > 2002 or rng.random() < 0.25:
            return []
        scenario = rng.choices(
            (
                "lost_contact",
                "camp_release",
                "camp_sentence",
                "arrest_sentence",
                "camp_labour",
                "camp_death",
                "disappearance",
                "camp_release_rearrest",
            ),
            (15, 20, 20, 12, 8, 6, 6, 5),
        )[0]
        year = rng.choice((2016, 2017, 2017, 2017, 2018, 2018, 2019))
        month = rng.randint(1, 12)
        place = hometown.id
        events: list[EventPlan] = []
        reason = rng.choice(STATED_REASONS)

        def step(kind: str, gap_months: int, **extra: Any) -> None:
            nonlocal year, month
            total = year * 12 + (month - 1) + gap_months
            year, month = divmod(total, 12)
            month += 1
            if year > 2024:
                return
            facility = extra.pop("facility", None)
            if kind == "death":
                extra["basis"] = rng.choice(("documented", "first_hand"))
            elif kind == "reported_death":
                extra["basis"] = "second_hand"
            events.append(
                EventPlan(
                    kind=kind,
                    date=self._date(year, month),
                    place_id=place,
                    facility_key=facility.key if facility else None,
                    **extra,
                )
            )

        if scenario in ("lost_contact", "camp_release", "camp_sentence", "camp_death"):
            step("lost_contact", 0)
        if scenario == "disappearance":
            step("disappearance", 0)
        if scenario == "arrest_sentence":
            step("arrest", 0, stated_reason=reason)
            step("custody", 1, facility=self._facility(place, "police_station"))
            step("trial", rng.randint(3, 10))
            step(
                "sentence",
                1,
                sentence_months=rng.choice((36, 60, 84, 120, 180, 240)),
                stated_reason=reason,
            )
            step("prison", 2, facility=self._facility(place, "prison"))
        if scenario.startswith("camp"):
            step(
                "camp",
                rng.randint(2, 14),
                facility=self._facility(place, "camp"),
                stated_reason=reason,
            )
            if scenario == "camp_release":
                step("release", rng.randint(8, 30))
            elif scenario == "camp_sentence":
                step(
                    "sentence",
                    rng.randint(4, 18),
                    sentence_months=rng.choice((60, 84, 120, 156, 180, 240, 300)),
                    stated_reason=reason,
                )
                step("prison", 2, facility=self._facility(place, "prison"))
                if rng.random() < 0.4:
                    step("transfer", rng.randint(10, 36), facility=rng.choice(self._prisons))
            elif scenario == "camp_labour":
                step("forced_labour", rng.randint(8, 20), facility=self._facility(place, "factory"))
            elif scenario == "camp_death":
                step(rng.choice(("death", "reported_death")), rng.randint(6, 40))
            elif scenario == "camp_release_rearrest":
                step("release", rng.randint(8, 20))
                step("arrest", rng.randint(3, 15), stated_reason=reason)
                step("sentence", rng.randint(3, 9), sentence_months=rng.choice((60, 120, 180)))
        if year < 2024 and scenario == "lost_contact" and rng.random() < 0.3:
            step("disappearance", rng.randint(6, 24))
        return events

    # Sources -----------------------------------------------------------------------------------

    def _testimony(self, head: PersonPlan, documented: list[PersonPlan]) -> TestimonyPlan:
        rng = self.rng
        relationship = rng.choice(WITNESS_RELATIONSHIPS)
        witness_given = self._given(rng.choice("mf"))
        witness = f"{witness_given[0]} {head.given[0]}"
        latin = latin_of(witness)
        language, opening = rng.choice(WITNESS_LANGUAGES)
        lines = [opening] if opening else []
        lines.append(
            f"Synthetic testimony made for demonstration; the witness {latin or witness} does "
            f"not exist. The witness is a {relationship} in the family, living abroad."
        )
        for person in documented[:8]:
            name = latin_of(f"{person.given[0]} {person.father_given[0]}") or person.given[0]
            events = ", ".join(f"{e.kind.replace('_', ' ')} ({e.date})" for e in person.events)
            lines.append(f"{name}: {events}.")
        last_year = max(int(e.date.lstrip(".")[:4]) for p in documented for e in p.events)
        return TestimonyPlan(
            witness_name=witness,
            witness_relationship=relationship,
            given_on=str(min(2024, max(last_year, 2018) + rng.randint(0, 1))),
            language=language,
            text="\n".join(lines),
            person_keys=[p.key for p in documented],
            consent_name_witness=rng.random() < 0.3,
        )

    def _evidence(self, documented: list[PersonPlan]) -> list[EvidencePlan]:
        rng = self.rng
        plans: list[EvidencePlan] = []
        for person in documented:
            if rng.random() >= 0.12:
                continue
            kind = rng.choice(EVIDENCE_KINDS)
            key = self._evidence_key
            self._evidence_key += 1
            plans.append(
                EvidencePlan(
                    key=key,
                    kind=kind,
                    title=f"Synthetic {kind.replace('_', ' ')} no. {self.seed}-{key}",
                    # example.org is reserved for examples: no real document is referred to.
                    reference=f"https://example.org/synthetic/{kind}/{self.seed}-{key}",
                    reliability=rng.choice("ABBCCDF"),
                    person_keys=[person.key],
                )
            )
            event = rng.choice(person.events)
            event.evidence_key = key
            if event.kind != "reported_death":
                event.basis = "documented"
        return plans


# --------------------------------------------------------------------------------------------
# Writers (Django from here on)


def places_for_synthetic_data() -> list[PlaceRef]:
    """Counties when the gazetteer is loaded, else prefectures, else the region itself."""
    from guwah.registry.models import Place

    for level in (Place.Level.COUNTY, Place.Level.PREFECTURE, Place.Level.REGION):
        rows = list(
            Place.objects.filter(level=level).select_related("parent").order_by("code", "pk")
        )
        if rows:
            return [
                PlaceRef(
                    id=place.pk,
                    name_en=place.name_en,
                    latitude=place.latitude
                    if place.latitude is not None
                    else (place.parent.latitude if place.parent else None),
                    longitude=place.longitude
                    if place.longitude is not None
                    else (place.parent.longitude if place.parent else None),
                )
                for place in rows
            ]
    return []


def synthetic_data_exists() -> bool:
    from guwah.registry.models import Person

    return Person.objects.filter(synthetic=True).exists()


def delete_synthetic_data() -> dict[str, int]:
    """Remove every synthetic record, and nothing else; the history of real records stays."""
    from django.db import transaction

    from guwah.registry.models import Event, Evidence, Facility, Person, Testimony

    counts: dict[str, int] = {}
    with transaction.atomic():
        # Events reference facilities with PROTECT, so events go before facilities.
        for model in (Event, Testimony, Evidence, Person, Facility):
            deleted, _ = model.objects.filter(synthetic=True).delete()
            counts[model._meta.label] = deleted
        for model in (Event, Testimony, Evidence, Person, Facility):
            history = getattr(model, "history", None)
            if history is not None:
                history.filter(synthetic=True).delete()
    return counts


@dataclass
class WriteReport:
    persons: int = 0
    names: int = 0
    ties: int = 0
    events: int = 0
    testimonies: int = 0
    evidence: int = 0
    facilities: int = 0
    families: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def write_facilities_bulk(generator: SyntheticRegistry) -> dict[int, int]:
    """Store the generator's facilities; return their database ids by plan key."""
    from guwah.registry.models import Facility

    rows = [
        Facility(
            kind=plan.kind,
            name_en=plan.name_en,
            name_ug=plan.name_ug,
            name_zh=plan.name_zh,
            place_id=plan.place_id,
            latitude=plan.latitude,
            longitude=plan.longitude,
            security_tier=plan.security_tier,
            synthetic=True,
        )
        for plan in generator.facilities
    ]
    created = Facility.objects.bulk_create(rows, batch_size=500)
    if any(row.pk is None for row in created):
        # A backend that cannot return keys: read them back in the order they were written.
        ids = list(
            Facility.objects.filter(synthetic=True).order_by("-pk").values_list("pk", flat=True)
        )[: len(rows)][::-1]
    else:
        ids = [row.pk for row in created]
    return {plan.key: pk for plan, pk in zip(generator.facilities, ids, strict=True)}


def write_with_services(
    generator: SyntheticRegistry,
    persons: int,
    *,
    owners: Sequence[Any],
    documenter: Any,
    reviewer: Any,
    progress: Callable[[int], None] | None = None,
) -> WriteReport:
    """Store ``persons`` synthetic persons through the registry's services, family by family.

    ``owners`` submit the families in turn (a family member's account then sees exactly the
    families it submitted); the ``documenter`` files the evidence, as an organisation does;
    the ``reviewer`` makes public the records whose families consented to it.
    """
    from django.db import transaction

    from guwah.registry import services
    from guwah.registry.models import Facility, IdentityDocument, Place, Visibility

    report = WriteReport()
    with transaction.atomic():
        facility_ids = write_facilities_bulk(generator)
    report.facilities = len(facility_ids)
    facilities = Facility.objects.in_bulk(list(facility_ids.values()))
    places = Place.objects.in_bulk([place.id for place in generator.places])
    for family in generator.families(persons):
        actor = owners[family.number % len(owners)]
        with transaction.atomic():
            stored = []
            for plan in family.persons:
                person = services.create_person(
                    actor,
                    names=[
                        {"text": n.text, "script": n.script, "kind": n.kind} for n in plan.names
                    ],
                    sex=plan.sex,
                    birth_date=plan.birth_date,
                    hometown=places.get(plan.hometown_id) if plan.hometown_id else None,
                    occupation=plan.occupation,
                    notes=SYNTHETIC_NOTE,
                    visibility=Visibility.INTERNAL
                    if plan.visibility == Visibility.INTERNAL
                    else Visibility.RESTRICTED,
                    consent_publish=plan.consent_publish,
                    consent_share_un=plan.consent_share_un,
                    synthetic=True,
                )
                if plan.id_number:
                    IdentityDocument.objects.create(
                        person=person,
                        kind=IdentityDocument.Kind.PRC_RESIDENT_ID,
                        number=plan.id_number,
                        synthetic=True,
                    )
                stored.append(person)
                report.persons += 1
                report.names += len(plan.names)
            for person_key, relative_key, relation in family.ties:
                services.add_family_tie(actor, stored[person_key], stored[relative_key], relation)
                report.ties += 2
            testimony = None
            if family.testimony is not None:
                told = family.testimony
                testimony = services.add_testimony(
                    actor,
                    [stored[key] for key in told.person_keys],
                    witness_name=told.witness_name,
                    witness_relationship=told.witness_relationship,
                    given_on=told.given_on,
                    language=told.language,
                    text=told.text,
                    consent_name_witness=told.consent_name_witness,
                    synthetic=True,
                )
                report.testimonies += 1
            # The organisation files the evidence (a family member may not), citing the events
            # it supports; the events themselves are the family's.
            events_citing: dict[int, list[Any]] = {}
            for plan, person in zip(family.persons, stored, strict=True):
                for event in plan.events:
                    stored_event = services.add_event(
                        actor,
                        person,
                        kind=event.kind,
                        date=event.date,
                        place=places.get(event.place_id) if event.place_id else None,
                        facility=facilities[facility_ids[event.facility_key]]
                        if event.facility_key is not None
                        else None,
                        sentence_months=event.sentence_months,
                        stated_reason=event.stated_reason,
                        description=event.description,
                        basis=event.basis,
                        synthetic=True,
                        testimonies=[testimony]
                        if event.cites_testimony and testimony is not None
                        else None,
                    )
                    if event.evidence_key is not None:
                        events_citing.setdefault(event.evidence_key, []).append(stored_event)
                    report.events += 1
            for item in family.evidence:
                services.add_evidence(
                    documenter,
                    [stored[key] for key in item.person_keys],
                    events=events_citing.get(item.key, []),
                    kind=item.kind,
                    title=item.title,
                    reference=item.reference,
                    reliability=item.reliability,
                    description=SYNTHETIC_DOCUMENT_NOTE,
                    synthetic=True,
                )
                report.evidence += 1
            for plan, person in zip(family.persons, stored, strict=True):
                if plan.visibility == Visibility.PUBLIC and plan.consent_publish:
                    services.set_visibility(reviewer, person, Visibility.PUBLIC)
        report.families += 1
        if progress is not None:
            progress(report.persons)
    return report


class _Table:
    """Rows of one table as plain tuples, in the order of its concrete columns.

    ``bulk_create`` spends ten times longer building model instances and compiling SQL than
    the database spends inserting; at a million persons that is the difference between minutes
    and a quarter of an hour. Rows are therefore built here as tuples, with each column's
    default and each value adapted as Django would adapt it, and inserted with the cursor's
    ``executemany`` (SQLite) or ``COPY`` (PostgreSQL).
    """

    def __init__(self, model: Any, connection: Any) -> None:
        from django.db import models

        self.model = model
        self.table = model._meta.db_table
        fields = list(model._meta.concrete_fields)
        self.columns = [f.column for f in fields]
        self.attnames = [f.attname for f in fields]
        self.index = {attname: i for i, attname in enumerate(self.attnames)}
        self.adapters: list[Callable[[Any], Any] | None] = []
        template: list[Any] = []
        ops = connection.ops
        for f in fields:
            adapt: Callable[[Any], Any] | None = None
            if connection.vendor != "postgresql":
                if isinstance(f, models.DateTimeField):
                    adapt = lru_cache(maxsize=1024)(ops.adapt_datetimefield_value)
                elif isinstance(f, models.DateField):
                    adapt = lru_cache(maxsize=8192)(ops.adapt_datefield_value)
            self.adapters.append(adapt)
            if isinstance(f, models.FileField):
                default: Any = ""
            elif f.has_default() or not f.null:
                default = f.get_default()
            else:
                default = None
            template.append(
                adapt(default) if adapt is not None and default is not None else default
            )
        self.template = template
        self.plain = all(adapt is None for adapt in self.adapters)
        self.rows: list[tuple[Any, ...]] = []

    def add(self, **values: Any) -> None:
        row = self.template.copy()
        for attname, value in values.items():
            try:
                i = self.index[attname]
            except KeyError:
                raise TypeError(f"{self.table} has no column {attname}") from None
            adapt = self.adapters[i]
            row[i] = adapt(value) if adapt is not None and value is not None else value
        self.rows.append(tuple(row))

    def flush(self, connection: Any) -> None:
        if not self.rows:
            return
        quote = connection.ops.quote_name
        columns = ", ".join(quote(column) for column in self.columns)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                raw = cursor.cursor
                with raw.copy(f"COPY {quote(self.table)} ({columns}) FROM STDIN") as copy:
                    for row in self.rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                cursor.executemany(
                    f"INSERT INTO {quote(self.table)} ({columns}) VALUES ({marks})", self.rows
                )
        self.rows = []


def _is_postgres_superuser(connection: Any) -> bool:
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
    return bool(row and row[0])


def _log_writer() -> Callable[[Any], Any] | None:
    """The evidence log's entry point for records written without model signals, if any."""
    from django.apps import apps

    if not apps.is_installed("guwah.evidence"):
        return None
    try:
        from guwah.evidence.log import record_existing
    except ImportError:
        return None
    return record_existing


def _name_key_table(connection: Any) -> _Table | None:
    """The names engine's search keys, when the engine is installed."""
    from django.apps import apps

    if not apps.is_installed("guwah.names"):
        return None
    try:
        model = apps.get_model("names", "NameKey")
    except LookupError:
        return None
    return _Table(model, connection)


def write_bulk(
    generator: SyntheticRegistry,
    persons: int,
    *,
    owners: Sequence[Any] = (),
    batch_persons: int = 20000,
    progress: Callable[[int], None] | None = None,
    log: bool = True,
    skip_foreign_key_triggers: bool = False,
) -> WriteReport:
    """Store ``persons`` synthetic persons in large batches, with explicit keys.

    Keys are assigned here (from the current maximum) so that names, ties and events can point
    at their person without reading keys back; PostgreSQL's sequences are moved past them at
    the end. Each batch is one transaction. No history rows are written: these records have no
    earlier versions. With ``log`` (and the evidence app installed) every record gets its
    transparency-log entry in its batch's transaction, as signals would have given it; the
    benchmark turns this off to measure the registry alone.

    PostgreSQL checks every foreign key of every copied row with a trigger, which doubles the
    load time. The keys made here are consistent by construction, so a caller that checks the
    result afterwards (the benchmark does) may pass ``skip_foreign_key_triggers`` to turn the
    triggers off for its batches; it takes effect only for a superuser, and nowhere else.
    """
    from django.db import connection, transaction
    from django.db.models import Max

    from guwah.registry.dates import PartialDate
    from guwah.registry.models import (
        Event,
        Evidence,
        Facility,
        FamilyTie,
        IdentityDocument,
        Name,
        Person,
        Testimony,
    )

    report = WriteReport()
    owner_ids = [getattr(owner, "pk", owner) for owner in owners] or [None]
    now = dt.datetime.now(dt.UTC)

    @lru_cache(maxsize=4096)
    def dated(text: str) -> tuple[dt.date, dt.date, dt.date, str, int]:
        parsed = PartialDate.parse(text)
        return parsed.earliest, parsed.latest, parsed.sort_key, parsed.edtf(), parsed.year

    def next_id(model: Any) -> int:
        return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1

    person_rows = _Table(Person, connection)
    name_rows = _Table(Name, connection)
    document_rows = _Table(IdentityDocument, connection)
    tie_rows = _Table(FamilyTie, connection)
    testimony_rows = _Table(Testimony, connection)
    testimony_person_rows = _Table(Testimony.persons.through, connection)
    evidence_rows = _Table(Evidence, connection)
    evidence_person_rows = _Table(Evidence.persons.through, connection)
    event_rows = _Table(Event, connection)
    event_testimony_rows = _Table(Event.testimonies.through, connection)
    event_evidence_rows = _Table(Event.evidence.through, connection)
    key_rows = _name_key_table(connection)
    # Parents before children, so that every foreign key points at a row already written.
    tables = (
        person_rows,
        name_rows,
        *((key_rows,) if key_rows is not None else ()),
        document_rows,
        tie_rows,
        testimony_rows,
        testimony_person_rows,
        evidence_rows,
        evidence_person_rows,
        event_rows,
        event_testimony_rows,
        event_evidence_rows,
    )
    protected = {"synthetic": True, "created_at": now, "updated_at": now}

    with transaction.atomic():
        facility_ids = write_facilities_bulk(generator)
        report.facilities = len(facility_ids)
        log_writer = _log_writer() if log else None
        if log_writer is not None:
            log_writer(Facility.objects.filter(pk__in=facility_ids.values()).order_by("pk"))
    ids = {
        model: next_id(model)
        for model in (Person, Name, FamilyTie, Event, Testimony, Evidence, IdentityDocument)
    }
    link_ids = {
        table: next_id(table.model)
        for table in tables
        if table.model._meta.auto_created or table is key_rows
    }

    def new_id(model: Any) -> int:
        value = ids[model]
        ids[model] = value + 1
        return value

    def link(table: _Table, **values: Any) -> None:
        """A row of a table of plain integers and text (links, name keys): no defaults or
        adapters apply, so the tuple is built directly, in the table's column order."""
        key = link_ids[table]
        link_ids[table] = key + 1
        if table.plain and len(values) + 1 == len(table.attnames):
            values["id"] = key
            table.rows.append(tuple(values[attname] for attname in table.attnames))
        else:
            table.add(id=key, **values)

    if connection.vendor == "sqlite":
        # Index pages stay in memory between batches (256 MiB for this connection only):
        # at a million persons the B-tree inserts otherwise reread pages from disk.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -262144")
    record_existing = _log_writer() if log else None
    logged_models = (Person, Name, IdentityDocument, FamilyTie, Testimony, Evidence, Event)
    batch_start = dict(ids)

    replica_role = skip_foreign_key_triggers and _is_postgres_superuser(connection)

    def flush() -> None:
        with transaction.atomic():
            if replica_role:
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL session_replication_role = replica")
            for table in tables:
                table.flush(connection)
            if record_existing is not None:
                for model in logged_models:
                    written = model._base_manager.filter(
                        pk__gte=batch_start[model], pk__lt=ids[model]
                    ).order_by("pk")
                    record_existing(written.iterator(chunk_size=2000))
        batch_start.update(ids)
        if progress is not None:
            progress(report.persons)

    for family in generator.families(persons):
        owner_id = owner_ids[family.number % len(owner_ids)]
        person_ids: list[int] = []
        for plan in family.persons:
            person_id = new_id(Person)
            person_ids.append(person_id)
            _, _, _, birth_date, birth_year = dated(plan.birth_date)
            person_rows.add(
                id=person_id,
                sex=plan.sex,
                birth_date=birth_date,
                birth_year=birth_year,
                hometown_id=plan.hometown_id,
                occupation=plan.occupation,
                notes=SYNTHETIC_NOTE,
                visibility=plan.visibility,
                consent_publish=plan.consent_publish,
                consent_share_un=plan.consent_share_un,
                created_by_id=owner_id,
                **protected,
            )
            for name in plan.names:
                forms = name_forms(name.text)
                name_id = new_id(Name)
                name_rows.add(
                    id=name_id,
                    person_id=person_id,
                    text=name.text,
                    script=name.script,
                    kind=name.kind,
                    uly=forms.uly,
                    match_key=forms.match_key,
                    synthetic=True,
                )
                if key_rows is not None:
                    for part, key in forms.keys:
                        link(key_rows, name_id=name_id, part=part, key=key)
            if plan.id_number:
                document_rows.add(
                    id=new_id(IdentityDocument),
                    person_id=person_id,
                    kind="prc_id",
                    number=plan.id_number,
                    synthetic=True,
                )
        for person_key, relative_key, relation in family.ties:
            inverse = FamilyTie.INVERSE[FamilyTie.Relation(relation)]
            for a, b, rel in (
                (person_key, relative_key, relation),
                (relative_key, person_key, inverse),
            ):
                tie_rows.add(
                    id=new_id(FamilyTie),
                    person_id=person_ids[a],
                    relative_id=person_ids[b],
                    relation=str(rel),
                    synthetic=True,
                )
        testimony_id = None
        if family.testimony is not None:
            told = family.testimony
            testimony_id = new_id(Testimony)
            testimony_rows.add(
                id=testimony_id,
                witness_name=told.witness_name,
                witness_relationship=told.witness_relationship,
                given_on=told.given_on,
                language=told.language,
                text=told.text,
                consent_name_witness=told.consent_name_witness,
                created_by_id=owner_id,
                **protected,
            )
            for member in told.person_keys:
                link(testimony_person_rows, testimony_id=testimony_id, person_id=person_ids[member])
            report.testimonies += 1
        evidence_ids: dict[int, int] = {}
        for item in family.evidence:
            evidence_id = evidence_ids[item.key] = new_id(Evidence)
            evidence_rows.add(
                id=evidence_id,
                kind=item.kind,
                title=item.title,
                reference=item.reference,
                reliability=item.reliability,
                description=SYNTHETIC_DOCUMENT_NOTE,
                created_by_id=owner_id,
                **protected,
            )
            for member in item.person_keys:
                link(evidence_person_rows, evidence_id=evidence_id, person_id=person_ids[member])
            report.evidence += 1
        for plan, person_id in zip(family.persons, person_ids, strict=True):
            for event in plan.events:
                event_id = new_id(Event)
                earliest, latest, middle, edtf, _ = dated(event.date)
                event_rows.add(
                    id=event_id,
                    person_id=person_id,
                    kind=event.kind,
                    date=edtf,
                    date_earliest=earliest,
                    date_latest=latest,
                    date_sort=middle,
                    place_id=event.place_id,
                    facility_id=facility_ids[event.facility_key]
                    if event.facility_key is not None
                    else None,
                    sentence_months=event.sentence_months,
                    stated_reason=event.stated_reason,
                    description=event.description,
                    basis=event.basis,
                    synthetic=True,
                    created_at=now,
                )
                if event.cites_testimony and testimony_id is not None:
                    link(event_testimony_rows, event_id=event_id, testimony_id=testimony_id)
                if event.evidence_key is not None:
                    evidence_id = evidence_ids[event.evidence_key]
                    link(event_evidence_rows, event_id=event_id, evidence_id=evidence_id)
                report.events += 1
        report.persons += len(family.persons)
        report.names += sum(len(p.names) for p in family.persons)
        report.ties += 2 * len(family.ties)
        report.families += 1
        if len(person_rows.rows) >= batch_persons:
            flush()
    flush()

    if connection.vendor == "postgresql":
        from django.core.management.color import no_style

        models = [table.model for table in tables]
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
    return report
