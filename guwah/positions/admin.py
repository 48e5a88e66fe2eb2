"""The record of state positions in the admin, changed only through :mod:`.services`.

The admin's own saving and deleting would bypass the access policy and the services' checks;
each class here hands the change to the service, with the signed-in user as the actor, so a
change made in the admin is recorded exactly like one made in the editors' forms.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import Model, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from guwah.positions import services
from guwah.positions.models import Instrument, Position, State


def _fields(form: ModelForm, allowed: frozenset[str]) -> dict[str, Any]:
    # Every field the form holds, changed or not: the service compares with the database and
    # writes only a real change (the history page's "revert" form starts from an old
    # version, so "changed" there means changed from that version, not from the database).
    return {name: value for name, value in form.cleaned_data.items() if name in allowed}


def _become(obj: Model, saved: Model) -> None:
    # The admin goes on with its own instance (for its log and the redirect after saving).
    for field in obj._meta.concrete_fields:
        setattr(obj, field.attname, getattr(saved, field.attname))


class PositionsAdmin(SimpleHistoryAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(State)
class StateAdmin(PositionsAdmin):
    list_display = ["code", "name", "un_status"]
    list_filter = ["un_status"]
    search_fields = ["code", "name", "official_name"]
    # States come from ISO 3166-1 (``guwah positions load`` adds them); only what the standard
    # does not settle is corrected here.
    readonly_fields = ["code", "alpha_2", "numeric"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        services.update_state(request.user, obj, **_fields(form, services.STATE_FIELDS))


@admin.register(Instrument)
class InstrumentAdmin(PositionsAdmin):
    list_display = ["code", "date", "kind", "forum", "reported_count"]
    list_filter = ["kind"]
    search_fields = ["code", "forum", "document_symbol"]
    autocomplete_fields = ["lead_state"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # The code is how files and links refer to an instrument; it is fixed once created.
        return ["code"] if obj is not None else []

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        fields = _fields(form, services.INSTRUMENT_FIELDS)
        if change:
            services.update_instrument(request.user, obj, **fields)
        else:
            _become(obj, services.add_instrument(request.user, **fields))

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        services.delete_instrument(request.user, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for instrument in queryset:
            services.delete_instrument(request.user, instrument)


@admin.register(Position)
class PositionAdmin(PositionsAdmin):
    list_display = ["state", "instrument", "stance", "date"]
    list_filter = ["stance", "instrument"]
    search_fields = ["state__name", "instrument__code", "source_url"]
    autocomplete_fields = ["state", "instrument"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # Which state on which instrument is what an entry is about: to change it, remove it.
        return ["state", "instrument"] if obj is not None else []

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        fields = _fields(form, services.POSITION_FIELDS)
        if change:
            services.update_position(request.user, obj, **fields)
        else:
            _become(obj, services.add_position(request.user, **fields))

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        services.delete_position(request.user, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for position in queryset:
            services.delete_position(request.user, position)
