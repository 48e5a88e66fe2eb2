"""The memorial's open API: read-only JSON of public persons, statistics and facilities, with an
OpenAPI schema at ``/memorial/api/v1/openapi.json``, pagination, filters, declared 422s for
unreadable parameters, a per-address rate limit from settings, and bulk downloads.

Every operation reads through :mod:`guwah.public.reading`, so what it answers is what the
memorial's pages show, at each person's publication level.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import typing
from collections.abc import Iterator
from typing import Any, Literal

from django.conf import settings
from django.http import HttpRequest, StreamingHttpResponse
from django.urls import URLPattern, reverse
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Query, Schema
from ninja import Path as PathParam
from ninja.errors import HttpError
from ninja.throttling import SimpleRateThrottle
from pydantic import create_model

from guwah.positions.open_api import router as positions_router
from guwah.public import reading
from guwah.registry import access
from guwah.registry.timeline import Status
from guwah.spreadsheets import safe_row


class PerAddress(SimpleRateThrottle):
    """At most ``GUWAH_API_RATE`` requests (e.g. ``120/m``) from one address, counted in the
    Django cache; read at each request, so a changed setting applies at once."""

    scope = "memorial-api"

    def __init__(self) -> None:
        super().__init__(settings.GUWAH_API_RATE)

    def allow_request(self, request: HttpRequest) -> bool:
        self.num_requests, self.duration = self.parse_rate(settings.GUWAH_API_RATE)
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str | None:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


api = NinjaAPI(
    title="Guwah memorial API",
    version="1",
    description=(
        "Read-only: the persons published on the memorial with their families' consent, at the "
        "publication level each family chose, the statistics and the facilities. Responses are "
        "limited per address (HTTP 429 when exceeded)."
    ),
    urls_namespace="memorial_api",
    docs_url=None,
    throttle=[PerAddress()],
)

StatusCode = Literal[tuple(str(status) for status in Status)]  # type: ignore[valid-type]
Step = Literal["reported", "corroborated", "verified"]


class PersonFilters(Schema):
    q: str = Field("", max_length=200, description="A name, in any script or spelling.")
    status: StatusCode | None = None  # type: ignore[valid-type]
    prefecture: int | None = Field(None, ge=1, le=reading.MAX_KEY)
    county: int | None = Field(None, ge=1, le=reading.MAX_KEY)
    year: int | None = Field(None, ge=1900, le=2100)
    sex: Literal["f", "m"] | None = None
    age: Literal["0", "10", "20", "30", "40", "50", "60", "70", "80", "90"] | None = None
    facility: int | None = Field(None, ge=1, le=reading.MAX_KEY)
    sentence: Literal["under-1", "1-4", "5-9", "10-19", "20-plus"] | None = None
    grade: Literal["A", "B", "C", "D", "E", "F"] | None = None
    verification: Step | None = None
    page: int = Field(1, ge=1, le=reading.MAX_KEY)
    per_page: int = Field(reading.PER_PAGE, ge=1, le=reading.MAX_PER_PAGE)

    def criteria(self) -> reading.Criteria:
        chosen = self.model_dump(exclude={"q", "page", "per_page"})
        given = {key: _EMPTY[key] if value is None else value for key, value in chosen.items()}
        return reading.Criteria(query=self.q, **given)


_EMPTY: dict[str, Any] = {
    "status": "",
    "prefecture": None,
    "county": None,
    "year": None,
    "sex": "",
    "age": "",
    "facility": None,
    "sentence": "",
    "grade": "",
    "verification": "",
}


class PublicForm(Schema):
    text: str
    script: str
    script_label: str
    exact: bool


class PublicName(Schema):
    text: str
    script: str
    script_label: str
    uyghur_forms: list[PublicForm]


class PublicPlace(Schema):
    pk: int
    name: str


class PublicEvent(Schema):
    what: str
    when: str
    facility: str
    place: str
    sentence_months: int | None


class PublicTestimony(Schema):
    excerpt: str
    given_on: str


class PublicEvidence(Schema):
    title: str
    kind: str
    reliability: str
    verification: str
    verification_label: str


class PublicRebuttal(Schema):
    claimant: str
    claimed_on: str
    claim: str
    source: str
    source_url: str
    answer: str


class Person(Schema):
    entry: int
    url: str
    names: list[PublicName]
    status: str
    status_label: str
    publication_level: Literal["full", "partial", "anonymous"]
    since: str
    sex: str
    birth_year: int | None
    age_band: str
    synthetic: bool
    hometown: str
    prefecture: PublicPlace | None
    has_photo: bool
    verification: str
    verification_label: str
    verification_meaning: str
    rebuttals: list[PublicRebuttal]
    events: list[PublicEvent]
    testimonies: list[PublicTestimony]
    evidence: list[PublicEvidence]


class PersonPage(Schema):
    count: int
    page: int
    pages: int
    results: list[Person]


class Count(Schema):
    value: str
    label: str
    count: int


class ChartRow(Schema):
    value: str
    label: str
    count: float


class Chart(Schema):
    name: str
    title: str
    rows: list[ChartRow]
    rests_on: int
    note: str


class Statistics(Schema):
    total: int
    by_status: list[Count]
    by_prefecture: list[Count]
    without_prefecture: int
    verification: str
    by_verification: list[Count]
    charts: list[Chart]


def _facility_fields() -> dict[str, Any]:
    """The fields of a facility as the reading gives it, with its page's address after its
    key: the schema follows :class:`reading.PublicFacility` instead of repeating it."""
    hints = typing.get_type_hints(reading.PublicFacility)
    fields: dict[str, Any] = {}
    for found in dataclasses.fields(reading.PublicFacility):
        fields[found.name] = (hints[found.name], ...)
        if found.name == "pk":
            fields["url"] = (str, ...)
    return fields


Facility = create_model("Facility", __base__=Schema, **_facility_fields())


class Missing(Schema):
    detail: str


class Unreadable(Schema):
    """What was wrong with each parameter that could not be read."""

    detail: list[dict[str, Any]]


class Limited(Schema):
    detail: str


# Every operation may be refused for too many requests; those with parameters, for one that
# cannot be read.
_LIMITED = {429: Limited}
_CHECKED = {422: Unreadable, 429: Limited}


def _person(person: reading.PublicPerson) -> dict[str, Any]:
    data = dataclasses.asdict(person)
    data["url"] = reverse("memorial:person", kwargs={"pk": person.entry})
    return data


@api.get("/persons", response={200: PersonPage, **_CHECKED}, summary="Published persons, one page")
def persons(request: HttpRequest, filters: Query[PersonFilters]) -> dict[str, Any]:
    page = reading.public_persons(filters.criteria(), page=filters.page, per_page=filters.per_page)
    return {
        "count": page.count,
        "page": page.number,
        "pages": page.pages,
        "results": [_person(person) for person in page.persons],
    }


@api.get(
    "/persons/{entry}",
    response={200: Person, 404: Missing, **_CHECKED},
    summary="One published person, with timeline and sources",
)
def person(request: HttpRequest, entry: int = PathParam(..., ge=1, le=reading.MAX_KEY)) -> Any:
    found = reading.public_person(entry)
    if found is None:
        raise HttpError(404, _("No published entry has this number."))
    return _person(found)


@api.get("/statistics", response={200: Statistics, **_CHECKED}, summary="The memorial's statistics")
def statistics(request: HttpRequest, verification: Step | None = None) -> Any:
    return dataclasses.asdict(reading.public_statistics(verification=verification or ""))


@api.get(
    "/facilities",
    response={200: list[Facility], **_LIMITED},  # type: ignore[valid-type]
    summary="The gazetteer of facilities",
)
def facilities(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {**dataclasses.asdict(found), "url": reverse("memorial:facility", kwargs={"pk": found.pk})}
        for found in reading.public_facilities()
    ]


_BULK_COLUMNS = (
    "entry",
    "publication_level",
    "name",
    "status",
    "sex",
    "birth_year",
    "age_band",
    "hometown",
    "prefecture",
    "verification",
    "synthetic",
)


def _every_person(criteria: reading.Criteria) -> Iterator[reading.PublicPerson]:
    number = 1
    while True:
        page = reading.public_persons(criteria, page=number, per_page=reading.MAX_PER_PAGE)
        yield from page.persons
        if not page.has_next:
            return
        number += 1


def _bulk_row(person: reading.PublicPerson) -> list[Any]:
    return [
        person.entry,
        person.publication_level,
        person.names[0].text if person.names else "",
        person.status,
        person.sex,
        person.birth_year if person.birth_year is not None else "",
        person.age_band,
        person.hometown,
        person.prefecture.name if person.prefecture else "",
        person.verification,
        person.synthetic,
    ]


@api.get(
    "/download/persons.csv",
    summary="Every published person matching the filters, as CSV",
    response=_CHECKED,
    openapi_extra={"responses": {200: {"description": "CSV", "content": {"text/csv": {}}}}},
)
def persons_csv(request: HttpRequest, filters: Query[PersonFilters]) -> StreamingHttpResponse:
    def rows() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(_BULK_COLUMNS)
        for found in _every_person(filters.criteria()):
            writer.writerow(safe_row(_bulk_row(found)))
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="memorial-persons.csv"'
    return response


@api.get(
    "/download/persons.json",
    summary="Every published person matching the filters, as JSON lines",
    response=_CHECKED,
    openapi_extra={
        "responses": {200: {"description": "JSON lines", "content": {"application/x-ndjson": {}}}}
    },
)
def persons_json(request: HttpRequest, filters: Query[PersonFilters]) -> StreamingHttpResponse:
    lines = (
        json.dumps(dict(zip(_BULK_COLUMNS, _bulk_row(found), strict=True)), ensure_ascii=False)
        + "\n"
        for found in _every_person(filters.criteria())
    )
    response = StreamingHttpResponse(lines, content_type="application/x-ndjson; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="memorial-persons.jsonl"'
    return response


# The record of state positions, described by the same schema.
api.add_router("/positions/", positions_router)


def urlpatterns() -> list[URLPattern]:
    """The API's addresses, each view behind the access decorator like every other page."""
    patterns, _app, _namespace = api.urls
    return [
        URLPattern(
            pattern.pattern,
            access.requires(access.anyone)(pattern.callback),
            pattern.default_args,
            pattern.name,
        )
        for pattern in patterns
        if isinstance(pattern, URLPattern)
    ]
