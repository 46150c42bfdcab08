"""The area profile report (step 1, issue 12): an area against its municipality, county and
country, for the dialogue between the housing company and the municipality.

The ranked gaps in percent and in people, the trends, the challenges recorded for the area,
the sources with their retrieval dates, and the notes the sources publish with their figures.

`figures` reads the profile through the area profile's own selector (`areas.profile.
build_profile`, the datasets the user may see) and keeps it as plain data; `context` puts it
back into the profile's own shapes and draws it with the profile page's own formatting and
charts (`areas.profile_page`, `areas.charts`), so the report shows what the page shows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.http import Http404
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grogrund.areas import charts
from grogrund.areas.models import (
    Area,
    AreaLevel,
    ChallengeKind,
    DatasetNote,
    Indicator,
    IndicatorKind,
    PoliceCategory,
    Priority,
)
from grogrund.areas.profile import (
    AreaProfile,
    Comparison,
    IndicatorRow,
    Point,
    WhyMissing,
    build_profile,
)

# The gap table's row as the profile page formats it (one formatting for page and report).
from grogrund.areas.profile_page import _table_row, comparison_html, value_html
from grogrund.areas.selectors import areas_for, challenges_for, comparison_chain
from grogrund.core.numbers import format_number
from grogrund.engine.rollup import Gap
from grogrund.reports.changes import register_comparison
from grogrund.reports.kinds import Period, ReportKind, register

FIGURES_FORMAT = 1
#: Trend charts drawn, for the indicators with the largest gaps (the profile's ranking): a
#: national profile has forty indicators, and forty charts would bury the few that lead the
#: dialogue (and make the PDF slow to print); the gap table gives every indicator's change.
TREND_CHARTS = 4
#: Bars of the chart of gaps in people, the largest first (the table has every indicator).
GAP_BARS = 12


# --- subject ------------------------------------------------------------------------------------


def subject(user: Any, pk: int) -> Area:
    """The area if `user` may see its profile; 404 if not."""
    found = (
        areas_for(user).select_related("parent__parent__parent__parent", "owner").filter(pk=pk)
    ).first()
    if found is None:
        raise Http404
    return cast(Area, found)


# --- figures ------------------------------------------------------------------------------------


def _point(p: Point | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {
        "period": p.period,
        "value": p.value,
        "numerator": p.numerator,
        "denominator": p.denominator,
        "source": p.source,
        "retrieved_at": p.retrieved_at.isoformat() if p.retrieved_at else None,
        "suppressed": p.suppressed,
        "status": p.status,
        "computed_from": p.computed_from,
    }


def _why(m: WhyMissing | None) -> dict[str, Any] | None:
    if m is None:
        return None
    return {
        "period": m.period,
        "status": m.status,
        "gap": m.gap.value if m.gap is not None else None,
        "lacking": m.lacking,
        "children": m.children,
    }


def _note(n: DatasetNote) -> dict[str, Any]:
    return {"id": n.pk, "text": n.text, "mandatory": n.mandatory, "dataset": n.dataset.name}


def _area(a: Area) -> dict[str, Any]:
    return {"code": a.code, "name": a.name, "level": a.level}


def _row(row: IndicatorRow) -> dict[str, Any]:
    ind = row.indicator
    return {
        "indicator": {
            "code": ind.code,
            "name_sv": ind.name_sv,
            "name_en": ind.name_en,
            "unit": ind.unit,
            "kind": ind.kind,
            "direction": ind.direction,
            "source": ind.source,
            "base_label_sv": ind.base_label_sv,
            "base_label_en": ind.base_label_en,
        },
        "latest": _point(row.latest),
        "missing": _why(row.missing),
        "series": {code: [_point(p) for p in points] for code, points in row.series.items()},
        "comparisons": [
            {
                "area": c.area.code,
                "point": _point(c.point),
                "gap": c.gap,
                "gap_people": c.gap_people,
                "missing": _why(c.missing),
            }
            for c in row.comparisons
        ],
        "notes": [_note(n) for n in row.notes],
    }


def figures(*, user: Any, subject: Area, period: Period | None = None) -> dict[str, Any]:
    """The profile as the user sees it, JSON-able: the figures of every indicator, ranked as
    the profile ranks them, with their sources and retrieval dates. The profile has no period:
    it shows every period the statistics have, as they stand when the report is made."""
    area = subject
    chain = comparison_chain(area)
    profile = build_profile(area, user, chain=chain)
    challenges = (
        challenges_for(user)
        .filter(area=area)
        .select_related("owner")
        .prefetch_related("indicators", "shared_with")
    )
    return {
        "format": FIGURES_FORMAT,
        "made_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "area": {
            **_area(area),
            "id": area.pk,
            "is_fictional": area.is_fictional,
            "members": [_area(m) for m in area.members.order_by("code")] if area.is_custom else [],
        },
        "chain": [_area(a) for a in chain],
        "police": [
            {"year": p.year, "category": p.category, "source": p.source}
            for p in area.police_classifications.order_by("-year")[:5]
        ],
        "rows": [_row(r) for r in profile.rows],
        "dataset_notes": [_note(n) for n in profile.dataset_notes],
        "challenges": [
            {
                "title": c.title,
                "kind": c.kind,
                "priority": c.priority,
                "description": c.description,
                "owner": c.owner.name,
                "indicators": [
                    {"name_sv": i.name_sv, "name_en": i.name_en} for i in c.indicators.all()
                ],
            }
            for c in challenges
        ],
    }


# --- back into the profile's shapes -------------------------------------------------------------


def _as_point(d: dict[str, Any] | None) -> Point | None:
    if d is None:
        return None
    retrieved = dt.datetime.fromisoformat(d["retrieved_at"]) if d.get("retrieved_at") else None
    return Point(
        d["period"],
        d["value"],
        d["numerator"],
        d["denominator"],
        d["source"],
        retrieved,
        suppressed=d.get("suppressed", False),
        status=d.get("status", ""),
        computed_from=d.get("computed_from", 0),
    )


def _as_why(d: dict[str, Any] | None) -> WhyMissing | None:
    if d is None:
        return None
    return WhyMissing(
        d["period"],
        status=d.get("status", ""),
        gap=Gap(d["gap"]) if d.get("gap") is not None else None,
        lacking=d.get("lacking", 0),
        children=d.get("children", 0),
    )


def _as_note(d: dict[str, Any]) -> Any:
    """A note as the profile's note template reads it (unsaved: no query)."""
    from grogrund.areas.models import Dataset

    note = DatasetNote(pk=d["id"], text=d["text"], mandatory=d["mandatory"])
    note.dataset = Dataset(name=d["dataset"])
    return note


