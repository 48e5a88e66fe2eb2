"""The editors' forms for instruments and positions, for those
:func:`access.can_edit_positions` lets in. They write only through :mod:`guwah.positions.services`,
which keeps each change in the history with its actor."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from guwah.positions import services
from guwah.positions.forms import InstrumentForm, PositionForm
from guwah.positions.models import Position
from guwah.positions.views import common
from guwah.registry import access


def _report(form: forms.Form, error: ValidationError) -> None:
    """Show a service's refusal beside the field it concerns, or above the form."""
    for name, messages_ in error.update_error_dict({}).items():
        form.add_error(name if name in form.fields else None, messages_)


@access.requires(access.can_edit_positions)
@require_http_methods(["GET", "POST"])
def instrument_form(request: HttpRequest, code: str | None = None) -> HttpResponse:
    instrument = common.instrument_or_404(code) if code else None
    form = InstrumentForm(request.POST or None, instrument=instrument)
    if request.method == "POST" and form.is_valid():
        try:
            if instrument is None:
                instrument = services.add_instrument(request.user, **form.cleaned_data)
            else:
                services.update_instrument(request.user, instrument, **form.cleaned_data)
        except ValidationError as error:
            _report(form, error)
        else:
            messages.success(request, _("The instrument was saved."))
            return redirect(instrument)
    return render(
        request, "positions/instrument_form.html", {"form": form, "instrument": instrument}
    )


@access.requires(access.can_edit_positions)
@require_http_methods(["GET", "POST"])
def position_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    position = (
        get_object_or_404(Position.objects.select_related("instrument", "state"), pk=pk)
        if pk
        else None
    )
    initial: dict[str, Any] = {}
    if position is None:
        # Links from a state's or an instrument's page fill in what is already known; a code
        # that names nothing simply leaves the field empty.
        initial = {
            "instrument": request.GET.get("instrument", ""),
            "state": request.GET.get("state", "").upper(),
        }
    form = PositionForm(request.POST or None, position=position, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if position is None:
                position = services.add_position(request.user, **form.cleaned_data)
            else:
                services.update_position(request.user, position, **form.cleaned_data)
        except ValidationError as error:
            _report(form, error)
        else:
            messages.success(request, _("The position was saved."))
            return redirect(position.instrument)
    return render(request, "positions/position_form.html", {"form": form, "position": position})


@access.requires(access.can_edit_positions)
@require_POST
def position_delete(request: HttpRequest, pk: int) -> HttpResponse:
    position = get_object_or_404(Position.objects.select_related("instrument"), pk=pk)
    instrument = position.instrument
    services.delete_position(request.user, position)
    messages.success(request, _("The position was removed; its history keeps a copy."))
    return redirect(instrument)
