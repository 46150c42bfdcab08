"""The national network overview (for members of the network) and the public pages (for
everyone), thin: the reads are in selectors.py and public.py."""

from __future__ import annotations

from hashlib import sha256
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from grogrund.accounts.access import in_network
from grogrund.accounts.models import HistoryEntry
from grogrund.areas.models import PoliceCategory
from grogrund.core.generation import current
from grogrund.core.page_cache import cached_page
from grogrund.network import charts, public, selectors, services
from grogrund.network.forms import NetworkSettingsForm
from grogrund.network.maps import programme_map
from grogrund.network.models import NetworkSettings
from grogrund.network.sitemaps import SITEMAPS

#: A rendered overview body is kept under a key holding the data generation (any change to
#: any data makes a new key at once, in every process); the expiry only frees memory.
BODY_CACHE_SECONDS = 3600


def parse_filters(query: QueryDict) -> tuple[selectors.Filters, int]:
    """The overview's filters and page from the query string; anything not understood is
    left out (a filter nobody can set wrongly by hand)."""
    county_text = query.get("county", "")
    county = int(county_text) if county_text.isdigit() else None
    police = query.get("police", "")
    if police not in PoliceCategory.values:
        police = ""
    method = query.get("method", "")[:80]
    page_text = query.get("page", "")
    page = int(page_text) if page_text.isdigit() and len(page_text) < 6 else 1
    return selectors.Filters(county, police, method), page


def _overview_body(
    request: HttpRequest, user: Any, scope: str, filters: selectors.Filters, page: int
) -> str:
    parts = ["network", current(), get_language() or "", scope, filters.key, page]
    key = "network:overview:" + sha256("|".join(map(str, parts)).encode()).hexdigest()
    body = cache.get(key)
    if body is None:
        ov = selectors.overview(user, filters, page, scope=scope)
        indicators = [
            {
                "total": total,
                "chart": charts.totals_chart(total)
                if k < charts.MAX_CHARTS and total.years
                else "",
                "table": charts.totals_table(total) if total.years else "",
            }
            for k, total in enumerate(ov.indicators)
        ]
        body = render_to_string(
            "network/_overview_body.html",
            {
                "ov": ov,
                "indicators": indicators,
                "map": programme_map(ov),
                "police_categories": PoliceCategory.choices,
                "public": scope == selectors.PUBLIC,
                "action": request.path,
            },
            request=request,
        )
        cache.set(key, body, BODY_CACHE_SECONDS)
    return body


def _refused(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "network/refused.html", {"message": message}, status=403)


@login_required
@cached_page
def overview(request: HttpRequest) -> HttpResponse:
    """Step 12 across the country: which members run programmes, at which step, with which
    results, counted from what their owners share with the network or publish."""
    if not in_network(request.user):
        return _refused(
            request,
            _(
                "The network overview is for members of organisations in the national network. "
                "None of your organisations is a member. Published programmes and the methods "
                "library are on the public pages."
            ),
        )
    filters, page = parse_filters(request.GET)
    body = _overview_body(request, request.user, selectors.NETWORK, filters, page)
    return render(
        request,
        "network/overview.html",
        {
            "body": mark_safe(body),
            "can_change_settings": selectors.administered_networks(request.user).exists(),
        },
    )


def _history(row: NetworkSettings) -> list[HistoryEntry]:
    """The latest changes of the network's choice, each with who made it (`who`): the demo
    and the command line make them without a user."""
    entries = list(
        HistoryEntry.objects.filter(
            object_type="networksettings", object_id=str(row.pk)
        ).select_related("user")[:20]
    )
    for h in entries:
        user = h.user
        h.who = (user.get_full_name() or user.username) if user else _("Someone")  # type: ignore[attr-defined]
    return entries


@login_required
def network_settings(request: HttpRequest) -> HttpResponse:
    """What the network shows publicly, chosen by the network organisation's administrators."""
    networks = list(selectors.administered_networks(request.user))
    if not networks:
        return _refused(
            request,
            _(
                "Only administrators of a network organisation in the national network choose "
                "what the network shows publicly."
            ),
        )
    rows = {r.organisation_id: r for r in NetworkSettings.objects.filter(organisation__in=networks)}
    if request.method == "POST":
        chosen = next(
            (n for n in networks if str(n.pk) == request.POST.get("organisation", "")), None
        )
        if chosen is None:
            raise Http404
        form = NetworkSettingsForm(request.POST, prefix=f"n{chosen.pk}")
        if form.is_valid():
            try:
                services.save_settings(
                    user=request.user,
                    organisation=chosen,
                    show_totals_publicly=form.cleaned_data["show_totals_publicly"],
                )
            except services.NetworkError as err:
                form.add_error(None, str(err))
            else:
                messages.success(request, _("The network's choice was saved."))
                return redirect("network:settings")
    sections = []
    for n in networks:
        row = rows.get(n.pk)
        sections.append(
            {
                "organisation": n,
                "form": NetworkSettingsForm(
                    prefix=f"n{n.pk}",
                    initial={"show_totals_publicly": bool(row and row.show_totals_publicly)},
                ),
                "history": _history(row) if row else [],
            }
        )
    return render(request, "network/settings.html", {"sections": sections})


