"""Whole pages kept for the visitor who asked for them, until any data changes.

`@cached_page` keeps the finished HTML of a page under a key made of everything the page can
depend on besides the data: the view and the full path, the visitor (user id, or anonymous),
the language, the visitor's CSRF secret (the page's forms carry a token made from it) and
today's date. The data itself is stood for by the data generation (grogrund.core.generation),
which moves with every change to any of Grogrund's data: a new generation means a new key,
so a kept page is never served after something it could show has changed, whoever changed it
and in whichever process.

A page is served from the cache only to a plain GET from a browser that already has its CSRF
cookie and has no messages waiting; only a successful HTML answer that sets no cookie is
kept. Keeping the page per visitor is what makes this safe: what a page shows depends on the
visitor's rights, and those are part of the data (memberships, sharing), so they move the
generation too.

A page that shows only some scopes of data says so, `@cached_page(scopes=(...))` (see
grogrund.core.generation): its key then holds the generation of those scopes alone, so a
change elsewhere (a goal measurement, for the area profile) leaves it kept. Without scopes a
page reads them all. tests/core/test_pages_read_only_their_scopes.py renders each page that
names its scopes and fails when it reads a table of another scope.

Settings: CACHES["pages"] (a per-process memory cache by default; PAGE_CACHE_ENTRIES bounds
how many pages it holds).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any, overload

from django.contrib.messages import get_messages
from django.core.cache import caches
from django.core.cache.backends.base import InvalidCacheBackendError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from grogrund.core.generation import ALL, current

CACHE_ALIAS = "pages"
KEY_VERSION = 1  # raise when the pages' HTML changes shape in a way keys do not see
MAX_BYTES = 4 * 1024 * 1024  # larger pages are rendered every time


def _cache() -> Any:
    try:
        return caches[CACHE_ALIAS]
    except InvalidCacheBackendError:
        return caches["default"]


def page_key(request: HttpRequest, view_name: str, scopes: tuple[str, ...] = ALL) -> str | None:
    """The key of this request's page, or None when the page must be rendered."""
    if request.method != "GET" or request.headers.get("HX-Request"):
        return None
    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        return None  # a first visit: rendering the page sets the CSRF cookie
    if len(get_messages(request)):  # counting reads the messages without using them up
        return None
    user = getattr(request, "user", None)
    parts = (
        KEY_VERSION,
        view_name,
        request.get_full_path(),
        user.pk if user is not None and user.is_authenticated else None,
        get_language(),
        secret,
        date.today().isoformat(),
        scopes,
        current(scopes),
    )
    return "grogrund:page:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def _keepable(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith("text/html")
        and len(response.content) <= MAX_BYTES
    )


View = Callable[..., HttpResponse]


@overload
def cached_page(view: View) -> View: ...
@overload
def cached_page(*, scopes: tuple[str, ...]) -> Callable[[View], View]: ...


def cached_page(
    view: View | None = None, *, scopes: tuple[str, ...] = ALL
) -> View | Callable[[View], View]:
    """Serve the visitor's page from the cache while no data it reads has changed (see the
    module). `@cached_page` reads every scope of data; `@cached_page(scopes=(...))` names
    the scopes the page reads."""
    if view is None:
        return lambda view: _cached(view, tuple(sorted(scopes)))
    return _cached(view, ALL)


def _cached(view: View, scopes: tuple[str, ...]) -> View:
    view_name = f"{view.__module__}.{view.__qualname__}"

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # The key is read before the page is rendered: if the data changes meanwhile, the
        # page is kept under a generation that has already passed.
        key = page_key(request, view_name, scopes)
        if key is None:
            return view(request, *args, **kwargs)
        cache = _cache()
        kept = cache.get(key)
        if kept is not None:
            content, content_type = kept
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if _keepable(response):
            cache.set(key, (response.content, response["Content-Type"]))
        return response

    wrapper.data_scopes = scopes  # type: ignore[attr-defined]
    return wrapper
