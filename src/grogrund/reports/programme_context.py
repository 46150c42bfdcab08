"""The programme report drawn from its figures (programme_report.figures): formatted numbers in
the report's language, sentences, and the charts as SVG (grogrund.charts). Nothing here reads
the database, so a stored report is drawn again exactly as it was made. Called with the
report's language active (programme_report.context)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from grogrund.charts.budget import Stack, stacked_bar_chart
from grogrund.charts.effect_logic import Arrow, Box, effect_logic_diagram
from grogrund.charts.followup import Measured, followup_chart
from grogrund.core.numbers import NBSP, format_money, format_number, format_percent
from grogrund.programmes.goal_wording import people_towards_goal, whole_persons

#: The stages of an effect logic in their order (initiatives.models.CHAIN), and beside it.
CHAIN = ("need", "activity", "output", "short_term", "long_term", "impact")
ASSUMPTION = "assumption"


def _text(value: Any, language: str) -> str:
    if isinstance(value, dict):
        return str(value.get(language) or value.get("sv") or "")
    return "" if value is None else str(value)


def _date(value: str | None) -> dt.date | None:
    return parse_date(value) if value else None


def date_text(value: str | None) -> str:
    """An ISO date as the reader writes it: "3 december 2026"."""
    d = _date(value)
    return date_format(d, "j F Y") if d else "–"


def _local_date_text(value: str) -> str:
    """An ISO date and time as the local date the reader writes."""
    moment = parse_datetime(value)
    if moment is None:
        return "–"
    return date_format(timezone.localtime(moment).date(), "j F Y")


def status_label(status: str) -> str:
    return {
        "on_track": _("On track"),
        "behind": _("Behind"),
        "at_risk": _("At risk"),
        "no_data": _("No measurement yet"),
        "not_followed": _("Not followed yet"),
    }.get(status, status)


def step_state_label(state: str) -> str:
    return {
        # Not "Not started": the project catalog gives that msgid another meaning.
        "not_started": _("Not started yet"),
        "in_progress": _("In progress"),
        "done": _("Done"),
    }.get(state, state)


def initiative_status_label(status: str) -> str:
    return {
        "planned": _("Planned"),
        "pilot": _("Pilot"),
        "running": _("Running"),
        "scaled_up": _("Scaled up"),
        "stopped": _("Stopped"),
    }.get(status, status)


def stage_label(stage: str) -> str:
    return {
        "need": _("Need and target group"),
        "activity": _("Activities"),
        "output": _("Outputs"),
        "short_term": _("Short-term outcomes"),
        "long_term": _("Long-term outcomes"),
        "impact": _("Impact"),
        "assumption": _("Assumptions"),
    }.get(stage, stage)


def percent_met_text(value: float | None) -> str:
    return "–" if value is None else f"{format_number(value, 0)}{NBSP}%"


def _indicator_obj(indicator: dict[str, Any] | None) -> Any:
    """What initiatives.values.show reads of an indicator (its kind and unit)."""
    if indicator is None:
        return None
    return SimpleNamespace(kind=indicator.get("kind"), unit=indicator.get("unit") or "")


def show_value(indicator: dict[str, Any] | None, value: float | None) -> str:
    from grogrund.initiatives.values import show

    return show(_indicator_obj(indicator), value)


def goal_name(goal: dict[str, Any], language: str) -> str:
    return f"{_text(goal['indicator']['name'], language)}, {goal['area']}"


# --- goals ----------------------------------------------------------------------------------------


def _goal_context(goal: dict[str, Any], language: str, labels: dict[str, str]) -> dict[str, Any]:
    indicator_name = _text(goal["indicator"]["name"], language)
    latest = goal.get("latest")
    trajectory = {t["year"]: t["share"] for t in goal["trajectory"]}
    measured = [Measured(m["year"], m["value"], m["status"]) for m in goal["measurements"]]
    chart = followup_chart(
        trajectory,
        measured,
        title=_("%(indicator)s in %(area)s: goal and follow-up")
        % {"indicator": indicator_name, "area": goal["area"]},
        labels=labels,
        format_y=lambda v: format_percent(v, 0),
    )
    rows = [
        {
            "year": m["year"],
            "value": format_percent(m["value"]),
            "fraction": (
                f"{format_number(m['numerator'], 0)} / {format_number(m['denominator'], 0)}"
                if m.get("denominator")
                else ""
            ),
            "expected": format_percent(m["expected"]),
            "percent_met": percent_met_text(m["percent_met"]),
            "status": m["status"],
            "status_label": status_label(m["status"]),
            "source": m["source"],
            "recorded_for": m["recorded_for"],
            "recorded_at": date_text(m["recorded_at"]),
            "in_period": m["year"] in goal.get("in_period", []),
        }
        for m in goal["measurements"]
    ]
    if goal.get("share_of_gap") is not None:
        how = _("The goal closes %(part)s of the gap") % {
            "part": format_percent(goal["share_of_gap"], 0)
        }
    else:
        how = _("A fixed number of people")
    return {
        "id": goal["id"],
        "anchor": f"goal-{goal['id']}",
        "indicator": indicator_name,
        "area": goal["area"],
        "reference_area": goal["reference_area"],
        "baseline_year": goal["baseline_year"],
        "deadline_year": goal["deadline_year"],
        "baseline": format_percent(goal["baseline_share"]),
        "reference": format_percent(goal["reference_share"]),
        # A goal of a fixed number of people may have no comparison value, and so no gap.
        "has_comparison": goal.get("reference_share") is not None,
        "target": format_percent(goal["target_share"]),
        "base": whole_persons(goal["base"]),
        "gap_people": whole_persons(goal["people_needed"]),
        "people": people_towards_goal(goal["target_count"], goal["direction"]),
        "how": how,
        "lower_is_better": goal["direction"] == "lower_is_better",
        "latest": None
        if latest is None
        else {
            "year": latest["year"],
            "value": format_percent(latest["value"]),
            "expected": format_percent(latest["expected"]),
            "percent_met": percent_met_text(latest["percent_met"]),
            "source": latest["source"],
            "recorded_for": latest["recorded_for"],
            "recorded_at": date_text(latest["recorded_at"]),
        },
        "status": goal["status"],
        "status_label": status_label(goal["status"]),
        "rows": rows,
        "period_rows": [r for r in rows if r["in_period"]],
        "chart": chart,
        "baseline_source": goal.get("baseline_source") or goal["indicator"].get("source", ""),
        "baseline_retrieved": date_text(goal.get("baseline_retrieved") or goal.get("set_at")),
        "measured_in_period": bool(goal.get("in_period")),
    }


# --- initiatives ----------------------------------------------------------------------------------


def _short_problem(code: str) -> str:
    from grogrund.initiatives.diagram import _short_problem as short

    return short(code)


def _diagram(initiative: dict[str, Any], language: str) -> str:
    nodes = initiative["nodes"]
    boxes = []
    for n in nodes:
        if n["stage"] not in CHAIN:
            continue
        # The outcomes' indicators, baselines, targets and latest values stand in the table
        # under the diagram, so the printed diagram shows the chain alone: WeasyPrint draws an
        # SVG's text letter by letter, and the details would double the time to print it.
        boxes.append(
            Box(
                key=n["id"],
                column=CHAIN.index(n["stage"]),
                text=n["text"],
                problem=_short_problem(n["problem"]) if n.get("problem") else "",
            )
        )
    present = {n["stage"] for n in nodes}
    return effect_logic_diagram(
        [stage_label(s) for s in CHAIN],
        boxes,
        [Arrow(s, t, problem=bool(p)) for s, t, p in initiative["links"]],
        title=_("Effect logic: %(name)s") % {"name": initiative["name"]},
        empty_label=_("missing"),
        notes=[n["text"] for n in nodes if n["stage"] == ASSUMPTION],
        notes_title=stage_label(ASSUMPTION),
        missing_columns=[k for k, s in enumerate(CHAIN) if s not in present],
        uid=f"rel{initiative['id']}",
    )


def _initiative_context(initiative: dict[str, Any], language: str) -> dict[str, Any]:
    outcomes = []
    for o in initiative["outcomes"]:
        latest = o.get("latest")
        outcomes.append(
            {
                "text": o["text"],
                "indicator": _text((o.get("indicator") or {}).get("name"), language) or "–",
                "baseline": show_value(o.get("indicator"), o.get("baseline_value")),
                "baseline_year": o.get("baseline_year") or "–",
                "target": show_value(o.get("indicator"), o.get("target_value")),
                "target_year": o.get("target_year") or "–",
                "latest": "–"
                if latest is None
                else show_value(o.get("indicator"), latest["value"]),
                "latest_year": "" if latest is None else latest["year"],
                "source": "" if latest is None else latest["source"],
                "status": o["status"],
                "status_label": status_label(o["status"]),
                "percent_met": percent_met_text(o.get("percent_met")),
            }
        )
    return {
        "id": initiative["id"],
        "anchor": f"initiative-{initiative['id']}",
        "name": initiative["name"],
        "owner": initiative["owner"],
        "status_label": initiative_status_label(initiative["status"]),
        "budget": format_money(initiative["budget"]) if initiative.get("budget") else "–",
        "target_group": initiative.get("target_group") or "",
        "method": initiative.get("method") or "",
        "complete": initiative.get("complete", False),
        "has_nodes": bool(initiative["nodes"]),
        "diagram": _diagram(initiative, language) if initiative["nodes"] else "",
        "outcomes": outcomes,
        "updated_at": date_text(initiative.get("updated_at")),
    }


# --- budget ---------------------------------------------------------------------------------------


def _short_money(value: float) -> str:
    if abs(value) >= 1_000_000:
        return _("%(amount)s mn kr") % {"amount": format_number(value / 1_000_000, 1)}
    if abs(value) >= 1_000:
        return _("%(amount)s k kr") % {"amount": format_number(value / 1_000, 0)}
    return format_money(value)


def _thousands(value: float) -> str:
    """An amount in thousands of kronor, as the years' table shows it: 235 000 kr → 235."""
    return format_number(value / 1000, 0)


