"""Maps of a municipality's DeSO or RegSO for pages: the data read with access applied, the
pictures drawn by `grogrund.charts.maps` in the reader's language and number format.

A choropleth reads, whatever the number of areas: the areas with their simplified
boundaries (one query, by `AreaBoundary.map_area`), the figures of the chosen indicator in the
datasets the visitor may see (one query; RegSO without an imported figure are summed from
their DeSO in one more, as the profile does) and, for the outline of a custom area, its
members (one). The page's map section is cached whole until any data changes
(`map_views.map_section`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import shapely
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from grogrund.areas.models import Area, AreaBoundary, AreaLevel, Indicator, IndicatorKind
from grogrund.areas.rollup import ROLLUP_LEVELS, roll_up_parents
from grogrund.areas.selectors import datasets_for
from grogrund.charts.maps import (
    CLASS_METHODS,
    EQUAL_INTERVALS,
    QUANTILES,
    LegendItem,
    MapArea,
    MapTexts,
    choropleth,
    choropleth_legend,
    choropleth_table,
    class_colours,
    classify,
    legend_html,
    picker_legend,
    picker_map,
)
from grogrund.charts.svg import chart_id
from grogrund.core.numbers import NBSP, number_formatter
from grogrund.engine.rollup import roll_up

MAP_LEVELS = (AreaLevel.DESO, AreaLevel.REGSO)


# --- which areas ------------------------------------------------------------------------------


def municipality_of(area: Area, chain: Sequence[Area] | None = None) -> Area | None:
    """The municipality whose DeSO/RegSO map shows `area`: itself, the one it lies in, or for
    a custom area that of its first member; None for a county or the country. From `chain`
    (selectors.comparison_chain) when given, else read through its parents."""
    if area.level == AreaLevel.MUNICIPALITY:
        return area
    if area.level in {AreaLevel.COUNTY, AreaLevel.COUNTRY}:
        return None
    if chain is not None:
        return next((a for a in chain if a.level == AreaLevel.MUNICIPALITY), None)
    node: Area | None = area
    if area.level == AreaLevel.CUSTOM:
        node = area.members.order_by("code").select_related("parent__parent").first()
    while node is not None and node.level in {AreaLevel.DESO, AreaLevel.REGSO}:
        node = node.parent
    return node if node is not None and node.level == AreaLevel.MUNICIPALITY else None


@dataclass(frozen=True)
class BoundaryRow:
    area_id: int
    code: str
    name: str
    parent_id: int | None
    simplified: bytes
    source: str
    retrieved_on: date


def map_rows(municipality: Area, level: str) -> list[BoundaryRow]:
    """The municipality's areas of `level` that have a boundary, with it (one query)."""
    rows = (
        AreaBoundary.objects.filter(map_area=municipality, area__level=level)
        .order_by("area__code")
        .values_list(
            "area_id",
            "area__code",
            "area__name",
            "area__parent_id",
            "simplified",
            "source",
            "retrieved_on",
        )
    )
    return [BoundaryRow(a, c, n, p, bytes(s), src, r) for a, c, n, p, s, src, r in rows]


def map_areas(rows: Sequence[BoundaryRow]) -> list[MapArea]:
    geometries = shapely.from_wkb([r.simplified for r in rows]) if rows else []
    return [MapArea(r.code, r.name, g) for r, g in zip(rows, geometries, strict=True)]


def has_map() -> Exists:
    """For an annotation of areas: whether the map an area's profile shows has boundaries
    (the DeSO of its municipality: itself, its parent or grandparent; for a custom area, one
    of its members), read with the area in the same query."""
    return Exists(
        AreaBoundary.objects.filter(area__level=AreaLevel.DESO).filter(
            Q(map_area_id=OuterRef("pk"))
            | Q(map_area_id=OuterRef("parent_id"))
            | Q(map_area_id=OuterRef("parent__parent_id"))
            | Q(area__in_custom_areas=OuterRef("pk"))
        )
    )


def has_boundaries(municipality: Area, level: str = AreaLevel.DESO) -> bool:
    return AreaBoundary.objects.filter(map_area=municipality, area__level=level).exists()


# --- figures -----------------------------------------------------------------------------------


