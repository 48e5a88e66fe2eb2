"""The verification ladder of a case and the government rebuttals raised against it: the
documenters' screens. The services decide whether a step is allowed; these pages show the
ladder, the written checklist and the disputes, and hand the documenter's answer over."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guwah.registry import access, forms, services
from guwah.registry.forms.verification import RebuttalAnswerForm, RebuttalForm, VerifyForm
from guwah.registry.models import Rebuttal
from guwah.registry.verification import LADDER, VERIFICATION_MEANINGS, Verification
from guwah.registry.views.common import visible_person


def _ladder(current: str) -> list[dict[str, object]]:
    reached = LADDER.index(Verification(current))
    return [
        {
            "label": step.label,
            "meaning": VERIFICATION_MEANINGS[step],
            "reached": index <= reached,
            "current": index == reached,
        }
        for index, step in enumerate(LADDER)
    ]


@access.requires(access.can_verify)
def person_verification(request: HttpRequest, pk: int) -> HttpResponse:
    """The case's step on the ladder; a POST corroborates it or, with the checklist, verifies
    it. A refused step is explained and changes nothing."""
    person = visible_person(request, pk)
    form = VerifyForm(request.POST or None)
    problems: list[str] = []
    if request.method == "POST":
        step = request.POST.get("step", "")
        try:
            if step == "corroborate":
                services.corroborate(request.user, person)
                messages.success(request, _("The case is marked corroborated."))
            elif step == "verify":
                # The service names unknown and missing items; the form only draws the boxes.
                services.verify(request.user, person, request.POST.getlist("checklist"))
                messages.success(request, _("The case is marked verified."))
            else:
                raise ValidationError(_("Choose whether to corroborate or to verify."))
        except ValidationError as error:
            problems = [str(message) for message in error.messages]
            person.refresh_from_db()
        else:
            return redirect("registry:person_verification", pk=person.pk)
    return render(
        request,
        "registry/verification_form.html",
        {
            "person": person,
            "form": form,
            "problems": problems,
            "ladder": _ladder(person.verification),
            "may_corroborate": person.verification == Verification.REPORTED,
            "may_verify": person.verification == Verification.CORROBORATED,
            "rebuttals": Rebuttal.objects.filter(person=person),
        },
    )


@access.requires(access.can_verify)
def rebuttal_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a government's rebuttal of the entry, with its source and, if there is one
    already, the organisation's answer. A rebuttal is never deleted."""
    person = visible_person(request, pk)
    form = RebuttalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_rebuttal(request.user, person, **form.cleaned_data)
        except ValidationError as error:
            forms.apply_service_errors(form, error)
        else:
            messages.success(request, _("The rebuttal is recorded."))
            return redirect("registry:person_verification", pk=person.pk)
    return render(request, "registry/rebuttal_form.html", {"person": person, "form": form})


@access.requires(access.can_verify)
@require_POST
def rebuttal_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Record or correct the organisation's answer to a rebuttal."""
    rebuttal = get_object_or_404(Rebuttal, pk=pk)
    person = visible_person(request, rebuttal.person_id)
    form = RebuttalAnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer_rebuttal(request.user, rebuttal, form.cleaned_data["answer"])
        except ValidationError as error:
            forms.apply_service_errors(form, error)
        else:
            messages.success(request, _("The answer is recorded."))
            return redirect("registry:person_verification", pk=person.pk)
    return render(
        request,
        "registry/rebuttal_form.html",
        {"person": person, "form": form, "rebuttal": rebuttal},
        status=400,
    )
