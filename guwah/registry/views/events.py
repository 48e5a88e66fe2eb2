"""A person's timeline, and the testimony and evidence its events rest on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import (
    HttpRequest,
    HttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guwah.registry import access, forms, services
from guwah.registry.models import Event, Person, Testimony
from guwah.registry.services import audit
from guwah.registry.views.common import editable_person

# --------------------------------------------------------------------------------------------
# Events


def _event_fields(form: forms.EventForm) -> dict[str, Any]:
    fields = dict(form.cleaned_data)
    return {
        "testimonies": fields.pop("testimonies"),
        "evidence": fields.pop("evidence"),
        **fields,
    }


@access.requires(access.can_use_registry)
def event_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = editable_person(request, pk)
    form = forms.EventForm(request.POST or None, user=request.user, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_event(request.user, person, **_event_fields(form))
        except ValidationError as error:
            forms.apply_service_errors(form, error)
        else:
            messages.success(request, _("The event has been added to the timeline."))
            return redirect("registry:person_detail", pk=person.pk)
    return render(request, "registry/event_form.html", {"form": form, "person": person})


@access.requires(access.can_use_registry)
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    person = editable_person(request, event.person_id)
    form = forms.EventForm(request.POST or None, instance=event, user=request.user, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_event(request.user, Event.objects.get(pk=pk), **_event_fields(form))
        except ValidationError as error:
            forms.apply_service_errors(form, error)
        else:
            return redirect("registry:person_detail", pk=person.pk)
    return render(
        request, "registry/event_form.html", {"form": form, "person": person, "event": event}
    )


@access.requires(access.can_use_registry)
@require_POST
def event_delete(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    person = editable_person(request, event.person_id)
    services.delete_event(request.user, event)
    return redirect("registry:person_detail", pk=person.pk)


# --------------------------------------------------------------------------------------------
# Testimony and evidence


def _files_or_nothing(data: dict[str, Any], field: str) -> dict[str, Any]:
    if not data.get(field):
        data.pop(field, None)
    return data


def _add_source(
    request: HttpRequest,
    person: Person,
    form_class: type[forms.TestimonyForm] | type[forms.EvidenceForm],
    template: str,
    record: Callable[[dict[str, Any], QuerySet[Event]], object],
    recorded: str,
) -> HttpResponse:
    """The page that adds a testimony or an item of evidence about ``person``, citing the
    events of their timeline the user ticks; ``record`` hands the form's data to the service."""
    events = person.events.all()
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, user=request.user)
        chosen = events.filter(pk__in=request.POST.getlist("events"))
        if form.is_valid():
            try:
                record(dict(form.cleaned_data), chosen)
            except ValidationError as error:
                forms.apply_service_errors(form, error)
            else:
                messages.success(request, recorded)
                return redirect("registry:person_detail", pk=person.pk)
        chosen_ids = {event.pk for event in chosen}
    else:
        form = form_class(user=request.user)
        chosen_ids = set()
    return render(
        request,
        template,
        {"form": form, "person": person, "events": events, "chosen": chosen_ids},
    )


@access.requires(access.can_use_registry)
def testimony_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = editable_person(request, pk)

    def record(data: dict[str, Any], events: QuerySet[Event]) -> object:
        fields = _files_or_nothing(data, "media")
        return services.add_testimony(request.user, [person], events=events, **fields)

    return _add_source(
        request,
        person,
        forms.TestimonyForm,
        "registry/testimony_form.html",
        record,
        _("The testimony has been recorded."),
    )


@access.requires(access.can_use_registry)
def testimony_detail(request: HttpRequest, pk: int) -> HttpResponse:
    testimony = get_object_or_404(access.testimonies_visible_to(request.user), pk=pk)
    audit.record_read(request.user, testimony)
    persons = access.persons_visible_to(request.user).filter(testimonies=testimony)
    return render(
        request,
        "registry/testimony_detail.html",
        {
            "testimony": testimony,
            "persons": persons.prefetch_related("names"),
            "can_edit": access.can_edit_testimony(request.user, testimony),
        },
    )


@access.requires(access.can_use_registry)
def testimony_edit(request: HttpRequest, pk: int) -> HttpResponse:
    testimony = get_object_or_404(access.testimonies_visible_to(request.user), pk=pk)
    if not access.can_edit_testimony(request.user, testimony):
        raise PermissionDenied
    if request.method == "POST":
        form = forms.TestimonyForm(
            request.POST, request.FILES, instance=testimony, user=request.user
        )
        if form.is_valid():
            try:
                services.update_testimony(
                    request.user,
                    Testimony.objects.get(pk=pk),
                    **_files_or_nothing(dict(form.cleaned_data), "media"),
                )
            except ValidationError as error:
                forms.apply_service_errors(form, error)
            else:
                return redirect("registry:testimony_detail", pk=pk)
    else:
        form = forms.TestimonyForm(instance=testimony, user=request.user)
    return render(request, "registry/testimony_form.html", {"form": form, "testimony": testimony})


@access.requires(access.can_use_registry)
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = editable_person(request, pk)
    if not access.can_add_evidence(request.user):
        raise PermissionDenied

    def record(data: dict[str, Any], events: QuerySet[Event]) -> object:
        upload = data.pop("file", None)
        return services.add_evidence(request.user, [person], file=upload, events=events, **data)

    return _add_source(
        request,
        person,
        forms.EvidenceForm,
        "registry/evidence_form.html",
        record,
        _("The evidence has been filed."),
    )


@access.requires(access.can_use_registry)
def evidence_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        access.evidence_visible_to(request.user).select_related("facility"), pk=pk
    )
    audit.record_read(request.user, item)
    persons = access.persons_visible_to(request.user).filter(evidence=item)
    return render(
        request,
        "registry/evidence_detail.html",
        {"item": item, "persons": persons.prefetch_related("names")},
    )
