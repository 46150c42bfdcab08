from __future__ import annotations

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from grogrund.accounts.middleware import SUPPORTED
from grogrund.areas import selectors
from grogrund.areas.models import AreaLevel
from grogrund.core import health as health_checks
from grogrund.programmes import selectors as programme_selectors


def home(request: HttpRequest) -> HttpResponse:
    context = {}
    if request.user.is_authenticated:
        areas = selectors.areas_for(request.user)
        context = {
            "custom_areas": areas.filter(level=AreaLevel.CUSTOM).order_by("name")[:20],
            "municipalities": areas.filter(level=AreaLevel.MUNICIPALITY).order_by("name")[:20],
            "challenges": selectors.challenges_for(request.user).select_related("area", "owner")[
                :10
            ],
            "datasets": selectors.datasets_for(request.user).select_related("owner")[:10],
            "my_programmes": programme_selectors.my_programmes(request.user),
        }
    return render(request, "core/home.html", context)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch language: stored on the user when signed in, else in a cookie."""
    language = request.POST.get("language", "")
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    if language in SUPPORTED:
        if request.user.is_authenticated:
            request.user.language = language
            request.user.save(update_fields=["language"])
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
        )
    return response


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page links: send them to the SVG icon
    (temporarily, as the static file's name changes with its content)."""
    return HttpResponseRedirect(static("grogrund/favicon.svg"))


def trivial(request: HttpRequest) -> HttpResponse:
    """A page that does nothing: the floor the benchmarks compare page latency against."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring: 200 when the database answers and has every
    migration applied, else 503; says which, and nothing more (no versions, no errors)."""
    database = "ok" if health_checks.database_answers() else "unavailable"
    migrations = "unknown"
    if database == "ok":
        try:
            migrations = "pending" if health_checks.pending_migrations() else "ok"
        except DatabaseError:
            database = "unavailable"
    healthy = database == "ok" and migrations == "ok"
    return JsonResponse(
        {"database": database, "migrations": migrations}, status=200 if healthy else 503
    )
