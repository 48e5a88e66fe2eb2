"""Public pages on state positions, their exports and JSON API, and the editors' forms."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, wraps
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from guwah.positions import atlas, exports, legend, letters, records, services
from guwah.positions.forms import InstrumentForm, PositionForm
from guwah.positions.models import Instrument, Position, Stance, State
from guwah.registry.access import is_staff_member

View = Callable[..., HttpResponse]


def editors_only(view: View) -> View:
    """Documenters, reviewers and administrators correct the record; nobody else."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_staff_member(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


# The map and the timeline.


def _selected_instrument(request: HttpRequest) -> Instrument | None:
    code = request.GET.get("show", legend.SUMMARY)
    if code == legend.SUMMARY:
        return None
    return Instrument.objects.filter(code=code).first()


def map_colouring(instrument: Instrument | None) -> dict[str, str]:
    """The legend key of every state the selection has something to say about."""
    if instrument is None:
        return {code: str(summary) for code, summary in services.summaries().items()}
    stances = services.stances_on(instrument)
    speaking = State.objects.filter(un_status__in=["member", "observer"])
    colouring = {code: legend.NOT_NAMED for code in speaking.values_list("code", flat=True)}
    colouring.update(stances)
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


@cache
def _small_state_points() -> dict[str, tuple[float, float]]:
    """Dots for the states the 1:110m map has no shape for; read once per process."""
    coarse = finders.find("vendor/world-atlas/countries-110m.json")
    detailed = finders.find("vendor/world-atlas/countries-50m.json")
    if not coarse or not detailed:
        return {}
    return atlas.small_state_points(Path(str(coarse)), Path(str(detailed)))


@dataclass(frozen=True)
class MapRow:
    """One line of the table under the map, computed once so the template only prints it."""

    code: str
    name: str
    url: str
    category: legend.Category


def world_map(request: HttpRequest) -> HttpResponse:
    instrument = _selected_instrument(request)
    if not services.has_data():
        return render(request, "positions/empty.html", {"is_editor": is_staff_member(request.user)})
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
            code: point for code, point in _small_state_points().items() if code in colouring
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
            "is_editor": is_staff_member(request.user),
        },
    )


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
        {"years": years, "has_data": bool(summaries), "is_editor": is_staff_member(request.user)},
    )


# A state and an instrument.


def state_detail(request: HttpRequest, code: str) -> HttpResponse:
    state = get_object_or_404(State, code=code.upper())
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
            "is_editor": is_staff_member(request.user),
        },
    )


def instrument_detail(request: HttpRequest, code: str) -> HttpResponse:
    instrument = get_object_or_404(Instrument.objects.select_related("lead_state"), code=code)
    signatories = list(services.signatories_of(instrument))
    summary = services.InstrumentSummary(
        instrument, len(signatories), dict(Counter(p.stance for p in signatories))
    )
    groups: dict[str, list[Position]] = {}
    for position in signatories:
        groups.setdefault(position.get_stance_display(), []).append(position)
    is_editor = is_staff_member(request.user)
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


# Exports and the JSON API.


def _filters(request: HttpRequest) -> dict[str, Any]:
    filters: dict[str, Any] = {}
    if request.GET.get("state"):
        filters["state"] = get_object_or_404(State, code=request.GET["state"].upper())
    if request.GET.get("instrument"):
        filters["instrument"] = get_object_or_404(Instrument, code=request.GET["instrument"])
    return filters