def profile_from(figures: dict[str, Any]) -> AreaProfile:
    """The stored figures as an `AreaProfile` of unsaved objects, for the profile's own
    formatting and charts; no query is made."""
    a = figures["area"]
    area = Area(code=a["code"], name=a["name"], level=a["level"], is_fictional=a["is_fictional"])
    chain = [Area(code=c["code"], name=c["name"], level=c["level"]) for c in figures["chain"]]
    by_code = {c.code: c for c in chain}
    rows = []
    for r in figures["rows"]:
        i = r["indicator"]
        indicator = Indicator(
            code=i["code"],
            name_sv=i["name_sv"],
            name_en=i["name_en"],
            unit=i["unit"],
            kind=i["kind"],
            direction=i["direction"],
            source=i["source"],
            base_label_sv=i.get("base_label_sv", ""),
            base_label_en=i.get("base_label_en", ""),
        )
        latest = _as_point(r["latest"])
        assert latest is not None
        row = IndicatorRow(indicator=indicator, latest=latest, missing=_as_why(r["missing"]))
        row.series = {
            code: [p for p in map(_as_point, points) if p is not None]
            for code, points in r["series"].items()
        }
        row.comparisons = [
            Comparison(
                area=by_code.get(c["area"]) or Area(code=c["area"], name=c["area"]),
                point=_as_point(c["point"]),
                gap=c["gap"],
                gap_people=c["gap_people"],
                missing=_as_why(c["missing"]),
            )
            for c in r["comparisons"]
        ]
        row.notes = [_as_note(n) for n in r["notes"]]
        rows.append(row)
    return AreaProfile(
        area=area,
        chain=chain,
        rows=rows,
        dataset_notes=[_as_note(n) for n in figures.get("dataset_notes", [])],
    )


