"""The documenter's pages. Each view asks ``access`` what the user may see, reads a form, and
hands the change to a service; nothing here decides a rule of its own."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guwah.registry import access, forms, history, services
from guwah.registry.family_graph import Relative, lay_out
from guwah.registry.models import (
    Event,
    Facility,
    FamilyTie,
    Incident,
    Name,
    Person,
    Place,
    Testimony,
)
from guwah.registry.timeline import Status

PAGE_SIZE = 50


def registry_user_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in (else to the sign-in page) and holding a role (else refused)."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not access.can_use_registry(request.user):
            raise PermissionDenied(_("Your account has no role in the registry yet."))
        return view(request, *args, **kwargs)

    return wrapped


def _visible_person(request: HttpRequest, pk: int) -> Person:
    # Another family's record answers "not found", not "forbidden": even its existence is
    # not theirs to learn.
    return get_object_or_404(access.persons_visible_to(request.user), pk=pk)


def _editable_person(request: HttpRequest, pk: int) -> Person:
    person = _visible_person(request, pk)
    if not access.can_edit_person(request.user, person):
        raise PermissionDenied
    return person


def _search(persons: Any, query: str) -> Any:
    try:
        from guwah.names.integration import search_persons
    except ImportError:  # The names engine is optional; a plain substring search stands in.
        return persons.filter(names__text__icontains=query).distinct()
    return search_persons(persons, query)


# --------------------------------------------------------------------------------------------
# Dashboard and list


@registry_user_required
def dashboard(request: HttpRequest) -> HttpResponse:
    persons = access.persons_visible_to(request.user)
    by_status = services.count_by_status(persons)
    statuses = [
        {
            "status": status.value,
            "label": services.STATUS_LABELS[status],
            "count": by_status[status],
        }
        for status in Status
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
    chain = [
        "hometown",
        "hometown__parent",
        "hometown__parent__parent",
        "hometown__parent__parent__parent",
    ]
    rows = (
        persons.order_by()
        .values(*[f"{link}__level" for link in chain], *chain)
        .annotate(count=models.Count("id"))
    )
    counts: Counter[int | None] = Counter()
    for row in rows:
        prefecture = next(
            (row[link] for link in chain if row[f"{link}__level"] == Place.Level.PREFECTURE),
            None,
        )
        counts[prefecture] += row["count"]
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
        persons = services.in_place(persons, data["place"])
    if data["q"]:
        persons = _search(persons, data["q"])
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
        persons = services.with_status(services.annotate_status(persons), data["status"])
    return persons


@registry_user_required
def person_list(request: HttpRequest) -> HttpResponse:
    form = forms.PersonFilterForm(request.GET or None)
    # Only the page's persons have their status derived and their names read.
    page = services.page_of_persons(
        _filtered_persons(request, form), request.GET.get("page"), PAGE_SIZE
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
        derived = services.derive_status(tie.relative)
        rows.append({"tie": tie, "relative": tie.relative, "status": derived.status})
    order = list(FamilyTie.Relation.values)
    rows.sort(key=lambda row: order.index(row["tie"].relation))
    return rows


@registry_user_required
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
    events = list(person.events.all())
    kinds = list(Name.Kind.values)
    names = sorted(person.names.all(), key=lambda name: (kinds.index(name.kind), name.pk))
    derived = services.derive_status(person)
    deciding = services.status_event(person, derived)
    relatives = _relatives(request, person)
    graph = lay_out(
        str(person),
        [
            Relative(
                str(row["relative"]),
                row["tie"].relation,
                reverse("registry:person_detail", args=[row["relative"].pk]),
                str(services.STATUS_LABELS[row["status"]]),
            )
            for row in relatives
        ],
        str(services.STATUS_LABELS[derived.status]),
    )
    return render(
        request,
        "registry/person_detail.html",
        {
            "person": person,
            "names": names,
            "events": events,
            "derived": derived,
            "status_label": services.STATUS_LABELS[derived.status],
            "status_event": deciding,
            "relatives": relatives,
            "graph": graph,
            "testimonies": testimonies.filter(persons=person).prefetch_related("events"),
            "evidence": evidence.filter(persons=person),
            "can_edit": access.can_edit_person(user, person),
            "can_delete": access.can_delete_person(user, person),
            "can_add_evidence": access.can_add_evidence(user),
            "can_view_history": access.can_view_history(user),
            "can_publish": access.can_publish(user),
        },
    )


@registry_user_required
def person_json(request: HttpRequest, pk: int) -> JsonResponse:
    """A read-only view of one person for scripts, asking the same access rules as the page."""
    person = _visible_person(request, pk)
    derived = services.derive_status(person)
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


@registry_user_required
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


@registry_user_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = _editable_person(request, pk)
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


@registry_user_required
@require_POST
def person_delete(request: HttpRequest, pk: int) -> HttpResponse:
    person = _visible_person(request, pk)
    services.delete_person(request.user, person)
    messages.success(request, _("The record has been deleted; its history is kept."))
    return redirect("registry:person_list")


@registry_user_required
def person_visibility(request: HttpRequest, pk: int) -> HttpResponse:
    person = _editable_person(request, pk)
    initial = {
        "visibility": person.visibility,
        "consent_publish": person.consent_publish,
        "consent_share_un": person.consent_share_un,
        "consent_name_witness": person.consent_name_witness,
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


# --------------------------------------------------------------------------------------------
# Names


@registry_user_required
def name_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = _editable_person(request, pk)
    form = forms.NameForm(request.POST or None, initial={"kind": Name.Kind.ALIAS})
    if request.method == "POST" and form.is_valid():
        try:
            services.add_name(request.user, person, **form.cleaned_data)
        except ValidationError as error:
            forms.apply_service_errors(form, error)
        else:
            return redirect("registry:person_detail", pk=person.pk)
    return render(request, "registry/name_form.html", {"form": form, "person": person})


@registry_user_required
def name_edit(request: HttpRequest, pk: int) -> HttpResponse:
    name = get_object_or_404(Name.objects.select_related("person"), pk=pk)
    person = _editable_person(request, name.person_id)
    initial = {"text": name.text, "script": name.script, "kind": name.kind}
    form = forms.NameForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_name(request.user, name, **form.cleaned_data)
        except ValidationError as error:
            forms.apply_service_errors(form, error)
        else:
            return redirect("registry:person_detail", pk=person.pk)
    return render(
        request, "registry/name_form.html", {"form": form, "person": person, "name": name}
    )


@registry_user_required
@require_POST
def name_delete(request: HttpRequest, pk: int) -> HttpResponse:
    name = get_object_or_404(Name.objects.select_related("person"), pk=pk)
    person = _editable_person(request, name.person_id)
    services.delete_name(request.user, name)
    return redirect("registry:person_detail", pk=person.pk)


# --------------------------------------------------------------------------------------------
# Family


@registry_user_required
def relatives_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Many relatives on one screen: a name, the relation, what is known, and when contact
    was lost. All are saved together or, if one row is wrong, none is."""
    person = _editable_person(request, pk)
    rows = min(max(int(request.GET.get("rows", 5) or 5), 1), 60)
    if request.method == "POST":
        formset = forms.RelativeFormSet(request.POST, prefix="relatives")
        if formset.is_valid():
            filled = [form for form in formset.forms if form.cleaned_data.get("name")]
            try:
                with transaction.atomic():
                    for form in filled:
                        _add_relative_row(request, person, form)
            except forms.RowError as error:
                forms.apply_service_errors(error.form, error.error)
            else:
                messages.success(
                    request,
                    _("%(count)d relatives have been added.") % {"count": len(filled)},
                )
                return redirect("registry:person_detail", pk=person.pk)
    else:
        formset = forms.relative_formset(extra=rows)(prefix="relatives")
    return render(
        request,
        "registry/relatives_form.html",
        {"formset": formset, "person": person, "more_rows": rows + 5},
    )


