from django.urls import path

from guwah.positions.views import api, editors, groups, pages

app_name = "positions"

urlpatterns = [
    path("", pages.world_map, name="map"),
    path("timeline/", pages.timeline, name="timeline"),
    path("states/<str:code>/", pages.state_detail, name="state"),
    path("states/<str:code>/letter/", pages.letter, name="letter"),
    path("groups/", groups.group_list, name="groups"),
    path("groups/<str:code>/", groups.group_detail, name="group"),
    path("groups/<str:code>/<int:year>/", groups.group_year, name="group_year"),
    path("groups/<str:code>/comparison.csv", api.group_comparison_csv, name="group_comparison_csv"),
    path("instruments/new/", editors.instrument_form, name="instrument_add"),
    path("instruments/<str:code>/", pages.instrument_detail, name="instrument"),
    path("instruments/<str:code>/edit/", editors.instrument_form, name="instrument_edit"),
    path("positions/new/", editors.position_form, name="position_add"),
    path("positions/<int:pk>/edit/", editors.position_form, name="position_edit"),
    path("positions/<int:pk>/delete/", editors.position_delete, name="position_delete"),
    path("export/positions.csv", api.export_positions_csv, name="export_positions_csv"),
    path("export/instruments.csv", api.export_instruments_csv, name="export_instruments_csv"),
    path("export/positions.json", api.export_json, name="export_json"),
    path("api/map.json", api.api_map, name="api_map"),
    path("api/instruments.json", api.api_instruments, name="api_instruments"),
    path("api/instruments/<str:code>.json", api.api_instrument, name="api_instrument"),
    path("api/groups/<str:code>.json", api.api_group, name="api_group"),
    path("api/groups/<str:code>.csv", api.api_group_csv, name="api_group_csv"),
    path("api/states.json", api.api_states, name="api_states"),
    path("api/states/<str:code>.json", api.api_state, name="api_state"),
]
