from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from grogrund.accounts.middleware import SUPPORTED
from grogrund.areas import selectors
from grogrund.areas.models import AreaLevel


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


@login_required
def account(request: HttpRequest) -> HttpResponse:
    from rest_framework.authtoken.models import Token

    token = None
    if request.method == "POST" and request.POST.get("action") == "token":
        Token.objects.filter(user=request.user).delete()
        token = Token.objects.create(user=request.user).key
    return render(request, "core/account.html", {"token": token})


def trivial(request: HttpRequest) -> HttpResponse:
    """A page that does nothing: the floor the benchmarks compare page latency against."""
    return HttpResponse("ok", content_type="text/plain")
