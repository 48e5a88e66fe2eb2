"""The public pages on state positions: the world map, the timeline, a state's and an
instrument's page, and the letter a visitor may write to a government."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from guwah.positions import chances, legend, letters, records, services
from guwah.positions.models import Group, Instrument, Position, Stance, State
from guwah.positions.views import common
from guwah.registry import access


def map_colouring(instrument: Instrument | None) -> dict[str, str]:
    """The legend key of every state the selection has something to say about."""
    if instrument is None:
        return {code: str(summary) for code, summary in services.summaries().items()}
    # A state is shown as silent only where it could have acted: on a Council vote, the other
    # UN members are shown as having had no chance rather than as having stayed away.
    record = chances.Record.read()
    could_act = record.could_act(instrument)
    colouring = {
        code: legend.NOT_NAMED if code in could_act else legend.NO_CHANCE
        for code in record.speaking | could_act
    }
    colouring.update(record.stances.get(instrument.pk, {}))
    return colouring


def _legend(colouring: dict[str, str], instrument: Instrument | None) -> list[dict[str, Any]]:
    counts = Counter(colouring.values())
    categories = legend.SUMMARY_CATEGORIES if instrument is None else legend.STANCE_CATEGORIES
    entries: list[dict[str, Any]] = [
        {
            "key": category.key,
            "label": category.label,
            "colour": category.colour,
            "count": counts[category.key],
        }
        for category in categories
        if instrument is None or counts[category.key]
    ]
    outside = legend.OUTSIDE_CATEGORY
    entries.append(
        {"key": outside.key, "label": outside.label, "colour": outside.colour, "count": None}
    )
    return entries


@dataclass(frozen=True)
class MapRow:
    """One line of the table under the map, computed once so the template only prints it."""

    code: str
    name: str
    url: str
    category: legend.Category


@access.requires(access.anyone)
def world_map(request: HttpRequest) -> HttpResponse:
    instrument = common.selected_instrument(request)
    if not services.has_data():
        return render(request, "positions/empty.html", {"is_editor": common.is_editor(request)})
    colouring = map_colouring(instrument)
    states = {state.code: state for state in State.objects.all()}
    state_url = reverse("positions:state", args=["XXX"])
    names = {code: state.local_name for code, state in states.items()}
    order = {key: index for index, key in enumerate(legend.CATEGORIES)}
    rows = sorted(
        (
            MapRow(code, names[code], state_url.replace("XXX", code), legend.CATEGORIES[key])
            for code, key in colouring.items()
        ),
        key=lambda row: (order[row.category.key], row.name),
    )
    map_data = {
        "topology": static("vendor/world-atlas/countries-110m.json"),
        "stateUrl": state_url,
        "colours": {key: category.colour for key, category in legend.CATEGORIES.items()},
        "labels": {key: str(category.label) for key, category in legend.CATEGORIES.items()},
        "colouring": colouring,
        "numeric": {state.numeric: code for code, state in states.items()},
        "points": {
            code: point for code, point in common.small_state_points().items() if code in colouring
        },
        "names": names,
        "outside": legend.OUTSIDE,
    }
    return render(
        request,
        "positions/map.html",
        {
            "instrument": instrument,
            "selected": instrument.code if instrument else legend.SUMMARY,
            "instruments": Instrument.objects.all(),
            "legend": _legend(colouring, instrument),
            "rows": rows,
            "map_data": map_data,
            "export_query": f"?instrument={instrument.code}" if instrument else "",
            "could_act": (
                chances.CHANCE_LABELS[chances.chance_of(instrument)] if instrument else ""
            ),
            "is_editor": common.is_editor(request),
        },
    )


@access.requires(access.anyone)
def timeline(request: HttpRequest) -> HttpResponse:
    summaries = services.instruments_with_counts()
    largest = max([max(s.named, s.instrument.reported_count or 0) for s in summaries] or [1])
    years: dict[str, list[dict[str, Any]]] = {}
    for summary in summaries:
        reported = summary.instrument.reported_count
        sides = {records.SIDE_OF_STANCE[records.Stance(s)] for s in summary.by_stance}
        years.setdefault(summary.instrument.date[:4], []).append(
            {
                "summary": summary,
                "named_width": round(100 * summary.named / largest, 1),
                "reported_width": round(100 * (reported or 0) / largest, 1),
                "side": sides.pop().value if len(sides) == 1 else "mixed",
                "stances": [
                    (Stance(stance).label, count) for stance, count in summary.by_stance.items()
                ],
            }
        )
    return render(
        request,
        "positions/timeline.html",
        {"years": years, "has_data": bool(summaries), "is_editor": common.is_editor(request)},
    )


@access.requires(access.anyone)
def state_detail(request: HttpRequest, code: str) -> HttpResponse:
    state = common.state_or_404(code)
    positions = list(services.positions_of(state))
    summary = services.summary_of(state, positions)
    return render(
        request,
        "positions/state_detail.html",
        {
            "state": state,
            "positions": positions,
            "summary": legend.CATEGORIES[str(summary)] if summary else None,
            "led": state.led_instruments.all(),
            "groups": chances.groups_of(state),
            "council_years": chances.council_years(state),
            "council_recorded": Group.objects.filter(code=chances.COUNCIL).exists(),
            "is_editor": common.is_editor(request),
        },
    )


@access.requires(access.anyone)
def instrument_detail(request: HttpRequest, code: str) -> HttpResponse:
    instrument = common.instrument_or_404(code)
    signatories = list(services.signatories_of(instrument))
    summary = services.InstrumentSummary(
        instrument, len(signatories), dict(Counter(p.stance for p in signatories))
    )
    groups: dict[str, list[Position]] = {}
    for position in signatories:
        groups.setdefault(position.get_stance_display(), []).append(position)
    is_editor = common.is_editor(request)
    history = []
    if is_editor:
        history = sorted(
            [
                *instrument.history.select_related("history_user")[:10],
                *Position.history.filter(instrument_id=instrument.pk)
                .select_related("history_user")
                .order_by("-history_date")[:20],
            ],
            key=lambda record: record.history_date,
            reverse=True,
        )[:20]
    return render(
        request,
        "positions/instrument_detail.html",
        {
            "instrument": instrument,
            "summary": summary,
            "groups": groups,
            "is_editor": is_editor,
            "history": history,
        },
    )


@access.requires(access.anyone)
@require_http_methods(["GET", "POST"])
def letter(request: HttpRequest, code: str) -> HttpResponse:
    state = common.state_or_404(code)
    text = request.POST.get("text", "").strip()
    if request.method == "POST" and text:
        title = _("Letter to %(government)s") % {"government": letters.addressee(state)}
        response = HttpResponse(
            letters.letter_docx(text, title),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        return common.attachment(response, f"letter-{state.code.lower()}.docx")
    groups, votes = letters.context_of(state, chances.Record.read())
    draft = letters.draft_letter(state, list(services.positions_of(state)), groups, votes)
    return render(
        request,
        "positions/letter.html",
        {"state": state, "text": draft, "empty": request.method == "POST"},
    )
