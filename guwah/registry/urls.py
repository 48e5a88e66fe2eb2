from django.urls import path

from guwah.registry.views import events, family, history, persons, reference

app_name = "registry"

urlpatterns = [
    path("", persons.dashboard, name="dashboard"),
    path("people/", persons.person_list, name="person_list"),
    path("people/new/", persons.person_create, name="person_create"),
    path("people/<int:pk>/", persons.person_detail, name="person_detail"),
    path("people/<int:pk>.json", persons.person_json, name="person_json"),
    path("people/<int:pk>/edit/", persons.person_edit, name="person_edit"),
    path("people/<int:pk>/delete/", persons.person_delete, name="person_delete"),
    path("people/<int:pk>/visibility/", persons.person_visibility, name="person_visibility"),
    path("people/<int:pk>/history/", history.person_history, name="person_history"),
    path("people/<int:pk>/names/new/", family.name_add, name="name_add"),
    path("people/<int:pk>/relatives/new/", family.relatives_add, name="relatives_add"),
    path("people/<int:pk>/ties/new/", family.tie_add, name="tie_add"),
    path("people/<int:pk>/events/new/", events.event_add, name="event_add"),
    path("people/<int:pk>/testimonies/new/", events.testimony_add, name="testimony_add"),
    path("people/<int:pk>/evidence/new/", events.evidence_add, name="evidence_add"),
    path("names/<int:pk>/edit/", family.name_edit, name="name_edit"),
    path("names/<int:pk>/delete/", family.name_delete, name="name_delete"),
    path("ties/<int:pk>/delete/", family.tie_delete, name="tie_delete"),
    path("events/<int:pk>/edit/", events.event_edit, name="event_edit"),
    path("events/<int:pk>/delete/", events.event_delete, name="event_delete"),
    path("testimonies/<int:pk>/", events.testimony_detail, name="testimony_detail"),
    path("testimonies/<int:pk>/edit/", events.testimony_edit, name="testimony_edit"),
    path("evidence/", reference.evidence_list, name="evidence_list"),
    path("evidence/<int:pk>/", events.evidence_detail, name="evidence_detail"),
    path(
        "history/<str:model>/<int:pk>/<int:history_id>/restore/",
        history.restore_version,
        name="restore_version",
    ),
    path("facilities/", reference.facility_list, name="facility_list"),
    path("facilities/<int:pk>/", reference.facility_detail, name="facility_detail"),
    path("incidents/", reference.incident_list, name="incident_list"),
    path("incidents/new/", reference.incident_create, name="incident_create"),
    path("incidents/<int:pk>/", reference.incident_detail, name="incident_detail"),
    path("places/", reference.place_list, name="place_list"),
    path("places/<int:pk>/", reference.place_detail, name="place_detail"),
]
