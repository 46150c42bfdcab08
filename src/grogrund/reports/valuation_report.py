"""The valuation report (step 11, issue 12): one valuation laid out for a board decision.

The question (the valuation's own, else its kind's usual one), the alternatives (the other
valuations of the same initiative, such as copies made as scenarios), the key figures, benefits
by stakeholder and year, break-even, the Monte Carlo simulation and the tornado, every input
with its source and reason, the warnings, the price year and discount rate, and what the
numbers do not say.

`figures` reads the valuation's result through the valuations app's own selectors and services
(the result the valuation's page shows, `services.cached_result`), so the report and the page
have one source of figures. `context` draws everything from those figures with the page's own
presentation (`valuations.presentation.build_page`: the same labels, charts and formats).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grogrund.core.numbers import format_money, format_number, format_percent
from grogrund.engine.errors import Issue, ModelError
from grogrund.reports.changes import register_comparison
from grogrund.reports.kinds import Period, ReportKind, register
from grogrund.valuations import selectors, services
from grogrund.valuations.forms import kind_label
from grogrund.valuations.issues import issue_message
from grogrund.valuations.models import Valuation
from grogrund.valuations.presentation import (
    ResultsPage,
    build_page,
    input_label,
    input_rows,
    payback_text,
)

#: Bump when the shape of the figures changes (a stored report keeps the shape it was made with).
FIGURES_FORMAT = 1
LANGUAGES = ("sv", "en")
#: The tornado lists as many inputs as the valuation's page.
TORNADO_ROWS = 12
#: Percentiles of the net present value shown in the report's table.
PERCENTILES = ("p5", "p10", "p25", "p50", "p75", "p90", "p95")


# --- subject ------------------------------------------------------------------------------------


def subject(user: Any, pk: int) -> Valuation:
    """The valuation if `user` may see it (whoever sees its programme); 404 if not."""
    found = (
        selectors.valuations_for(user)
        .select_related("programme__owner", "initiative")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return cast(Valuation, found)


# --- figures --------------------------------------------------------------------------------------


def _totals(data: dict[str, Any]) -> dict[str, Any]:
    t = data.get("totals", {})
    return {
        "pv_benefits": t.get("pv_benefits"),
        "pv_costs": t.get("pv_costs"),
        "npv": t.get("npv"),
        "ratio": t.get("ratio"),
        "payback_years": t.get("payback_years"),
        "break_even_year": t.get("break_even_year"),
        "price_year": data.get("price_year"),
        "discount_rate_percent": data.get("discount_rate_percent"),
        "first_year": (data.get("years") or [None])[0],
        "last_year": (data.get("years") or [None])[-1],
    }


def _result(valuation: Valuation) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """The valuation's result as its page shows it, or the engine's issues when it cannot be
    calculated."""
    try:
        return services.cached_result(valuation), []
    except ModelError as err:
        return None, [i.to_dict() for i in err.issues]


def _alternatives(user: Any, valuation: Valuation) -> list[dict[str, Any]]:
    """The valuations of the same programme attached to the same initiative (or to the
    programme as a whole), this one included: the alternatives a board chooses between."""
    rows = []
    same = selectors.valuations_for_programme(user, valuation.programme).filter(
        initiative_id=valuation.initiative_id
    )
    for other in same:
        data, _issues = _result(other)
        rows.append(
            {
                "id": other.pk,
                "name": other.name,
                "kind": other.kind,
                "is_this": other.pk == valuation.pk,
                "calculable": data is not None,
                **(_totals(data) if data is not None else {}),
            }
        )
    return rows


def _bank_sources(data: dict[str, Any]) -> dict[str, dict[str, str]]:
    """The source and method of every value-bank input in both languages, as they read when
    the report is made (the page reads them from the value bank as shipped now)."""
    out: dict[str, dict[str, str]] = {}
    for language in LANGUAGES:
        with translation.override(language):
            for row in input_rows(data):
                if data["trace"].get(row.path, {}).get("kind") == "value_bank":
                    out.setdefault(row.path, {})[language] = row.source
    return out


def figures(*, user: Any, subject: Valuation, period: Period | None = None) -> dict[str, Any]:
    """Every figure of the report, JSON-able. A valuation is not about a period: the report
    shows the valuation as it stands when the report is made."""
    valuation = subject
    programme = valuation.programme
    data, issues = _result(valuation)
    return {
        "format": FIGURES_FORMAT,
        "made_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "valuation": {
            "id": valuation.pk,
            "name": valuation.name,
            "kind": valuation.kind,
            "description": str(valuation.model.get("description") or ""),
            "question": valuation.question,
            "initiative": valuation.initiative.name if valuation.initiative else None,
            "programme": {
                "id": programme.pk,
                "name": programme.name,
                "owner": programme.owner.name,
            },
        },
        "result": data,
        "issues": issues,
        "model": valuation.model if data is None else None,
        "bank_sources": _bank_sources(data) if data is not None else {},
        "alternatives": _alternatives(user, valuation),
        "simulation_settings": {
            "draws": services.SIMULATION_DRAWS,
            "seed": services.SIMULATION_SEED,
        },
    }


# --- context ------------------------------------------------------------------------------------

#: The question a valuation of each kind answers, asked when the valuation has none of its own.
QUESTIONS = {
    "sroi": gettext_lazy(
        "What social value does the initiative create for each krona put into it, and who "
        "receives that value?"
    ),
    "socioeconomic": gettext_lazy(
        "Which costs of exclusion does the initiative avoid, for whom and when, compared with "
        "what it costs?"
    ),
    "property": gettext_lazy(
        "How does the improvement change the net operating income and the value of the "
        "property, compared with what it costs?"
    ),
    "outcome_contract": gettext_lazy(
        "What would a social outcome contract pay out, what would the investor get back, and "
        "what would the payer save?"
    ),
}


def question_for(valuation: dict[str, Any]) -> str:
    """The question for the decision: the valuation's own when it has one (reports made
    before valuations had one have none), else the usual question of its kind."""
    own = str(valuation.get("question") or "").strip()
    return own or str(QUESTIONS.get(valuation["kind"], ""))


def _years_text(first: int | None, last: int | None) -> str:
    return "–" if first is None else f"{first}–{last}"


def _year_text(year: int | None) -> str:
    """A year as written, never grouped like a number (2025, not 2 025); "" when none."""
    return "" if year is None else str(year)


def _ratio_text(ratio: float | None) -> str:
    return "–" if ratio is None else format_number(ratio, 2)


def _rate_text(rate: float | None) -> str:
    if rate is None:
        return "–"
    decimals = 0 if float(rate).is_integer() else (1 if float(rate * 10).is_integer() else 2)
    return f"{format_number(rate, decimals)}\u00a0%"


def _alternative_rows(figures: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for a in figures.get("alternatives", []):
        be = a.get("break_even_year")
        rows.append(
            {
                "name": a["name"],
                "is_this": a["is_this"],
                "kind": kind_label(a.get("kind", "")),
                "calculable": a["calculable"],
                "years": _years_text(a.get("first_year"), a.get("last_year")),
                "pv_benefits": format_money(a.get("pv_benefits")),
                "pv_costs": format_money(a.get("pv_costs")),
                "npv": format_money(a.get("npv")),
                "ratio": _ratio_text(a.get("ratio")),
                "payback": payback_text(a.get("payback_years")),
                "break_even": "–" if be is None else str(be),
                "basis": _("%(year)s prices, %(rate)s")
                % {
                    "year": a.get("price_year") or "–",
                    "rate": _rate_text(a.get("discount_rate_percent")),
                },
            }
        )
    return rows


def _benefits_table(page: ResultsPage, years: list[int]) -> dict[str, Any]:
    """The chart "benefits by stakeholder and year" as a table (not discounted)."""
    series = [
        (row["label"], row["benefits_by_year"])
        for row in page.by_stakeholder
        if any(row["benefits_by_year"])
    ]
    costs = [
        -sum(row["costs_by_year"][i] for row in page.by_stakeholder) for i in range(len(years))
    ]
    columns = [label for label, _values in series]
    if any(costs):
        series.append((_("Costs (all payers)"), costs))
        columns.append(_("Costs (all payers)"))
    rows = []
    for i, year in enumerate(years):
        values = [values[i] for _label, values in series]
        rows.append({"year": str(year), "cells": [format_money(v) for v in values]})
    totals = [format_money(sum(values)) for _label, values in series]
    return {"columns": columns, "rows": rows, "totals": totals}


def _stakeholder_rows(page: ResultsPage) -> list[dict[str, str]]:
    proposed = {s["stakeholder"]: s["pv_costs_proposed"] for s in page.cost_split}
    out = []
    for row in page.by_stakeholder:
        be = row.get("break_even_year")
        out.append(
            {
                "label": row["label"],
                "pv_benefits": format_money(row["pv_benefits"]),
                "pv_costs": format_money(row["pv_costs"]),
                "npv": format_money(row["npv"]),
                "share": format_percent(row.get("benefit_share"), 1),
                "proposed": format_money(proposed.get(row["stakeholder"])),
                "break_even": "–" if be is None else str(be),
            }
        )
    return out


def _simulation(data: dict[str, Any], page: ResultsPage) -> dict[str, Any] | None:
    sim = data.get("simulation")
    if not sim:
        return None
    npv = sim.get("npv", {})
    names = {
        "p5": _("P5: exceeded in 95 cases of 100"),
        "p10": _("P10: exceeded in 9 cases of 10"),
        "p25": _("P25: exceeded in 3 cases of 4"),
        "p50": _("P50: the middle case"),
        "p75": _("P75: exceeded in 1 case of 4"),
        "p90": _("P90: exceeded in 1 case of 10"),
        "p95": _("P95: exceeded in 5 cases of 100"),
    }
    model = data.get("model", {})
    tornado = []
    for r in sim.get("tornado", [])[:TORNADO_ROWS]:
        tornado.append(
            {
                "label": input_label(model, r["input"]),
                "npv_at_low": format_money(r["npv_at_low"]),
                "npv_at_high": format_money(r["npv_at_high"]),
                "swing": format_money(r.get("swing")),
            }
        )
    return {
        "p10": format_money(npv.get("p10")),
        "p50": format_money(npv.get("p50")),
        "p90": format_money(npv.get("p90")),
        "mean": format_money(npv.get("mean")),
        "probability": format_percent(sim.get("probability_npv_positive"), 1),
        "draws": format_number(sim.get("draws"), 0),
        "seed": str(sim.get("seed")),
        "percentiles": [
            (str(names[p]), format_money(npv.get(p))) for p in PERCENTILES if npv.get(p) is not None
        ],
        "uncertain_inputs": [input_label(model, p) for p in sim.get("uncertain_inputs", [])],
        "tornado": tornado,
        "histogram": page.charts.get("histogram", ""),
        "tornado_chart": page.charts.get("tornado", ""),
    }


def _not_said(data: dict[str, Any], page: ResultsPage) -> list[str]:
    """What the numbers do not say, for a reader who will decide on them."""
    kind = data.get("kind")
    out = [
        _(
            "The figures are estimates of value in kronor, not money in anyone's budget. A "
            "benefit for the municipality or an agency is a cost it avoids or a value it "
            "gains; it becomes a saving only if someone decides to spend less."
        ),
        _(
            "What is not given a value in the inputs is counted as nothing, not because it is "
            "worth nothing: safety, trust and people's own well-being count only where an input "
            "puts a figure on them."
        ),
    ]
    if kind in ("sroi", "socioeconomic"):
        out.append(
            _(
                "How much would have happened anyway, how much is only moved from elsewhere and "
                "how much others should be credited with are judgements. They are written in "
                "the inputs above with their reasons; other judgements give other figures."
            )
        )
    if page.simulation:
        out.append(
            _(
                "The simulation varies only the inputs given as ranges, each independently of "
                "the others. Inputs given as single values are treated as certain, and which "
                "effects are counted at all is not varied."
            )
        )
    else:
        out.append(
            _(
                "No input is given as a range, so the figures show a single case and say "
                "nothing about how uncertain they are."
            )
        )
    if any((row.get("npv") or 0) < 0 for row in page.by_stakeholder):
        out.append(
            _(
                "A positive result for everyone together does not mean that every party gains: "
                "the table by stakeholder shows who carries the costs and who receives the "
                "benefits."
            )
        )
    last = page.last_year
    rate = page.discount_rate_percent
    if last is not None:
        out.append(
            _("Effects after %(year)s are not counted, however long they last.") % {"year": last}
        )
    if rate and page.first_year is not None and last is not None and page.by_year:
        factor = page.by_year[-1].get("discount_factor")
        if factor is not None:
            out.append(
                _(
                    "Later years weigh less: at a discount rate of %(rate)s real, a krona in "
                    "%(year)s counts as %(value)s today."
                )
                % {"rate": _rate_text(rate), "year": last, "value": format_money(factor, 2)}
            )
    if kind == "property":
        out.append(
            _(
                "The change in property value is not added to the net present value: it comes "
                "from the same net operating income, which would then be counted twice."
            )
        )
    return out


def _issue_texts(figures: dict[str, Any]) -> list[str]:
    model = figures.get("model") or {}
    out = []
    for raw in figures.get("issues", []):
        issue = Issue(**raw)
        message = issue_message(issue)
        out.append(f"{input_label(model, issue.path)}: {message}" if issue.path else message)
    return out


def _context(figures: dict[str, Any], language: str) -> dict[str, Any]:
    v = figures["valuation"]
    data = figures.get("result")
    ctx: dict[str, Any] = {
        "document_title": title(figures),
        "document_author": v["programme"]["owner"],
        "document_date": dt.datetime.fromisoformat(figures["made_at"]).date(),
        "valuation": v,
        "kind_label": kind_label(v["kind"]),
        "question": question_for(v),
        "alternatives": _alternative_rows(figures),
        "has_alternatives": len(figures.get("alternatives", [])) > 1,
        "issues": _issue_texts(figures),
        "page": None,
    }
    if data is None:
        return ctx
    page = build_page(data)
    stored = figures.get("bank_sources", {})
    for row in page.inputs:
        if row.path in stored:
            row.source = stored[row.path].get(language, row.source)
    years = list(data.get("years", []))
    settings = figures.get("simulation_settings", {})
    ctx.update(
        {
            "page": page,
            "years": _years_text(page.first_year, page.last_year),
            "price_year": "–" if page.price_year is None else str(page.price_year),
            "discount_rate": _rate_text(page.discount_rate_percent),
            "first_year_discounted": bool(data.get("first_year_discounted")),
            "value_bank_version": data.get("value_bank_version", ""),
            "benefits": _benefits_table(page, years),
            "stakeholders": _stakeholder_rows(page),
            "outcomes": [
                {"name": o["name"], "total": format_money(o["total"]), "pv": format_money(o["pv"])}
                for o in page.by_outcome
            ],
            "costs": [
                {"name": c["name"], "total": format_money(c["total"]), "pv": format_money(c["pv"])}
                for c in page.by_cost
            ],
            "terms": [
                {
                    "term": t["term"],
                    "benefits": format_money(t["benefits"]),
                    "costs": format_money(t["costs"]),
                    "net": format_money(t["net"]),
                    "pv_net": format_money(t["pv_net"]),
                }
                for t in page.by_term
            ],
            "cumulative": [
                {"year": str(row["year"]), "value": format_money(row["cumulative_pv_net"])}
                for row in page.by_year
            ],
            "break_even_year": _year_text(data.get("totals", {}).get("break_even_year")),
            "simulation": _simulation(data, page),
            "draws": format_number(settings.get("draws"), 0),
            "not_said": _not_said(data, page),
        }
    )
    return ctx


def context(figures: dict[str, Any], *, language: str) -> dict[str, Any]:
    """The template's context in `language`, from the figures alone."""
    with translation.override(language):
        return _context(figures, language)


