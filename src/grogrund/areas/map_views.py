"""The maps' pages: the area profile's choropleth (also alone, for htmx), the boundary upload
and the custom-area editor with its DeSO picker map."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from grogrund.accounts.access import can_manage_boundaries
from grogrund.areas import maps, selectors
from grogrund.areas.boundaries import import_boundaries
from grogrund.areas.boundary_jobs import enqueue_boundary_import, in_background, job_owner
from grogrund.areas.custom_areas import (
    CustomAreaError,
    editable_custom_areas_for,
    member_choices,
    save_custom_area,
)
from grogrund.areas.map_forms import BoundaryUploadForm, CustomAreaForm, MapChoiceForm
from grogrund.areas.models import Area, AreaBoundary, AreaLevel
from grogrund.areas.profile_page import _cache
from grogrund.core.errors import user_message
from grogrund.core.generation import current
from grogrund.core.page_cache import cached_page
from grogrund.core.uploads import upload_on_disk
from grogrund.jobs.models import JobKind
from grogrund.jobs.selectors import jobs_for
from grogrund.sources.boundaries import read_boundaries
from grogrund.sources.errors import SourceError

#: Raise when the map section's HTML changes shape.
SECTION_KEY_VERSION = 1
MAP_PARAMETERS = ("indicator", "level", "classes")


def map_section(
    request: HttpRequest,
    area: Area,
    chain: list[Area] | None = None,
    *,
    boundaries: bool | None = None,
) -> SafeString | None:
    """The profile's map section (the choice of indicator, level and classes, and the map),
    None for areas without one (a county, the country). `chain` (the profile's comparison
    areas) names the municipality and `boundaries` (the area annotated with `maps.has_map`)
    says whether it has boundaries, each without another query.

    Cached whole until any data changes: the key holds the data generation, the language, the
    area, the choice made and the datasets the visitor may see, so visitors who see the same
    datasets share it (two queries when it is there)."""
    municipality = maps.municipality_of(area, chain)
    if municipality is None:
        return None
    if boundaries is None:
        boundaries = maps.has_boundaries(municipality)
    if not boundaries:
        # Most municipalities until boundaries are imported: one query, nothing to cache.
        return mark_safe(
            render_to_string(
                "areas/_area_map.html",
                {"area": area, "map": {"municipality": municipality, "no_boundaries": True}},
            )
        )
    visible = selectors.visible_dataset_ids(request.user)
    choice = tuple(request.GET.get(name, "") for name in MAP_PARAMETERS)
    parts = (SECTION_KEY_VERSION, current(), get_language(), area.pk, choice, visible)
    key = "grogrund:map-section:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    cache = _cache()
    html = cache.get(key)
    if html is None:
        context = _section_context(request, area, municipality)
        html = render_to_string("areas/_area_map.html", {"area": area, "map": context})
        cache.set(key, html)
    return mark_safe(html)


def _section_context(request: HttpRequest, area: Area, municipality: Area) -> dict[str, Any]:
    context: dict[str, Any] = {"municipality": municipality}
    indicators = maps.indicators_with_figures(request.user, municipality)
    if not indicators:
        return {**context, "no_figures": True}
    given = {k: v for k, v in request.GET.items() if k in MAP_PARAMETERS}
    form = MapChoiceForm(given or None, indicators=indicators)
    indicator, level, method = form.choice(indicators)
    if not given:
        form = MapChoiceForm(
            initial={"indicator": indicator.code, "level": level, "classes": method},
            indicators=indicators,
        )
    html = maps.choropleth_html(
        area=area,
        municipality=municipality,
        user=request.user,
        request=maps.MapRequest(indicator=indicator, level=level, method=method),
    )
    return {**context, "form": form, "map": html}


@cached_page
def area_map(request: HttpRequest, code: str) -> HttpResponse:
    """The profile's map alone: the section for htmx, or a page of its own."""
    area = get_object_or_404(
        selectors.areas_for(request.user).select_related("parent__parent__parent__parent"),
        code=code,
    )
    chain = selectors.comparison_chain(area)
    # Whether it has boundaries is asked of its municipality (one indexed query): cheaper than
    # the profile's annotation, which also looks through custom areas' members.
    section = map_section(request, area, chain)
    if section is None:
        raise Http404
    if request.headers.get("HX-Request"):
        return HttpResponse(section)
    municipality = maps.municipality_of(area, chain)
    return render(
        request,
        "areas/area_map.html",
        {"area": area, "section": section, "municipality": municipality},
    )


