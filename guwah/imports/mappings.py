"""Column mappings kept under a name: a partner's next list comes with the same headers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from guwah.imports.models import SavedMapping
from guwah.imports.plan import columns_of
from guwah.registry import access
from guwah.registry.services.checks import require

NAME_LENGTH = 100


def mapping_columns(mapping: Mapping[str, Any]) -> dict[str, str]:
    """The header → field pairs of a mapping (``{"columns": {...}}`` or the pairs alone);
    raises ``MappingError`` for a field Guwah does not have."""
    columns = mapping.get("columns", mapping)
    columns_of([], columns)  # checks every field named
    return {str(header).strip(): str(target or "") for header, target in columns.items()}


def save_mapping(actor: Any, name: str, mapping: Mapping[str, Any]) -> SavedMapping:
    """Keep ``mapping`` under ``name`` (replacing a mapping of that name) for later imports."""
    require(access.can_import_records(actor), _("You may not import records."))
    name = name.strip()
    if not name:
        raise ValidationError({"save_as": _("Give the mapping a name.")})
    if len(name) > NAME_LENGTH:
        raise ValidationError({"save_as": _("A mapping's name is at most 100 characters.")})
    columns = mapping_columns(mapping)
    if not columns:
        raise ValidationError({"mapping": _("An empty mapping is not worth keeping.")})
    with transaction.atomic():
        saved, _created = SavedMapping.objects.update_or_create(
            name=name, defaults={"columns": columns, "saved_by": actor}
        )
    return saved


def saved_mappings(actor: Any) -> QuerySet[SavedMapping]:
    """The mappings ``actor`` may choose from: all of them, for whoever may import."""
    if not access.can_import_records(actor):
        return SavedMapping.objects.none()
    return SavedMapping.objects.all()


def find_mapping(actor: Any, name: str) -> SavedMapping | None:
    return saved_mappings(actor).filter(name=name.strip()).first()
