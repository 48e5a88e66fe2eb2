"""What the public may read of the registry: the one door between a visitor and the record.

A person is public when a reviewer made the record public *and* the family consents to its
publication; a testimony or an evidence item about them shows only when it is itself public
and consented. Every public page and the public API read through the functions here, which
load only the columns that may be shown (``.values()`` on named fields) and hand back plain
dataclasses: a witness's name, a testimony's media, an identity number or a documenter's note
is never read from the database on a public request, so no template can show it by mistake.

Withdrawing consent takes effect on the next read: nothing here is cached.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from guwah.names.uyghur import capitalize_words, uly_to_uey, uly_to_usy
from guwah.registry import status as registry_status
from guwah.registry import timeline
from guwah.registry.dates import InvalidPartialDate, PartialDate
from guwah.registry.models import (
    Event,
    Evidence,
    Name,
    Person,
    Place,
    Script,
    Testimony,
    Visibility,
    prefecture_of,
)
from guwah.registry.names_index import search_persons

PER_PAGE = 50
MAX_PER_PAGE = 200
# A testimony is quoted, not reproduced: the full text stays with the organisation.
EXCERPT_LENGTH = 600


@dataclass(frozen=True)
class PublicForm:
    """A name written in one of the Uyghur scripts; ``exact`` is False for the likely reading
    of a name written in Chinese characters or pinyin."""

    text: str
    script: str
    script_label: str
    exact: bool


@dataclass(frozen=True)
class PublicName:
    text: str
    script: str
    script_label: str
    uyghur_forms: list[PublicForm] = field(default_factory=list)


@dataclass(frozen=True)
class PublicEvent:
    what: str
    when: str
    facility: str
    place: str
    sentence_months: int | None


@dataclass(frozen=True)
class PublicTestimony:
    excerpt: str
    given_on: str


@dataclass(frozen=True)
class PublicEvidence:
    title: str
    kind: str
    reliability: str


@dataclass(frozen=True)
class PublicPlace:
    pk: int
    name: str


@dataclass(frozen=True)
class PublicPerson:
    """One memorial entry: what consent and visibility allow, nothing more."""

    entry: int
    names: list[PublicName]
    status: str
    status_label: str
    since: str = ""
    sex: str = ""
    birth_year: int | None = None
    synthetic: bool = False
    hometown: str = ""
    prefecture: PublicPlace | None = None
    events: list[PublicEvent] = field(default_factory=list)
    testimonies: list[PublicTestimony] = field(default_factory=list)
    evidence: list[PublicEvidence] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.names[0].text if self.names else _("Entry %(entry)s") % {"entry": self.entry}


@dataclass(frozen=True)
class PublicPage:
    persons: list[PublicPerson]
    count: int
    number: int
    pages: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


@dataclass(frozen=True)
class Facet:
    value: str
    label: str
    count: int


def _published() -> QuerySet[Person]:
    return Person.objects.filter(visibility=Visibility.PUBLIC, consent_publish=True)


def _published_sources(model: type[Testimony] | type[Evidence]) -> QuerySet:
    return model.objects.filter(visibility=Visibility.PUBLIC, consent_publish=True)


def describe_date(text: str) -> str:
    """A stored partial date in the reader's words ("around May 2017", not "2017-05~")."""
    if not text:
        return ""
    try:
        return PartialDate.parse(text).in_words(get_language() or "en")
    except InvalidPartialDate:
        return ""


def _filtered(query: str = "", status: str = "", prefecture: int | None = None) -> QuerySet:
    """The public persons matching the filters, each with its ``prefecture_id`` and
    ``derived_status``."""
    persons = registry_status.annotate_status(_published().annotate(prefecture_id=prefecture_of()))
    if query.strip():
        persons = search_persons(persons, query)
    if prefecture is not None:
        persons = persons.filter(models.Q(("prefecture_id", prefecture)))
    if status:
        persons = registry_status.with_status(persons, status)
    return persons


_EVENT_LABELS = dict(Event.Kind.choices)
_EVIDENCE_KINDS = dict(Evidence.Kind.choices)
_RELIABILITY = dict(Evidence.Reliability.choices)
_SEXES = {key: label for key, label in Person.Sex.choices if key}


