from django.urls import path

from guwah.positions import views

app_name = "positions"

urlpatterns = [
    path("", views.world_map, name="map"),
    path("timeline/", views.timeline, name="timeline"),
    path("states/<str:code>/", views.state_detail, name="state"),
    path("states/<str:code>/letter/", views.letter, name="letter"),
    path("instruments/new/", views.instrument_form, name="instrument_add"),
    path("instruments/<str:code>/", views.instrument_detail, name="instrument"),
    path("instruments/<str:code>/edit/", views.instrument_form, name="instrument_edit"),
    path("positions/new/", views.position_form, name="position_add"),
    path("positions/<int:pk>/edit/", views.position_form, name="position_edit"),
    path("positions/<int:pk>/delete/", views.position_delete, name="position_delete"),
    path("export/positions.csv", views.export_positions_csv, name="export_positions_csv"),
    path("export/instruments.csv", views.export_instruments_csv, name="export_instruments_csv"),
    path("export/positions.json", views.export_json, name="export_json"),
    path("api/map.json", views.api_map, name="api_map"),
    path("api/instruments.json", views.api_instruments, name="api_instruments"),
    path("api/instruments/<str:code>.json", views.api_instrument, name="api_instrument"),
    path("api/states.json", views.api_states, name="api_states"),
    path("api/states/<str:code>.json", views.api_state, name="api_state"),
]
