"""Through which channel a change comes: the site, the API, the admin, an import or the
command line. Decided in one place and read by both histories (accounts.HistoryEntry and
programmes.ChangeLog), so no service has to be told.

- A request: `ChannelMiddleware` says the API for /api/…, the admin for /admin/…, else the
  site.
- An import (a file, a live fetch, a background job) runs its writes inside
  `with channel(HistoryChannel.IMPORT)`, or under `@in_channel(HistoryChannel.IMPORT)`:
  the import wins over the request it was started from.
- The `grogrund` command line (and its worker) says the command line for the whole process
  (the environment variable GROGRUND_CHANNEL, set by grogrund.cli), unless an import says
  otherwise.

`current_channel()` is "" when nothing said: an entry then names no channel (as entries
written before channels were kept).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from grogrund.accounts.models import HistoryChannel

_channel: ContextVar[str | None] = ContextVar("grogrund_channel", default=None)
PROCESS_VARIABLE = "GROGRUND_CHANNEL"

F = TypeVar("F", bound=Callable[..., Any])


def current_channel() -> str:
    """The channel of the change being made now ("" when unknown)."""
    said = _channel.get()
    if said:
        return said
    process = os.environ.get(PROCESS_VARIABLE, "")
    return process if process in HistoryChannel.values else ""


@contextmanager
def channel(name: str) -> Iterator[None]:
    """Changes made inside come through `name`."""
    token = _channel.set(HistoryChannel(name).value)
    try:
        yield
    finally:
        _channel.reset(token)


def in_channel(name: str) -> Callable[[F], F]:
    """A function whose changes come through `name` (for an import service)."""

    def decorate(func: F) -> F:
        @wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with channel(name):
                return func(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


def channel_of(request: HttpRequest) -> str:
    path = request.path_info
    if path.startswith("/api/"):
        return HistoryChannel.API
    if path.startswith("/admin/"):
        return HistoryChannel.ADMIN
    return HistoryChannel.WEB


class ChannelMiddleware:
    """Every change made while answering a request comes through the request's channel."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with channel(channel_of(request)):
            return self.get_response(request)


def channel_text(via: str) -> str:
    """How a history sentence says the channel ("" when unknown)."""
    texts = {
        HistoryChannel.WEB: _("on the site"),
        HistoryChannel.API: _("via the API"),
        HistoryChannel.ADMIN: _("in the admin"),
        HistoryChannel.IMPORT: _("by an import"),
        HistoryChannel.CLI: _("from the command line"),
    }
    return texts.get(via, "")  # type: ignore[call-overload]
