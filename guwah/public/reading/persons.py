"""Published persons, one page of them or one entry, each at its publication level."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from django.core.paginator import Paginator
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.translation import get_language

from guwah.evidence.sniff import SNIFF_BYTES, sniff
from guwah.names.uyghur import capitalize_words, uly_to_uey, uly_to_usy
from guwah.public import levels
from guwah.public.reading.base import (
    EVENT_LABELS,
    EVIDENCE_KINDS,
    MAX_KEY,
    RELIABILITY,
    SEXES,
    county_or_coarser,
    describe_date,
    places_by_pk,
    published,
    published_sources,
    status_label,
    verification_label,
    verification_meaning,
)
from guwah.public.reading.criteria import Criteria, filtered
from guwah.public.reading.records import (
    PublicEvent,
    PublicEvidence,
    PublicForm,
    PublicName,
    PublicPage,
    PublicPerson,
    PublicPlace,
    PublicRebuttal,
    PublicTestimony,
)
from guwah.registry import timeline
from guwah.registry.dates import PartialDate
from guwah.registry.models import (
    Event,
    Evidence,
    Name,
    Person,
    Place,
    PublicationLevel,
    Rebuttal,
    Script,
    Testimony,
)

PER_PAGE = 50
MAX_PER_PAGE = 200
# A testimony is quoted, not reproduced: the full text stays with the organisation.
EXCERPT_LENGTH = 600


def _names_of(levels_of: dict[int, str]) -> dict[int, list[PublicName]]:
    """The names of the persons ``levels_of`` maps to their publication level, as that level
    allows: every name at the full level, given names and initials at the partial level, none
    at the anonymous level (whose names are never read)."""
    names: dict[int, list[PublicName]] = {}
    wanted = [pk for pk, level in levels_of.items() if level != PublicationLevel.ANONYMOUS]
    rows = (
        Name.objects.filter(person_id__in=wanted)
        .order_by("person_id", "kind", "id")
        .values_list("person_id", "text", "script", "kind", "uly")
    )
    # Translated once per call, not once per name: at fifty persons a page, the lookups add up.
    labels = {script.value: str(script.label) for script in Script}
    primary_first: dict[int, list[tuple[str, str, str, str]]] = {}
    for person_id, text, script, kind, uly in rows:
        primary_first.setdefault(person_id, []).append((kind, text, script, uly))
    for person_id, found in primary_first.items():
        found.sort(key=lambda row: row[0] != Name.Kind.PRIMARY)
        shown = [
            PublicName(text, script, labels.get(script, script), _forms(text, script, uly, labels))
            for _kind, text, script, uly in found
        ]
        if levels_of[person_id] == PublicationLevel.PARTIAL:
            shown = _partial_names(shown)
        names[person_id] = shown
    return names


def _partial_names(names: list[PublicName]) -> list[PublicName]:
    """Each name cut to its given name and an initial; a name that cannot be cut is dropped,
    and so are names that come out the same."""
    cut: list[PublicName] = []
    seen: set[str] = set()
    for name in names:
        text = levels.partial_name(name.text)
        if not text or text in seen:
            continue
        seen.add(text)
        forms = [
            PublicForm(short, form.script, form.script_label, form.exact)
            for form in name.uyghur_forms
            if (short := levels.partial_name(form.text))
        ]
        cut.append(PublicName(text, name.script, name.script_label, forms))
    return cut


_UYGHUR_SCRIPTS = (Script.UYGHUR_ARABIC, Script.UYGHUR_LATIN, Script.UYGHUR_CYRILLIC)


def _forms(text: str, script: str, uly: str, labels: dict[str, str]) -> list[PublicForm]:
    """The name in each Uyghur script, written from its stored Latin form (the costly reading
    of Chinese characters was done once, when the name was saved)."""
    if not uly:
        return []
    written = {
        Script.UYGHUR_LATIN: uly,
        Script.UYGHUR_ARABIC: uly_to_uey(uly),
        Script.UYGHUR_CYRILLIC: capitalize_words(uly_to_usy(uly)),
    }
    exact = script in _UYGHUR_SCRIPTS
    return [
        PublicForm(
            text if other == script else written[other], other.value, labels[other.value], exact
        )
        for other in _UYGHUR_SCRIPTS
        if (text if other == script else written[other])
    ]


def _first_event_date() -> Subquery:
    """The earliest date any of a person's events may have happened on: the age band is the
    age then."""
    return Subquery(
        Event.objects.filter(person_id=OuterRef("pk"), date_earliest__isnull=False)
        .order_by("date_earliest")
        .values("date_earliest")[:1]
    )


def _hometown_id(row: dict) -> int | None:
    """The hometown at the precision the person's level allows."""
    level = row["publication_level"]
    if level == PublicationLevel.FULL:
        return row["hometown_id"]
    if level == PublicationLevel.PARTIAL:
        return row["county_id"]
    return None


