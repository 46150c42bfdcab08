"""HTTP with a calls-per-window rate limit and bounded retries, shared by the SCB and Kolada
clients. The clock, sleep and session are injectable so tests never wait or reach the network.
"""

from __future__ import annotations

import collections
import email.utils
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import requests

from .errors import SourceError, gettext_noop
from .records import Location

Clock = Callable[[], float]
Sleep = Callable[[float], None]


class Response(Protocol):
    status_code: int
    headers: Mapping[str, str]

    def json(self) -> Any: ...


class Session(Protocol):
    """The part of `requests.Session` the clients use."""

    def request(self, method: str, url: str, **kwargs: Any) -> Any: ...


class RateLimiter:
    """At most `max_calls` calls in any `window_seconds` (sliding window)."""

    def __init__(
        self,
        max_calls: int,
        window_seconds: float,
        *,
        clock: Clock = time.monotonic,
        sleep: Sleep = time.sleep,
    ) -> None:
        self.max_calls = max(1, max_calls)
        self.window_seconds = window_seconds
        self._clock = clock
        self._sleep = sleep
        self._calls: collections.deque[float] = collections.deque()

    def acquire(self) -> None:
        while True:
            now = self._clock()
            while self._calls and now - self._calls[0] >= self.window_seconds:
                self._calls.popleft()
            if len(self._calls) < self.max_calls:
                self._calls.append(now)
                return
            self._sleep(self.window_seconds - (now - self._calls[0]))


@dataclass
class RetryPolicy:
    """Bounded retries: HTTP 429 honours Retry-After, otherwise (and for 5xx and network
    errors) waits `base_seconds × 2^attempt`, capped at `max_seconds`."""

    max_retries: int = 5
    base_seconds: float = 1.0
    max_seconds: float = 60.0
    retry_statuses: frozenset[int] = field(
        default_factory=lambda: frozenset({429, 500, 502, 503, 504})
    )

    def backoff(self, attempt: int) -> float:
        return float(min(self.max_seconds, self.base_seconds * 2**attempt))


def retry_after_seconds(value: str | None, *, now: float | None = None) -> float | None:
    """Parse a Retry-After header: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    current = time.time() if now is None else now
    return max(0.0, when.timestamp() - current)


def request_json(
    session: Session,
    method: str,
    url: str,
    *,
    service: str,
    limiter: RateLimiter | None,
    retry: RetryPolicy,
    sleep: Sleep,
    timeout: float = 60.0,
    **kwargs: Any,
) -> Any:
    """Send a request and return its decoded JSON, retrying 429/5xx/network errors."""
    location = Location(file=url)
    attempt = 0
    while True:
        if limiter is not None:
            limiter.acquire()
        try:
            response = session.request(method, url, timeout=timeout, **kwargs)
        except (requests.ConnectionError, requests.Timeout) as exc:
            if attempt >= retry.max_retries:
                raise SourceError(
                    gettext_noop(
                        "Could not reach %(service)s at %(file)s after %(attempts)s attempts "
                        "(%(reason)s). Check the network connection and try again later."
                    ),
                    {"service": service, "attempts": attempt + 1, "reason": str(exc)},
                    location,
                    code="network",
                ) from exc
            sleep(retry.backoff(attempt))
            attempt += 1
            continue

        status = int(response.status_code)
        if status in retry.retry_statuses:
            if attempt >= retry.max_retries:
                if status == 429:
                    raise SourceError(
                        gettext_noop(
                            "%(service)s kept refusing requests because too many were sent "
                            "(HTTP 429), %(attempts)s attempts to %(file)s. Wait a few minutes "
                            "and try again, or fetch fewer areas at a time."
                        ),
                        {"service": service, "attempts": attempt + 1},
                        location,
                        code="rate_limited",
                    )
                raise SourceError(
                    gettext_noop(
                        "%(service)s answered with a server error (HTTP %(status)s) for "
                        "%(file)s, %(attempts)s attempts. The service may be down; try again "
                        "later."
                    ),
                    {"service": service, "status": status, "attempts": attempt + 1},
                    location,
                    code="server_error",
                )
            wait = None
            if status == 429:
                wait = retry_after_seconds(response.headers.get("Retry-After"))
            sleep(retry.backoff(attempt) if wait is None else min(wait, retry.max_seconds))
            attempt += 1
            continue
        if status >= 400:
            raise SourceError(
                gettext_noop(
                    "%(service)s refused the request %(file)s (HTTP %(status)s). Check the "
                    "table id, the codes in the selection and the mapping."
                ),
                {"service": service, "status": status},
                location,
                code="http_error",
            )
        try:
            return response.json()
        except ValueError as exc:
            raise SourceError(
                gettext_noop(
                    "%(service)s returned something that is not JSON for %(file)s. Try again "
                    "later; if it persists, the service may have changed its format."
                ),
                {"service": service},
                location,
                code="invalid_response",
            ) from exc