# --- the public pages ---------------------------------------------------------------------------


def _meta(request: HttpRequest, title: str, description: str) -> dict[str, str]:
    """What a public page says about itself to search engines and link previews."""
    return {
        "meta_title": title,
        "meta_description": description,
        "canonical": request.build_absolute_uri(request.path),
    }


def _public_body(name: str, template: str, context: Any, request: HttpRequest) -> Any:
    """The body of a public page, the same for every visitor: kept under a key holding the
    data generation and the language, so a first visit does not compute it again."""
    parts = ["public", name, current(), get_language() or ""]
    key = "network:public:" + sha256("|".join(map(str, parts)).encode()).hexdigest()
    body = cache.get(key)
    if body is None:
        body = render_to_string(template, context(), request=request)
        cache.set(key, body, BODY_CACHE_SECONDS)
    return mark_safe(body)


@cached_page
def public_index(request: HttpRequest) -> HttpResponse:
    meta = _meta(
        request,
        _("Published programmes and methods"),
        _(
            "Social investments in residential areas that housing companies, municipalities "
            "and their partners have chosen to publish: goals, results, effect logic and "
            "valuations."
        ),
    )
    body = _public_body(
        "index",
        "network/_public_index_body.html",
        lambda: {
            "programmes": public.listed_programmes(),
            "methods": public.public_methods(),
            "totals_shown": selectors.public_totals_shown(),
            **meta,
        },
        request,
    )
    return render(request, "network/public_index.html", {"body": body, **meta})


@cached_page
def public_programme(request: HttpRequest, pk: int) -> HttpResponse:
    programme = (
        selectors.published_programmes()
        .select_related("owner")
        .only("pk", "name", "description", "owner__name")
        .filter(pk=pk)
        .first()
    )
    if programme is None:
        raise Http404

    def context() -> dict[str, Any]:
        shown = public.public_programme(pk)
        if shown is None:  # unpublished since the first look: the next request is a 404
            raise Http404
        return {"shown": shown, "programme": shown.programme}

    description = programme.description or _("A published programme of %(owner)s.") % {
        "owner": programme.owner.name
    }
    body = _public_body(
        f"programme-{programme.pk}", "network/_public_programme_body.html", context, request
    )
    return render(
        request,
        "network/public_programme.html",
        {"body": body, "programme": programme, **_meta(request, programme.name, description[:300])},
    )


@cached_page
def public_methods(request: HttpRequest) -> HttpResponse:
    meta = _meta(
        request,
        _("Method library"),
        _(
            "Methods against unemployment, weak school results and crime, with the "
            "published programmes that use them."
        ),
    )
    body = _public_body(
        "methods",
        "network/_public_methods_body.html",
        lambda: {"methods": public.public_methods(), **meta},
        request,
    )
    return render(request, "network/public_methods.html", {"body": body, **meta})


@cached_page
def public_totals(request: HttpRequest) -> HttpResponse:
    """The network's totals, if the network has chosen to show them: counted from published
    programmes only, the same for every visitor."""
    shown = selectors.public_totals_shown()
    body = ""
    if shown:
        filters, page = parse_filters(request.GET)
        body = _overview_body(request, AnonymousUser(), selectors.PUBLIC, filters, page)
    return render(
        request,
        "network/public_totals.html",
        {
            "shown": shown,
            "body": mark_safe(body),
            **_meta(
                request,
                _("The network's results"),
                _(
                    "Programmes of the national network's members that their owners have "
                    "published: goals and results added up."
                ),
            ),
        },
    )


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Search engines may read the public pages and the statistics; not accounts, the API or
    the admin. Points to the sitemap of the public pages."""
    lines = [
        "User-agent: *",
        "Disallow: /konto/",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /jobb/",
        "Disallow: /sprak/",
        "Disallow: /natverket/",
        "Allow: /oppet/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
def sitemap(request: HttpRequest) -> HttpResponse:
    """The public pages only (grogrund.network.sitemaps)."""
    response = django_sitemap(request, sitemaps=SITEMAPS)
    response.render()
    return response