# --- context ------------------------------------------------------------------------------------


def _change_text(first: Point, last: Point, indicator: Indicator) -> str:
    if first.value is None or last.value is None or first.period == last.period:
        return "–"
    change = last.value - first.value
    if indicator.is_ratio:
        # Translators: abbreviation of "percentage points" (sv: "p.e.", procentenheter).
        return f"{format_number(change * 100, 1, sign=True)}\u00a0{_('pp')}"
    if indicator.kind == IndicatorKind.MONEY:
        return f"{format_number(change, 0, sign=True)}\u00a0kr"
    return format_number(change, 1, sign=True)


def _change_since_first(profile: AreaProfile, row: IndicatorRow) -> dict[str, str]:
    """The area's change from its first to its latest figure of the indicator ("–" with one
    period only)."""
    own = [p for p in row.series.get(profile.area.code, []) if p.value is not None]
    if len(own) < 2:
        return {"change": "–", "since": ""}
    first, last = own[0], own[-1]
    return {"change": _change_text(first, last, row.indicator), "since": first.period}


def _comparison_cell(comparison: Comparison, indicator: Indicator) -> SafeString:
    point = comparison.point
    if point is not None and point.value is not None:
        return value_html(point._replace(denominator=None), indicator)
    return comparison_html(comparison, indicator)


def _retrieved(point: Point) -> str:
    return point.retrieved_at.date().isoformat() if point.retrieved_at else ""