# --- what changed between two reports ------------------------------------------------------------


def compare(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    """The key figures and every input whose value changed (the change types of
    grogrund.reports.changes, described there)."""
    a, b = before.get("result") or {}, after.get("result") or {}
    name = after["valuation"]["name"]
    ta, tb = a.get("totals", {}), b.get("totals", {})
    out: list[dict[str, Any]] = []
    if ta.get("npv") != tb.get("npv"):
        out.append(
            {"type": "valuation_npv", "name": name, "before": ta.get("npv"), "after": tb.get("npv")}
        )
    if ta.get("ratio") != tb.get("ratio"):
        out.append(
            {
                "type": "valuation_ratio",
                "name": name,
                "before": ta.get("ratio"),
                "after": tb.get("ratio"),
            }
        )
    model = b.get("model") or a.get("model") or {}
    trace_a, trace_b = a.get("trace", {}), b.get("trace", {})
    for path, entry in trace_b.items():
        old = trace_a.get(path)
        if old is None or old.get("value") == entry.get("value"):
            continue
        labels = {}
        for language in LANGUAGES:
            with translation.override(language):
                labels[language] = input_label(model, path)
        out.append(
            {
                "type": "figure",
                "name": labels,
                "before": old.get("value"),
                "after": entry.get("value"),
            }
        )
    return out


def title(figures: dict[str, Any]) -> str:
    return str(_("Valuation report: %(name)s") % {"name": figures["valuation"]["name"]})


register_comparison("valuation", compare)
KIND = register(
    ReportKind(
        key="valuation",
        label=gettext_lazy("Valuation report"),
        template="reports/valuation.html",
        subject=subject,
        figures=figures,
        context=context,
        owner=lambda valuation: valuation.programme.owner,
        programme=lambda valuation: valuation.programme,
        title=title,
    )
)
