"""`areas:search`: the areas matching a text, for the area search box (htmx) and scripts."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from grogrund.areas import selectors
from grogrund.areas.models import AreaLevel
from grogrund.areas.search_forms import MAX_CHOICES

KEYS = {"pk", "code"}


def area_search(request: HttpRequest) -> HttpResponse:
    """Matches among the areas the visitor may see: an HTML list of choices for the widget
    (`field`, `multiple`, `key` say how to name them), or JSON with `?format=json`."""
    field = request.GET.get("field", "")
    text = ((request.GET.get(f"{field}_q") if field else None) or request.GET.get("q", "")).strip()
    level = request.GET.get("level", "")
    if level not in AreaLevel.values:
        level = ""
    key = request.GET.get("key", "pk")
    key = key if key in KEYS else "pk"
    chosen = [v for v in request.GET.getlist(field) if v] if field else []
    areas = selectors.search_areas(request.user, text, None, level=level)
    if text:
        areas = areas.exclude(**{f"{key}__in": chosen}).select_related("parent")[:MAX_CHOICES]
    else:
        areas = areas.none()
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "results": [
                    {
                        "code": a.code,
                        "name": a.name,
                        "level": a.level,
                        "parent": a.parent.code if a.parent else None,
                    }
                    for a in areas
                ]
            },
            json_dumps_params={"ensure_ascii": False},
        )
    return render(
        request,
        "areas/_area_choices.html",
        {
            "field": field or "area",
            "multiple": request.GET.get("multiple") == "1",
            "matches": [(str(getattr(a, key)), a) for a in areas],
            "searched": bool(text),
        },
    )