def _budget_context(budget: dict[str, Any]) -> dict[str, Any]:
    years = [str(y) for y in budget["years"]]
    committing = [p for p in budget["partners"] if p["committed"]]
    chart = ""
    if committing and years:
        chart = stacked_bar_chart(
            years,
            [Stack(p["name"], [p["by_year"].get(y, 0.0) for y in years]) for p in committing],
            title=_("The common budget per year and partner"),
            format_value=_short_money,
            total_label=_("total"),
            format_detail=format_money,
            width=880,
            height=260,
        )
    rows = []
    for p in budget["partners"]:
        if p["signed"]:
            signed = _("Signed %(date)s") % {"date": date_text(p.get("signed_at"))}
        elif p["committed"]:
            signed = _("Not signed")
        else:
            signed = _("No commitment recorded yet.")
        rows.append(
            {
                "name": p["name"],
                "is_owner": p["is_owner"],
                "is_partner": p["is_partner"],
                "committed": p["committed"],
                "signed": p["signed"],
                "signed_text": signed,
                "money": format_money(p["money_sek"]),
                "staff_hours": format_number(p["staff_hours"], 0),
                "staff_value": format_money(p["staff_value_sek"]),
                "in_kind": format_money(p["in_kind_sek"]),
                "total": format_money(p["total_sek"]),
                "by_year": [format_money(p["by_year"].get(y, 0.0)) for y in years],
                "by_year_k": [_thousands(p["by_year"].get(y, 0.0)) for y in years],
            }
        )
    return {
        "years": years,
        "rows": rows,
        "committing": [r for r in rows if r["committed"]],
        "year_totals": [format_money(budget["year_totals"].get(y, 0.0)) for y in years],
        "year_totals_k": [_thousands(budget["year_totals"].get(y, 0.0)) for y in years],
        "money": format_money(budget["money_sek"]),
        "staff_hours": format_number(budget["staff_hours"], 0),
        "staff_value": format_money(budget["staff_value_sek"]),
        "in_kind": format_money(budget["in_kind_sek"]),
        "total": format_money(budget["total_sek"]),
        "period_total": format_money(budget["period_total_sek"]),
        "signed_total": format_money(budget["signed_total_sek"]),
        "signed_count": sum(1 for p in budget["partners"] if p["signed"]),
        "committed_count": len(committing),
        "partner_count": len(budget["partners"]),
        "chart": chart,
        "updated_at": date_text(budget.get("updated_at")),
    }


