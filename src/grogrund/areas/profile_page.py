"""The figures of an area profile page (ranked gaps, table, trend charts), rendered once and
cached until the data they show changes.

The cache key holds everything the figures depend on: the area and its comparison areas
(with their version stamps), the language, whether the visitor is signed in, the indicator
catalogue's stamp, the programmes the visitor may create goals in, and the id and
`changed_at` of every dataset the visitor may see. Two visitors share an entry only when
they see exactly the same datasets; an import or edit moves a dataset's stamp and with it
the key, so a stale or foreign entry is never read. The stamps live in the database, so a
per-process memory cache is correct with any number of processes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.core.cache import caches
from django.core.cache.backends.base import InvalidCacheBackendError
from django.db.models import Count, Max
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from grogrund.areas import charts
from grogrund.areas.models import Area, Indicator, IndicatorKind
from grogrund.areas.profile import AreaProfile, Comparison, Point, WhyMissing, build_profile
from grogrund.areas.selectors import datasets_for
from grogrund.core.numbers import format_money, format_number, format_percent
from grogrund.engine.rollup import Gap

CACHE_ALIAS = "profiles"  # settings.CACHES; the default cache when not configured
KEY_VERSION = 4  # raise when the figures' HTML changes shape


@dataclass(frozen=True)
class ProfileFigures:
    gaps: SafeString  # the ranked-gap chart and table (or the no-data message)
    trends: SafeString  # one trend chart per indicator
    has_rows: bool


def _cache() -> Any:
    try:
        return caches[CACHE_ALIAS]
    except InvalidCacheBackendError:
        return caches["default"]


def cache_key(*, area: Area, chain: list[Area], user: Any, goal_programmes: list[Any]) -> str:
    datasets = list(datasets_for(user).order_by("pk").values_list("pk", "changed_at"))
    catalogue = Indicator.objects.aggregate(n=Count("pk"), at=Max("changed_at"))
    parts = (
        KEY_VERSION,
        area.pk,
        area.changed_at,
        [(a.pk, a.changed_at) for a in chain],
        get_language(),
        bool(user is not None and user.is_authenticated),
        catalogue["n"],
        catalogue["at"],
        [(p.pk, p.name) for p in goal_programmes],
        datasets,
    )
    return "grogrund:profile:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def profile_figures(
    *, area: Area, chain: list[Area], user: Any, goal_programmes: list[Any]
) -> ProfileFigures:
    """The cached figures, computed on a miss."""
    key = cache_key(area=area, chain=chain, user=user, goal_programmes=goal_programmes)
    cache = _cache()
    figures = cache.get(key)
    if figures is None:
        figures = render_figures(build_profile(area, user, chain=chain), user, goal_programmes)
        cache.set(key, figures)
    return figures


def render_figures(profile: AreaProfile, user: Any, goal_programmes: list[Any]) -> ProfileFigures:
    cards = [
        {
            "row": row,
            "chart": mark_safe(charts.trend_chart(profile, row)),
            "table": mark_safe(charts.trend_table(profile, row)),
        }
        for row in profile.rows
    ]
    table = [_table_row(row) for row in profile.rows]
    if goal_programmes:
        for t in table:
            t["goal_blocked"], t["goal_fixed_only"] = _goal_blocked_html(profile, t["row"])
    context = {
        "area": profile.area,
        "profile": profile,
        "cards": cards,
        "table": table,
        "gap_chart": mark_safe(charts.people_gap_chart(profile)),
        "goal_programmes": goal_programmes,
        "several_programmes": len(goal_programmes) > 1,
        "signed_in": bool(user is not None and user.is_authenticated),
    }
    return ProfileFigures(
        gaps=mark_safe(render_to_string("areas/_profile_gaps.html", context)),
        trends=mark_safe(render_to_string("areas/_profile_trends.html", context)),
        has_rows=bool(profile.rows),
    )


def _table_row(row: Any) -> dict[str, Any]:
    """One row of the gap table with its figures formatted here rather than in per-cell
    template includes (which were a third of the page's rendering time)."""
    indicator = row.indicator
    main = row.main_comparison
    gap = "–"
    people = "–"
    if main is not None and main.gap is not None:
        if indicator.is_ratio:
            # Translators: abbreviation of "percentage points" (sv: "p.e.", procentenheter).
            unit = _("pp")
            gap = f"{format_number(main.gap * 100, 1, sign=True)}\u00a0{unit}"
        elif indicator.kind == IndicatorKind.MONEY:
            gap = f"{format_number(main.gap, 0, sign=True)}\u00a0kr"
        else:
            unit = f"\u00a0{indicator.unit}" if indicator.unit else ""
            gap = f"{format_number(main.gap, 1, sign=True)}{unit}"
    if main is not None and main.gap_people is not None:
        people = format_number(main.gap_people, 0, sign=True)
    own_sources = set(row.latest.source.split("; "))
    computed_sources = sorted(
        {
            s
            for c in row.comparisons
            if c.point is not None and c.point.computed_from and c.point.value is not None
            for s in c.point.source.split("; ")
            if s
        }
        - own_sources
    )
    return {
        "row": row,
        "value": (missing_html(row.missing) if row.missing else value_html(row.latest, indicator)),
        "comparisons": [comparison_html(c, indicator) for c in row.comparisons],
        "gap": gap,
        "gap_people": people,
        "computed_sources": computed_sources,
    }


def _goal_blocked_html(profile: AreaProfile, row: Any) -> tuple[SafeString | str, bool]:
    """Why no goal from the gap can be made from the row, with the next step ("" when one
    can), and whether a goal of a fixed number of people can be made all the same (no
    comparison value, but the area's share and base)."""
    from grogrund.programmes.goal_obstacles import explain, obstacle_html
    from grogrund.programmes.selectors import GoalBlocked, goal_facts_of_row

    found = goal_facts_of_row(row, profile.area, profile.chain)
    if not isinstance(found, GoalBlocked):
        return "", False
    html = obstacle_html(
        explain(found, indicator=row.indicator, area=profile.area, chain=profile.chain)
    )
    return html, found.allows_fixed_count


def comparison_html(comparison: Comparison, indicator: Indicator) -> SafeString:
    """A comparison area's figure, or "–" with the reason it is missing."""
    point = comparison.point
    if point is not None and point.value is not None:
        return value_html(point, indicator)
    if comparison.missing is None:
        return mark_safe("–")
    return missing_html(comparison.missing)


def missing_html(missing: WhyMissing) -> SafeString:
    reason = escape(why_missing_text(missing))
    return mark_safe(f'–<br><span class="reason">{reason}</span>')


# SCB's status symbols, as its tables explain them: ".." the figure is not available or too
# uncertain to be given, "." the category cannot occur (SCB, PC-Axis file format
# specification 2013, https://www.scb.se/globalassets/vara-tjanster/px-programmen/
# px-file_format_specification_2013.pdf, "dots" for missing values; PxWeb's own wording
# "Uppgift kan inte förekomma" / "Not applicable", StatisticsFinland/PxApi
# PxApi/ModelBuilders/PxFileConstants.cs @ 8c796c0). Other sources' symbols are named as is.
def status_text(status: str) -> str:
    if status == "..":
        return _("figure not available or too uncertain to be given")
    if status == ".":
        return _("not applicable")
    if status in {"missing", "", "-"}:
        return _("missing in the source")
    if status == "zero_denominator":
        return _("the denominator is zero in the source")
    return _("missing in the source (symbol “%(status)s”)") % {"status": status}


def why_missing_text(missing: WhyMissing) -> str:
    if missing.status:
        return status_text(missing.status)
    params = {"lacking": missing.lacking, "total": missing.children, "period": missing.period}
    if missing.gap is Gap.INCOMPLETE:
        return _("%(lacking)s of %(total)s DeSO lack a figure for %(period)s") % params
    if missing.gap is Gap.NO_BASE:
        return (
            _("%(lacking)s of %(total)s DeSO lack a numerator and denominator for %(period)s")
            % params
        )
    if missing.gap is Gap.ZERO_BASE:
        return _("the denominators of its DeSO add up to zero")
    return _("a median, or a mean without its base, cannot be computed from its parts")


def value_html(point: Point, indicator: Indicator) -> SafeString:
    """A figure as the profile shows it: a share with its numerator and denominator below,
    a computed figure marked with the number of DeSO it was computed from."""
    text = _value_html(point, indicator)
    if point.computed_from and point.value is not None:
        marker = escape(
            _("computed from %(n)s DeSO") % {"n": format_number(point.computed_from, 0)}
        )
        return mark_safe(f'{text}<br><span class="computed">{marker}</span>')
    return text


def _value_html(point: Point, indicator: Indicator) -> SafeString:
    if point.suppressed:
        title = escape(_("Fewer than 5 respondents: not shown"))
        text = escape(_("suppressed"))
        return mark_safe(f'<span title="{title}">{text}</span>')
    # Formatted numbers hold only digits, separators, signs, % and kr: nothing to escape.
    if indicator.is_ratio:
        text = format_percent(point.value, 1)
        if point.denominator:
            text += (
                f'<br><span class="base">({format_number(point.numerator, 0)}/'
                f"{format_number(point.denominator, 0)})</span>"
            )
        return mark_safe(text)
    if indicator.kind == IndicatorKind.MONEY:
        return mark_safe(format_money(point.value, 0))
    if indicator.kind == IndicatorKind.COUNT:
        return mark_safe(format_number(point.value, 0))
    return mark_safe(format_number(point.value, 1))