def _summary(
    row: dict, names: dict[int, list[PublicName]], places: dict[int, Place]
) -> PublicPerson:
    level = row["publication_level"]
    full = level == PublicationLevel.FULL
    hometown = places.get(_hometown_id(row) or 0)
    prefecture = places.get(row["prefecture_id"])
    first = row["first_event"]
    return PublicPerson(
        entry=row["pk"],
        names=names.get(row["pk"], []),
        status=row["derived_status"],
        status_label=status_label(row["derived_status"]),
        publication_level=level,
        sex=str(SEXES.get(row["sex"], "")) if level != PublicationLevel.ANONYMOUS else "",
        birth_year=row["birth_year"] if full else None,
        age_band=levels.age_band(row["birth_year"], first.year if first else None),
        synthetic=row["synthetic"],
        hometown=hometown.name_en if hometown else "",
        prefecture=PublicPlace(prefecture.pk, prefecture.name_en) if prefecture else None,
        has_photo=full and row["consent_publish_photo"] and bool(row["photo"]),
        verification=row["verification"],
        verification_label=verification_label(row["verification"]),
        verification_meaning=verification_meaning(row["verification"]),
    )


_SUMMARY_FIELDS = (
    "pk",
    "publication_level",
    "sex",
    "birth_year",
    "synthetic",
    "hometown_id",
    "county_id",
    "prefecture_id",
    "derived_status",
    "first_event",
    "consent_publish_photo",
    "photo",
    "verification",
)


def _rows(persons: QuerySet[Person]) -> QuerySet:
    return persons.annotate(
        county_id=county_or_coarser("hometown"), first_event=_first_event_date()
    ).values(*_SUMMARY_FIELDS)


def _summaries(rows: list[dict]) -> list[PublicPerson]:
    names = _names_of({row["pk"]: row["publication_level"] for row in rows})
    places = places_by_pk(
        [_hometown_id(row) for row in rows] + [row["prefecture_id"] for row in rows]
    )
    return [_summary(row, names, places) for row in rows]


def public_persons(
    criteria: Criteria | None = None,
    *,
    page: int = 1,
    per_page: int = PER_PAGE,
    **chosen: Any,
) -> PublicPage:
    """One page of the public persons matching ``criteria`` (or the criteria ``chosen`` by
    keyword: a name in any script, a status, a prefecture, ...), in entry order."""
    from guwah.public import summaries  # it reads the persons through this package

    per_page = max(1, min(per_page, MAX_PER_PAGE))
    criteria = criteria or Criteria(**chosen)
    with summaries.checked_once():
        kept = summaries.matching(criteria)
        if kept is None:  # the summaries are not complete: the slow way, from the registry
            persons = filtered(criteria)
        else:
            # Chosen from the kept summaries, then read as every public page reads a person:
            # through the published persons, so the live consent decides.
            persons = filtered().filter(pk__in=kept.values("person_id"))
        paginator = Paginator(_rows(persons.order_by("pk")), per_page)
        current = paginator.get_page(page)
    return PublicPage(
        persons=_summaries(list(current.object_list)),
        count=paginator.count,
        number=current.number,
        pages=paginator.num_pages,
    )


def _event_place(event: dict, level: str) -> str:
    if level == PublicationLevel.FULL:
        return event["place__name_en"] or ""
    if level == PublicationLevel.PARTIAL:
        return event["coarse_place"] or ""
    return ""


def _event_when(event: dict, level: str) -> str:
    """The date in words; at the anonymous level only the year, or the years it lies between."""
    if level != PublicationLevel.ANONYMOUS:
        return describe_date(event["date"])
    earliest, latest = event["date_earliest"], event["date_latest"]
    if earliest is None or latest is None:
        return ""
    if earliest.year == latest.year:
        return str(earliest.year)
    return f"{earliest.year}–{latest.year}"


