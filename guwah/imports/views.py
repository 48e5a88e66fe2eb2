"""The import page (a dry run, then the commit) and the export page."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from guwah.imports import jobs, mappings
from guwah.imports.export import CONTENT_TYPES, FILE_NAMES, STREAMED, archive_file, stream
from guwah.imports.forms import ExportForm, ImportForm
from guwah.imports.importing import Report, import_file
from guwah.imports.models import ImportJob, SavedMapping
from guwah.imports.plan import MappingError
from guwah.imports.readers import ImportFileError
from guwah.registry import access, export_gate


@access.requires(access.can_import_records)
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None, actor=request.user)
    report: Report | None = None
    error = ""
    kept: SavedMapping | None = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        mapping = form.chosen_mapping()
        try:
            if form.cleaned_data["save_as"] and form.cleaned_data["mapping"]:
                kept = mappings.save_mapping(
                    request.user, form.cleaned_data["save_as"], form.cleaned_data["mapping"]
                )
            if "commit" in request.POST:
                job = jobs.start_job(
                    request.user,
                    upload.read(),
                    upload.name,
                    mapping=mapping,
                    source=form.cleaned_data["source"],
                )
                return redirect("imports:job", pk=job.pk)
            report = import_file(
                request.user,
                upload.read(),
                upload.name,
                mapping=mapping,
                dry_run=True,
                source=form.cleaned_data["source"],
            )
        except (ImportFileError, MappingError) as exc:
            error = str(exc)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    return render(
        request,
        "imports/upload.html",
        {"form": form, "report": report, "error": error, "kept": kept},
        status=400 if error or (report is not None and not report.ok) else 200,
    )


@access.requires(access.can_export_records)
@require_http_methods(["GET"])
def download(request: HttpRequest) -> HttpResponse | StreamingHttpResponse | FileResponse:
    form = ExportForm(request.GET or None)
    if not form.is_valid():
        return render(request, "imports/export.html", {"form": ExportForm()})
    chosen = form.cleaned_data["format"]
    refused = export_gate.approval_required(
        request, "records", chosen, restricted=export_gate.holds_restricted(request.user)
    )
    if refused is not None:
        return refused
    if chosen in STREAMED:
        # Written out as it is read, a chunk of records at a time: a large registry is never
        # held in memory whole.
        response: StreamingHttpResponse = StreamingHttpResponse(
            stream(request.user, chosen), content_type=CONTENT_TYPES[chosen]
        )
        response["Content-Disposition"] = f'attachment; filename="{FILE_NAMES[chosen]}"'
        return response
    # An archive is written into a temporary file first (a ZIP file's entries are completed by
    # seeking back), then sent from it a block at a time; the file is removed once sent.
    return FileResponse(
        archive_file(request.user),
        as_attachment=True,
        filename=FILE_NAMES[chosen],
        content_type=CONTENT_TYPES[chosen],
    )


@access.requires(access.can_import_records)
@require_http_methods(["GET", "POST"])
def job(request: HttpRequest, pk: int) -> HttpResponse:
    """An import's progress and report; an interrupted one is run again with a POST."""
    found = get_object_or_404(ImportJob, pk=pk, created_by=request.user)
    stopped = jobs.interrupted(found)
    if request.method == "POST":
        if stopped or found.state == ImportJob.State.WAITING:
            jobs.launch(found)
        return redirect("imports:job", pk=found.pk)
    progress = jobs.progress_of(found)
    return render(
        request,
        "imports/job.html",
        {
            "job": found,
            "interrupted": stopped,
            "done": progress[0] if progress else 0,
            "total": progress[1] if progress else 0,
            "finished": found.state in (ImportJob.State.DONE, ImportJob.State.REFUSED),
        },
    )
