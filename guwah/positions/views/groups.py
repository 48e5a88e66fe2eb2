"""The pages of the groups of states (regional groups, the Human Rights Council year by year,
...): who belongs, what each member said, and how the group compares across instruments."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _

from guwah.positions import chances, legend, records, services
from guwah.positions.models import Group, Instrument, Kind, Membership, Role, State
from guwah.positions.views import common
from guwah.registry import access


def group_or_404(code: str) -> Group:
    group = Group.objects.filter(code=code.upper()[:16]).first() if code.isalnum() else None
    if group is None:
        raise Http404(_("No group of states has the code %(code)s.") % {"code": code[:20]})
    return group


def year_of(group: Group, text: str | None) -> str:
    """The year ``?year=`` or the address names, for a group recorded by year; 404 otherwise."""
    if not group.yearly:
        raise Http404(_("%(group)s is not recorded year by year.") % {"group": group.code})
    if text is None:
        return ""
    if not text.isdigit() or not group.memberships.filter(period=text).exists():
        raise Http404(
            _("No members of %(group)s are recorded for %(year)s.")
            % {
                "group": group.code,
                "year": text[:4],
            }
        )
    return text


def memberships_of(group: Group, year: str) -> list[Membership]:
    memberships = group.memberships.select_related("state")
    if group.yearly:
        memberships = memberships.filter(period=year)
    order = {role: index for index, role in enumerate(Role.values)}
    return sorted(memberships, key=lambda m: (order[m.role], m.local_name))


@dataclass(frozen=True)
class MemberRow:
    membership: Membership
    category: legend.Category | None
    outcomes: list[legend.Category]


def _member_rows(
    memberships: list[Membership],
    summaries: dict[str, records.Summary],
    record: chances.Record,
    instruments: list[Instrument],
) -> list[MemberRow]:
    return [
        MemberRow(
            membership,
            legend.CATEGORIES.get(str(summaries.get(membership.state_id or "", ""))),
            [
                legend.OUTCOMES[record.outcome(instrument, membership.state_id or "")]
                for instrument in instruments
            ],
        )
        for membership in memberships
    ]


def _group_map_data(colouring: dict[str, str], categories: dict[str, legend.Category]) -> Any:
    # Every state is named on the map, members or not, so a reader can tell which is which.
    states = State.objects.only("code", "numeric", "name")
    return {
        "topology": static("vendor/world-atlas/countries-110m.json"),
        "stateUrl": reverse("positions:state", args=["XXX"]),
        "colours": {key: c.colour for key, c in categories.items()}
        | {legend.OUTSIDE: legend.NOT_IN_GROUP.colour},
        "labels": {key: str(c.label) for key, c in categories.items()}
        | {legend.OUTSIDE: str(legend.NOT_IN_GROUP.label)},
        "colouring": colouring,
        "numeric": {state.numeric: state.code for state in states},
        "points": {code: p for code, p in common.small_state_points().items() if code in colouring},
        "names": {state.code: state.local_name for state in states},
        "outside": legend.OUTSIDE,
    }


def _comparison_bars(rows: list[chances.ComparisonRow]) -> list[dict[str, Any]]:
    """Each instrument's counts as the widths of one stacked bar, beside its figures."""
    return [
        {
            "row": row,
            "parts": [
                {
                    "category": legend.OUTCOMES[outcome],
                    "count": count,
                    "width": round(100 * count / row.members, 2) if row.members else 0,
                }
                for outcome, count in row.counts.items()
            ],
        }
        for row in rows
    ]


def _chart_data(rows: list[chances.ComparisonRow]) -> dict[str, Any]:
    """The comparison as Chart.js draws it: one stacked series per outcome."""
    return {
        "labels": [f"{row.instrument.date} · {row.instrument.code}" for row in rows],
        "axis": str(_("Members of the group")),
        "datasets": [
            {
                "label": str(category.label),
                "colour": category.colour,
                "counts": [row.counts[chances.Outcome(category.key)] for row in rows],
            }
            for category in legend.OUTCOME_CATEGORIES
        ],
    }


