"""The family's own pages: her tree, her testimony, what she agrees to. Views are thin: they
read the request, call :mod:`guwah.family.services` and show the result. Adding a relative
answers JSON (with the new card) to the page's script, and a page to a browser without it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guwah.family import services
from guwah.family.models import FamilySpace
from guwah.family.places import county_choices
from guwah.family.tree import Node, build_tree, draft_key, reported_beside
from guwah.registry import access
from guwah.registry.services.checks import check_upload_size

DRAFT_FIELDS = (
    "key",
    "anchor",
    "edge",
    "name",
    "sex",
    "birth_date",
    "hometown",
    "hometown_text",
    "lost_contact",
    "what_is_known",
)


def _wants_json(request: HttpRequest) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


def _errors(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {field: list(ValidationError(e).messages) for field, e in error.error_dict.items()}
    return {"__all__": list(error.messages)}


def _tree_context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    user: Any = request.user
    space = services.space_of(user) or FamilySpace(user=user)
    tree = build_tree(request.user, space)
    drafts = space.drafts.count() if space.pk else 0
    context = {
        "space": space,
        "tree": tree,
        "others": reported_beside(user, tree),
        "counties": county_choices(get_language() or "en"),
        "drafts": drafts,
        "relatives": tree.count(),
        "form_values": {},
        "form_errors": {},
    }
    context.update(extra)
    return context


@access.requires(access.can_keep_family_space)
def home(request: HttpRequest) -> HttpResponse:
    """Her family as a tree: herself at the root, each relative with where the case stands."""
    return render(request, "family/home.html", _tree_context(request))


@access.requires(access.can_keep_family_space)
@require_POST
def defaults_save(request: HttpRequest) -> HttpResponse:
    values = {k: request.POST.get(k, "") for k in ("hometown", "hometown_text", "lost_contact")}
    try:
        services.save_defaults(request.user, **values)
    except ValidationError as error:
        if _wants_json(request):
            return JsonResponse({"errors": _errors(error)}, status=400)
        return render(
            request,
            "family/home.html",
            _tree_context(request, defaults_values=values, defaults_errors=_errors(error)),
            status=400,
        )
    if _wants_json(request):
        return JsonResponse({"saved": True})
    messages.success(request, _("Saved. Every new relative is offered these."))
    return redirect("family:home")


@access.requires(access.can_keep_family_space)
@require_POST
def draft_save(request: HttpRequest) -> HttpResponse:
    """Keep one relative being added, at once, so that nothing typed is lost."""
    values = {field: request.POST.get(field, "") for field in DRAFT_FIELDS}
    try:
        draft, path = services.save_draft(request.user, **values)
    except ValidationError as error:
        if _wants_json(request):
            return JsonResponse({"errors": _errors(error), "values": values}, status=400)
        context = _tree_context(request, form_values=values, form_errors=_errors(error))
        return render(request, "family/home.html", context, status=400)
    if not _wants_json(request):
        return redirect("family:home")
    node = Node(key=draft_key(draft), name=draft.name, path=path, sex=draft.sex, draft=draft)
    card = render_to_string("family/_node.html", {"node": node}, request=request)
    pending = draft.space.drafts.count()
    return JsonResponse(
        {
            "key": node.key,
            "anchor": values["anchor"],
            "word": node.word,
            "card": card,
            "pending": ngettext(
                "%(count)d relative not sent yet.", "%(count)d relatives not sent yet.", pending
            )
            % {"count": pending},
        }
    )


@access.requires(access.can_keep_family_space)
@require_POST
def draft_remove(request: HttpRequest) -> HttpResponse:
    try:
        services.remove_draft(request.user, request.POST.get("key", ""))
    except ValidationError as error:
        if _wants_json(request):
            return JsonResponse({"errors": _errors(error)}, status=400)
        messages.error(request, " ".join(error.messages))
        return redirect("family:home")
    if _wants_json(request):
        return JsonResponse({"removed": True})
    return redirect("family:home")


@access.requires(access.can_keep_family_space)
@require_POST
def submit(request: HttpRequest) -> HttpResponse:
    """Send every relative added: all are recorded, or none and the list stays as it was."""
    try:
        made = services.submit_family(request.user)
    except services.DraftProblem as problem:
        messages.error(
            request,
            _("“%(name)s” could not be recorded, so nothing was sent: %(reason)s")
            % {"name": problem.draft.name, "reason": " ".join(problem.error.messages)},
        )
        return redirect("family:home")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("family:home")
    messages.success(
        request,
        ngettext(
            "%(count)d relative was sent to the organisation.",
            "%(count)d relatives were sent to the organisation.",
            len(made),
        )
        % {"count": len(made)},
    )
    return redirect("family:home")


def _family_persons(request: HttpRequest) -> list[Any]:
    space = services.space_of(request.user)
    if space is None or space.me is None:
        return []
    return services.relatives_in(build_tree(request.user, space, with_cases=False))


@access.requires(access.can_keep_family_space)
def testimony(request: HttpRequest) -> HttpResponse:
    """Her testimony, in her words: written, or her voice recorded here; she adds to it later."""
    persons = _family_persons(request)
    values = {"text": ""}
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        values["text"] = request.POST.get("text", "")
        recording = request.FILES.get("recording")
        try:
            if recording is not None:
                check_upload_size(recording.size)
            services.add_family_testimony(
                request.user, persons, text=values["text"], recording=recording
            )
        except ValidationError as error:
            errors = _errors(error)
            if _wants_json(request):
                return JsonResponse({"errors": errors}, status=400)
        else:
            if _wants_json(request):
                return JsonResponse({"saved": True})
            messages.success(request, _("Your testimony is kept. You can add to it at any time."))
            return redirect("family:testimony")
    told = []
    if persons:
        told = list(
            access.testimonies_visible_to(request.user)
            .filter(persons__in=persons)
            .distinct()
            .order_by("created_at")
        )
    return render(
        request,
        "family/testimony.html",
        {"testimonies": told, "values": values, "errors": errors, "has_family": bool(persons)},
        status=400 if errors else 200,
    )


@access.requires(access.can_keep_family_space)
def consent(request: HttpRequest) -> HttpResponse:
    """Each use of her family's records, explained with its risk, chosen separately, and
    withdrawable at any time."""
    persons = _family_persons(request)
    if request.method == "POST":
        chosen = {use: request.POST.get(use) == "yes" for use in services.USES}
        try:
            services.set_family_consent(request.user, **chosen)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your choices are saved and apply now."))
        return redirect("family:consent")
    return render(
        request,
        "family/consent.html",
        {"consent": services.family_consent(persons), "has_family": bool(persons)},
    )