# --- boundaries -------------------------------------------------------------------------------


@login_required
def boundaries(request: HttpRequest) -> HttpResponse:
    """Which boundaries are stored (for everyone signed in) and, for those who may, the upload
    of a boundary file (`accounts.access.can_manage_boundaries`)."""
    may_upload = can_manage_boundaries(request.user)
    if request.method == "POST" and not may_upload:
        return HttpResponseForbidden(
            _("Only administrators of the national network's organisation may import boundaries.")
        )
    form = BoundaryUploadForm(request.POST or None, request.FILES or None) if may_upload else None
    error = None
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        owner = job_owner(request.user) if in_background(upload) else None
        if owner is not None:
            job = enqueue_boundary_import(
                user=request.user,
                owner=owner,
                upload=upload,
                level=data["level"] or None,
                layer=data["layer"].strip() or None,
                source=data["source"],
                retrieved_on=data["retrieved"],
                edition=data["edition"],
            )
            return redirect("jobs:detail", pk=job.pk)
        try:
            with upload_on_disk(upload, "boundaries.gpkg") as path:
                boundary_file = read_boundaries(
                    path,
                    level=data["level"] or None,
                    layer=data["layer"].strip() or None,
                    file_name=upload.name,
                )
                result = import_boundaries(
                    boundaries=boundary_file,
                    source=data["source"],
                    retrieved_on=data["retrieved"],
                    user=request.user,
                    edition=data["edition"],
                )
        except SourceError as err:
            error = user_message(err)
        else:
            messages.success(
                request,
                _(
                    "Boundaries of %(level)s from %(file)s: %(created)s created, %(updated)s "
                    "updated, %(unchanged)s unchanged."
                )
                % {
                    "level": AreaLevel(result.level).label,
                    "file": result.file,
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                },
            )
            return redirect("areas:boundaries")
    order = [AreaLevel.MUNICIPALITY, AreaLevel.REGSO, AreaLevel.DESO]
    coverage = sorted(
        (
            {
                "level": AreaLevel(row["area__level"]).label,
                "rank": order.index(row["area__level"]) if row["area__level"] in order else 9,
                "count": row["n"],
                "latest": row["latest"],
            }
            for row in AreaBoundary.objects.values("area__level").annotate(
                n=Count("id"), latest=Max("retrieved_on")
            )
        ),
        key=lambda row: row["rank"],
    )
    sources = list(
        AreaBoundary.objects.values("source", "file_name", "retrieved_on")
        .annotate(n=Count("id"))
        .order_by("-retrieved_on", "source")[:20]
    )
    return render(
        request,
        "areas/boundaries.html",
        {
            "form": form,
            "error": error,
            "coverage": coverage,
            "sources": sources,
            "jobs": jobs_for(request.user).filter(kind=JobKind.BOUNDARIES)[:5],
            "background_mb": max(1, settings.BOUNDARY_BACKGROUND_BYTES // (1024 * 1024)),
        },
        status=400 if error else 200,
    )


# --- custom areas -----------------------------------------------------------------------------


def _control_id(code: str) -> str:
    return f"member-{code}"


@login_required
def custom_area_new(request: HttpRequest) -> HttpResponse:
    return _custom_area_form(request, None)


@login_required
def custom_area_edit(request: HttpRequest, code: str) -> HttpResponse:
    area = get_object_or_404(editable_custom_areas_for(request.user), code=code)
    return _custom_area_form(request, area)


def _custom_area_form(request: HttpRequest, area: Area | None) -> HttpResponse:
    """Name, owner, sharing and members. The members are checkboxes of the DeSO and RegSO of
    one municipality at a time (with its map where boundaries are stored); "Show" lists
    another municipality's without saving, keeping what was ticked."""
    user = request.user
    choices = member_choices(user)
    municipalities = list(
        Area.objects.filter(level=AreaLevel.MUNICIPALITY, owner__isnull=True)
        .order_by("name")
        .values_list("code", "name")
    )
    if request.method == "POST":
        chosen_ids = [v for v in request.POST.getlist("members") if v.isdigit()]
        chosen = list(choices.filter(pk__in=chosen_ids).select_related("parent"))
    else:
        chosen = list(area.members.select_related("parent").order_by("code")) if area else []
    initial: dict[str, Any] = {}
    if area is not None:
        initial = {"name": area.name, "owner": area.owner_id, "is_public": area.is_public}
    first = chosen[0] if chosen else None
    home = maps.municipality_of(first) if first is not None else None
    if home is not None:
        initial["municipality"] = home.code
    form = CustomAreaForm(
        request.POST or None, initial=initial, user=user, municipalities=municipalities
    )
    saving = request.method == "POST" and "show" not in request.POST
    if saving and form.is_valid():
        data = form.cleaned_data
        try:
            saved = save_custom_area(
                user=user,
                area=area,
                name=data["name"],
                owner=data["owner"],
                is_public=data["is_public"],
                members=chosen,
            )
        except CustomAreaError as err:
            form.add_error(None, user_message(err))
        else:
            messages.success(request, _("The area was saved."))
            return redirect("areas:profile", code=saved.code)
    shown_code = (
        form["municipality"].value() if request.method == "POST" else initial.get("municipality")
    )
    municipality = (
        Area.objects.filter(
            level=AreaLevel.MUNICIPALITY, owner__isnull=True, code=shown_code or ""
        ).first()
        if shown_code
        else None
    )
    groups: list[dict[str, Any]] = []
    chosen_ids_set = {a.pk for a in chosen}
    picker = None
    map_indicators: list[Any] = []
    map_indicator = None
    if municipality is not None:
        listed = list(
            choices.filter(parent=municipality, level=AreaLevel.REGSO).order_by("name", "code")
        )
        desos = list(
            choices.filter(level=AreaLevel.DESO).filter(parent__in=listed).order_by("name", "code")
        )
        loose = list(
            choices.filter(level=AreaLevel.DESO, parent=municipality).order_by("name", "code")
        )
        by_regso: dict[int, list[Area]] = {}
        for d in desos:
            by_regso.setdefault(d.parent_id or 0, []).append(d)
        groups = [{"regso": r, "desos": by_regso.get(r.pk, [])} for r in listed]
        if loose:
            groups.append({"regso": None, "desos": loose})
        map_indicators = maps.indicators_with_figures(user, municipality)
        wanted = request.POST.get("map_indicator") or request.GET.get("map_indicator") or ""
        map_indicator = next((i for i in map_indicators if i.code == wanted), None)
        picker = maps.picker_html(
            municipality=municipality,
            chosen_codes={a.code for a in chosen},
            control_id=_control_id,
            title=_("DeSO of %(municipality)s: choose on the map")
            % {"municipality": municipality.name},
            user=user,
            indicator=map_indicator,
        )
    listed_ids = {g["regso"].pk for g in groups if g["regso"]} | {
        d.pk for g in groups for d in g["desos"]
    }
    others = [a for a in chosen if a.pk not in listed_ids]
    return render(
        request,
        "areas/custom_area_form.html",
        {
            "form": form,
            "area": area,
            "municipality": municipality,
            "groups": groups,
            "others": others,
            "chosen_ids": chosen_ids_set,
            "picker": picker,
            "map_indicators": map_indicators,
            "map_indicator": map_indicator,
            "control_prefix": "member-",
            "today": date.today(),
        },
        status=400 if saving and form.errors else 200,
    )
