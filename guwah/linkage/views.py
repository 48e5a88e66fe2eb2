"""The review queue: proposed matches side by side, decided by documenters and reviewers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import F, Value
from django.db.models.functions import Abs
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from guwah.linkage import services
from guwah.linkage.forms import ClusterForm, DecisionForm, QueueFilterForm, UndoForm
from guwah.linkage.models import CandidatePair, Merge
from guwah.registry import access
from guwah.registry.models import Person

PAGE_SIZE = 30

COMPARISON_LABELS = {
    "prior": gettext_lazy("Before any evidence"),
    "given_name": gettext_lazy("Given name"),
    "father_name": gettext_lazy("Father's name"),
    "birth_year": gettext_lazy("Birth year"),
    "sex": gettext_lazy("Sex"),
    "hometown": gettext_lazy("Hometown"),
    "id_number": gettext_lazy("Identity document"),
    "mother_name": gettext_lazy("Mother's name"),
    "detention": gettext_lazy("Detention"),
    "family": gettext_lazy("Family evidence"),
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
    "given names differ: shared parents and hometown are family evidence": gettext_lazy(
        "given names differ: shared parents and hometown are family evidence"
    ),
    "sex differs: shared parents and hometown are family evidence": gettext_lazy(
        "sex differs: shared parents and hometown are family evidence"
    ),
    "given names alike but not the same, born years apart: shared parents and hometown "
    "are family evidence": gettext_lazy(
        "given names alike but not the same, born years apart: shared parents and hometown "
        "are family evidence"
    ),
    "names in the other order, born years apart: the given name of one is the father's "
    "name of the other, as between a father and his child": gettext_lazy(
        "names in the other order, born years apart: the given name of one is the father's "
        "name of the other, as between a father and his child"
    ),
}


@access.requires(access.can_review_links)
def queue(request: HttpRequest) -> HttpResponse:
    form = QueueFilterForm(request.GET or None)
    minimum, maximum, kind, order = 0.5, 1.0, "", ""
    if form.is_valid():
        minimum = form.cleaned_data["minimum"] if form.cleaned_data["minimum"] is not None else 0.0
        maximum = form.cleaned_data["maximum"] if form.cleaned_data["maximum"] is not None else 1.0
        kind = form.cleaned_data["kind"]
        order = form.cleaned_data["order"]
    pairs = services.pairs_for_review(request.user, minimum=minimum, maximum=maximum)
    if order == "uncertain":
        # A decision near an even chance teaches the model most, and is where it needs a person.
        pairs = pairs.annotate(uncertainty=Abs(F("match_probability") - Value(0.5))).order_by(
            "uncertainty", "pk"
        )
    if kind == "registry":
        pairs = pairs.filter(external_record__isnull=True)
    elif kind == "external":
        pairs = pairs.filter(external_record__isnull=False)
    page = Paginator(pairs.prefetch_related("person__names", "other_person__names"), PAGE_SIZE)
    shown = page.get_page(request.GET.get("page"))
    sizes = services.cluster_sizes(request.user)
    for pair in shown:
        pair.cluster_size = sizes.get(pair.pk, 0)  # type: ignore[attr-defined]
    return render(request, "linkage/queue.html", {"form": form, "page": shown})


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
        # Family context: a sibling proposed as a duplicate is often already a known relative.
        "relatives": list(person.ties.select_related("relative").order_by("relation", "pk")),
    }


@access.requires(access.can_review_links)
def pair_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pair = get_object_or_404(
        CandidatePair.objects.select_related(
            "person", "other_person", "external_record__external_list", "decided_by"
        ),
        pk=pk,
    )
    # A restricted case outside the reviewer's compartment is not theirs to see, even paired.
    if not all(
        access.can_view_person(request.user, each)
        for each in (pair.person, pair.other_person)
        if each is not None
    ):
        raise Http404
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
            elif form.cleaned_data["decision"] == "related":
                services.mark_related(
                    request.user,
                    pair,
                    form.cleaned_data["relation"] or "",
                    form.cleaned_data["reason"],
                )
                messages.success(
                    request,
                    _("Recorded as relatives; the family tie is on both records."),
                )
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
def cluster(request: HttpRequest, pk: int) -> HttpResponse:
    """Every record a pair's cluster joins, side by side, merged with one decision."""
    pair = get_object_or_404(CandidatePair, pk=pk)
    persons, pairs = services.cluster_of(request.user, pair)
    if not persons:
        raise Http404
    form = ClusterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            merges = services.merge_cluster(request.user, pair, form.cleaned_data["reason"])
        except services.LinkageError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Merged %(count)d records into one; each merge can be undone.")
                % {"count": len(merges) + 1},
            )
            return redirect("linkage:queue")
    return render(
        request,
        "linkage/cluster.html",
        {
            "pair": pair,
            "sides": [_side(person) for person in persons],
            "pairs": pairs,
            "form": form,
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
    if merge.survivor is not None and not access.can_view_person(request.user, merge.survivor):
        raise Http404
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
