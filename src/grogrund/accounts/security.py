"""Login throttling: who a visitor is (their address) and the lockout check (django-axes)."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.http import HttpRequest


def client_ip(request: Any) -> str | None:
    """The visitor's address. Behind a reverse proxy (BEHIND_PROXY), the address the nearest
    TRUSTED_PROXY_COUNT proxies saw, read from the right of X-Forwarded-For: the left part
    is whatever the visitor sent, and would let anyone pick a fresh address per attempt."""
    remote = request.META.get("REMOTE_ADDR") or None
    if not settings.BEHIND_PROXY:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    count = max(settings.TRUSTED_PROXY_COUNT, 1)
    if len(forwarded) >= count:
        return forwarded[-count]
    return forwarded[0] if forwarded else remote


class LockoutBackend(AxesStandaloneBackend):  # type: ignore[misc]
    """django-axes' lockout check for every login through a web request (the site's login,
    the admin's, password change). Outside a request (a management command, a shell) there
    is no visitor to lock out, so it leaves the decision to the next backend."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)  # type: ignore[no-any-return]