def public_person(entry: int) -> PublicPerson | None:
    """The memorial entry ``entry`` with its timeline and public sources, at its publication
    level, or None when it is not published (or does not exist: the two are not told apart)."""
    if not 0 < entry <= MAX_KEY:
        return None
    row = _rows(filtered().filter(pk=entry)).first()
    if row is None:
        return None
    level = row["publication_level"]
    summary = _summaries([row])[0]
    events = list(
        Event.objects.filter(person_id=entry)
        .annotate(coarse_place=county_or_coarser("place"))
        .order_by("date_sort", "id")
        .values(
            "pk",
            "kind",
            "date",
            "date_earliest",
            "date_latest",
            "sentence_months",
            "facility__name_en",
            "place__name_en",
            "coarse_place",
        )
    )
    coarse = places_by_pk(event["coarse_place"] for event in events)
    for event in events:
        found = coarse.get(event["coarse_place"])
        event["coarse_place"] = found.name_en if found else ""
    derived = timeline.derive_status(
        timeline.Entry(
            kind=event["kind"],
            date=PartialDate.parse(event["date"]) if event["date"] else None,
            key=event["pk"],
            sentence_months=event["sentence_months"],
        )
        for event in events
    )
    full = level == PublicationLevel.FULL
    # Below the full level, no excerpt and no title: free text names people.
    testimonies = (
        published_sources(Testimony)
        .filter(persons=entry)
        .order_by("created_at", "pk")
        .values_list("text", "given_on")
        if full
        else []
    )
    evidence = (
        published_sources(Evidence)
        .filter(persons=entry)
        .order_by("created_at", "pk")
        .values_list("kind", "reliability", "verification", *(["title"] if full else []))
    )
    # A rebuttal is never left out; below the full level only who said it, and when.
    rebuttals = Rebuttal.objects.filter(person_id=entry).order_by("created_at", "pk")
    rebuttal_rows: Iterable[tuple[str, ...]]
    if full:
        rebuttal_rows = rebuttals.values_list(
            "claimant", "claimed_on", "claim", "source", "source_url", "answer"
        )
    else:
        rebuttal_rows = rebuttals.values_list("claimant", "claimed_on")
    since = ""
    if derived.since:
        since = (
            derived.since.in_words(get_language() or "en")
            if level != PublicationLevel.ANONYMOUS
            else str(derived.since.year)
        )
    return dataclasses.replace(
        summary,
        since=since,
        events=[
            PublicEvent(
                what=str(EVENT_LABELS.get(event["kind"], event["kind"])),
                when=_event_when(event, level),
                facility=(event["facility__name_en"] or "")
                if level != PublicationLevel.ANONYMOUS
                else "",
                place=_event_place(event, level),
                sentence_months=event["sentence_months"],
            )
            for event in events
        ],
        testimonies=[
            PublicTestimony(excerpt=_excerpt(text), given_on=describe_date(given_on))
            for text, given_on in testimonies
            if text.strip()
        ],
        evidence=[
            PublicEvidence(
                title=rest[0] if rest else "",
                kind=str(EVIDENCE_KINDS.get(kind, kind)),
                reliability=str(RELIABILITY.get(reliability, reliability)),
                verification=verification,
                verification_label=verification_label(verification),
            )
            for kind, reliability, verification, *rest in evidence
        ],
        rebuttals=[
            PublicRebuttal(claimant, describe_date(claimed_on), *rest)
            for claimant, claimed_on, *rest in rebuttal_rows
        ],
    )


def public_photo(entry: int) -> tuple[bytes, str] | None:
    """The bytes and type of entry ``entry``'s photo, or None unless the person is published at
    the full level with consent to the photo, and the photo is an image the server re-encoded
    (JPEG or PNG)."""
    if not 0 < entry <= MAX_KEY:
        return None
    photo = (
        published()
        .filter(pk=entry, publication_level=PublicationLevel.FULL, consent_publish_photo=True)
        .exclude(photo="")
        .values_list("photo", flat=True)
        .first()
    )
    if not photo:
        return None
    field = Person._meta.get_field("photo")
    try:
        with field.storage.open(photo, "rb") as handle:
            content = handle.read()
    except FileNotFoundError:
        return None
    mime = sniff(content[:SNIFF_BYTES]).mime
    return (content, mime) if mime in PHOTO_TYPES else None


PHOTO_TYPES = frozenset({"image/jpeg", "image/png"})


def _excerpt(text: str) -> str:
    text = text.strip()
    if len(text) <= EXCERPT_LENGTH:
        return text
    return text[:EXCERPT_LENGTH].rsplit(" ", 1)[0] + "…"
