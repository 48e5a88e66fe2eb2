"""The public memorial: pages and a read-only API, open to everybody.

Every view reads through :mod:`guwah.public.reading` and nothing else of the registry, so what
a visitor sees is exactly what consent and visibility allow.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from guwah.public import reading
from guwah.registry import access
from guwah.registry.timeline import Status


@dataclasses.dataclass(frozen=True)
class Filters:
    query: str = ""
    status: str = ""
    prefecture: int | None = None
    page: int = 1

    def querystring(self, **changes: Any) -> str:
        values = dataclasses.replace(self, **changes)
        params = {
            "q": values.query,
            "status": values.status,
            "prefecture": values.prefecture or "",
            "page": values.page if values.page > 1 else "",
        }
        return urlencode({key: value for key, value in params.items() if value})


@dataclasses.dataclass(frozen=True)
class FacetLink:
    label: str
    count: int
    selected: bool
    link: str


def _positive(text: str | None) -> int | None:
    try:
        number = int(text or "")
    except ValueError:
        return None
    return number if number > 0 else None


def _filters(request: HttpRequest) -> Filters:
    # Unknown values are ignored rather than refused: a hand-edited or stale link still shows
    # the memorial, unfiltered by what could not be read.
    status = request.GET.get("status", "")
    return Filters(
        query=request.GET.get("q", "")[:200],
        status=status if status in Status.__members__.values() else "",
        prefecture=_positive(request.GET.get("prefecture")),
        page=_positive(request.GET.get("page")) or 1,
    )


def _read(filters: Filters, per_page: int = reading.PER_PAGE) -> reading.PublicPage:
    return reading.public_persons(
        query=filters.query,
        status=filters.status,
        prefecture=filters.prefecture,
        page=filters.page,
        per_page=per_page,
    )


@access.requires(access.anyone)
def person_list(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    page = _read(filters)
    return render(
        request,
        "public/person_list.html",
        {
            "filters": filters,
            "page": page,
            "status_facets": [
                FacetLink(
                    facet.label,
                    facet.count,
                    selected := facet.value == filters.status,
                    filters.querystring(status="" if selected else facet.value, page=1),
                )
                for facet in reading.status_facets(
                    query=filters.query, prefecture=filters.prefecture
                )
            ],
            "prefecture_facets": [
                FacetLink(
                    facet.label,
                    facet.count,
                    selected := int(facet.value) == filters.prefecture,
                    filters.querystring(prefecture=None if selected else int(facet.value), page=1),
                )
                for facet in reading.prefecture_facets(query=filters.query, status=filters.status)
            ],
            "previous_query": filters.querystring(page=page.number - 1),
            "next_query": filters.querystring(page=page.number + 1),
        },
    )


@access.requires(access.anyone)
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = reading.public_person(pk)
    if person is None:
        raise Http404(_("No published entry has this number."))
    return render(request, "public/person_detail.html", {"person": person})


def _person_json(request: HttpRequest, person: reading.PublicPerson) -> dict[str, Any]:
    data = dataclasses.asdict(person)
    data["url"] = request.build_absolute_uri(
        reverse("memorial:person", kwargs={"pk": person.entry})
    )
    return data


@access.requires(access.anyone)
def api_persons(request: HttpRequest) -> JsonResponse:
    filters = _filters(request)
    per_page = _positive(request.GET.get("per_page")) or reading.PER_PAGE
    page = _read(filters, per_page=per_page)
    base = request.build_absolute_uri(reverse("memorial:api_persons"))

    def link(number: int) -> str:
        return f"{base}?{filters.querystring(page=number)}&per_page={per_page}"

    return JsonResponse(
        {
            "count": page.count,
            "page": page.number,
            "pages": page.pages,
            "next": link(page.number + 1) if page.has_next else None,
            "previous": link(page.number - 1) if page.has_previous else None,
            "results": [_person_json(request, person) for person in page.persons],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@access.requires(access.anyone)
def api_person(request: HttpRequest, pk: int) -> JsonResponse:
    person = reading.public_person(pk)
    if person is None:
        raise Http404(_("No published entry has this number."))
    return JsonResponse(_person_json(request, person), json_dumps_params={"ensure_ascii": False})


@access.requires(access.anyone)
def statistics(request: HttpRequest) -> HttpResponse:
    return render(request, "public/statistics.html", {"statistics": reading.public_statistics()})


@access.requires(access.anyone)
def api_statistics(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        dataclasses.asdict(reading.public_statistics()), json_dumps_params={"ensure_ascii": False}
    )
