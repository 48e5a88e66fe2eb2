from __future__ import annotations

from typing import Any

from django import template

from guwah.evidence import services

register = template.Library()


@register.simple_tag
def evidence_rows(person: Any, user: Any) -> list[services.EvidenceRow]:
    return services.evidence_rows(person, user)


@register.simple_tag
def may_export(person: Any, user: Any) -> bool:
    return services.may_export(user, person)
