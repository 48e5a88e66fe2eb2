"""Letters to governments carrying cases: choose a state and its families' cases, draft, follow."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from guwah.positions.models import State
from guwah.registry import access
from guwah.un import formal_names
from guwah.un import letters as drafting
from guwah.un.forms import LetterForm, LetterStepForm
from guwah.un.models import GovernmentLetter

LANGUAGE_NAMES = {
    "en": "English",
    "fr": "Français",
    "es": "Español",
    "de": "Deutsch",
    "tr": "Türkçe",
}


def _followed(user: Any) -> QuerySet[GovernmentLetter]:
    found = GovernmentLetter.objects.select_related("state")
    return found if access.is_staff_member(user) else found.filter(created_by_id=user.pk)


def _letter_form(request: HttpRequest, state: State, data: Any = None) -> LetterForm:
    cases = list(drafting.letter_cases(request.user, state))
    default = formal_names.letter_language(state.code)
    languages = [(code, LANGUAGE_NAMES[code]) for code in drafting.LANGUAGES]
    return LetterForm(
        data,
        cases=cases,
        languages=languages,
        initial={"state": state.code, "language": default},
    )


def _state(code: str) -> State | None:
    code = code.strip().upper()
    return State.objects.filter(code=code).first() if re.fullmatch(r"[A-Z]{3}", code) else None


@access.requires(access.can_use_registry)
def letters(request: HttpRequest) -> HttpResponse:
    state = _state(request.GET.get("state", ""))
    form: LetterForm | None = None
    if request.method == "POST":
        state = _state(request.POST.get("state", ""))
        if state is None:
            raise Http404(_("No such state."))
        form = _letter_form(request, state, request.POST)
        if form.is_valid():
            chosen = {int(pk) for pk in form.cleaned_data["cases"]}
            persons = [p for p in drafting.letter_cases(request.user, state) if p.pk in chosen]
            try:
                letter = drafting.draft_letter(
                    request.user,
                    state,
                    persons,
                    form.cleaned_data["language"],
                    form.cleaned_data["words"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The letter is drafted."))
                return redirect("un:letter", pk=letter.pk)
    else:
        form = _letter_form(request, state) if state is not None else None
    return render(
        request,
        "un/letters.html",
        {
            "letters": _followed(request.user),
            "states": State.objects.all(),
            "state": state,
            "form": form,
            "government": drafting.government_of(state, "en") if state else "",
        },
    )


def _letter(request: HttpRequest, pk: int) -> GovernmentLetter:
    letter = get_object_or_404(GovernmentLetter.objects.select_related("state"), pk=pk)
    if not access.can_follow_letter(request.user, letter):
        raise Http404(_("No such letter."))
    return letter


@access.requires(access.can_use_registry)
def letter(request: HttpRequest, pk: int) -> HttpResponse:
    found = _letter(request, pk)
    if request.method == "POST":
        form = LetterStepForm(request.POST)
        if form.is_valid():
            try:
                drafting.record_letter_step(
                    request.user, found, form.cleaned_data["stage"], **form.details()
                )
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("The step is recorded."))
                return redirect("un:letter", pk=found.pk)
    else:
        form = LetterStepForm()
    visible = access.persons_visible_to(request.user)
    return render(
        request,
        "un/letter.html",
        {
            "letter": found,
            "cases": found.cases.filter(pk__in=visible),
            "hidden_cases": found.cases.exclude(pk__in=visible).count(),
            "form": form,
        },
    )


@access.requires(access.can_use_registry)
def letter_docx(request: HttpRequest, pk: int) -> HttpResponse:
    found = _letter(request, pk)
    response = HttpResponse(
        drafting.letter_document(found),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{drafting.letter_file_name(found)}"'
    return response
