"""Rendered memorial pages kept for visitors who are not signed in, until the record changes.

A public page is the same for every anonymous visitor who asks for it in the same language at the
same address, until something in the registry changes. Every such change (a save or deletion of
any registry or evidence record, a bulk load, a merge; see ``PublicConfig.ready``) replaces one
*generation* token kept in the ``memorial`` cache, which every worker process shares, and every
kept page is filed under the token read before it was rendered. A page is therefore never served
after the change that could alter it: withdrawing consent, changing a publication level or the
photo's consent takes the page away on the very next request, in every worker. The token is
replaced once when the change is made (for the request that made it) and again once its
transaction has committed, so a page another worker rendered from the data as it stood before
the commit is filed under a token that is already gone.

The views that may be kept wear :func:`kept_for_visitors`; :class:`KeptPagesMiddleware` keeps
their pages in the ``pages`` cache of each worker process (memory, bounded), keyed by token,
language, scheme, host and path, and serves them again before the rest of the middleware and the
view run (no session, no transaction, no query). Only plain GET requests without a query string
are served from it, and only to visitors who bring no session cookie (so no signed-in user, and
no pending message, can ever receive or leave a kept page); the form token of the language
switch is put back per request, so each visitor's form carries a token of her own.
"""

from __future__ import annotations

import functools
import hashlib
import re
import secrets
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils import translation

_GENERATION = "memorial:pages:generation"
# Stands in a kept page for the visitor's form token; replaced before the page is sent.
_TOKEN_PLACEHOLDER = b"guwah-page-cache-form-token-placeholder"
_RENDERED_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')
View = Callable[..., HttpResponse]


def _new_generation() -> None:
    caches["memorial"].set(_GENERATION, secrets.token_hex(8), timeout=None)


def forget_pages(**_kwargs: Any) -> None:
    """Make every kept page stale, now and again once the current transaction commits.

    The replacement after the commit is asked for once per transaction, however many records
    it saves."""
    _new_generation()
    connection = transaction.get_connection()
    if connection.in_atomic_block and not any(
        callback is _new_generation for _, callback, _ in connection.run_on_commit
    ):
        transaction.on_commit(_new_generation)


def generation() -> str:
    """The current generation token (a new one if none is kept, e.g. after a cache clear)."""
    cache = caches["memorial"]
    token = cache.get(_GENERATION)
    if token is None:
        cache.add(_GENERATION, secrets.token_hex(8), timeout=None)
        token = cache.get(_GENERATION)
    return str(token)


def _servable(request: HttpRequest) -> bool:
    # Without a session cookie the visitor is not signed in and has no message waiting; the
    # user object is then not even loaded.
    return (
        request.method == "GET"
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def kept_for_visitors(view: View) -> View:
    """Let :class:`KeptPagesMiddleware` keep ``view``'s page for visitors."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response._guwah_keep = True  # type: ignore[attr-defined]
        return response

    return wrapper


class KeptPagesMiddleware:
    """Serve a kept page before the rest of the middleware and the view run.

    It stands right after WhiteNoise. A kept page is sent with the headers the whole stack gave
    it when it was rendered (security policy, framing, language, ``Vary``), and with the
    visitor's own form token and cookie, as Django's CSRF middleware would set them; nothing
    after this middleware can tell an anonymous visitor's GET of a public page from another's.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        # Used only for how it reads and sets the form token's cookie.
        self.csrf = CsrfViewMiddleware(get_response)

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not _servable(request):
            return self.get_response(request)
        language = translation.get_language_from_request(request)
        # Read before rendering: what is rendered is filed under the generation it may belong to.
        address = f"{request.scheme}://{request.get_host()}{request.path}".encode()
        # Hashed: an address may be long or hold any character, a cache key may not.
        hashed = hashlib.blake2b(address, digest_size=16).hexdigest()
        key = f"page:{generation()}:{language}:{hashed}"
        cache = caches["pages"]
        kept = cache.get(key)
        if kept is not None:
            return self._serve(request, *kept)
        response = self.get_response(request)
        if (
            getattr(response, "_guwah_keep", False)
            and response.status_code == 200
            and not response.streaming
            and set(response.cookies) <= {settings.CSRF_COOKIE_NAME}
            and response.get("Content-Language") == language
        ):
            cache.set(key, self._kept(response))
        return response

    def _kept(self, response: Any) -> tuple[bytes, list[tuple[str, str]]]:
        content = response.content
        token = _RENDERED_TOKEN.search(content)
        if token is not None:
            content = content.replace(token.group(1), _TOKEN_PLACEHOLDER)
        headers = [(k, v) for k, v in response.items() if k.lower() != "content-length"]
        return content, headers

    def _serve(
        self, request: HttpRequest, content: bytes, headers: list[tuple[str, str]]
    ) -> HttpResponseBase:
        self.csrf.process_request(request)  # the visitor's own token, if her cookie holds one
        if _TOKEN_PLACEHOLDER in content:
            content = content.replace(_TOKEN_PLACEHOLDER, get_token(request).encode())
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        response["Content-Length"] = str(len(content))
        return self.csrf.process_response(request, response)
