"""The evidence pages: a person's evidence panel, packages and the log's state (stored files
are sent by :mod:`guwah.evidence.files`)."""

from __future__ import annotations

import os
import tempfile

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from guwah.evidence import log, redaction, services, store
from guwah.evidence.export import export_person_package
from guwah.evidence.models import EvidenceFile, LogEntry, LogState
from guwah.registry import access, export_gate
from guwah.registry.models import Person, Visibility
from guwah.registry.services import audit


def _visible_person(request: HttpRequest, pk: int) -> Person:
    person = get_object_or_404(Person, pk=pk)
    if not access.can_view_person(request.user, person):
        # The same answer as a person who does not exist: their existence is not disclosed.
        raise Http404
    return person


@access.requires(access.can_use_registry)
def person_panel(request: HttpRequest, pk: int) -> HttpResponse:
    panel = services.person_panel(request, _visible_person(request, pk))
    if panel is None:
        raise Http404
    return render(request, panel.template, panel.context)


def _stored_file_changed(exc: store.StoredFileChanged) -> HttpResponse:
    # A damaged original is never sent as if it were the one received: the page says so, and
    # what to do, instead of a package or a file that would fail its recipient's check.
    return HttpResponse(str(exc), status=409, content_type="text/plain; charset=utf-8")


def _holds_restricted(person: Person) -> bool:
    restricted = {"visibility": Visibility.RESTRICTED}
    return (
        person.visibility == Visibility.RESTRICTED
        or person.testimonies.filter(**restricted).exists()
        or person.evidence.filter(**restricted).exists()
    )


@access.requires(access.can_use_registry)
def person_package(request: HttpRequest, pk: int) -> HttpResponseBase:
    person = _visible_person(request, pk)
    if not access.can_download_package(request.user, person):
        raise PermissionDenied
    refused = export_gate.approval_required(
        request, "package", str(person.pk), restricted=_holds_restricted(person)
    )
    if refused is not None:
        return refused
    audit.record_read(request.user, person, audit.Action.PACKAGED)
    handle, path = tempfile.mkstemp(prefix="guwah-package-", suffix=".zip")
    os.close(handle)
    try:
        export_person_package(person, request.user, path)
        # The open handle keeps the data readable after the name is gone.
        package = open(path, "rb")  # FileResponse closes it.
    except store.StoredFileChanged as exc:
        return _stored_file_changed(exc)
    finally:
        os.unlink(path)
    return FileResponse(
        package, as_attachment=True, filename=f"guwah-person-{person.pk}-package.zip"
    )


@access.requires(access.can_view_log_status)
def log_status(request: HttpRequest) -> HttpResponse:
    state = LogState.objects.filter(pk=1).first()
    public_key = log.signing_key().public_key()
    return render(
        request,
        "evidence/log_status.html",
        {
            "size": state.size if state else 0,
            "head": log.latest_tree_head(),
            "key_id": log.key_id(public_key),
            "public_key": log.public_key_pem(public_key).decode(),
            "entries": LogEntry.objects.order_by("-index")[:20],
        },
    )


@access.requires(access.can_add_evidence)
@require_http_methods(["GET", "POST"])
def redact(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Black out parts of an item's file into a new, linked copy; the original stays."""
    item = get_object_or_404(access.evidence_visible_to(request.user), pk=pk)
    if not access.can_edit_evidence(request.user, item):
        raise PermissionDenied
    original = item.stored_files.filter(role=EvidenceFile.Role.ORIGINAL).select_related("blob")
    errors: list[str] = []
    boxes = ""
    if request.method == "POST":
        boxes = request.POST.get("boxes", "")[:20000]
        try:
            redaction.make_redacted_copy(request.user, item, redaction.parse_boxes(boxes))
        except ValidationError as error:
            errors = list(error.messages)
        except store.StoredFileChanged as exc:
            return _stored_file_changed(exc)
        else:
            messages.success(request, _("The redacted copy is stored."))
            return redirect("evidence:redact", pk=item.pk)
    copies = item.stored_files.filter(role=EvidenceFile.Role.REDACTED).exclude(boxes=[])
    first = original.first()
    return render(
        request,
        "evidence/redact.html",
        {
            "item": item,
            "original": first,
            "is_image": first is not None and first.blob.mime.startswith("image/"),
            "copies": copies,
            "boxes": boxes,
            "form_errors": errors,
        },
        status=400 if errors else 200,
    )
