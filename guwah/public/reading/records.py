"""The plain records a public read hands back: nothing in them was read that may not be shown."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from guwah.registry.models import PublicationLevel


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
    """A public source; its title is empty below the full level (a title often names people)."""

    title: str
    kind: str
    reliability: str
    verification: str = ""
    verification_label: str = ""


@dataclass(frozen=True)
class PublicRebuttal:
    """A government's denial of the entry, with its source and the organisation's answer.
    Below the full level only who said it and when are shown: the claim and the source name
    the person."""

    claimant: str
    claimed_on: str
    claim: str = ""
    source: str = ""
    source_url: str = ""
    answer: str = ""


@dataclass(frozen=True)
class PublicPlace:
    pk: int
    name: str


@dataclass(frozen=True)
class PublicPerson:
    """One memorial entry: what consent, visibility and the publication level allow, nothing
    more. ``hometown`` is the hometown at the precision the level allows (the village at the
    full level, the county at the partial level, empty at the anonymous level); ``age_band`` is
    the age at the first recorded event, in ten-year bands."""

    entry: int
    names: list[PublicName]
    status: str
    status_label: str
    publication_level: str = PublicationLevel.FULL.value
    since: str = ""
    sex: str = ""
    birth_year: int | None = None
    age_band: str = ""
    synthetic: bool = False
    hometown: str = ""
    prefecture: PublicPlace | None = None
    has_photo: bool = False
    verification: str = ""
    verification_label: str = ""
    verification_meaning: str = ""
    rebuttals: list[PublicRebuttal] = field(default_factory=list)
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


@dataclass(frozen=True)
class ChartRow:
    value: str
    label: str
    count: float


@dataclass(frozen=True)
class Chart:
    """One chart of the statistics: its figures, how many records they rest on, and what they
    cannot show."""

    name: str
    title: str
    rows: list[ChartRow]
    rests_on: int
    note: str = ""


@dataclass(frozen=True)
class Statistics:
    """Counts of the published persons; ``total`` is the number of records they rest on."""

    total: int
    by_status: list[Facet]
    by_prefecture: list[Facet]
    without_prefecture: int
    # The lowest step of the verification ladder counted ("" for all), and how many of the
    # records counted stand on each step.
    verification: str = ""
    by_verification: list[Facet] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
