"""API lists kept for the visitor who asked for them, until the data they read changes.

The API's counterpart of grogrund.core.page_cache: a viewset that puts `CachedListMixin`
among its bases and names the scopes of data its list reads (`cache_scopes`, see
grogrund.core.generation) keeps the list's data under a key made of the viewset, the full
path with its filters, the host (the links to further pages name it), the visitor (user id,
or anonymous), the language and the generation of those scopes. A change in a scope the list
reads makes a new key at once, in every process; a change elsewhere (a goal measurement, for
the statistics lists) leaves the kept list in use.

Only a successful answer is kept; authentication, throttling and the parameters' checks run
before, on every request, as without the cache. tests/core/test_pages_read_only_their_scopes.py
fails when a list reads a table of a scope it does not name.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.utils.translation import get_language
from rest_framework.request import Request
from rest_framework.response import Response

from grogrund.core.generation import ALL, current
from grogrund.core.page_cache import _cache

KEY_VERSION = 1  # raise when the lists' data changes shape in a way keys do not see


def list_key(request: Request, view_name: str, scopes: tuple[str, ...]) -> str:
    user = getattr(request, "user", None)
    parts = (
        KEY_VERSION,
        view_name,
        request.get_full_path(),
        request.scheme,
        request.get_host(),
        user.pk if user is not None and user.is_authenticated else None,
        get_language(),
        scopes,
        current(scopes),
    )
    return "grogrund:api-list:" + hashlib.sha256(repr(parts).encode()).hexdigest()


class CachedListMixin:
    """Keep the list's data until a scope it reads changes (see the module)."""

    cache_scopes: tuple[str, ...] = ALL

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        view_name = f"{type(self).__module__}.{type(self).__qualname__}"
        # The key is read before the list is: a change meanwhile leaves it under a generation
        # that has already passed.
        key = list_key(request, view_name, tuple(sorted(self.cache_scopes)))
        cache = _cache()
        kept = cache.get(key)
        if kept is not None:
            return Response(kept)
        response: Response = super().list(request, *args, **kwargs)  # type: ignore[misc]
        if response.status_code == 200:
            cache.set(key, response.data)
        return response
