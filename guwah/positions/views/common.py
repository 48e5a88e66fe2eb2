"""What every page on state positions needs: finding a state or an instrument by its code in
the address, the instrument a page is asked to show, and the shapes of its answers.

A code from the address is checked before it reaches the database: one that cannot be a code
finds nothing, as one that names nothing does.
"""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from guwah.positions import atlas, legend, records
from guwah.positions.models import Instrument, State
from guwah.registry import access

_STATE_CODE = re.compile(r"^[A-Za-z]{3}$")


def is_editor(request: HttpRequest) -> bool:
    """Whether the page should offer its editing links."""
    return access.can_edit_positions(request.user)


def find_state(code: str) -> State | None:
    if not _STATE_CODE.match(code):
        return None
    return State.objects.filter(code=code.upper()).first()


def find_instrument(code: str) -> Instrument | None:
    if not records.is_instrument_code(code):
        return None
    return Instrument.objects.select_related("lead_state").filter(code=code).first()


def state_or_404(code: str) -> State:
    state = find_state(code)
    if state is None:
        raise Http404(_("No state has the code %(code)s.") % {"code": code[:10]})
    return state


def instrument_or_404(code: str) -> Instrument:
    instrument = find_instrument(code)
    if instrument is None:
        raise Http404(_("No instrument has the code %(code)s.") % {"code": code[:70]})
    return instrument


def selected_instrument(request: HttpRequest) -> Instrument | None:
    """The instrument ``?show=`` names; the summary for anything else, an unknown code too."""
    code = request.GET.get("show", legend.SUMMARY)
    if code == legend.SUMMARY:
        return None
    return find_instrument(code)


@cache
def small_state_points() -> dict[str, tuple[float, float]]:
    """Dots for the states the 1:110m map has no shape for; read once per process."""
    coarse = finders.find("vendor/world-atlas/countries-110m.json")
    detailed = finders.find("vendor/world-atlas/countries-50m.json")
    if not coarse or not detailed:
        return {}
    return atlas.small_state_points(Path(str(coarse)), Path(str(detailed)))


def json_response(data: Any) -> JsonResponse:
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})


def attachment(response: HttpResponse, name: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def csv_attachment(buffer: io.StringIO, name: str) -> HttpResponse:
    """The CSV written to ``buffer``, to be saved as ``name``."""
    return attachment(HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8"), name)