# --- valuations -----------------------------------------------------------------------------------


def _pct_value(v: float | None) -> str:
    if v is None:
        return "–"
    text = format_number(v, 2)
    sep = "." if _is_english() else ","
    if sep in text:
        text = text.rstrip("0").rstrip(sep)
    return f"{text}{NBSP}%"


def _is_english() -> bool:
    from django.utils.translation import get_language

    return (get_language() or "sv").startswith("en")


def payback_text(years: float | None) -> str:
    if years is None:
        return "–"
    if years < 1:
        return _("within the first year")
    return _("%(years)s years") % {"years": format_number(years, 1)}


def _valuation_context(v: dict[str, Any], language: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": v["id"],
        "anchor": f"valuation-{v['id']}",
        "name": v["name"],
        "initiative": v.get("initiative"),
        "kind_label": _text(v.get("kind_label"), language),
        "ok": v.get("ok", False),
        "updated_at": date_text(v.get("updated_at")),
    }
    if not out["ok"]:
        out["errors"] = list((v.get("errors") or {}).get(language, []))
        return out
    t = v["totals"]
    ratio = t.get("ratio")
    out.update(
        {
            "pv_benefits": format_money(t.get("pv_benefits")),
            "pv_costs": format_money(t.get("pv_costs")),
            "npv": format_money(t.get("npv")),
            "ratio": "–" if ratio is None else format_number(ratio, 2),
            "payback": payback_text(t.get("payback_years")),
            "break_even": "–" if t.get("break_even_year") is None else t["break_even_year"],
            "price_year": v.get("price_year") or "–",
            "rate": _pct_value(v.get("discount_rate_percent")),
            "years": f"{v.get('first_year')}–{v.get('last_year')}" if v.get("first_year") else "–",
            "by_stakeholder": [
                {"label": _text(s["label"], language), "pv": format_money(s["pv_benefits"])}
                for s in v.get("by_stakeholder", [])
            ],
            "assumptions": list((v.get("assumptions") or {}).get(language, [])),
            "warnings": list((v.get("warnings") or {}).get(language, [])),
            "value_bank_version": v.get("value_bank_version") or "–",
            "is_sroi": v.get("kind") == "sroi",
        }
    )
    u = v.get("uncertainty")
    out["uncertainty"] = (
        None
        if u is None
        else _(
            "In %(draws)s simulations of the uncertain inputs the net present value lies "
            "between %(p10)s and %(p90)s in eight cases of ten (median %(p50)s); the "
            "probability that it is positive is %(probability)s."
        )
        % {
            "draws": format_number(u.get("draws"), 0),
            "p10": format_money(u.get("p10")),
            "p90": format_money(u.get("p90")),
            "p50": format_money(u.get("p50")),
            "probability": format_percent(u.get("probability_npv_positive"), 0),
        }
    )
    return out