def value_text(indicator: Indicator) -> Callable[[float], str]:
    """Figures as the profile shows them (`format_percent(v, 1)`, `format_money(v, 0)`…),
    with the language read once for the map's hundreds of figures."""
    if indicator.is_ratio:
        return number_formatter(1, scale=100, suffix=f"{NBSP}%")
    if indicator.kind == IndicatorKind.MONEY:
        return number_formatter(0, suffix=f"{NBSP}kr")
    if indicator.kind == IndicatorKind.COUNT:
        return number_formatter(0)
    return number_formatter(1)


def indicators_with_figures(user: Any, municipality: Area) -> list[Indicator]:
    """The indicators with figures the visitor may see for the municipality's DeSO on its
    map (one query: for each indicator of the catalogue, whether one of those DeSO has a
    figure of it, found through the observations' (area, indicator, period) index), by
    name."""
    from grogrund.areas.models import Observation

    on_map = AreaBoundary.objects.filter(map_area=municipality, area__level=AreaLevel.DESO).values(
        "area_id"
    )
    has_figures = Observation.objects.filter(
        indicator=OuterRef("pk"), area_id__in=on_map, dataset__in=datasets_for(user)
    )
    found = list(Indicator.objects.filter(Exists(has_figures)))
    return sorted(found, key=lambda i: i.name.casefold())


@dataclass
class Figures:
    values: dict[str, float | None]
    period: str
    sources: list[str]
    computed: int  # how many areas' figures were summed from their DeSO


def figures(user: Any, indicator: Indicator, rows: Sequence[BoundaryRow], level: str) -> Figures:
    """The latest period's figure of each area (a later retrieval wins, as in the profile);
    RegSO without an imported figure summed from their DeSO (`computed`). Groups smaller
    than the indicator's smallest group are not shown."""
    from grogrund.areas.models import Observation
    from grogrund.areas.profile import ADDITIVITY_BY_KIND

    visible = datasets_for(user)
    by_id = {r.area_id: r.code for r in rows}
    # period → area code → (value, denominator, source, computed from DeSO)
    cells: dict[str, dict[str, tuple[float | None, float | None, str, bool]]] = {}
    mine = Observation.objects.filter(
        area_id__in=list(by_id), indicator=indicator, dataset__in=visible
    )
    # Only the latest period with a figure is drawn: read that one (the newest retrieval of
    # a cell last, so it wins).
    latest = mine.filter(value__isnull=False).order_by("-period").values("period")[:1]
    observed = (
        mine.filter(period=Subquery(latest))
        .order_by("retrieved_at", "id")
        .values_list("area_id", "period", "value", "denominator", "source")
    )
    for area_id, period, value, denominator, source in observed:
        cells.setdefault(period, {})[by_id[area_id]] = (value, denominator, source, False)
    if level in ROLLUP_LEVELS:
        rolled = roll_up_parents(
            parent_ids=list(by_id), datasets=visible, indicator_ids=[indicator.pk], periods=None
        )
        how = ADDITIVITY_BY_KIND[IndicatorKind(indicator.kind)]
        for (parent_id, _ind, period), sums in rolled.items():
            code = by_id[parent_id]
            stored = cells.get(period, {}).get(code)
            if stored is not None and stored[0] is not None:
                continue  # an imported figure wins
            result = roll_up(sums.groups, how)
            if result is None or result.figure is None or result.figure.value is None:
                continue
            cells.setdefault(period, {})[code] = (
                result.figure.value,
                result.figure.denominator,
                "; ".join(sorted(sums.sources)),
                True,
            )
    periods = [p for p, c in cells.items() if any(v[0] is not None for v in c.values())]
    if not periods:
        return Figures({}, "", [], 0)
    period = max(periods)
    values: dict[str, float | None] = {}
    sources: set[str] = set()
    computed = 0
    for code, (value, denominator, source, summed) in cells[period].items():
        small = bool(
            indicator.min_group_size
            and denominator is not None
            and denominator < indicator.min_group_size
        )
        values[code] = None if small else value
        if value is not None and not small:
            computed += summed
            if source:
                sources.update(source.split("; "))
    return Figures(values, period, sorted(sources), computed)


# --- the choropleth -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MapRequest:
    indicator: Indicator
    level: str = AreaLevel.DESO
    method: str = QUANTILES


def method_text(method: str) -> str:
    if method == EQUAL_INTERVALS:
        return _("equal intervals (classes equally wide)")
    return _("quintiles (about as many areas in each class)")


def level_text(level: str) -> str:
    return AreaLevel(level).label


