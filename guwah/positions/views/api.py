"""State positions as data: CSV and JSON exports and the JSON API, for those who build on the
record. A query parameter that names nothing known is a bad request (400), never an error of
the server."""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from guwah.positions import chances, exports, legend, services
from guwah.positions.models import Group, State
from guwah.positions.views import common, groups, pages
from guwah.registry import access


def _filters(request: HttpRequest) -> dict[str, Any]:
    """``?state=`` and ``?instrument=``; one that names nothing known is a bad request."""
    filters: dict[str, Any] = {}
    if code := request.GET.get("state"):
        if (state := common.find_state(code)) is None:
            raise BadRequest(_("No state has the code %(code)s.") % {"code": code[:10]})
        filters["state"] = state
    if code := request.GET.get("instrument"):
        if (instrument := common.find_instrument(code)) is None:
            raise BadRequest(_("No instrument has the code %(code)s.") % {"code": code[:70]})
        filters["instrument"] = instrument
    return filters


@access.requires(access.anyone)
def export_positions_csv(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    buffer = io.StringIO()
    exports.write_positions_csv(services.export_positions(**filters), buffer)
    name = "-".join(["positions", *(slugify(value.code) for value in filters.values())])
    return common.csv_attachment(buffer, f"{name}.csv")


@access.requires(access.anyone)
def export_instruments_csv(request: HttpRequest) -> HttpResponse:
    buffer = io.StringIO()
    exports.write_instruments_csv(services.instruments_with_counts(), buffer)
    return common.csv_attachment(buffer, "instruments.csv")


@access.requires(access.anyone)
def export_json(request: HttpRequest) -> HttpResponse:
    """Everything the pages show, in one document."""
    filters = _filters(request)
    summaries = services.summaries()
    instruments = services.instruments_with_counts()
    if "instrument" in filters:
        instruments = [s for s in instruments if s.instrument == filters["instrument"]]
    states = State.objects.filter(code__in=summaries)
    if "state" in filters:
        states = states.filter(pk=filters["state"].pk)
    return common.attachment(
        common.json_response(
            {
                "instruments": [exports.instrument_dict(s) for s in instruments],
                "states": [exports.state_dict(s, summaries.get(s.code)) for s in states],
                "positions": [
                    exports.position_dict(p) for p in services.export_positions(**filters)
                ],
            }
        ),
        "positions.json",
    )


@access.requires(access.anyone)
def api_instruments(request: HttpRequest) -> JsonResponse:
    return common.json_response(
        {"instruments": [exports.instrument_dict(s) for s in services.instruments_with_counts()]}
    )


@access.requires(access.anyone)
def api_instrument(request: HttpRequest, code: str) -> JsonResponse:
    instrument = common.instrument_or_404(code)
    summary = next(
        s for s in services.instruments_with_counts() if s.instrument.pk == instrument.pk
    )
    return common.json_response(
        {
            **exports.instrument_dict(summary),
            "positions": [
                exports.position_dict(p) for p in services.export_positions(instrument=instrument)
            ],
        }
    )


@access.requires(access.anyone)
def api_states(request: HttpRequest) -> JsonResponse:
    summaries = services.summaries()
    states = State.objects.filter(code__in=summaries)
    return common.json_response(
        {"states": [exports.state_dict(s, summaries[s.code]) for s in states]}
    )


@access.requires(access.anyone)
def api_state(request: HttpRequest, code: str) -> JsonResponse:
    state = common.state_or_404(code)
    positions = list(services.export_positions(state=state))
    return common.json_response(
        {
            **exports.state_dict(state, services.summary_of(state, positions)),
            "positions": [exports.position_dict(p) for p in positions],
        }
    )


@access.requires(access.anyone)
def api_map(request: HttpRequest) -> JsonResponse:
    instrument = common.selected_instrument(request)
    return common.json_response(
        {
            "show": instrument.code if instrument else legend.SUMMARY,
            "colouring": pages.map_colouring(instrument),
            "legend": {
                key: {"label": str(category.label), "colour": category.colour}
                for key, category in legend.CATEGORIES.items()
            },
        }
    )


def _comparison_csv_rows(group: Group) -> list[dict[str, Any]]:
    return [
        {
            "instrument": row.instrument.code,
            "date": row.instrument.date,
            "could_act": row.chance.value,
            "members": row.members,
            **{outcome.value: count for outcome, count in row.counts.items()},
        }
        for row in chances.comparison(group, chances.Record.read())
    ]


@access.requires(access.anyone)
def group_comparison_csv(request: HttpRequest, code: str) -> HttpResponse:
    group = groups.group_or_404(code)
    buffer = io.StringIO()
    exports.write_rows_csv(_comparison_csv_rows(group), exports.COMPARISON_COLUMNS, buffer)
    return common.csv_attachment(buffer, f"{group.code.lower()}-comparison.csv")


def _group_members(request: HttpRequest, group: Group) -> tuple[str, list[dict[str, Any]]]:
    year = groups.year_of(group, request.GET.get("year")) if group.yearly else ""
    if group.yearly and not year:
        raise BadRequest(_("Name the year: ?year=2022."))
    summaries = services.summaries()
    stances = services.stances_by_state()
    return year, [
        exports.membership_dict(
            m, summaries.get(m.state_id or ""), stances.get(m.state_id or "", [])
        )
        for m in groups.memberships_of(group, year)
    ]


@access.requires(access.anyone)
def api_group(request: HttpRequest, code: str) -> JsonResponse:
    group = groups.group_or_404(code)
    year, members = _group_members(request, group)
    return common.json_response(
        {
            "code": group.code,
            "name": group.name,
            "year": year or None,
            "url": group.get_absolute_url(),
            "counts_by_role": dict(Counter(member["role"] for member in members)),
            "members": members,
        }
    )


@access.requires(access.anyone)
def api_group_csv(request: HttpRequest, code: str) -> HttpResponse:
    group = groups.group_or_404(code)
    year, members = _group_members(request, group)
    buffer = io.StringIO()
    exports.write_rows_csv(members, exports.MEMBERSHIP_COLUMNS, buffer)
    name = "-".join(filter(None, [group.code.lower(), year]))
    return common.csv_attachment(buffer, f"{name}.csv")
