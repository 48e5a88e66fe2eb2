"""Synthetic registry data for demonstrations and benchmarks: plausible, never real.

Every person, name, tie, event, testimony, evidence item and facility made here carries
``synthetic=True`` and says in its notes that it is invented. Names are assembled from pools of
common Uyghur given names (:mod:`guwah.registry.synthetic_pools`); any resemblance to a real
person is chance, and the marker keeps such records out of every real count and export.

The generator (:class:`SyntheticRegistry`) is pure Python, imports nothing of Django and is
deterministic for a seed: it yields families as plain data. The demonstration app above the
registry stores them, through the registry's services or in batches.

Uyghur names are written in Arabic script and converted to the Latin and Cyrillic scripts by
the names engine (:mod:`guwah.names.uyghur`); Chinese forms follow the one-character-per-syllable
custom and their pinyin comes from ``pypinyin``.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from guwah.registry.synthetic_pools import (
    ABDU,
    ABDU_ENDINGS,
    EVIDENCE_KINDS,
    FEMALE_ENDING,
    FEMALE_NAMES,
    FEMALE_STEMS,
    MALE_ENDING,
    MALE_NAMES,
    MALE_STEMS,
    OCCUPATIONS,
    STATED_REASONS,
    VISIBILITY_WEIGHTS,
    WITNESS_LANGUAGES,
    WITNESS_RELATIONSHIPS,
    cyrillic_of,
    informal_spelling,
    latin_of,
    pinyin_of,
)

SYNTHETIC_NOTE = "Synthetic demonstration record: this person does not exist."
SYNTHETIC_DOCUMENT_NOTE = "Synthetic demonstration record: this document does not exist."


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


# --------------------------------------------------------------------------------------------
# The generator


class SyntheticRegistry:
    """Deterministic synthetic families, facilities and sources for a seed and a set of places."""

    def __init__(self, places: Sequence[PlaceRef], seed: int = 2017) -> None:
        if not places:
            raise ValueError("Synthetic data needs at least one place; load the places first.")
        self.places = list(places)
        self.seed = seed
        self.rng = random.Random(seed)  # noqa: S311  (seeded synthetic data, not secrets)
        self._evidence_key = 0
        self.facilities = self._facilities()
        self._by_place: dict[int, list[FacilityPlan]] = {}
        for facility in self.facilities:
            self._by_place.setdefault(facility.place_id, []).append(facility)
        self._prisons = [f for f in self.facilities if f.kind == "prison"] or self.facilities

    # Facilities --------------------------------------------------------------------------------

    def _facilities(self) -> list[FacilityPlan]:
        rng = random.Random(self.seed * 7 + 1)  # noqa: S311  (seeded synthetic data, not secrets)
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
        assert grandfather is not None  # noqa: S101  (narrows a type; the lines above ensure it)
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
            assert other is not None  # noqa: S101  (narrows a type; the lines above ensure it)
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