def _outline(area: Area, municipality: Area, level: str, rows: Sequence[BoundaryRow]) -> Any:
    """What to outline for `area` on its municipality's map at `level`: its own boundary
    (from the map when it is on it); for a custom area the union of its members'; failing
    those the union of its parts on the map (a RegSO's DeSO); None for the municipality
    itself. At most one query."""
    if area.pk == municipality.pk:
        return None
    on_map = {r.area_id: r for r in rows}
    if area.pk in on_map:
        return shapely.from_wkb(on_map[area.pk].simplified)
    if area.level == AreaLevel.CUSTOM:
        own = AreaBoundary.objects.filter(area__in_custom_areas=area)
    else:
        own = AreaBoundary.objects.filter(area=area)
    blobs = [bytes(b) for b in own.values_list("simplified", flat=True)]
    if not blobs:
        blobs = [r.simplified for r in rows if r.parent_id == area.pk]
    if not blobs:
        return None
    return shapely.union_all(shapely.from_wkb(blobs))


def choropleth_html(
    *, area: Area, municipality: Area, user: Any, request: MapRequest
) -> SafeString:
    """The map with its legend and table alternative, or a sentence saying why there is
    none (the caller caches it: `map_views.map_section`)."""
    return mark_safe(_render_choropleth(area, municipality, user, request))


def _render_choropleth(area: Area, municipality: Area, user: Any, request: MapRequest) -> str:
    indicator, level = request.indicator, request.level
    rows = map_rows(municipality, level)
    level_name = level_text(level)
    if not rows:
        return _paragraph(
            _(
                "There are no %(level)s boundaries for %(municipality)s yet. An administrator "
                "imports them from SCB's boundary files (see Area boundaries)."
            )
            % {"level": level_name, "municipality": municipality.name}
        )
    found = figures(user, indicator, rows, level)
    if not found.period:
        return _paragraph(
            _("No figures of %(indicator)s for the %(level)s of %(municipality)s that you may see.")
            % {"indicator": indicator.name, "level": level_name, "municipality": municipality.name}
        )
    areas = map_areas(rows)
    fmt = value_text(indicator)
    breaks = classify([v for v in found.values.values() if v is not None], method=request.method)
    with_value: list[tuple[MapArea, float]] = [
        (a, v) for a in areas if (v := found.values.get(a.code)) is not None
    ]
    lowest = min(with_value, key=lambda p: p[1]) if with_value else None
    highest = max(with_value, key=lambda p: p[1]) if with_value else None
    params = {
        "indicator": indicator.name,
        "level": level_name,
        "municipality": municipality.name,
        "period": found.period,
    }
    title = _("%(indicator)s by %(level)s in %(municipality)s, %(period)s") % params
    description = _(
        "A map of %(count)s areas in %(classes)s classes; %(missing)s without a figure."
    ) % {
        "count": len(areas),
        "classes": len(breaks.bounds),
        "missing": len(areas) - len(with_value),
    }
    if lowest and highest:
        description += " " + _(
            "Lowest: %(low)s (%(low_value)s); highest: %(high)s (%(high_value)s)."
        ) % {
            "low": lowest[0].name,
            "low_value": fmt(lowest[1]),
            "high": highest[0].name,
            "high_value": fmt(highest[1]),
        }
    source = _source_text(rows, found)
    if found.computed:
        source += " " + _("%(n)s of the figures are computed from their DeSO.") % {
            "n": found.computed
        }
    outline = _outline(area, municipality, level, rows)
    texts = MapTexts(
        title=title,
        description=description,
        legend_title=f"{indicator.name}, {found.period} · {method_text(request.method)}",
        source=source,
    )
    svg = choropleth(
        areas,
        found.values,
        texts=texts,
        format_value=fmt,
        no_data_label=_("no figure"),
        breaks=breaks,
        outline_shapes=[outline] if outline is not None else [],
        outline_label=area.name,
        with_legend=False,
    )
    # The legend in HTML under the picture: readable on a phone, where the map shrinks.
    legend = legend_html(
        choropleth_legend(
            breaks,
            format_value=fmt,
            no_data_label=_("no figure") if len(with_value) < len(areas) else "",
            outline_label=area.name if outline is not None else "",
            key=chart_id(title, description),
        ),
        title=texts.legend_title,
        source=source,
    )
    table = choropleth_table(
        areas,
        found.values,
        summary=_("Show as table"),
        caption=title,
        area_column=level_name,
        value_column=indicator.name,
        format_value=fmt,
        no_data_label=_("no figure"),
    )
    return f'<figure class="map-figure">{svg}{legend}</figure>{table}'


