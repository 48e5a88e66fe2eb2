"""A memorial search as it travels in a link: read from the query string, written back into it.

Unknown values are ignored rather than refused: a hand-edited or stale link still shows the
memorial, unfiltered by what could not be read.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from guwah.public import reading
from guwah.registry.timeline import Status

# Headings of the facets on the list page, in the order they are shown.
HEADINGS = {
    "status": _("Status"),
    "prefecture": _("Prefecture"),
    "county": _("County"),
    "year": _("Year detained"),
    "sex": _("Sex"),
    "age": _("Age when it began"),
    "facility": _("Facility"),
    "sentence": _("Sentence"),
    "grade": _("Source reliability"),
    "verification": _("Verification"),
}
_NUMBERED = frozenset({"prefecture", "county", "year", "facility"})


def positive(text: str | None) -> int | None:
    try:
        number = int(text or "")
    except ValueError:
        return None
    return number if 0 < number <= reading.MAX_KEY else None


def _one_of(allowed: Callable[[], Any]) -> Callable[[str], str]:
    return lambda value: value if value in allowed() else ""


_READERS: dict[str, Callable[[str], Any]] = {
    "status": _one_of(lambda: set(Status.__members__.values())),
    "prefecture": positive,
    "county": positive,
    "year": lambda value: year if (year := positive(value)) and 1900 <= year <= 2100 else None,
    "sex": _one_of(lambda: {"f", "m"}),
    "age": _one_of(lambda: reading.AGE_BANDS),
    "facility": positive,
    "sentence": _one_of(lambda: reading.SENTENCE_BANDS),
    "grade": _one_of(lambda: reading.GRADES),
    "verification": _one_of(lambda: {value for value, _l, _m in reading.verification_ladder()}),
}


@dataclasses.dataclass(frozen=True)
class FacetLink:
    label: str
    count: int
    selected: bool
    link: str


@dataclasses.dataclass(frozen=True)
class FacetGroup:
    name: str
    heading: str
    links: list[FacetLink]


@dataclasses.dataclass(frozen=True)
class Filters:
    criteria: reading.Criteria = dataclasses.field(default_factory=reading.Criteria)
    page: int = 1

    @property
    def query(self) -> str:
        return self.criteria.query

    def chosen(self) -> list[tuple[str, Any]]:
        """The facets chosen, as query-string names and values (for hidden form fields)."""
        values = ((name, getattr(self.criteria, name)) for name in reading.FACETS)
        return [(name, value) for name, value in values if value not in ("", None)]

    def querystring(self, page: int = 1, **changes: Any) -> str:
        criteria = dataclasses.replace(self.criteria, **changes)
        params: dict[str, Any] = {"q": criteria.query}
        params.update((name, getattr(criteria, name)) for name in reading.FACETS)
        params["page"] = page if page > 1 else ""
        return urlencode({key: value for key, value in params.items() if value not in ("", None)})

    def facets(self) -> list[FacetGroup]:
        from guwah.public import summaries  # it reads the persons through this package

        with summaries.checked_once():
            return self._facets()

    def _facets(self) -> list[FacetGroup]:
        groups = []
        for name in reading.FACETS:
            current = getattr(self.criteria, name)
            links = []
            for found in reading.facet(name, self.criteria):
                value: Any = int(found.value) if name in _NUMBERED else found.value
                selected = value == current
                cleared = None if name in _NUMBERED else ""
                links.append(
                    FacetLink(
                        found.label,
                        found.count,
                        selected,
                        self.querystring(1, **{name: cleared if selected else value}),
                    )
                )
            if links:
                groups.append(FacetGroup(name, str(HEADINGS[name]), links))
        return groups


def read_filters(request: HttpRequest) -> Filters:
    chosen = {name: read(request.GET.get(name, "")) for name, read in _READERS.items()}
    return Filters(
        criteria=reading.Criteria(query=request.GET.get("q", "")[:200], **chosen),
        page=positive(request.GET.get("page")) or 1,
    )
