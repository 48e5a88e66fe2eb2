"""Every page of every app is opened through the one access decorator, exactly once.

A view without it would be guarded, if at all, by a rule of its own that nobody reviews with
the others; a view wearing it twice would ask two permissions, and only one of them shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django.contrib.auth.decorators import login_required
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.decorators import method_decorator
from django.views import View

from guwah.registry import access

# The Django admin keeps its own gate: staff accounts only, behind its own sign-in page.
EXEMPT_NAMESPACES = {"admin"}

# The function that ``access.requires`` wraps every view in; any layer of a view running it is
# one wearing of the decorator.
_GATE = access.requires(access.anyone)(lambda request: None).__code__


def views(patterns: list[Any] | None = None, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Every view of the URL configuration, by URL name (or route, when it has no name)."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in EXEMPT_NAMESPACES:
                continue
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from views(entry.url_patterns, namespace)
        elif isinstance(entry, URLPattern):
            yield f"{prefix}{entry.name or entry.pattern}", entry.callback


def layers(view: Callable[..., Any]) -> Iterator[Callable[..., Any]]:
    """The view and every function it wraps, outermost first."""
    seen: set[int] = set()
    current: Any = view
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = getattr(current, "__wrapped__", None)


def gates(view: Callable[..., Any]) -> int:
    """How many times ``view`` wears ``access.requires``, counting the ``dispatch`` of a
    class-based view that was decorated there."""
    found = sum(getattr(function, "__code__", None) is _GATE for function in layers(view))
    view_class = getattr(view, "view_class", None)
    if view_class is not None and hasattr(view_class.dispatch, access.PERMISSION_ATTRIBUTE):
        # ``method_decorator`` applies the decorator afresh to each request's bound method;
        # what stays on ``dispatch`` is the permission it copied there.
        found += 1
    return found


def permission(view: Callable[..., Any]) -> Any:
    found = getattr(view, access.PERMISSION_ATTRIBUTE, None)
    view_class = getattr(view, "view_class", None)
    if found is None and view_class is not None:
        found = getattr(view_class.dispatch, access.PERMISSION_ATTRIBUTE, None)
    return found


def test_every_view_wears_the_access_decorator() -> None:
    bare = sorted(name for name, view in views() if permission(view) is None)
    assert bare == [], f"views without @access.requires(...): {', '.join(bare)}"


def test_no_view_wears_the_access_decorator_twice() -> None:
    twice = sorted(name for name, view in views() if gates(view) > 1)
    assert twice == [], f"views with @access.requires(...) more than once: {', '.join(twice)}"


def djangos_own_gate(view: Callable[..., Any]) -> bool:
    """Whether ``view`` is behind ``login_required``, ``permission_required`` or
    ``user_passes_test``: a second question the access policy does not know about."""
    return any(
        getattr(function, "__code__", None) is not None
        and function.__code__.co_filename.endswith("django/contrib/auth/decorators.py")
        for function in layers(view)
    )


def test_no_view_is_also_guarded_by_a_gate_of_djangos_own() -> None:
    doubly = sorted(name for name, view in views() if djangos_own_gate(view))
    assert doubly == [], f"views behind a gate of Django's own as well: {', '.join(doubly)}"


def test_the_walk_tells_a_bare_view_from_a_guarded_one() -> None:
    def page(request: Any) -> None:
        return None

    guarded = access.requires(access.can_use_registry)(page)
    assert permission(page) is None and gates(page) == 0
    assert permission(guarded) is access.can_use_registry and gates(guarded) == 1
    assert gates(access.requires(access.anyone)(guarded)) == 2
    assert djangos_own_gate(access.requires(access.anyone)(login_required(page)))
    assert not djangos_own_gate(guarded)


def test_the_walk_counts_a_class_based_view_guarded_at_its_dispatch_once() -> None:
    class Page(View):
        @method_decorator(access.requires(access.signed_in))
        def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
            return super().dispatch(request, *args, **kwargs)

    view = Page.as_view()
    assert permission(view) is access.signed_in
    assert gates(view) == 1
    assert gates(View.as_view()) == 0


def test_the_walk_reaches_every_app() -> None:
    names = {name for name, _ in views()}
    assert {"home", "login", "registry:person_detail", "positions:map"} <= names
    assert not any(name.startswith("admin:") for name in names)
