"""The UN path in the browser: a person's case, its documents, its steps, and the dashboard."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guwah.registry import access, export_gate
from guwah.registry.models import Person
from guwah.registry.panels import Panel
from guwah.un import checks, documents, reminders, services
from guwah.un.forms import BatchForm, CaseFileForm, StepForm, TranslationForm
from guwah.un.models import Language, Mechanism, Stage, Submission


def _today() -> dt.date:
    return timezone.localdate()


def _visible_person(request: HttpRequest, pk: int) -> Person:
    return get_object_or_404(
        access.persons_visible_to(request.user).prefetch_related("names", "events"), pk=pk
    )


def _case_context(user: Any, person: Person) -> dict[str, Any]:
    return {
        "person": person,
        "missing": checks.missing_wgeid_elements(person),
        "warnings": checks.consent_warnings(person),
        "refusal": checks.export_refusal(user, person),
        "wgad_refusal": checks.export_refusal(user, person, Mechanism.WGAD),
        "urgent": checks.is_urgent(person, _today()),
        "connected": checks.connected_urgent_cases(person, _today()),
        "submissions": list(
            Submission.objects.filter(person=person).prefetch_related("translations__testimony")
        ),
    }


def _testimonies(user: Any, person: Person) -> list[Any]:
    return list(access.testimonies_visible_to(user).filter(persons=person))


def person_panel(request: HttpRequest, person: Person) -> Panel | None:
    """Where the person's UN case stands, on the registry's person page."""
    if not access.can_view_person(request.user, person):
        return None
    return Panel("un/person_panel.html", _case_context(request.user, person))


@access.requires(access.can_use_registry)
def person(request: HttpRequest, pk: int) -> HttpResponse:
    record = _visible_person(request, pk)
    case = checks.case_file_of(record)
    editable = access.can_edit_person(request.user, record)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied(_("You may not change this record."))
        form = CaseFileForm(request.POST, instance=case)
        if form.is_valid():
            try:
                services.save_case_file(request.user, record, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The UN case file is saved."))
                return redirect("un:person", pk=record.pk)
    else:
        form = CaseFileForm(instance=case)
    context = _case_context(request.user, record)
    relatives = documents.relatives_of(request.user, record)
    context.update(
        form=form,
        editable=editable,
        step_form=StepForm(),
        stages=Stage.choices,
        batch_form=BatchForm(relatives=relatives) if relatives else None,
        translation_form=TranslationForm(testimonies=_testimonies(request.user, record)),
    )
    return render(request, "un/person.html", context)


def _document(request: HttpRequest, pk: int, mechanism: str) -> HttpResponseBase:
    record = _visible_person(request, pk)
    refusal = checks.export_refusal(request.user, record, mechanism)
    if refusal is not None:
        # Said before anything else is asked: nothing makes a refused case sendable.
        return render(request, "un/refused.html", {"person": record, "reason": refusal}, status=403)
    file_format = request.GET.get("format", documents.DOCX)
    if file_format not in documents.FORMATS:
        file_format = documents.DOCX
    asked = request.GET.get("language")
    try:
        content = documents.submission_document(
            request.user,
            record,
            mechanism,
            file_format,
            _today(),
            asked if asked in Language.values else None,
        )
    except documents.SubmissionRefused as refusal:
        return render(
            request, "un/refused.html", {"person": record, "reason": str(refusal)}, status=403
        )
    response = HttpResponse(content, content_type=documents.CONTENT_TYPES[file_format])
    name = documents.file_name(mechanism, record, file_format)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@access.requires(access.can_use_registry)
def wgeid_document(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _document(request, pk, Mechanism.WGEID)


@access.requires(access.can_use_registry)
def wgad_document(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _document(request, pk, Mechanism.WGAD)


@access.requires(access.can_use_registry)
@require_POST
def step(request: HttpRequest, pk: int) -> HttpResponse:
    record = _visible_person(request, pk)
    form = StepForm(request.POST)
    if not form.is_valid():
        problems = "; ".join(" ".join(map(str, errors)) for errors in form.errors.values())
        messages.error(request, _("The step could not be read: %(errors)s") % {"errors": problems})
        return redirect("un:person", pk=record.pk)
    mechanism, stage = form.cleaned_data["mechanism"], form.cleaned_data["stage"]
    try:
        if stage == Stage.DRAFTED:
            language = form.cleaned_data.get("language") or Language.ENGLISH
            services.draft_submission(request.user, record, mechanism, _today(), language)
        else:
            submission = get_object_or_404(Submission, person=record, mechanism=mechanism)
            allowed = {*services.STAGE_DETAILS[stage], *services.OPTIONAL_DETAILS}
            details = {k: v for k, v in form.details().items() if k in allowed}
            services.record_step(request.user, submission, stage, **details)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The step is recorded."))
    return redirect("un:person", pk=record.pk)


@access.requires(access.can_use_registry)
def dashboard(request: HttpRequest) -> HttpResponse:
    visible = access.persons_visible_to(request.user)
    today = _today()
    submissions = sorted(
        Submission.objects.filter(person__in=visible)
        .select_related("person")
        .prefetch_related("person__names", "person__events"),
        key=lambda submission: reminders.order_key(submission, today),
    )
    # The same deadlines ``guwah un reminders`` lists, beside each submission.
    due = {
        submission.pk: reminder
        for submission in submissions
        if (reminder := reminders.reminder_of(submission, today)) is not None
    }
    rows = [(submission, due.get(submission.pk)) for submission in submissions]
    return render(request, "un/dashboard.html", {"rows": rows, "today": today})


@access.requires(access.can_use_registry)
@require_POST
def batch(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A ZIP of the chosen relatives' documents and a covering summary, as ``guwah un batch``."""
    witness = _visible_person(request, pk)
    relatives = documents.relatives_of(request.user, witness)
    form = BatchForm(request.POST, relatives=relatives)
    if not form.is_valid():
        problems = "; ".join(" ".join(map(str, errors)) for errors in form.errors.values())
        messages.error(request, _("The batch could not be made: %(errors)s") % {"errors": problems})
        return redirect("un:person", pk=witness.pk)
    chosen = {int(value) for value in form.cleaned_data["persons"]}
    persons = [person for person in relatives if person.pk in chosen]
    refused = export_gate.approval_required(
        request,
        "un_batch",
        f"wgeid:{witness.pk}:" + ",".join(str(pk) for pk in sorted(chosen)),
        restricted=any(person.visibility == "restricted" for person in persons),
    )
    if refused is not None:
        return refused
    buffer = io.BytesIO()
    documents.write_batch(
        request.user,
        persons,
        buffer,
        file_format=form.cleaned_data["format"],
        today=_today(),
        language=form.cleaned_data["language"],
    )
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="wgeid-relatives-of-{witness.pk}.zip"'
    return response


@access.requires(access.can_use_registry)
@require_POST
def translation(request: HttpRequest, pk: int) -> HttpResponse:
    """Attach a testimony's translation to one of the person's submissions."""
    record = _visible_person(request, pk)
    form = TranslationForm(request.POST, testimonies=_testimonies(request.user, record))
    if not form.is_valid():
        problems = "; ".join(" ".join(map(str, errors)) for errors in form.errors.values())
        messages.error(
            request, _("The translation could not be read: %(errors)s") % {"errors": problems}
        )
        return redirect("un:person", pk=record.pk)
    data = form.cleaned_data
    submission = Submission.objects.filter(person=record, mechanism=data["mechanism"]).first()
    if submission is None:
        messages.error(request, _("Draft the submission first, then attach translations to it."))
        return redirect("un:person", pk=record.pk)
    testimony = get_object_or_404(
        access.testimonies_visible_to(request.user), pk=int(data["testimony"])
    )
    try:
        services.attach_translation(
            request.user,
            submission,
            testimony,
            text=data["text"],
            language=data["language"],
            translator=data["translator"],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The translation is attached."))
    return redirect("un:person", pk=record.pk)