# --- the whole ---------------------------------------------------------------------------------


def _missing(f: dict[str, Any], goals: list[dict[str, Any]]) -> list[str]:
    """What the report cannot show, said plainly."""
    out = []
    if not f["goals"]:
        out.append(_("The programme has no goals yet: there is nothing to follow up."))
    elif not any(g["measurements"] for g in f["goals"]):
        out.append(_("No goal has a measurement up to the end of the period yet."))
    elif not any(g["measured_in_period"] for g in goals):
        out.append(_("No goal was measured in the period: the latest values are from before it."))
    if not f["initiatives"]:
        out.append(_("The programme has no initiatives yet."))
    if not any(p["committed"] for p in f["budget"]["partners"]):
        out.append(_("No partner has recorded a commitment yet: there is no common budget."))
    if not f["valuations"]:
        out.append(_("The programme has no valuation yet: there are no key figures."))
    return out


def _sources(
    f: dict[str, Any], goals: list[dict[str, Any]], retrieved: str
) -> list[dict[str, str]]:
    """Every source the report's figures come from, with the date they were retrieved or
    recorded, once each."""
    seen: dict[str, str] = {}

    def add(source: str, when: str) -> None:
        if source and source not in seen:
            seen[source] = when

    for g in goals:
        add(g["baseline_source"], g["baseline_retrieved"])
        for r in g["rows"]:
            add(r["source"], r["recorded_at"])
    for i in f["initiatives"]:
        for o in i["outcomes"]:
            if o.get("latest"):
                add(o["latest"]["source"], date_text(i.get("updated_at")))
    if any(p["committed"] for p in f["budget"]["partners"]):
        add(
            _("The partners' commitments in Grogrund"),
            date_text(f["budget"].get("updated_at")),
        )
    for v in f["valuations"]:
        add(
            _("Valuation in Grogrund: %(name)s") % {"name": v["name"]},
            date_text(v.get("updated_at")),
        )
    add(_("The programme's record of the twelve steps in Grogrund"), retrieved)
    return [{"source": s, "date": d} for s, d in seen.items()]