def _render_group(request: HttpRequest, group: Group, year: str) -> HttpResponse:
    record = chances.Record.read()
    instrument = common.selected_instrument(request)
    memberships = memberships_of(group, year)
    # The map shows the members; observers and partners are in the table below it.
    coded = [m.state_id for m in memberships if m.state_id and m.role == Role.MEMBER]
    summaries = services.summaries()
    colouring: dict[str, str]
    if instrument is None:
        colouring = {code: str(summaries[code]) for code in coded if code in summaries}
        categories = {c.key: c for c in legend.SUMMARY_CATEGORIES}
        map_legend = legend.SUMMARY_CATEGORIES
    else:
        colouring = {code: record.outcome(instrument, code) for code in coded}
        categories = legend.OUTCOMES
        map_legend = legend.OUTCOME_CATEGORIES
    counts = Counter(colouring.values())
    columns = record.instruments_of_year(year) if year else []
    # A yearly group's comparison counts, for each instrument, that year's members.
    comparison = chances.comparison(group, record)
    years = sorted(set(group.memberships.values_list("period", flat=True)) - {""})
    return render(
        request,
        "positions/group_detail.html",
        {
            "group": group,
            "year": year,
            "years": years,
            "instrument": instrument,
            "instruments": record.instruments,
            "selected": instrument.code if instrument else legend.SUMMARY,
            "legend": [{"category": c, "count": counts[c.key]} for c in map_legend],
            "not_in_group": legend.NOT_IN_GROUP,
            "member_rows": _member_rows(memberships, summaries, record, columns),
            "columns": columns,
            "members": sum(1 for m in memberships if m.role == Role.MEMBER),
            "bars": _comparison_bars(comparison),
            "chart_data": _chart_data(comparison),
            "outcomes": legend.OUTCOME_CATEGORIES,
            "map_data": _group_map_data(colouring, categories) if coded else None,
            "is_editor": common.is_editor(request),
        },
    )


@access.requires(access.anyone)
def group_list(request: HttpRequest) -> HttpResponse:
    """Every group side by side on one instrument (``?show=``; the latest vote by default)."""
    record = chances.Record.read()
    instrument = common.selected_instrument(request) or next(
        (i for i in reversed(record.instruments) if i.kind == Kind.RECORDED_VOTE),
        record.instruments[-1] if record.instruments else None,
    )
    rows = []
    for group in Group.objects.all():
        members = (
            chances.members_at(group, instrument, chances.members_by_period(group))
            if instrument
            else []
        )
        counts = record.counts(instrument, members) if instrument else {}
        rows.append(
            {
                "group": group,
                "members": len(members),
                "counts": [(legend.OUTCOMES[outcome], n) for outcome, n in counts.items()],
            }
        )
    return render(
        request,
        "positions/group_list.html",
        {
            "rows": rows,
            "instrument": instrument,
            "instruments": record.instruments,
            "chance": chances.CHANCE_LABELS[chances.chance_of(instrument)] if instrument else "",
            "outcomes": legend.OUTCOME_CATEGORIES,
            "is_editor": common.is_editor(request),
        },
    )


@access.requires(access.anyone)
def group_detail(request: HttpRequest, code: str) -> HttpResponse:
    group = group_or_404(code)
    if group.yearly:
        # A council is a different body each year: its page is the latest year recorded.
        years = sorted(set(group.memberships.values_list("period", flat=True)))
        if years:
            return redirect("positions:group_year", code=group.code, year=years[-1])
    return _render_group(request, group, "")


@access.requires(access.anyone)
def group_year(request: HttpRequest, code: str, year: int) -> HttpResponse:
    group = group_or_404(code)
    return _render_group(request, group, year_of(group, str(year)))
