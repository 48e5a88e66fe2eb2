"""Counts kept in the ``memorial`` cache until the record changes.

Every change to the record bumps one generation number (see ``PublicConfig.ready``), and every
cached count is kept under the generation it was counted in, so a count is never read after the
change that makes it wrong: withdrawing consent takes a person out of the statistics and the
facets in the same request cycle as out of the lists. Only counts are cached, never a person.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches
from django.utils.translation import get_language

_GENERATION = "memorial:generation"
# For a few seconds after a change nothing is cached: another process counting then may not yet
# see the change's transaction committed, and must not keep what it counted under the new
# generation.
_UNSETTLED = "memorial:unsettled"
Counted = TypeVar("Counted")


def forget_counts() -> None:
    """Make every cached count stale (called on any change to what they count)."""
    cache = caches["memorial"]
    if settings.GUWAH_STATISTICS_UNSETTLED_SECONDS:
        cache.set(_UNSETTLED, True, timeout=settings.GUWAH_STATISTICS_UNSETTLED_SECONDS)
    try:
        cache.incr(_GENERATION)
    except ValueError:
        cache.set(_GENERATION, 1, timeout=None)


def counted(key: str, count: Callable[[], Counted]) -> Counted:
    """The cached value of ``key`` in the reader's language, or ``count()`` kept under it."""
    cache = caches["memorial"]
    generation = cache.get(_GENERATION) or 0
    full_key = f"memorial:{generation}:{get_language() or ''}:{key}"
    found = cache.get(full_key)
    if found is None:
        found = count()
        if not cache.get(_UNSETTLED):
            cache.set(full_key, found, timeout=settings.GUWAH_STATISTICS_CACHE_SECONDS)
    return found
