"""The public memorial: pages and a read-only API, open to everybody.

Every view reads through :mod:`guwah.public.reading` and nothing else of the registry, so what
a visitor sees is exactly what consent and visibility allow.
"""

from __future__ import annotations

import csv
import dataclasses
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from guwah.public import reading
from guwah.public.filters import Filters, positive, read_filters
from guwah.public.page_cache import kept_for_visitors
from guwah.registry import access
from guwah.spreadsheets import safe_row


def _read(filters: Filters, per_page: int = reading.PER_PAGE) -> reading.PublicPage:
    return reading.public_persons(filters.criteria, page=filters.page, per_page=per_page)


@access.requires(access.anyone)
@kept_for_visitors
def person_list(request: HttpRequest) -> HttpResponse:
    filters = read_filters(request)
    page = _read(filters)
    return render(
        request,
        "public/person_list.html",
        {
            "filters": filters,
            "page": page,
            "facet_groups": filters.facets(),
            "previous_query": filters.querystring(page=page.number - 1),
            "next_query": filters.querystring(page=page.number + 1),
        },
    )


@access.requires(access.anyone)
@kept_for_visitors
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = reading.public_person(pk)
    if person is None:
        raise Http404(_("No published entry has this number."))
    return render(request, "public/person_detail.html", {"person": person})


@access.requires(access.anyone)
def person_photo(request: HttpRequest, pk: int) -> HttpResponse:
    found = reading.public_photo(pk)
    if found is None:
        raise Http404(_("No published photo has this number."))
    content, mime = found
    response = HttpResponse(content, content_type=mime)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


def _person_json(request: HttpRequest, person: reading.PublicPerson) -> dict[str, Any]:
    data = dataclasses.asdict(person)
    data["url"] = request.build_absolute_uri(
        reverse("memorial:person", kwargs={"pk": person.entry})
    )
    return data


@access.requires(access.anyone)
def api_persons(request: HttpRequest) -> JsonResponse:
    filters = read_filters(request)
    per_page = positive(request.GET.get("per_page")) or reading.PER_PAGE
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


def _statistics(request: HttpRequest) -> reading.Statistics:
    # An unknown step of the ladder counts everything, as an unfiltered page would.
    return reading.public_statistics(verification=request.GET.get("verification", "")[:20])


@access.requires(access.anyone)
@kept_for_visitors
def statistics(request: HttpRequest) -> HttpResponse:
    figures = _statistics(request)
    return render(
        request,
        "public/statistics.html",
        {
            "statistics": figures,
            "ladder": reading.verification_ladder(),
            "chart_data": [
                {
                    "name": chart.name,
                    "title": chart.title,
                    "labels": [row.label for row in chart.rows],
                    "counts": [row.count for row in chart.rows],
                }
                for chart in figures.charts
            ],
        },
    )


@access.requires(access.anyone)
def statistics_csv(request: HttpRequest) -> HttpResponse:
    """One chart's figures (``?chart=year``), or every chart's, as CSV: one row per bar, with
    the number of records the chart rests on."""
    figures = _statistics(request)
    wanted = request.GET.get("chart", "")
    chosen = [chart for chart in figures.charts if chart.name == wanted] or figures.charts
    name = chosen[0].name if len(chosen) == 1 else "all"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="memorial-statistics-{name}.csv"'
    writer = csv.writer(response)
    writer.writerow(["chart", "value", "label", "count", "records_it_rests_on"])
    for chart in chosen:
        for row in chart.rows:
            writer.writerow(safe_row([chart.name, row.value, row.label, row.count, chart.rests_on]))
    return response


@access.requires(access.anyone)
def api_statistics(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        dataclasses.asdict(_statistics(request)), json_dumps_params={"ensure_ascii": False}
    )


@access.requires(access.anyone)
@kept_for_visitors
def facility_list(request: HttpRequest) -> HttpResponse:
    return render(request, "public/facility_list.html", {"facilities": reading.public_facilities()})


@access.requires(access.anyone)
@kept_for_visitors
def facility_detail(request: HttpRequest, pk: int) -> HttpResponse:
    facility = reading.public_facility(pk)
    if facility is None:
        raise Http404(_("No facility has this number."))
    page = reading.public_persons(
        reading.Criteria(facility=pk), page=positive(request.GET.get("page")) or 1
    )
    return render(request, "public/facility_detail.html", {"facility": facility, "page": page})


@access.requires(access.anyone)
@kept_for_visitors
def memorial_map(request: HttpRequest) -> HttpResponse:
    return render(request, "public/map.html", {"map_data": reading.map_data()})


@access.requires(access.anyone)
def api_facilities(request: HttpRequest) -> JsonResponse:
    facilities = []
    for facility in reading.public_facilities():
        data = dataclasses.asdict(facility)
        data["url"] = request.build_absolute_uri(
            reverse("memorial:facility", kwargs={"pk": facility.pk})
        )
        facilities.append(data)
    return JsonResponse({"facilities": facilities}, json_dumps_params={"ensure_ascii": False})