def _add_relative_row(request: HttpRequest, person: Person, form: Any) -> None:
    data = form.cleaned_data
    try:
        services.add_relative(
            request.user,
            person,
            name=data["name"],
            script="",
            relation=data["relation"],
            birth_date=data["birth_date"],
            sex=data["sex"],
            hometown=data["hometown"],
            lost_contact=data["lost_contact"],
            what_is_known=data["what_is_known"],
        )
    except ValidationError as error:
        raise forms.RowError(form, error) from error


@registry_user_required
def tie_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = _editable_person(request, pk)
    query = request.GET.get("q", "").strip()
    candidates = []
    if query:
        found = _search(access.persons_visible_to(request.user).exclude(pk=person.pk), query)
        candidates = list(found.prefetch_related("names")[:20])
    form = forms.TieForm(
        request.POST or None, user=request.user, person=person, candidates=candidates
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.add_family_tie(request.user, person, **form.cleaned_data)
        except ValidationError as error:
            forms.apply_service_errors(form, error)
        else:
            return redirect("registry:person_detail", pk=person.pk)
    return render(
        request,
        "registry/tie_form.html",
        {"form": form, "person": person, "query": query, "searched": bool(query)},
    )


@registry_user_required
@require_POST
def tie_delete(request: HttpRequest, pk: int) -> HttpResponse:
    tie = get_object_or_404(FamilyTie, pk=pk)
    person = _editable_person(request, tie.person_id)
    services.delete_family_tie(request.user, tie)
    return redirect("registry:person_detail", pk=person.pk)


# --------------------------------------------------------------------------------------------
# Events


def _event_fields(form: forms.EventForm) -> dict[str, Any]:
    fields = dict(form.cleaned_data)
    return {
        "testimonies": fields.pop("testimonies"),
        "evidence": fields.pop("evidence"),
        **fields,
    }


@registry_user_required
def event_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = _editable_person(request, pk)
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


@registry_user_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    person = _editable_person(request, event.person_id)
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


@registry_user_required
@require_POST
def event_delete(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    person = _editable_person(request, event.person_id)
    services.delete_event(request.user, event)
    return redirect("registry:person_detail", pk=person.pk)


# --------------------------------------------------------------------------------------------
# Testimony and evidence


def _files_or_nothing(data: dict[str, Any], field: str) -> dict[str, Any]:
    if not data.get(field):
        data.pop(field, None)
    return data


@registry_user_required
def testimony_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = _editable_person(request, pk)
    events = person.events.all()
    if request.method == "POST":
        form = forms.TestimonyForm(request.POST, request.FILES, user=request.user)
        chosen = events.filter(pk__in=request.POST.getlist("events"))
        if form.is_valid():
            try:
                services.add_testimony(
                    request.user,
                    [person],
                    events=chosen,
                    **_files_or_nothing(dict(form.cleaned_data), "media"),
                )
            except ValidationError as error:
                forms.apply_service_errors(form, error)
            else:
                messages.success(request, _("The testimony has been recorded."))
                return redirect("registry:person_detail", pk=person.pk)
        chosen_ids = {event.pk for event in chosen}
    else:
        form = forms.TestimonyForm(user=request.user)
        chosen_ids = set()
    return render(
        request,
        "registry/testimony_form.html",
        {"form": form, "person": person, "events": events, "chosen": chosen_ids},
    )


@registry_user_required
def testimony_detail(request: HttpRequest, pk: int) -> HttpResponse:
    testimony = get_object_or_404(access.testimonies_visible_to(request.user), pk=pk)
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


@registry_user_required
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


@registry_user_required
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = _editable_person(request, pk)
    if not access.can_add_evidence(request.user):
        raise PermissionDenied
    events = person.events.all()
    if request.method == "POST":
        form = forms.EvidenceForm(request.POST, request.FILES, user=request.user)
        chosen = events.filter(pk__in=request.POST.getlist("events"))
        if form.is_valid():
            data = dict(form.cleaned_data)
            upload = data.pop("file", None)
            try:
                services.add_evidence(request.user, [person], file=upload, events=chosen, **data)
            except ValidationError as error:
                forms.apply_service_errors(form, error)
            else:
                messages.success(request, _("The evidence has been filed."))
                return redirect("registry:person_detail", pk=person.pk)
        chosen_ids = {event.pk for event in chosen}
    else:
        form = forms.EvidenceForm(user=request.user)
        chosen_ids = set()
    return render(
        request,
        "registry/evidence_form.html",
        {"form": form, "person": person, "events": events, "chosen": chosen_ids},
    )


@registry_user_required
def evidence_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        access.evidence_visible_to(request.user).select_related("facility"), pk=pk
    )
    persons = access.persons_visible_to(request.user).filter(evidence=item)
    return render(
        request,
        "registry/evidence_detail.html",
        {"item": item, "persons": persons.prefetch_related("names")},
    )


# --------------------------------------------------------------------------------------------
# History


@registry_user_required
def person_history(request: HttpRequest, pk: int) -> HttpResponse:
    person = _visible_person(request, pk)
    if not access.can_view_history(request.user):
        raise PermissionDenied
    return render(
        request,
        "registry/person_history.html",
        {
            "person": person,
            "changes": history.person_history(person),
            "can_restore": access.can_restore_history(request.user),
        },
    )


@registry_user_required
@require_POST
def restore_version(request: HttpRequest, model: str, pk: int, history_id: int) -> HttpResponse:
    model_class = history.TRACKED.get(model)
    if model_class is None:
        raise Http404
    historical = get_object_or_404(
        model_class.history.all(),  # type: ignore[attr-defined]
        history_id=history_id,
        **{model_class._meta.pk.attname: pk},
    )
    person_id = pk if model_class is Person else historical.person_id
    person = _visible_person(request, person_id)
    record = model_class._default_manager.filter(pk=pk).first()
    try:
        if record is None:
            services.restore_deleted(model_class, history_id, request.user)
        else:
            services.restore_version(record, history_id, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The earlier version has been restored."))
    return redirect("registry:person_history", pk=person.pk)


# --------------------------------------------------------------------------------------------
# Facilities and places (reference data shared by every family)


@registry_user_required
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


@registry_user_required
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


@registry_user_required
def place_list(request: HttpRequest) -> HttpResponse:
    places = Place.objects.filter(level__in=[Place.Level.REGION, Place.Level.PREFECTURE])
    return render(
        request,
        "registry/place_list.html",
        {"places": places.prefetch_related("children").order_by("level", "name_en")},
    )


@registry_user_required
def place_detail(request: HttpRequest, pk: int) -> HttpResponse:
    place = get_object_or_404(Place.objects.select_related("parent"), pk=pk)
    persons = access.persons_visible_to(request.user).filter(
        hometown_id__in=services.places_within(place)
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


@registry_user_required
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


@registry_user_required
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


@registry_user_required
def incident_create(request: HttpRequest) -> HttpResponse:
    if not access.can_manage_reference_data(request.user):
        raise PermissionDenied
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
@registry_user_required
def evidence_list(request: HttpRequest) -> HttpResponse:
    items = access.evidence_visible_to(request.user).select_related("facility")
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "registry/evidence_list.html", {"page": page})
