from __future__ import annotations

import os
import tempfile

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from guwah.evidence import log, services, store
from guwah.evidence.export import export_person_package
from guwah.evidence.models import CustodyEvent, EvidenceFile, LogState
from guwah.registry import access
from guwah.registry.models import Evidence, Person
from guwah.registry.roles import Role


def _visible_person(request: HttpRequest, pk: int) -> Person:
    person = get_object_or_404(Person, pk=pk)
    if not access.can_view_person(request.user, person):
        # The same answer as a person who does not exist: their existence is not disclosed.
        raise Http404
    return person


@login_required
def person_panel(request: HttpRequest, pk: int) -> HttpResponse:
    person = _visible_person(request, pk)
    rows = services.evidence_rows(person, request.user)
    services.record_access(
        request.user, [row.item for row in rows], CustodyEvent.Action.VIEWED, person=person.pk
    )
    return render(request, "evidence/person_panel.html", {"person": person})


@login_required
def download(request: HttpRequest, pk: int, sha256: str) -> FileResponse:
    item = get_object_or_404(Evidence, pk=pk)
    if not access.can_view_evidence(request.user, item):
        raise Http404
    stored = get_object_or_404(
        EvidenceFile.objects.select_related("blob"), evidence=item, blob_id=sha256
    )
    services.record_access(
        request.user, [item], CustodyEvent.Action.DOWNLOADED, sha256=sha256, role=stored.role
    )
    response = FileResponse(
        store.open_blob(stored.blob),
        as_attachment=True,
        filename=stored.original_name or sha256,
        content_type=stored.blob.mime,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def person_package(request: HttpRequest, pk: int) -> FileResponse:
    person = _visible_person(request, pk)
    if not services.may_export(request.user, person):
        raise PermissionDenied
    handle, path = tempfile.mkstemp(prefix="guwah-package-", suffix=".zip")
    os.close(handle)
    try:
        export_person_package(person, request.user, path)
        # The open handle keeps the data readable after the name is gone.
        package = open(path, "rb")  # FileResponse closes it.
    finally:
        os.unlink(path)
    return FileResponse(
        package, as_attachment=True, filename=f"guwah-person-{person.pk}-package.zip"
    )


@login_required
def log_status(request: HttpRequest) -> HttpResponse:
    if not access.has_role(request.user, Role.ADMINISTRATOR):
        raise PermissionDenied
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
            "entries": log.LogEntry.objects.order_by("-index")[:20],
        },
    )
