"""A record's earlier versions, and bringing one back."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guwah.registry import access, history, services
from guwah.registry.models import (
    Person,
)
from guwah.registry.views.common import visible_person

# --------------------------------------------------------------------------------------------
# History


@access.requires(access.can_use_registry)
def person_history(request: HttpRequest, pk: int) -> HttpResponse:
    person = visible_person(request, pk)
    if not access.can_view_history(request.user):
        raise PermissionDenied
    return render(
        request,
        "registry/person_history.html",
        {
            "person": person,
            "changes": history.person_history(person),
            "can_restore": access.can_restore_history(request.user),
        },
    )


@access.requires(access.can_use_registry)
@require_POST
def restore_version(request: HttpRequest, model: str, pk: int, history_id: int) -> HttpResponse:
    model_class = history.TRACKED.get(model)
    if model_class is None:
        raise Http404
    historical = get_object_or_404(
        model_class.history.all(),  # type: ignore[attr-defined]
        history_id=history_id,
        **{model_class._meta.pk.attname: pk},
    )
    person_id = pk if model_class is Person else historical.person_id
    person = visible_person(request, person_id)
    record = model_class._default_manager.filter(pk=pk).first()
    try:
        if record is None:
            services.restore_deleted(request.user, model_class, history_id)
        else:
            services.restore_version(request.user, record, history_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The earlier version has been restored."))
    return redirect("registry:person_history", pk=person.pk)
