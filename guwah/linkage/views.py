"""The review queue: proposed matches side by side, decided by documenters and reviewers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from guwah.linkage import services
from guwah.linkage.forms import DecisionForm, QueueFilterForm, UndoForm
from guwah.linkage.models import CandidatePair, Merge
from guwah.registry import access
from guwah.registry.models import Person

PAGE_SIZE = 30

COMPARISON_LABELS = {
    "given_name": gettext_lazy("Given name"),
    "father_name": gettext_lazy("Father's name"),
    "birth_year": gettext_lazy("Birth year"),
    "sex": gettext_lazy("Sex"),
    "hometown": gettext_lazy("Hometown"),
    "id_number": gettext_lazy("Identity document"),
    "mother_name": gettext_lazy("Mother's name"),
    "detention": gettext_lazy("Detention"),
}
LEVEL_LABELS = {
    "same": gettext_lazy("same"),
    "same, names in the other order": gettext_lazy("same, names in the other order"),
    "same consonants": gettext_lazy("same consonants"),
    "sounds alike": gettext_lazy("sounds alike"),
    "similar": gettext_lazy("similar"),
    "different": gettext_lazy("different"),
    "not known": gettext_lazy("not known on one side"),
    "same year": gettext_lazy("same year"),
    "one year apart": gettext_lazy("one year apart"),
    "two or three years apart": gettext_lazy("two or three years apart"),
    "further apart": gettext_lazy("further apart"),
    "same county": gettext_lazy("same county"),
    "same prefecture, county not given": gettext_lazy("same prefecture, county not given"),
    "other county, same prefecture": gettext_lazy("other county, same prefecture"),
    "other prefecture": gettext_lazy("other prefecture"),
    "one digit apart": gettext_lazy("one digit apart"),
    "same facility, same time": gettext_lazy("same facility, same time"),
    "same facility": gettext_lazy("same facility"),
    "other facility": gettext_lazy("other facility"),
}


@access.requires(access.can_review_links)
def queue(request: HttpRequest) -> HttpResponse:
    form = QueueFilterForm(request.GET or None)
    minimum, maximum, kind = 0.5, 1.0, ""
    if form.is_valid():
        minimum = form.cleaned_data["minimum"] if form.cleaned_data["minimum"] is not None else 0.0
        maximum = form.cleaned_data["maximum"] if form.cleaned_data["maximum"] is not None else 1.0
        kind = form.cleaned_data["kind"]
    pairs = services.pairs_for_review(request.user, minimum=minimum, maximum=maximum)
    if kind == "registry":
        pairs = pairs.filter(external_record__isnull=True)
    elif kind == "external":
        pairs = pairs.filter(external_record__isnull=False)
    page = Paginator(pairs.prefetch_related("person__names", "other_person__names"), PAGE_SIZE)
    return render(
        request,
        "linkage/queue.html",
        {"form": form, "page": page.get_page(request.GET.get("page"))},
    )


def _waterfall(pair: CandidatePair) -> list[dict[str, Any]]:
    """One bar per comparison: its label, the level reached and the weight, scaled to the widest."""
    steps = [step for step in pair.explanation if step.get("weight")]
    widest = max((abs(step["weight"]) for step in steps), default=1.0) or 1.0
    return [
        {
            "comparison": COMPARISON_LABELS.get(step["comparison"], step["comparison"]),
            "level": LEVEL_LABELS.get(step["level"], step["level"]),
            "weight": step["weight"],
            "for_match": step["weight"] > 0,
            "width": round(100 * abs(step["weight"]) / widest),
        }
        for step in pair.explanation
    ]


def _side(person: Person | None) -> dict[str, Any] | None:
    if person is None:
        return None
    return {
        "person": person,
        "names": list(person.names.all()),
        "documents": list(person.documents.all()),
        "events": list(person.events.select_related("facility", "place")),
    }


@access.requires(access.can_review_links)
def pair_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pair = get_object_or_404(
        CandidatePair.objects.select_related(
            "person", "other_person", "external_record__external_list", "decided_by"
        ),
        pk=pk,
    )
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "accept":
                merge = services.accept_pair(request.user, pair, form.cleaned_data["reason"])
                if merge is not None:
                    messages.success(
                        request, _("Merged. The merge can be undone from the list of merges.")
                    )
                else:
                    messages.success(request, _("Recorded as the same person."))
            else:
                services.reject_pair(request.user, pair, form.cleaned_data["reason"])
                messages.success(
                    request,
                    _("Recorded as different people; this pair will not be proposed again."),
                )
        except services.LinkageError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("linkage:queue")
    return render(
        request,
        "linkage/pair_detail.html",
        {
            "pair": pair,
            "form": form,
            "left": _side(pair.person),
            "right": _side(pair.other_person),
            "external": pair.external_record,
            "waterfall": _waterfall(pair),
        },
    )


@access.requires(access.can_review_links)
def merge_list(request: HttpRequest) -> HttpResponse:
    merges = Merge.objects.select_related("survivor", "actor", "undone_by")
    page = Paginator(merges, PAGE_SIZE)
    return render(
        request,
        "linkage/merge_list.html",
        {"page": page.get_page(request.GET.get("page")), "undo_form": UndoForm()},
    )


@access.requires(access.can_review_links)
@require_POST
def undo(request: HttpRequest, pk: int) -> HttpResponse:
    merge = get_object_or_404(Merge, pk=pk)
    form = UndoForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tick the box to confirm the undo."))
        return redirect("linkage:merge_list")
    try:
        restored = services.undo_merge(request.user, merge)
    except services.LinkageError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Undone: %(person)s is a separate record again.") % {"person": restored}
        )
    return redirect("linkage:merge_list")
