"""A person's names and family: the quick rows a family fills, and single ties."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guwah.registry import access, forms, services
from guwah.registry.models import (
    FamilyTie,
    Name,
    Person,
)
from guwah.registry.names_index import search_persons
from guwah.registry.views.common import editable_person

# --------------------------------------------------------------------------------------------
# Names


@access.requires(access.can_use_registry)
def name_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = editable_person(request, pk)
    form = forms.NameForm(request.POST or None, initial={"kind": Name.Kind.ALIAS})
    if request.method == "POST" and form.is_valid():
        try:
            services.add_name(request.user, person, **form.cleaned_data)
        except ValidationError as error:
            forms.apply_service_errors(form, error)
        else:
            return redirect("registry:person_detail", pk=person.pk)
    return render(request, "registry/name_form.html", {"form": form, "person": person})


@access.requires(access.can_use_registry)
def name_edit(request: HttpRequest, pk: int) -> HttpResponse:
    name = get_object_or_404(Name.objects.select_related("person"), pk=pk)
    person = editable_person(request, name.person_id)
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


@access.requires(access.can_use_registry)
@require_POST
def name_delete(request: HttpRequest, pk: int) -> HttpResponse:
    name = get_object_or_404(Name.objects.select_related("person"), pk=pk)
    person = editable_person(request, name.person_id)
    services.delete_name(request.user, name)
    return redirect("registry:person_detail", pk=person.pk)


# --------------------------------------------------------------------------------------------
# Family


@access.requires(access.can_use_registry)
def relatives_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Many relatives on one screen: a name, the relation, what is known, and when contact
    was lost. All are saved together or, if one row is wrong, none is."""
    person = editable_person(request, pk)
    try:
        rows = forms.whole_number(request.GET, "rows", default=5, lowest=1, highest=60)
    except forms.BadParameter as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
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


@access.requires(access.can_use_registry)
def tie_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = editable_person(request, pk)
    query = forms.search_text(request.GET)
    candidates = []
    if query:
        found = search_persons(access.persons_visible_to(request.user).exclude(pk=person.pk), query)
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


@access.requires(access.can_use_registry)
@require_POST
def tie_delete(request: HttpRequest, pk: int) -> HttpResponse:
    tie = get_object_or_404(FamilyTie, pk=pk)
    person = editable_person(request, tie.person_id)
    services.delete_family_tie(request.user, tie)
    return redirect("registry:person_detail", pk=person.pk)