def _attachment(response: HttpResponse, name: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def export_positions_csv(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    buffer = io.StringIO()
    exports.write_positions_csv(services.export_positions(**filters), buffer)
    name = "-".join(["positions", *(slugify(value.code) for value in filters.values())])
    return _attachment(
        HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8"), f"{name}.csv"
    )


def export_instruments_csv(request: HttpRequest) -> HttpResponse:
    buffer = io.StringIO()
    exports.write_instruments_csv(services.instruments_with_counts(), buffer)
    return _attachment(
        HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8"), "instruments.csv"
    )


def _json(data: Any) -> JsonResponse:
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})


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
    return _attachment(
        _json(
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


def api_instruments(request: HttpRequest) -> JsonResponse:
    return _json(
        {"instruments": [exports.instrument_dict(s) for s in services.instruments_with_counts()]}
    )


def api_instrument(request: HttpRequest, code: str) -> JsonResponse:
    instrument = get_object_or_404(Instrument, code=code)
    summary = next(
        s for s in services.instruments_with_counts() if s.instrument.pk == instrument.pk
    )
    return _json(
        {
            **exports.instrument_dict(summary),
            "positions": [
                exports.position_dict(p) for p in services.export_positions(instrument=instrument)
            ],
        }
    )


def api_states(request: HttpRequest) -> JsonResponse:
    summaries = services.summaries()
    states = State.objects.filter(code__in=summaries)
    return _json({"states": [exports.state_dict(s, summaries[s.code]) for s in states]})


def api_state(request: HttpRequest, code: str) -> JsonResponse:
    state = get_object_or_404(State, code=code.upper())
    positions = list(services.export_positions(state=state))
    return _json(
        {
            **exports.state_dict(state, services.summary_of(state, positions)),
            "positions": [exports.position_dict(p) for p in positions],
        }
    )


def api_map(request: HttpRequest) -> JsonResponse:
    instrument = _selected_instrument(request)
    return _json(
        {
            "show": instrument.code if instrument else legend.SUMMARY,
            "colouring": map_colouring(instrument),
            "legend": {
                key: {"label": str(category.label), "colour": category.colour}
                for key, category in legend.CATEGORIES.items()
            },
        }
    )


# Editors.


@editors_only
@require_http_methods(["GET", "POST"])
def instrument_form(request: HttpRequest, code: str | None = None) -> HttpResponse:
    instrument = get_object_or_404(Instrument, code=code) if code else None
    services.sync_states()
    form = InstrumentForm(request.POST or None, instance=instrument)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            instrument = form.save()
        messages.success(request, _("The instrument was saved."))
        return redirect(instrument)
    return render(
        request, "positions/instrument_form.html", {"form": form, "instrument": instrument}
    )


@editors_only
@require_http_methods(["GET", "POST"])
def position_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    position = get_object_or_404(Position, pk=pk) if pk else None
    services.sync_states()
    initial: dict[str, Any] = {}
    if position is None:
        # Links from a state's or an instrument's page fill in what is already known.
        initial["instrument"] = Instrument.objects.filter(
            code=request.GET.get("instrument", "")
        ).first()
        initial["state"] = request.GET.get("state", "").upper() or None
    form = PositionForm(request.POST or None, instance=position, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            position = form.save()
        messages.success(request, _("The position was saved."))
        return redirect(position.instrument)
    return render(request, "positions/position_form.html", {"form": form, "position": position})


@editors_only
@require_POST
def position_delete(request: HttpRequest, pk: int) -> HttpResponse:
    position = get_object_or_404(Position.objects.select_related("instrument"), pk=pk)
    instrument = position.instrument
    with transaction.atomic():
        position.delete()
    messages.success(request, _("The position was removed; its history keeps a copy."))
    return redirect(instrument)


# Advocacy.


@require_http_methods(["GET", "POST"])
def letter(request: HttpRequest, code: str) -> HttpResponse:
    state = get_object_or_404(State, code=code.upper())
    text = request.POST.get("text", "").strip()
    if request.method == "POST" and text:
        title = _("Letter to the Government of %(state)s") % {"state": state.name}
        response = HttpResponse(
            letters.letter_docx(text, title),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        return _attachment(response, f"letter-{state.code.lower()}.docx")
    draft = letters.draft_letter(state, list(services.positions_of(state)))
    return render(
        request,
        "positions/letter.html",
        {"state": state, "text": draft, "empty": request.method == "POST"},
    )
