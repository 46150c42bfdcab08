"""The programme report (issue 12): what a housing company hands its board, its municipal owner
and its partners once a year, or for any period.

It holds the programme with its areas and partners; each goal with its baseline, trajectory,
latest value, status and chart; the initiatives with their effect logic and outcomes against
their targets; the handslag budget per partner and year, committed and signed; the valuations'
key figures with their main assumptions and uncertainty; the twelve steps; and what changed
since the previous stored report of the programme. Every figure carries its source and the
date it was retrieved or recorded.

`figures` reads everything through the pages' own selectors (the access check of the user who
asks applied), keeps only what the period covers (measurements and outcome values up to its
last year) and returns plain JSON: numbers unformatted, names in both languages where the
platform has both. `context` draws the document from those figures alone, in either language,
so a stored report is drawn again exactly as it was made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grogrund.reports.kinds import Period, ReportKind, register

T = TypeVar("T")

#: The languages every text of the figures is kept in (the report may be drawn in either).
LANGUAGES = ("sv", "en")
#: Bump when the shape of the figures changes (context reads older shapes too).
FIGURES_FORMAT = 1
#: The most assumptions shown per valuation: those the uncertainty analysis ranks first.
MAIN_ASSUMPTIONS = 5


def both(make: Callable[[], T]) -> dict[str, T]:
    """`make()` in Swedish and in English (for texts the platform translates)."""
    out: dict[str, T] = {}
    for language in LANGUAGES:
        with translation.override(language):
            out[language] = make()
    return out


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat()


def _indicator(indicator: Any) -> dict[str, Any] | None:
    if indicator is None:
        return None
    return {
        "code": indicator.code,
        "name": {"sv": indicator.name_sv, "en": indicator.name_en},
        "kind": indicator.kind,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "source": indicator.source,
    }


# --- subject ------------------------------------------------------------------------------------


def subject(user: Any, pk: int) -> Any:
    """The programme, if `user` may see it (a 404 otherwise)."""
    from grogrund.programmes.selectors import programmes_for

    return get_object_or_404(programmes_for(user).select_related("owner"), pk=pk)


# --- figures ------------------------------------------------------------------------------------


def figures(*, user: Any, subject: Any, period: Period | None = None) -> dict[str, Any]:
    """Every figure of the report (see the module docstring)."""
    from grogrund.programmes import selectors as programme_selectors

    programme = subject
    now = timezone.now()
    period = period or Period.year(timezone.localdate().year)
    areas = list(programme_selectors.programme_areas_for(user, programme))
    partners = list(programme.shared_with.order_by("name").values_list("name", flat=True))
    data: dict[str, Any] = {
        "kind": "programme",
        "format": FIGURES_FORMAT,
        "retrieved_at": now.isoformat(),
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat()},
        "programme": {
            "id": programme.pk,
            "name": programme.name,
            "description": programme.description,
            "owner": programme.owner.name,
            "partners": partners,
            "areas": [{"code": a.code, "name": a.name} for a in areas],
            "start_year": programme.start_year,
            "end_year": programme.end_year,
            "horizon_years": programme.horizon_years,
        },
        "goals": _goals(user, programme, period),
        "initiatives": _initiatives(programme, period),
        "budget": _budget(user, programme, period),
        "valuations": _valuations(user, programme),
        "steps": _steps(programme),
    }
    data["previous"], data["changes"] = _since_previous(user, programme, data, now)
    return data


def _goals(user: Any, programme: Any, period: Period) -> list[dict[str, Any]]:
    from grogrund.programmes import selectors as programme_selectors

    follow_ups = programme_selectors.goal_follow_ups(programme)
    sources = _baseline_sources(user, [f.goal for f in follow_ups])
    out = []
    for f in follow_ups:
        g = f.goal
        rows = [r for r in f.rows if r.measurement.year <= period.end.year]
        measured = [
            {
                "year": r.measurement.year,
                "value": r.measurement.value,
                "numerator": r.measurement.numerator,
                "denominator": r.measurement.denominator,
                "expected": r.expected_share,
                "percent_met": r.percent_met,
                "status": r.status,
                "source": r.measurement.source,
                "recorded_for": r.measurement.organisation.name,
                "recorded_at": _iso(timezone.localtime(r.measurement.recorded_at).date()),
            }
            for r in rows
        ]
        baseline_source, baseline_retrieved = sources.get(g.pk, (g.indicator.source, None))
        out.append(
            {
                "id": g.pk,
                "indicator": _indicator(g.indicator),
                "area": g.area.name,
                # None: a goal of a fixed number of people set without a comparison value.
                "reference_area": g.reference_area.name if g.reference_area else None,
                "direction": g.direction,
                "baseline_year": g.baseline_year,
                "deadline_year": g.deadline_year,
                "baseline_share": g.baseline_share,
                "reference_share": g.reference_share,
                "base": g.base,
                "people_needed": g.people_needed,
                "share_of_gap": g.share_of_gap,
                "fixed_count": g.fixed_count,
                "target_count": g.target_count,
                "target_share": g.target_share,
                "trajectory": [
                    {"year": t.year, "share": t.share, "people": t.people} for t in f.path
                ],
                "measurements": measured,
                "latest": measured[-1] if measured else None,
                "in_period": [m["year"] for m in measured if m["year"] >= period.start.year],
                "status": measured[-1]["status"] if measured else "no_data",
                "baseline_source": baseline_source,
                "baseline_retrieved": baseline_retrieved,
                "set_at": _iso(timezone.localtime(g.created_at).date()),
            }
        )
    return out


def _baseline_sources(user: Any, goals: list[Any]) -> dict[int, tuple[str, str | None]]:
    """Where each goal's baseline came from: the sources of the area's figures for the
    goal's indicator in the baseline year that `user` sees, and the latest retrieval date
    among them (custom areas: their members' figures). One query."""
    from grogrund.areas.models import AreaLevel, Observation
    from grogrund.areas.selectors import datasets_for

    if not goals:
        return {}
    own: dict[int, list[int]] = {}
    for g in goals:
        if g.area.level == AreaLevel.CUSTOM:
            own[g.pk] = list(g.area.members.values_list("id", flat=True)) or [g.area_id]
        else:
            own[g.pk] = [g.area_id]
    area_ids = {a for ids in own.values() for a in ids}
    rows = Observation.objects.filter(
        dataset__in=datasets_for(user),
        area_id__in=area_ids,
        indicator_id__in={g.indicator_id for g in goals},
        period__in={str(g.baseline_year) for g in goals},
    ).values_list("area_id", "indicator_id", "period", "source", "dataset__source", "retrieved_at")
    found: dict[tuple[int, int, str], list[tuple[str, dt.datetime]]] = {}
    for area_id, indicator_id, year, source, dataset_source, retrieved in rows:
        found.setdefault((area_id, indicator_id, year), []).append(
            (source or dataset_source or "", retrieved)
        )
    out: dict[int, tuple[str, str | None]] = {}
    for g in goals:
        cells = [
            c for a in own[g.pk] for c in found.get((a, g.indicator_id, str(g.baseline_year)), [])
        ]
        if not cells:
            continue
        names = "; ".join(sorted({s for s, _r in cells if s})) or g.indicator.source
        latest = max(r for _s, r in cells)
        out[g.pk] = (names, _iso(timezone.localtime(latest).date()))
    return out


def _initiatives(programme: Any, period: Period) -> list[dict[str, Any]]:
    from grogrund.engine.portfolio import review_outcome
    from grogrund.initiatives import selectors as initiative_selectors
    from grogrund.initiatives.models import OUTCOME_STAGES

    out = []
    for initiative in initiative_selectors.programme_initiatives(programme):
        validation = initiative_selectors.validation_of(initiative)
        own: dict[int, list[Any]] = {}
        for m in initiative.outcome_measurements.all():
            if m.year <= period.end.year:
                own.setdefault(m.outcome_id, []).append(m)
        nodes, outcomes = [], []
        for node in initiative.nodes.all():
            errors = [i.code for i in validation.for_node(node.pk) if i.severity == "error"]
            goal = node.goal
            nodes.append(
                {
                    "id": node.pk,
                    "stage": node.stage,
                    "text": node.text,
                    "indicator": _indicator(node.indicator),
                    "baseline_value": node.baseline_value,
                    "baseline_year": node.baseline_year,
                    "target_value": node.target_value,
                    "target_year": node.target_year,
                    "goal": None
                    if goal is None
                    else {"sv": goal.indicator.name_sv, "en": goal.indicator.name_en},
                    "problem": errors[0] if errors else "",
                }
            )
            if node.stage not in OUTCOME_STAGES:
                continue
            values = [
                v
                for v in initiative_selectors.outcome_values(
                    node, sorted(own.get(node.pk, []), key=lambda m: m.year)
                )
                if v.year <= period.end.year
            ]
            facts = initiative_selectors.outcome_facts(node, values)
            budget = float(initiative.budget) if initiative.budget is not None else None
            result = review_outcome(facts, budget) if facts is not None else None
            latest = values[-1] if values else None
            outcomes.append(
                {
                    "node": node.pk,
                    "text": node.text,
                    "indicator": _indicator(node.indicator),
                    "baseline_value": node.baseline_value,
                    "baseline_year": node.baseline_year,
                    "target_value": node.target_value,
                    "target_year": node.target_year,
                    "latest": None
                    if latest is None
                    else {"year": latest.year, "value": latest.value, "source": latest.source},
                    "status": result.status.value if result is not None else "not_followed",
                    "percent_met": result.percent_met if result is not None else None,
                    "change": result.change if result is not None else None,
                }
            )
        out.append(
            {
                "id": initiative.pk,
                "name": initiative.name,
                "owner": initiative.owner.name,
                "status": initiative.status,
                "budget": float(initiative.budget) if initiative.budget is not None else None,
                "target_group": initiative.target_group,
                "method": initiative.method,
                "nodes": nodes,
                "links": [
                    [link.source_id, link.target_id, link.pk in validation.problem_links]
                    for link in initiative.links.all()
                ],
                "outcomes": outcomes,
                "complete": validation.complete,
                "updated_at": _iso(timezone.localtime(initiative.updated_at).date()),
            }
        )
    return out


def _budget(user: Any, programme: Any, period: Period) -> dict[str, Any]:
    from grogrund.partnerships.selectors import partnership

    part = partnership(user, programme)
    table = part.budget
    years = table.years
    rows = []
    changed: list[dt.datetime] = []
    for r in part.rows:
        c = r.commitment
        if c is not None:
            changed.append(c.updated_at)
        t = r.totals
        rows.append(
            {
                "name": r.organisation.name,
                "is_owner": r.is_owner,
                "is_partner": r.is_partner,
                "committed": c is not None,
                "signed": r.is_signed,
                "signed_at": _iso(timezone.localtime(c.signed_at).date())
                if c is not None and c.signed_at
                else None,
                "hourly_cost_sek": float(c.hourly_cost_sek) if c is not None else None,
                "money_sek": t.money_sek if t else 0.0,
                "staff_hours": t.staff_hours if t else 0.0,
                "staff_value_sek": t.staff_value_sek if t else 0.0,
                "in_kind_sek": t.in_kind_sek if t else 0.0,
                "total_sek": t.total_sek if t else 0.0,
                "by_year": {str(y): (t.by_year.get(y, 0.0) if t else 0.0) for y in years},
            }
        )
    in_period = [y for y in years if period.start.year <= y <= period.end.year]
    return {
        "years": years,
        "partners": rows,
        "year_totals": {str(y): table.year_totals[y] for y in years},
        "money_sek": table.money_sek,
        "staff_hours": table.staff_hours,
        "staff_value_sek": table.staff_value_sek,
        "in_kind_sek": table.in_kind_sek,
        "total_sek": table.total_sek,
        "period_total_sek": sum(table.year_totals[y] for y in in_period),
        "signed_total_sek": sum(r["total_sek"] for r in rows if r["signed"]),
        "updated_at": _iso(timezone.localtime(max(changed)).date()) if changed else None,
    }


def _valuations(user: Any, programme: Any) -> list[dict[str, Any]]:
    from grogrund.engine.errors import ModelError
    from grogrund.valuations import selectors as valuation_selectors
    from grogrund.valuations import services as valuation_services

    out = []
    for v in valuation_selectors.valuations_for_programme(user, programme):
        base = {
            "id": v.pk,
            "name": v.name,
            "initiative": v.initiative.name if v.initiative_id else None,
            "kind": v.kind,
            "kind_label": both(lambda v=v: str(v.get_kind_display())),
            "updated_at": _iso(timezone.localtime(v.updated_at).date()),
        }
        try:
            data = valuation_services.cached_result(v)
        except ModelError as err:
            from grogrund.valuations.issues import issue_message

            base.update(
                ok=False,
                errors=both(lambda err=err: [issue_message(i) for i in err.issues]),
            )
            out.append(base)
            continue
        base.update(ok=True, **_valuation_figures(data))
        out.append(base)
    return out


def _valuation_figures(data: dict[str, Any]) -> dict[str, Any]:
    """Key figures, benefits by stakeholder, main assumptions and uncertainty of one
    valuation's result (valuations.services.cached_result), texts in both languages."""
    from grogrund.engine.errors import Issue
    from grogrund.valuations.issues import issue_message
    from grogrund.valuations.presentation import input_rows, stakeholder_label

    totals = data.get("totals", {})
    sim = data.get("simulation") or None
    model = data.get("model", {})
    custom = model.get("stakeholders") or {}
    ranked = [r["input"] for r in (sim or {}).get("tornado", [])]

    def assumptions() -> list[dict[str, str]]:
        rows = input_rows(data)
        order = {path: k for k, path in enumerate(ranked)}
        rows.sort(key=lambda r: (order.get(r.path, len(order)), 0))
        return [
            {
                "path": r.path,
                "label": r.label,
                "value": r.value,
                "range": r.range,
                "source": r.source or r.origin,
                "ranked": r.path in order,
            }
            for r in rows[:MAIN_ASSUMPTIONS]
        ]

    years = data.get("years", [])
    return {
        "price_year": data.get("price_year"),
        "discount_rate_percent": data.get("discount_rate_percent"),
        "first_year": years[0] if years else None,
        "last_year": years[-1] if years else None,
        "totals": {
            k: totals.get(k)
            for k in ("pv_benefits", "pv_costs", "npv", "ratio", "payback_years", "break_even_year")
        },
        "by_stakeholder": [
            {
                "label": both(lambda row=row: stakeholder_label(row["stakeholder"], custom)),
                "pv_benefits": row.get("pv_benefits"),
            }
            for row in data.get("by_stakeholder", [])
            if row.get("pv_benefits")
        ],
        "assumptions": both(assumptions),
        "uncertainty": None
        if sim is None
        else {
            "draws": sim.get("draws"),
            "p10": (sim.get("npv") or {}).get("p10"),
            "p50": (sim.get("npv") or {}).get("p50"),
            "p90": (sim.get("npv") or {}).get("p90"),
            "probability_npv_positive": sim.get("probability_npv_positive"),
        },
        "warnings": both(lambda: [issue_message(Issue(**w)) for w in data.get("warnings", [])]),
        "value_bank_version": data.get("value_bank_version"),
    }


def _steps(programme: Any) -> list[dict[str, Any]]:
    from grogrund.programmes.selectors import step_rows

    return [
        {
            "number": row.step.number,
            "code": row.step.code,
            "name": {"sv": row.step.name_sv, "en": row.step.name_en},
            "state": row.state,
            "note": row.status.note if row.status else "",
            "marked_at": _iso(timezone.localtime(row.status.marked_at).date())
            if row.status and row.status.marked_at
            else None,
        }
        for row in step_rows(programme)
    ]


def _since_previous(
    user: Any, programme: Any, data: dict[str, Any], now: dt.datetime
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """The previous stored report of the programme (as `user` sees them) and what changed
    since, from the figures of the two (reports.changes)."""
    from grogrund.reports.changes import compare
    from grogrund.reports.selectors import previous_report

    end = dt.date.fromisoformat(data["period"]["end"])
    previous = previous_report(user, "programme", programme.pk, period_end=end, before=now)
    if previous is None:
        return None, []
    meta = {
        "id": previous.pk,
        "title": previous.title,
        "created_at": previous.created_at.isoformat(),
        "period": {
            "start": previous.period_start.isoformat(),
            "end": previous.period_end.isoformat(),
        },
    }
    return meta, compare("programme", previous.figures, data)


# --- context ------------------------------------------------------------------------------------


def _text(value: Any, language: str) -> str:
    """A text kept in both languages ({"sv": …, "en": …}), or a plain text."""
    if isinstance(value, dict):
        return str(value.get(language) or value.get("sv") or "")
    return "" if value is None else str(value)


def _date(value: str | None) -> dt.date | None:
    return parse_date(value) if value else None


def _date_text(value: str | None) -> str:
    d = _date(value)
    return date_format(d, "j F Y") if d else "–"


def period_text(period: dict[str, str]) -> str:
    """A period in words: "2024" for a calendar year, else "1 januari 2024 – 30 juni 2024"."""
    start, end = _date(period["start"]), _date(period["end"])
    if start is None or end is None:
        return "–"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    return f"{date_format(start, 'j F Y')} – {date_format(end, 'j F Y')}"


def title(figures: dict[str, Any]) -> str:
    """The report's title in the active language."""
    return _("Programme report %(period)s: %(name)s") % {
        "period": period_text(figures["period"]),
        "name": figures["programme"]["name"],
    }


def context(figures: dict[str, Any], *, language: str) -> dict[str, Any]:
    """What templates/reports/programme.html needs, drawn from `figures` only."""
    from grogrund.reports.programme_context import build

    with translation.override(language):
        out = build(figures, language)
        out["document_title"] = title(figures)
    return out


def owner(subject: Any) -> Any:
    return subject.owner


def programme(subject: Any) -> Any:
    return subject


PROGRAMME_REPORT = register(
    ReportKind(
        key="programme",
        label=gettext_lazy("Programme report"),
        template="reports/programme.html",
        subject=subject,
        figures=figures,
        context=context,
        owner=owner,
        programme=programme,
        title=title,
    )
)
