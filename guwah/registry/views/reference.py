"""Facilities, places and incidents: reference data shared by every family."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.http import (
    HttpRequest,
    HttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render

from guwah.registry import access, forms, services
from guwah.registry.models import (
    Event,
    Facility,
    Incident,
    Place,
)
from guwah.registry.views.persons import PAGE_SIZE

# --------------------------------------------------------------------------------------------
# Facilities and places (reference data shared by every family)


@access.requires(access.can_use_registry)
def facility_list(request: HttpRequest) -> HttpResponse:
    facilities = (
        Facility.objects.select_related("place")
        .annotate(event_count=models.Count("events"))
        .order_by("name_en", "pk")
    )
    kind = request.GET.get("kind", "")
    if kind in Facility.Kind.values:
        facilities = facilities.filter(kind=kind)
    page = Paginator(facilities, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/facility_list.html",
        {"page": page, "kinds": Facility.Kind.choices, "kind": kind},
    )


@access.requires(access.can_use_registry)
def facility_detail(request: HttpRequest, pk: int) -> HttpResponse:
    facility = get_object_or_404(Facility.objects.select_related("place__parent"), pk=pk)
    persons = (
        access.persons_visible_to(request.user)
        .filter(Exists(Event.objects.filter(person=OuterRef("pk"), facility=facility)))
        .prefetch_related("names")
    )
    page = Paginator(persons, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/facility_detail.html",
        {
            "facility": facility,
            "page": page,
            "evidence": access.evidence_visible_to(request.user).filter(facility=facility),
        },
    )


@access.requires(access.can_use_registry)
def place_list(request: HttpRequest) -> HttpResponse:
    places = Place.objects.filter(level__in=[Place.Level.REGION, Place.Level.PREFECTURE])
    return render(
        request,
        "registry/place_list.html",
        {"places": places.prefetch_related("children").order_by("level", "name_en")},
    )


@access.requires(access.can_use_registry)
def place_detail(request: HttpRequest, pk: int) -> HttpResponse:
    place = get_object_or_404(Place.objects.select_related("parent"), pk=pk)
    persons = access.persons_visible_to(request.user).filter(
        hometown_id__in=Place.objects.within(place)
    )
    return render(
        request,
        "registry/place_detail.html",
        {
            "place": place,
            "children": place.children.all(),
            "facilities": Facility.objects.filter(Q(place=place) | Q(place__parent=place)),
            "person_count": persons.count(),
        },
    )


@access.requires(access.can_use_registry)
def incident_list(request: HttpRequest) -> HttpResponse:
    incidents = Incident.objects.select_related("place").annotate(
        event_count=models.Count("events")
    )
    page = Paginator(incidents.order_by("-created_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "registry/incident_list.html",
        {"page": page, "can_add": access.can_manage_reference_data(request.user)},
    )


@access.requires(access.can_use_registry)
def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_object_or_404(Incident.objects.select_related("place"), pk=pk)
    events = (
        Event.objects.filter(incident=incident, person__in=access.persons_visible_to(request.user))
        .select_related("person", "facility")
        .prefetch_related("person__names")
        .order_by("date_sort", "pk")
    )
    return render(
        request, "registry/incident_detail.html", {"incident": incident, "events": events}
    )


@access.requires(access.can_manage_reference_data)
def incident_create(request: HttpRequest) -> HttpResponse:
    form = forms.IncidentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            incident = services.add_incident(request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.apply_service_errors(form, error)
        else:
            return redirect("registry:incident_detail", pk=incident.pk)
    return render(request, "registry/incident_form.html", {"form": form})


# Evidence items are reachable from person pages; this keeps a direct list for staff.
@access.requires(access.can_use_registry)
def evidence_list(request: HttpRequest) -> HttpResponse:
    items = access.evidence_visible_to(request.user).select_related("facility")
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "registry/evidence_list.html", {"page": page})