def _names_of(entries: Iterable[int]) -> dict[int, list[PublicName]]:
    names: dict[int, list[PublicName]] = {}
    rows = (
        Name.objects.filter(person_id__in=list(entries))
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
        names[person_id] = [
            PublicName(text, script, labels.get(script, script), _forms(text, script, uly, labels))
            for _kind, text, script, uly in found
        ]
    return names


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


def _places(pks: Iterable[int | None]) -> dict[int, Place]:
    wanted = {pk for pk in pks if pk is not None}
    places = Place.objects.filter(pk__in=wanted).only("pk", "name_en", "level", "parent_id")
    return {place.pk: place for place in places}


def _status_label(value: str) -> str:
    return str(registry_status.STATUS_LABELS.get(value, value))


def _summary(
    row: dict, names: dict[int, list[PublicName]], places: dict[int, Place]
) -> PublicPerson:
    hometown = places.get(row["hometown_id"])
    prefecture = places.get(row["prefecture_id"])
    return PublicPerson(
        entry=row["pk"],
        names=names.get(row["pk"], []),
        status=row["derived_status"],
        status_label=_status_label(row["derived_status"]),
        sex=str(_SEXES.get(row["sex"], "")),
        birth_year=row["birth_year"],
        synthetic=row["synthetic"],
        hometown=hometown.name_en if hometown else "",
        prefecture=PublicPlace(prefecture.pk, prefecture.name_en) if prefecture else None,
    )


_SUMMARY_FIELDS = (
    "pk",
    "sex",
    "birth_year",
    "synthetic",
    "hometown_id",
    "prefecture_id",
    "derived_status",
)


def public_persons(
    *,
    query: str = "",
    status: str = "",
    prefecture: int | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> PublicPage:
    """One page of the public persons matching a name (in any script), a status and a
    prefecture, in entry order."""
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    rows = _filtered(query, status, prefecture).order_by("pk").values(*_SUMMARY_FIELDS)
    paginator = Paginator(rows, per_page)
    current = paginator.get_page(page)
    found = list(current.object_list)
    names = _names_of(row["pk"] for row in found)
    places = _places(
        [row["hometown_id"] for row in found] + [row["prefecture_id"] for row in found]
    )
    return PublicPage(
        persons=[_summary(row, names, places) for row in found],
        count=paginator.count,
        number=current.number,
        pages=paginator.num_pages,
    )


def public_person(entry: int) -> PublicPerson | None:
    """The memorial entry ``entry`` with its timeline and public sources, or None when it is
    not published (or does not exist: the two are not told apart)."""
    row = _filtered().filter(pk=entry).values(*_SUMMARY_FIELDS).first()
    if row is None:
        return None
    events = list(
        Event.objects.filter(person_id=entry)
        .order_by("date_sort", "id")
        .values("pk", "kind", "date", "sentence_months", "facility__name_en", "place__name_en")
    )
    places = _places([row["hometown_id"], row["prefecture_id"]])
    summary = _summary(row, _names_of([entry]), places)
    derived = timeline.derive_status(
        timeline.Entry(
            kind=event["kind"],
            date=PartialDate.parse(event["date"]) if event["date"] else None,
            key=event["pk"],
            sentence_months=event["sentence_months"],
        )
        for event in events
    )
    testimonies = (
        _published_sources(Testimony)
        .filter(persons=entry)
        .order_by("created_at", "pk")
        .values_list("text", "given_on")
    )
    evidence = (
        _published_sources(Evidence)
        .filter(persons=entry)
        .order_by("created_at", "pk")
        .values_list("title", "kind", "reliability")
    )
    return PublicPerson(
        entry=summary.entry,
        names=summary.names,
        status=summary.status,
        status_label=summary.status_label,
        since=derived.since.in_words(get_language() or "en") if derived.since else "",
        sex=summary.sex,
        birth_year=summary.birth_year,
        synthetic=summary.synthetic,
        hometown=summary.hometown,
        prefecture=summary.prefecture,
        events=[
            PublicEvent(
                what=str(_EVENT_LABELS.get(event["kind"], event["kind"])),
                when=describe_date(event["date"]),
                facility=event["facility__name_en"] or "",
                place=event["place__name_en"] or "",
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
                title=title,
                kind=str(_EVIDENCE_KINDS.get(kind, kind)),
                reliability=str(_RELIABILITY.get(reliability, reliability)),
            )
            for title, kind, reliability in evidence
        ],
    )


def _excerpt(text: str) -> str:
    text = text.strip()
    if len(text) <= EXCERPT_LENGTH:
        return text
    return text[:EXCERPT_LENGTH].rsplit(" ", 1)[0] + "…"


def status_facets(*, query: str = "", prefecture: int | None = None) -> list[Facet]:
    """How many public persons matching the other filters have each status."""
    rows = (
        _filtered(query, "", prefecture)
        .order_by()
        .values_list("derived_status")
        .annotate(count=models.Count("id"))
    )
    counts = dict(rows)
    return [
        Facet(value, _status_label(value), counts[value])
        for value in timeline.Status
        if counts.get(value)
    ]


def prefecture_facets(*, query: str = "", status: str = "") -> list[Facet]:
    """How many public persons matching the other filters come from each prefecture."""
    rows = (
        _filtered(query, status, None)
        .exclude(prefecture_id=None)
        .order_by()
        .values_list("prefecture_id")
        .annotate(count=models.Count("id"))
    )
    counts = dict(rows)
    places = _places(counts)
    return sorted(
        (Facet(str(pk), places[pk].name_en, count) for pk, count in counts.items() if pk in places),
        key=lambda facet: facet.label,
    )


@dataclass(frozen=True)
class Statistics:
    """Counts of the published persons; ``total`` is the number of records they rest on."""

    total: int
    by_status: list[Facet]
    by_prefecture: list[Facet]
    without_prefecture: int


def public_statistics() -> Statistics:
    """How many published persons have each status and come from each prefecture."""
    by_prefecture = prefecture_facets()
    total = _published().count()
    return Statistics(
        total=total,
        by_status=status_facets(),
        by_prefecture=sorted(by_prefecture, key=lambda facet: (-facet.count, facet.label)),
        without_prefecture=total - sum(facet.count for facet in by_prefecture),
    )
