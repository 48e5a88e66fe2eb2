"""The UN path in the browser: a person's case, its documents, its steps, and the dashboard."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guwah.registry import access
from guwah.registry.models import Person
from guwah.registry.panels import Panel
from guwah.un import checks, documents, services
from guwah.un.forms import CaseFileForm, StepForm
from guwah.un.models import Mechanism, Stage, Submission


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
        "submissions": list(Submission.objects.filter(person=person)),
    }


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
    context.update(
        form=form,
        editable=editable,
        step_form=StepForm(),
        stages=Stage.choices,
    )
    return render(request, "un/person.html", context)


def _document(request: HttpRequest, pk: int, mechanism: str) -> HttpResponseBase:
    record = _visible_person(request, pk)
    file_format = request.GET.get("format", documents.DOCX)
    if file_format not in documents.FORMATS:
        file_format = documents.DOCX
    try:
        content = documents.submission_document(
            request.user, record, mechanism, file_format, _today()
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
            services.draft_submission(request.user, record, mechanism, _today())
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


def _dashboard_order(submission: Submission) -> tuple[Any, ...]:
    # A government reply awaiting the source's answer is where cases are lost: those first,
    # nearest deadline first; then urgent actions; then the rest, latest change first.
    deadline = submission.reply_deadline
    return (
        deadline is None,
        deadline or dt.date.max,
        not submission.urgent,
        -submission.updated_at.timestamp(),
    )


@access.requires(access.can_use_registry)
def dashboard(request: HttpRequest) -> HttpResponse:
    visible = access.persons_visible_to(request.user)
    submissions = sorted(
        Submission.objects.filter(person__in=visible)
        .select_related("person")
        .prefetch_related("person__names"),
        key=_dashboard_order,
    )
    return render(request, "un/dashboard.html", {"submissions": submissions, "today": _today()})
