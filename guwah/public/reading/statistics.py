"""Counts of the published persons: the facets beside a search, and the statistics."""

from __future__ import annotations

from django.db import models

from guwah.public.reading.base import verification_label
from guwah.public.reading.charts import charts
from guwah.public.reading.counted import counted, forget_counts
from guwah.public.reading.criteria import Criteria, filtered
from guwah.public.reading.facets import facet
from guwah.public.reading.records import Facet, Statistics
from guwah.registry.verification import LADDER, Verification, at_least


def status_facets(
    *, query: str = "", prefecture: int | None = None, verification: str = ""
) -> list[Facet]:
    """How many public persons matching the other filters have each status."""
    return facet("status", Criteria(query=query, prefecture=prefecture, verification=verification))


def prefecture_facets(*, query: str = "", status: str = "", verification: str = "") -> list[Facet]:
    """How many public persons matching the other filters come from each prefecture."""
    return facet("prefecture", Criteria(query=query, status=status, verification=verification))


def verification_facets(*, verification: str = "") -> list[Facet]:
    """How many public persons (on ``verification``'s step of the ladder or above) stand on
    each step: what a figure rests on."""
    from guwah.public import summaries  # it reads the persons through this package

    rows = summaries.counting()
    if rows is None:
        rows = filtered(Criteria(verification=verification))
    elif verification:
        rows = rows.filter(verification__in=at_least(verification))
    counts = dict(rows.order_by().values_list("verification").annotate(count=models.Count("id")))
    return [
        Facet(str(step), verification_label(step), counts.get(step, 0))
        for step in LADDER
        if not verification or step in at_least(verification)
    ]


def _computed(verification: str) -> Statistics:
    by_prefecture = prefecture_facets(verification=verification)
    by_verification = verification_facets(verification=verification)
    total = sum(facet.count for facet in by_verification)
    return Statistics(
        total=total,
        by_status=status_facets(verification=verification),
        by_prefecture=sorted(by_prefecture, key=lambda facet: (-facet.count, facet.label)),
        without_prefecture=total - sum(facet.count for facet in by_prefecture),
        verification=verification,
        by_verification=by_verification,
        charts=charts(Criteria(verification=verification)),
    )


def forget_statistics() -> None:
    """Make every cached statistic and facet count stale."""
    forget_counts()


def public_statistics(*, verification: str = "") -> Statistics:
    """How many published persons have each status and come from each prefecture, with the
    charts, counting only those on ``verification``'s step of the ladder or above when it is
    given. Cached until the record changes."""
    if verification and verification not in Verification.values:
        verification = ""
    from guwah.public import summaries  # it reads the persons through this package

    def computed() -> Statistics:
        with summaries.checked_once():
            return _computed(verification)

    return counted(f"statistics:{verification}", computed)