def _source_text(rows: Sequence[BoundaryRow], found: Figures | None = None) -> str:
    """A map's source line: the figures' sources and period (when it shows figures), then the
    boundaries' source and latest download."""
    boundaries = {
        "boundaries": rows[0].source,
        "date": max(r.retrieved_on for r in rows).isoformat(),
    }
    if found is None:
        return _("Boundaries: %(source)s, %(date)s.") % {
            "source": boundaries["boundaries"],
            "date": boundaries["date"],
        }
    return _("Source: %(sources)s, %(period)s. Boundaries: %(boundaries)s, %(date)s.") % {
        "sources": "; ".join(found.sources) or "–",
        "period": found.period,
        **boundaries,
    }


def _paragraph(text: str) -> str:
    return f'<p class="muted">{escape(text)}</p>'


# --- the custom-area picker --------------------------------------------------------------------


def picker_html(
    *,
    municipality: Area,
    chosen_codes: set[str],
    control_id: Callable[[str], str],
    title: str,
    user: Any = None,
    indicator: Indicator | None = None,
) -> SafeString:
    """The municipality's DeSO as a map on which each is a link to (and, with the page's
    script, a switch of) the checkbox `control_id(code)` that chooses it. With an `indicator`
    the areas not chosen are coloured by its latest figures the visitor may see, in the
    classes of the profile's choropleth (quantiles), with their legend and source: so the
    areas are chosen where the figures say."""
    rows = map_rows(municipality, AreaLevel.DESO)
    if not rows:
        return mark_safe("")
    areas = map_areas(rows)
    chosen_count = sum(1 for a in areas if a.code in chosen_codes)
    description = _(
        "%(count)s DeSO of %(municipality)s, %(chosen)s of them chosen. Each area is a link "
        "to its checkbox in the list below the map."
    ) % {"count": len(areas), "municipality": municipality.name, "chosen": chosen_count}
    source = _source_text(rows)
    fills: dict[str, str] | None = None
    classes: list[LegendItem] = []
    legend_title = ""
    found = figures(user, indicator, rows, AreaLevel.DESO) if indicator is not None else None
    if indicator is not None and found is not None and found.period:
        fmt = value_text(indicator)
        breaks = classify([v for v in found.values.values() if v is not None], method=QUANTILES)
        colours = class_colours(len(breaks.bounds))
        fills = {
            code: colours[breaks.class_of(value)]
            for code, value in found.values.items()
            if value is not None
        }
        description += " " + _(
            "The areas not chosen are coloured by %(indicator)s, %(period)s."
        ) % {"indicator": indicator.name, "period": found.period}
        legend_title = f"{indicator.name}, {found.period} · {method_text(QUANTILES)}"
        source = _source_text(rows, found)
        classes = choropleth_legend(
            breaks,
            format_value=fmt,
            no_data_label="",
            key=chart_id(title, description) + "-classes",
        )
    svg = picker_map(
        areas,
        chosen_codes,
        texts=MapTexts(title=title, description=description),
        href=lambda a: "#" + control_id(a.code),
        label=lambda a, on: (
            (_("%(name)s, chosen") if on else _("%(name)s, not chosen")) % {"name": a.name}
        ),
        control=lambda a: control_id(a.code),
        chosen_label=_("chosen"),
        not_chosen_label=_("not chosen"),
        with_legend=False,
        fills=fills,
    )
    chosen_and_not = picker_legend(
        chosen_label=_("chosen"),
        not_chosen_label=_("not chosen, no figure") if fills is not None else _("not chosen"),
        key=chart_id(title, description),
    )
    items = chosen_and_not[:1] + classes + chosen_and_not[1:]
    legend = legend_html(items, title=legend_title, source=source)
    if indicator is not None and fills is None:
        legend += _paragraph(
            _("No figures of %(indicator)s for the DeSO of %(municipality)s that you may see.")
            % {"indicator": indicator.name, "municipality": municipality.name}
        )
    return mark_safe(f'<figure class="map-figure map-picker">{svg}{legend}</figure>')


__all__ = [
    "CLASS_METHODS",
    "MAP_LEVELS",
    "MapRequest",
    "choropleth_html",
    "has_boundaries",
    "indicators_with_figures",
    "municipality_of",
    "picker_html",
]
