"""What a visitor gets when the server fails: a page or, under /api/, JSON — and a 503 that says
"try again shortly" when the database does not answer (a restart, a failover), instead of a
bare "Server Error (500)". Django calls `server_error` (handler500) inside the handling of the
exception, so the exception is still at hand. Rendered without a request context: the
navigation and everything else that would ask the database are left out."""

from __future__ import annotations

import sys

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

#: Seconds a client is asked to wait before trying again while the database is away.
RETRY_AFTER_SECONDS = 5


def database_away(exc: BaseException | None) -> bool:
    """Whether the failure is the database not answering (connection refused, lost, closed)
    rather than a fault in the code. Errors from a query itself (an IntegrityError, a
    programming error) are faults and stay 500s."""
    return isinstance(exc, OperationalError | InterfaceError) or (
        isinstance(exc, DatabaseError) and "connection" in str(exc).lower()
    )


def server_error(request: HttpRequest) -> HttpResponse:
    away = database_away(sys.exc_info()[1])
    status = 503 if away else 500
    message = (
        _("The database is not answering right now. Please try again in a few seconds.")
        if away
        else _("Something went wrong on the server. The error has been logged.")
    )
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)} if away else {}
    title = _("Temporarily unavailable") if away else _("Server error")
    return error_response(request, status, title, message, headers)


def error_response(
    request: HttpRequest,
    status: int,
    title: str,
    message: str,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    """A refusal made before or without the database: JSON `{"detail": message}` under /api/,
    else a small page in the visitor's language (no navigation, which would ask the
    database)."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status, headers=headers)
    html = render_to_string(
        "server_error.html",
        {"title": title, "message": message, "language": get_language() or "sv"},
    )
    return HttpResponse(html, status=status, headers=headers)
