from django.urls import path

from guwah.registry import views

app_name = "registry"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("people/", views.person_list, name="person_list"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/<int:pk>.json", views.person_json, name="person_json"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:pk>/delete/", views.person_delete, name="person_delete"),
    path("people/<int:pk>/visibility/", views.person_visibility, name="person_visibility"),
    path("people/<int:pk>/history/", views.person_history, name="person_history"),
    path("people/<int:pk>/names/new/", views.name_add, name="name_add"),
    path("people/<int:pk>/relatives/new/", views.relatives_add, name="relatives_add"),
    path("people/<int:pk>/ties/new/", views.tie_add, name="tie_add"),
    path("people/<int:pk>/events/new/", views.event_add, name="event_add"),
    path("people/<int:pk>/testimonies/new/", views.testimony_add, name="testimony_add"),
    path("people/<int:pk>/evidence/new/", views.evidence_add, name="evidence_add"),
    path("names/<int:pk>/edit/", views.name_edit, name="name_edit"),
    path("names/<int:pk>/delete/", views.name_delete, name="name_delete"),
    path("ties/<int:pk>/delete/", views.tie_delete, name="tie_delete"),
    path("events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("events/<int:pk>/delete/", views.event_delete, name="event_delete"),
    path("testimonies/<int:pk>/", views.testimony_detail, name="testimony_detail"),
    path("testimonies/<int:pk>/edit/", views.testimony_edit, name="testimony_edit"),
    path("evidence/", views.evidence_list, name="evidence_list"),
    path("evidence/<int:pk>/", views.evidence_detail, name="evidence_detail"),
    path(
        "history/<str:model>/<int:pk>/<int:history_id>/restore/",
        views.restore_version,
        name="restore_version",
    ),
    path("facilities/", views.facility_list, name="facility_list"),
    path("facilities/<int:pk>/", views.facility_detail, name="facility_detail"),
    path("incidents/", views.incident_list, name="incident_list"),
    path("incidents/new/", views.incident_create, name="incident_create"),
    path("incidents/<int:pk>/", views.incident_detail, name="incident_detail"),
    path("places/", views.place_list, name="place_list"),
    path("places/<int:pk>/", views.place_detail, name="place_detail"),
]
