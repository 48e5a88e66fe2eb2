"""``{{ place|in_reader_language }}``: a place under the name its reader uses (see place_names)."""

from __future__ import annotations

from django import template

from guwah.registry.place_names import NamedPlace, place_name

register = template.Library()


@register.filter
def in_reader_language(place: NamedPlace | None) -> str:
    return place_name(place)
