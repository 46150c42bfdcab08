"""The overview's map of programmes: the municipalities where counted programmes run, marked
over the other municipalities whose boundaries are imported (areas.AreaBoundary), drawn on
the server as SVG by grogrund.charts.maps, with its table. Without boundaries the overview
lists the municipalities by county only."""

from __future__ import annotations

import importlib.util
from typing import Any

from django.apps import apps
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from grogrund.areas.models import AreaLevel


def maps_available() -> bool:
    if importlib.util.find_spec("grogrund.charts.maps") is None:
        return False
    try:
        apps.get_model("areas", "AreaBoundary")
    except LookupError:
        return False
    return True


def programme_map(ov: Any) -> str | None:
    """The map of the overview `ov` (a grogrund.network.selectors.Overview), or None when no
    boundary is there to draw. One query: every municipality's boundary as simplified for
    maps."""
    if not maps_available() or not ov.municipalities:
        return None
    import shapely

    from grogrund.areas.boundaries import NATIONAL_TOLERANCE_M
    from grogrund.charts.maps import (
        MapArea,
        MapTexts,
        MarkedArea,
        display_tolerance,
        marked_table,
    )
    from grogrund.charts.maps import programme_map as draw

    boundary = apps.get_model("areas", "AreaBoundary")
    rows = list(
        boundary.objects.filter(area__level=AreaLevel.MUNICIPALITY, area__owner__isnull=True)
        .order_by("area__code")
        .values_list(
            "area_id",
            "area__code",
            "area__name",
            "simplified",
            "source",
            "tolerance_m",
            "min_x",
            "min_y",
            "max_x",
            "max_y",
            "national",
        )
    )
    running = {m.place.id: m for m in ov.municipalities}
    if not any(r[0] in running for r in rows):
        return None
    # Stored boundaries are simplified for a county's map; the whole country's map needs far
    # fewer points (half a pixel at its own scale), which keeps the page light. Each
    # municipality's copy for a map of Sweden is simplified when it is imported
    # (areas.boundaries.NATIONAL_TOLERANCE_M); only boundaries imported before that was kept
    # are simplified here.
    width = max(r[8] for r in rows) - min(r[6] for r in rows)
    height = max(r[9] for r in rows) - min(r[7] for r in rows)
    tolerance = display_tolerance(width, height)
    if tolerance >= NATIONAL_TOLERANCE_M and all(r[10] for r in rows):
        geometries = shapely.from_wkb([bytes(r[10]) for r in rows])
    else:
        geometries = shapely.from_wkb([bytes(r[3]) for r in rows])
        if tolerance > max(r[5] for r in rows):
            geometries = shapely.simplify(geometries, tolerance, preserve_topology=True)
    base, marked = [], []
    for (pk, code, name, *_rest), geometry in zip(rows, geometries, strict=True):
        area = MapArea(code, name, geometry)
        if pk in running:
            label = _("%(municipality)s, programmes: %(n)s") % {
                "municipality": name,
                "n": running[pk].programmes,
            }
            marked.append(MarkedArea(area, label))
        else:
            base.append(area)
    # Those without a boundary are in the table only.
    drawn = {m.area.code for m in marked}
    listed = marked + [
        MarkedArea(
            MapArea(m.place.code, m.place.name, None),
            _("%(municipality)s, programmes: %(n)s")
            % {"municipality": m.place.name, "n": m.programmes},
        )
        for m in ov.municipalities
        if m.place.code not in drawn
    ]
    title = _("Municipalities where the programmes run")
    sources = "; ".join(sorted({r[4] for r in rows}))
    svg = draw(
        base,
        marked,
        texts=MapTexts(
            title=title,
            description=_(
                "The municipalities where the programmes counted here run are marked; the "
                "other municipalities with imported boundaries are grey."
            ),
            source=_("Boundaries: %(source)s.") % {"source": sources},
        ),
        base_label=_("other municipalities"),
        kind_labels=[_("Municipality with programmes")],
    )
    table = marked_table(
        listed,
        summary=_("Show as table"),
        caption=title,
        area_column=_("Municipality"),
        label_column=_("Programmes"),
    )
    return mark_safe(f'<figure class="map-figure">{svg}</figure>{table}')
