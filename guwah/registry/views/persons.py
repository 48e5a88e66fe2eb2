"""The person list, the person page and the person form."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.http import (
    HttpRequest,
    HttpResponse,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guwah.registry import access, forms, lists, panels, services, status
from guwah.registry.family_graph import Relative, lay_out
from guwah.registry.models import (
    Event,
    FamilyTie,
    Name,
    Person,
    Place,
    prefecture_of,
)
from guwah.registry.names_index import search_persons
from guwah.registry.services import audit
from guwah.registry.timeline import Status
from guwah.registry.views.common import editable_person, visible_person

PAGE_SIZE = 50


# --------------------------------------------------------------------------------------------
# Dashboard and list


@access.requires(access.can_use_registry)
def dashboard(request: HttpRequest) -> HttpResponse:
    persons = access.persons_visible_to(request.user)
    by_status = status.count_by_status(persons)
    statuses = [
        {
            "status": each.value,
            "label": status.STATUS_LABELS[each],
            "count": by_status[each],
        }
        for each in Status
    ]
    return render(
        request,
        "registry/dashboard.html",
        {
            "total": sum(by_status.values()),
            "statuses": statuses,
            "regions": _count_by_prefecture(persons),
            "recent": persons.prefetch_related("names")[:10],
            "is_family": access.is_family_member(request.user),
        },
    )


def _count_by_prefecture(persons: Any) -> list[tuple[Place | None, int]]:
    """Persons counted by the prefecture their hometown lies in, at whatever level it is known."""
    rows = (
        persons.order_by()
        .annotate(prefecture_id=prefecture_of("hometown"))
        .values("prefecture_id")
        .annotate(count=models.Count("id"))
    )
    counts: Counter[int | None] = Counter({row["prefecture_id"]: row["count"] for row in rows})
    places = Place.objects.in_bulk([pk for pk in counts if pk is not None])
    return [
        (places.get(pk) if pk is not None else None, count) for pk, count in counts.most_common()
    ]


def _filtered_persons(request: HttpRequest, form: forms.PersonFilterForm) -> Any:
    persons = access.persons_visible_to(request.user)
    if not form.is_valid():
        return persons
    data = form.cleaned_data
    # The place comes first: whether its persons are few enough to read through the hometown
    # index is asked of the persons the user may see, before costlier conditions join them.
    if data["place"]:
        persons = lists.in_place(persons, data["place"])
    if data["q"]:
        persons = search_persons(persons, data["q"])
    if data["sex"]:
        persons = persons.filter(sex="" if data["sex"] == "unknown" else data["sex"])
    if data["facility"]:
        persons = persons.filter(
            Exists(Event.objects.filter(person=OuterRef("pk"), facility=data["facility"]))
        )
    if data["visibility"]:
        persons = persons.filter(visibility=data["visibility"])
    if data["synthetic"]:
        persons = persons.filter(synthetic=data["synthetic"] == "yes")
    if data["status"]:
        persons = status.with_status(status.annotate_status(persons), data["status"])
    return persons


@access.requires(access.can_use_registry)
def person_list(request: HttpRequest) -> HttpResponse:
    form = forms.PersonFilterForm(request.GET or None)
    # Only the page's persons have their status derived and their names read.
    page = lists.page_of_persons(
        _filtered_persons(request, form), forms.page_number(request.GET), PAGE_SIZE
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "results":
        return render(request, "registry/_person_results.html", context)
    return render(request, "registry/person_list.html", context)


# --------------------------------------------------------------------------------------------
# Person page


def _relatives(request: HttpRequest, person: Person) -> list[dict[str, Any]]:
    visible = set(
        access.persons_visible_to(request.user)
        .filter(ties_as_relative__person=person)
        .values_list("pk", flat=True)
    )
    ties = (
        person.ties.filter(relative__in=visible)
        .select_related("relative")
        .prefetch_related("relative__names", "relative__events")
    )
    rows: list[dict[str, Any]] = []
    for tie in ties:
        derived = status.derive_status(tie.relative)
        rows.append({"tie": tie, "relative": tie.relative, "status": derived.status})
    order = list(FamilyTie.Relation.values)
    rows.sort(key=lambda row: order.index(row["tie"].relation))
    return rows


@access.requires(access.can_use_registry)
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    testimonies = access.testimonies_visible_to(user)
    evidence = access.evidence_visible_to(user)
    person = get_object_or_404(
        access.persons_visible_to(user)
        .select_related("hometown__parent", "created_by")
        .prefetch_related(
            "names",
            "documents",
            Prefetch(
                "events",
                queryset=Event.objects.select_related("facility", "place", "incident")
                .prefetch_related(
                    Prefetch("testimonies", queryset=testimonies),
                    Prefetch("evidence", queryset=evidence),
                )
                .order_by("date_sort", "id"),
            ),
        ),
        pk=pk,
    )
    audit.record_read(user, person)
    events = list(person.events.all())
    kinds = list(Name.Kind.values)
    names = sorted(person.names.all(), key=lambda name: (kinds.index(name.kind), name.pk))
    derived = status.derive_status(person)
    deciding = status.status_event(person, derived)
    relatives = _relatives(request, person)
    graph = lay_out(
        str(person),
        [
            Relative(
                str(row["relative"]),
                row["tie"].relation,
                reverse("registry:person_detail", args=[row["relative"].pk]),
                str(status.STATUS_LABELS[row["status"]]),
            )
            for row in relatives
        ],
        str(status.STATUS_LABELS[derived.status]),
    )
    return render(
        request,
        "registry/person_detail.html",
        {
            "person": person,
            "names": names,
            "events": events,
            "derived": derived,
            "status_label": status.STATUS_LABELS[derived.status],
            "status_event": deciding,
            "relatives": relatives,
            "graph": graph,
            "testimonies": testimonies.filter(persons=person).prefetch_related("events"),
            "evidence": evidence.filter(persons=person),
            "can_edit": access.can_edit_person(user, person),
            "can_delete": access.can_delete_person(user, person),
            "can_add_evidence": access.can_add_evidence(user),
            "can_view_history": access.can_view_history(user),
            "can_grant_case_access": access.can_grant_case_access(user),
            "can_verify": access.can_verify(user),
            "can_publish": access.can_publish(user),
            # What the apps above the registry show of this person (evidence and custody).
            "panels": panels.render_person_panels(request, person),
        },
    )


@access.requires(access.can_use_registry)
def person_json(request: HttpRequest, pk: int) -> JsonResponse:
    """A read-only view of one person for scripts, asking the same access rules as the page."""
    person = visible_person(request, pk)
    audit.record_read(request.user, person, via="json")
    derived = status.derive_status(person)
    testimony_ids = set(access.testimonies_visible_to(request.user).values_list("pk", flat=True))
    return JsonResponse(
        {
            "id": person.pk,
            "names": [
                {"text": n.text, "script": n.script, "kind": n.kind} for n in person.names.all()
            ],
            "sex": person.sex,
            "birth_date": person.birth_date,
            "hometown": str(person.hometown) if person.hometown else None,
            "status": derived.status.value,
            "status_since": derived.since.edtf() if derived.since else None,
            "events": [
                {
                    "kind": event.kind,
                    "date": event.date,
                    "facility": str(event.facility) if event.facility else None,
                    "testimonies": [t.pk for t in event.testimonies.all() if t.pk in testimony_ids],
                }
                for event in person.events.select_related("facility").prefetch_related(
                    "testimonies"
                )
            ],
            "visibility": person.visibility,
            "synthetic": person.synthetic,
        },
        json_dumps_params={"ensure_ascii": False},
    )


# --------------------------------------------------------------------------------------------
# Creating and editing persons


def _names_from(formset: Any) -> list[dict[str, str]]:
    return [
        {
            "text": form.cleaned_data["text"],
            "script": form.cleaned_data["script"],
            "kind": form.cleaned_data["kind"],
        }
        for form in formset.forms
        if form.cleaned_data.get("text")
    ]


def _person_fields(form: forms.PersonForm) -> dict[str, Any]:
    fields = dict(form.cleaned_data)
    if not fields.get("photo"):
        fields.pop("photo", None)
    return fields


@access.requires(access.can_use_registry)
def person_create(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = forms.PersonForm(request.POST, request.FILES, user=request.user)
        names = forms.NameFormSet(request.POST, prefix="names")
        if form.is_valid() and names.is_valid():
            try:
                person = services.create_person(
                    request.user, names=_names_from(names), **_person_fields(form)
                )
            except ValidationError as error:
                forms.apply_service_errors(form, error)
            else:
                messages.success(request, _("The person has been recorded."))
                return redirect("registry:person_detail", pk=person.pk)
    else:
        form = forms.PersonForm(user=request.user)
        names = forms.NameFormSet(prefix="names")
    return render(request, "registry/person_form.html", {"form": form, "names": names})


@access.requires(access.can_use_registry)
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = editable_person(request, pk)
    if request.method == "POST":
        form = forms.PersonForm(request.POST, request.FILES, instance=person, user=request.user)
        if form.is_valid():
            try:
                services.update_person(request.user, person, **_person_fields(form))
            except ValidationError as error:
                forms.apply_service_errors(form, error)
            else:
                messages.success(request, _("The changes have been saved."))
                return redirect("registry:person_detail", pk=person.pk)
    else:
        form = forms.PersonForm(instance=person, user=request.user)
    return render(request, "registry/person_form.html", {"form": form, "person": person})


@access.requires(access.can_use_registry)
@require_POST
def person_delete(request: HttpRequest, pk: int) -> HttpResponse:
    person = visible_person(request, pk)
    try:
        services.delete_person(request.user, person)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("registry:person_detail", pk=person.pk)
    messages.success(request, _("The record has been deleted; its history is kept."))
    return redirect("registry:person_list")


@access.requires(access.can_use_registry)
def person_visibility(request: HttpRequest, pk: int) -> HttpResponse:
    person = editable_person(request, pk)
    initial = {
        "visibility": person.visibility,
        "consent_publish": person.consent_publish,
        "consent_share_un": person.consent_share_un,
        "consent_name_witness": person.consent_name_witness,
        "publication_level": person.publication_level,
        "consent_publish_photo": person.consent_publish_photo,
    }
    if request.method == "POST":
        form = forms.VisibilityForm(request.POST, user=request.user, initial=initial)
        if form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    services.set_consent(
                        request.user,
                        person,
                        publish=data["consent_publish"],
                        share_un=data["consent_share_un"],
                        name_witness=data["consent_name_witness"],
                    )
                    services.set_publication_level(
                        request.user,
                        person,
                        level=data["publication_level"] or None,
                        photo=data["consent_publish_photo"],
                    )
                    services.set_visibility(request.user, person, data["visibility"])
            except ValidationError as error:
                person.refresh_from_db()
                forms.apply_service_errors(form, error)
            else:
                messages.success(request, _("Who may see this record has been updated."))
                return redirect("registry:person_detail", pk=person.pk)
    else:
        form = forms.VisibilityForm(user=request.user, initial=initial)
    return render(request, "registry/visibility_form.html", {"form": form, "person": person})
