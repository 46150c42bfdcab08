"""API tokens: made, listed and revoked by their user on the account page; checked by DRF.

A token is `grg_` and 43 random URL-safe characters (256 bits). Only its SHA-256 is stored, so
a copy of the database does not give access to the API. Each token expires (API_TOKEN_DAYS
by default), may be read-only, and is revoked by its user; logging out does not revoke it.
Every use is logged (logger `grogrund.security`: token, user, address, method, path) and the
token keeps the time and address of its last use.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request

from grogrund.accounts.models import ApiToken, TokenAccess, User
from grogrund.accounts.security import client_ip

log = logging.getLogger("grogrund.security")

PREFIX = "grg_"
KEYWORD = "Token"
# The last use is written at most this often per token, not on every request.
LAST_USED_EVERY = timedelta(minutes=1)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # shown to the user once, never stored


def create_token(
    *,
    user: User,
    name: str,
    access: str = TokenAccess.READ,
    expires_at: datetime | None = None,
) -> NewToken:
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip() or _("API token"),
        prefix=secret[: len(PREFIX) + 4],
        key_hash=hash_secret(secret),
        access=TokenAccess(access),
        expires_at=expires_at or timezone.now() + timedelta(days=settings.API_TOKEN_DAYS),
    )
    log.info("api token %s created for user %s", token.pk, user.pk)
    return NewToken(token=token, secret=secret)


def tokens_of(user: Any) -> QuerySet[ApiToken]:
    """The user's tokens that still work, newest first."""
    return ApiToken.objects.filter(
        user_id=user.pk, revoked_at__isnull=True, expires_at__gt=timezone.now()
    )


def revoke_token(*, user: Any, token_id: int) -> bool:
    """Revoke one of the user's own tokens; False if the user has no such token."""
    token = ApiToken.objects.filter(pk=token_id, user_id=user.pk, revoked_at__isnull=True).first()
    if token is None:
        return False
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    log.info("api token %s revoked by user %s", token.pk, user.pk)
    return True


def _note_use(token: ApiToken, request: Request) -> None:
    now = timezone.now()
    ip = client_ip(request)
    log.info(
        "api token %s used by user %s from %s: %s %s",
        token.pk,
        token.user_id,
        ip,
        request.method,
        request.path,
    )
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        # A plain UPDATE: the last use is shown on the account page alone, which is never
        # kept in the page cache, so it need not move the data generation.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now, last_used_ip=ip)


class ApiTokenAuthentication(BaseAuthentication):
    """`Authorization: Token <secret>`: the user of a live token; 401 for an unknown, revoked
    or expired one; 403 for a read-only token asking to change anything."""

    def authenticate(self, request: Request) -> tuple[User, ApiToken] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != KEYWORD.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                _("Invalid token header: give the token after the word Token, without spaces.")
            )
        try:
            secret = parts[1].decode("ascii")
        except UnicodeDecodeError as err:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from err
        token = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=hash_secret(secret), revoked_at__isnull=True)
            .first()
        )
        if token is None or not token.user.is_active:
            log.warning("unknown or revoked api token from %s", client_ip(request))
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        with translation.override(token.user.language):
            if token.expires_at <= timezone.now():
                log.warning("expired api token %s from %s", token.pk, client_ip(request))
                raise exceptions.AuthenticationFailed(
                    _("The token has expired. Make a new one on your account page.")
                )
            if token.access != TokenAccess.WRITE and request.method not in SAFE_METHODS:
                _note_use(token, request)
                raise exceptions.PermissionDenied(
                    _("This token is read-only: it cannot change data.")
                )
        _note_use(token, request)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return KEYWORD


class ApiTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    """How the OpenAPI schema describes the token (drf-spectacular)."""

    target_class = "grogrund.accounts.tokens.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Token authentication: `Authorization: Token <secret>`.",
        }