def _sources(table: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each source once, with its retrieval date, the periods used and the indicators it gives
    (the gap table names each indicator's source beside it too)."""
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for t in table:
        row = t["row"]
        key = (t["source"], t["retrieved"])
        group = groups.setdefault(
            key,
            {
                "source": t["source"],
                "retrieved": t["retrieved"],
                "periods": set(),
                "indicators": [],
                "computed": set(),
            },
        )
        group["periods"].add(row.latest.period)
        group["indicators"].append(row.indicator.name)
        group["computed"].update(t["computed_sources"])
    return [
        {
            **g,
            "periods": ", ".join(sorted(g["periods"])),
            "computed": sorted(g["computed"] - {g["source"]}),
        }
        for g in groups.values()
    ]


def _challenges(figures: dict[str, Any], english: bool) -> list[dict[str, Any]]:
    kinds = dict(ChallengeKind.choices)
    priorities = dict(Priority.choices)
    return [
        {
            "title": c["title"],
            "kind": kinds.get(c["kind"], c["kind"]),
            "priority": priorities.get(c["priority"], c["priority"]),
            "description": c["description"],
            "owner": c["owner"],
            "indicators": [i["name_en"] if english else i["name_sv"] for i in c["indicators"]],
        }
        for c in figures.get("challenges", [])
    ]


def _context(figures: dict[str, Any], language: str) -> dict[str, Any]:
    profile = profile_from(figures)
    area = profile.area
    english = language.startswith("en")
    table = [_table_row(row) for row in profile.rows]
    for t in table:
        row = t["row"]
        t["retrieved"] = _retrieved(row.latest)
        t["source"] = row.latest.source or row.indicator.source
        # The comparison areas' figures without their numerators and denominators: the gap in
        # people is the area's own base, which its cell keeps (and a long national table
        # prints in half the time).
        t["comparisons"] = [_comparison_cell(c, row.indicator) for c in row.comparisons]
        t["trend"] = _change_since_first(profile, row)
    # One source for every figure is named once, above the table; several beside each row.
    one_source = len({(t["source"], t["retrieved"]) for t in table}) == 1
    categories = dict(PoliceCategory.choices)
    # The indicators with the largest gaps are drawn; every indicator's change is in the table.
    drawn = profile.rows[:TREND_CHARTS]
    with_people = [
        r for r in profile.rows if r.main_comparison and r.main_comparison.gap_people is not None
    ]
    trends = [{"row": row, "chart": mark_safe(charts.trend_chart(profile, row))} for row in drawn]
    sources = _sources(table)
    return {
        "document_title": title(figures),
        "document_date": dt.datetime.fromisoformat(figures["made_at"]).date(),
        "area": area,
        "level": dict(AreaLevel.choices).get(area.level, area.level),
        "is_fictional": figures["area"].get("is_fictional", False),
        "members": figures["area"].get("members", []),
        "chain": profile.chain,
        "police": [
            {"year": str(p["year"]), "category": categories.get(p["category"], p["category"])}
            for p in figures.get("police", [])
        ],
        "profile": profile,
        "table": table,
        "one_source": {
            "source": table[0]["source"],
            "retrieved": table[0]["retrieved"],
            "computed_sources": sorted({s for t in table for s in t["computed_sources"]}),
        }
        if table and one_source
        else None,
        "gap_chart": mark_safe(
            charts.people_gap_chart(
                AreaProfile(area=area, chain=profile.chain, rows=with_people[:GAP_BARS])
            )
        )
        if with_people
        else "",
        "gap_bars": min(GAP_BARS, len(with_people)),
        "all_bars": len(with_people) <= GAP_BARS,
        "trends": trends,
        "all_drawn": len(drawn) == len(profile.rows),
        "sources": sources,
        "indicator_notes": [(row.indicator.name, n) for row in profile.rows for n in row.notes],
        "challenges": _challenges(figures, english),
        "dataset_notes": profile.dataset_notes,
    }


def context(figures: dict[str, Any], *, language: str) -> dict[str, Any]:
    """The template's context in `language`, from the figures alone."""
    with translation.override(language):
        return _context(figures, language)


# --- what changed between two reports ------------------------------------------------------------


def _latest(row: dict[str, Any]) -> tuple[Any, ...]:
    latest = row["latest"]
    main = next((c for c in row["comparisons"] if c["point"] is not None), None)
    return (
        latest["value"],
        latest["period"],
        None if main is None else main["gap_people"],
    )


def compare(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    """Each indicator's latest figure of the area and its gap in people, where they changed
    (numbers in the unit the profile shows: shares in percent)."""
    old = {r["indicator"]["code"]: r for r in before.get("rows", [])}
    out: list[dict[str, Any]] = []
    for row in after.get("rows", []):
        ind = row["indicator"]
        o = old.get(ind["code"])
        if o is None:
            continue
        (v0, p0, g0), (v1, p1, g1) = _latest(o), _latest(row)
        share = ind["kind"] in (IndicatorKind.SHARE, IndicatorKind.RATE)
        scale = 100.0 if share else 1.0
        unit = " (%)" if share else ""
        if (v0, p0) != (v1, p1) and v0 is not None and v1 is not None:
            out.append(
                {
                    "type": "figure",
                    "name": {
                        "sv": f"{ind['name_sv']}{unit}, {p0} → {p1}",
                        "en": f"{ind['name_en']}{unit}, {p0} → {p1}",
                    },
                    "before": round(v0 * scale, 1),
                    "after": round(v1 * scale, 1),
                }
            )
        if g0 != g1 and g0 is not None and g1 is not None:
            out.append(
                {
                    "type": "figure",
                    "name": {
                        "sv": f"{ind['name_sv']}, gap i personer",
                        "en": f"{ind['name_en']}, gap in people",
                    },
                    "before": round(g0),
                    "after": round(g1),
                }
            )
    return out


def title(figures: dict[str, Any]) -> str:
    return str(_("Area profile: %(name)s") % {"name": figures["area"]["name"]})


register_comparison("area", compare)
KIND = register(
    ReportKind(
        key="area",
        label=gettext_lazy("Area profile report"),
        template="reports/area.html",
        subject=subject,
        figures=figures,
        context=context,
        # An official area belongs to no organisation: its reports are the maker's (None here).
        owner=lambda area: area.owner,
        programme=lambda area: None,
        title=title,
    )
)
