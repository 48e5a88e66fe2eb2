"""The evidence pages: a person's evidence panel, packages and the log's state (stored files
are sent by :mod:`guwah.evidence.files`)."""

from __future__ import annotations

import os
import tempfile

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render

from guwah.evidence import log, services, store
from guwah.evidence.export import export_person_package
from guwah.evidence.models import LogEntry, LogState
from guwah.registry import access
from guwah.registry.models import Person


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


@access.requires(access.can_use_registry)
def person_package(request: HttpRequest, pk: int) -> HttpResponseBase:
    person = _visible_person(request, pk)
    if not access.can_download_package(request.user, person):
        raise PermissionDenied
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