def _changes(f: dict[str, Any]) -> list[str]:
    from grogrund.reports.changes import describe

    return [describe(c) for c in f.get("changes", [])]


def build(f: dict[str, Any], language: str) -> dict[str, Any]:
    from grogrund.programmes.charts import status_labels
    from grogrund.reports.programme_report import period_text

    retrieved_at = parse_datetime(f["retrieved_at"]) or timezone.now()
    retrieved_local = timezone.localtime(retrieved_at)
    retrieved = date_format(retrieved_local.date(), "j F Y")
    labels = status_labels()
    goals = [_goal_context(g, language, labels) for g in f["goals"]]
    counts = dict.fromkeys(("on_track", "behind", "at_risk", "no_data"), 0)
    for g in goals:
        counts[g["status"]] = counts.get(g["status"], 0) + 1
    steps = [
        {
            "number": s["number"],
            "name": _text(s["name"], language),
            "state": s["state"],
            "state_label": step_state_label(s["state"]),
            "note": s.get("note", ""),
            "marked_at": date_text(s.get("marked_at")),
        }
        for s in f["steps"]
    ]
    previous = f.get("previous")
    prog = f["programme"]
    sections = [
        ("programme", _("The programme")),
        ("goals", _("Goals and follow-up")),
        ("initiatives", _("Initiatives and effect logic")),
        ("budget", _("The handslag budget")),
        ("valuations", _("Valuations")),
        ("steps", _("The twelve steps")),
        ("changes", _("What changed since the previous report")),
        ("sources", _("Sources")),
    ]
    return {
        "document_author": prog["owner"],
        "document_date": retrieved_local,
        "retrieved": retrieved,
        "period_text": period_text(f["period"]),
        "programme": prog,
        "areas_text": ", ".join(a["name"] for a in prog["areas"]) or "–",
        "partners_text": ", ".join(prog["partners"]) or "–",
        "missing": _missing(f, goals),
        "goals": goals,
        "counts": counts,
        "initiatives": [_initiative_context(i, language) for i in f["initiatives"]],
        "budget": _budget_context(f["budget"]),
        "valuations": [_valuation_context(v, language) for v in f["valuations"]],
        "steps": steps,
        "steps_done": sum(1 for s in steps if s["state"] == "done"),
        "steps_in_progress": sum(1 for s in steps if s["state"] == "in_progress"),
        "previous": None
        if previous is None
        else {
            "title": previous["title"],
            "made": _local_date_text(previous["created_at"]),
            "period": period_text(previous["period"]),
        },
        "changes": _changes(f),
        "sources": _sources(f, goals, retrieved),
        "sections": sections,
    }
