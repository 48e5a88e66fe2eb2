from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from guwah.positions.models import Instrument, Position, State


@admin.register(State)
class StateAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "un_status"]
    list_filter = ["un_status"]
    search_fields = ["code", "name", "official_name"]


@admin.register(Instrument)
class InstrumentAdmin(SimpleHistoryAdmin):
    list_display = ["code", "date", "kind", "forum", "reported_count"]
    list_filter = ["kind"]
    search_fields = ["code", "forum", "document_symbol"]


@admin.register(Position)
class PositionAdmin(SimpleHistoryAdmin):
    list_display = ["state", "instrument", "stance", "date"]
    list_filter = ["stance", "instrument"]
    search_fields = ["state__name", "instrument__code", "source_url"]
    autocomplete_fields = ["state", "instrument"]
