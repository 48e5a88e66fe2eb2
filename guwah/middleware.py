"""Project-wide middleware for sign-in sessions and caching."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from guwah.registry import access

Handler = Callable[[HttpRequest], HttpResponseBase]

_LAST_SEEN = "guwah_last_seen"
# The session's end moves forward only when it is saved; saving it at most once a minute
# keeps the idle timeout exact to the minute without a database write on every request.
_TOUCH_EVERY_SECONDS = 60


class IdleSessionMiddleware:
    """Keep a signed-in session alive while it is used, and let it lapse when it is not.

    ``SESSION_COOKIE_AGE`` is the idle timeout: the stored session and its cookie expire that
    long after their last save, and each request of a signed-in user saves it again (at most
    once a minute), so only an idle session runs out.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.user.is_authenticated:
            now = int(timezone.now().timestamp())
            last_seen = request.session.get(_LAST_SEEN, 0)
            if now - last_seen >= _TOUCH_EVERY_SECONDS:
                request.session[_LAST_SEEN] = now
        return self.get_response(request)


class NoStoreMiddleware:
    """Forbid browsers and proxies to keep a copy of any page that is not public.

    A registry page left in a shared computer's cache, or in a proxy's, names people and their
    relatives. Public pages (views open to ``access.anyone``) stay cacheable for visitors who
    are not signed in; everything a signed-in user receives is never stored.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        public = getattr(request, "_guwah_public_view", False)
        if not public or request.user.is_authenticated:
            # max-age=0, no-cache, no-store, must-revalidate, private
            add_never_cache_headers(response)
        return response

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> None:
        permission = getattr(view, access.PERMISSION_ATTRIBUTE, None)
        request._guwah_public_view = permission is access.anyone  # type: ignore[attr-defined]
