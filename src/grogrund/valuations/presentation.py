"""What the results page shows, from a valuation's cached result: key figures with where each
came from, the inputs with their sources, and the four charts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from grogrund.charts.valuation import (
    StackSeries,
    TornadoRow,
    break_even_chart,
    histogram_chart,
    stacked_bar_chart,
    tornado_chart,
)
from grogrund.core.numbers import format_money, format_number, format_percent
from grogrund.engine.errors import Issue
from grogrund.engine.stakeholders import STAKEHOLDERS
from grogrund.valuations import forms as vforms
from grogrund.valuations.issues import issue_message

COST_COLOUR = "#999999"


def stakeholder_label(stakeholder_id: str, custom: dict[str, str]) -> str:
    """A stakeholder's name in the active language (the engine's names are English)."""
    if stakeholder_id in custom:
        return custom[stakeholder_id]
    known = STAKEHOLDERS.get(stakeholder_id)
    if known is None:
        return stakeholder_id
    return known[1] if (get_language() or "sv").startswith("en") else known[0]


def _trimmed(value: float, decimals: int) -> str:
    """format_number without trailing zero decimals: 2,50 → 2,5; 3,00 → 3."""
    text = format_number(value, decimals)
    sep = "." if (get_language() or "sv").startswith("en") else ","
    if sep in text:
        text = text.rstrip("0").rstrip(sep)
    return text


def money_formatter(values: list[float]) -> Any:
    """A formatter for chart axes: millions of kronor when the figures are large."""
    big = max((abs(v) for v in values), default=0.0) >= 1_000_000
    unit = _("MSEK")

    def fmt(v: float) -> str:
        if big:
            return f"{_trimmed(v / 1e6, 2)}\u00a0{unit}"
        return format_money(v)

    return fmt


# --- labels for model paths ---------------------------------------------------------------------

_ROW = re.compile(r"^(costs|outcomes|metrics)\[(\d+)\](?:\.effects\[(\d+)\])?(?:\.(.+))?$")


def _field_label(form_class: type, name: str) -> str:
    f = form_class.base_fields.get(name)
    return str(f.label) if f is not None and f.label else name


def input_label(model: dict[str, Any], path: str) -> str:
    """A model path (``outcomes[0].deadweight``) as words: the row's name and the field's label."""
    custom = model.get("stakeholders") or {}
    kind = model.get("kind")
    if path == "discounting.rate":
        return _field_label(vforms.SettingsForm, "discount_rate")
    m = _ROW.match(path)
    if m:
        key, i, j, rest = m.group(1), int(m.group(2)), m.group(3), m.group(4) or ""
        rows = model.get(key) or []
        row = rows[i] if i < len(rows) else {}
        name = row.get("name") or row.get("id") or path
        form_class: type = {
            "costs": vforms.CostForm,
            "metrics": vforms.MetricForm,
            "outcomes": vforms.SroiOutcomeForm if kind == "sroi" else vforms.SocioOutcomeForm,
        }[key]
        if j is not None:
            effects = row.get("effects") or []
            effect = effects[int(j)] if int(j) < len(effects) else {}
            who = stakeholder_label(effect.get("stakeholder", ""), custom)
            field_name = rest.split("#", 1)[0]
            return f"{name} · {who} · {_field_label(vforms.EffectForm, field_name)}"
        if rest.startswith("effects_from["):
            who = rest[len("effects_from[") :].split("]", 1)[0]
            exclusion = _("cost of exclusion")
            return f"{name} · {exclusion} · {stakeholder_label(who, custom)}"
        head, _sep, tail = rest.partition(".")
        head = head.split("#", 1)[0]
        label = _field_label(form_class, head)
        if head in ("by_year", "outcomes") and tail:
            label = f"{label} {tail}"
        return f"{name} · {label}"
    if path.startswith("property."):
        key = path.removeprefix("property.").replace(".", "_", 1)
        return _field_label(vforms.PropertyForm, key)
    top = path.split(".", 1)[0]
    if top in vforms.ContractForm.base_fields:
        label = _field_label(vforms.ContractForm, top)
        rest = path[len(top) + 1 :]
        return f"{label} {rest}".strip()
    return path


def _field_first(label: str) -> str:
    """ "Row · field" → "field · row": in a short label the field is what tells inputs apart."""
    parts = label.split(" · ")
    return " · ".join([parts[-1], *parts[:-1]]) if len(parts) > 1 else label


# --- the page -------------------------------------------------------------------------------------


@dataclass
class KeyFigure:
    key: str
    label: str
    value: str
    explanation: str


@dataclass
class InputRow:
    path: str
    label: str
    value: str
    range: str
    origin: str
    source: str
    detail: str = ""


@dataclass
class ResultsPage:
    figures: list[KeyFigure]
    inputs: list[InputRow]
    warnings: list[str]
    by_stakeholder: list[dict[str, Any]]
    by_outcome: list[dict[str, Any]]
    by_cost: list[dict[str, Any]]
    by_term: list[dict[str, Any]]
    by_year: list[dict[str, Any]]
    cost_split: list[dict[str, Any]]
    simulation: dict[str, Any] | None
    charts: dict[str, str] = field(default_factory=dict)
    price_year: int | None = None
    discount_rate_percent: float | None = None
    details_rows: list[tuple[str, str]] = field(default_factory=list)

    @property
    def first_year(self) -> int | None:
        return self.by_year[0]["year"] if self.by_year else None

    @property
    def last_year(self) -> int | None:
        return self.by_year[-1]["year"] if self.by_year else None


def details_rows(details: dict[str, Any]) -> list[tuple[str, str]]:
    """Property value and contract figures from the engine's `details`, in words."""
    labels = {
        "noi_baseline": _("Net operating income now (per year)"),
        "noi_improved": _("Net operating income after (per year)"),
        "noi_change": _("Change in net operating income (per year)"),
        "value_baseline": _("Property value now (net operating income / yield)"),
        "value_improved": _("Property value after"),
        "value_change": _("Change in property value"),
        "value_change_from_noi": _("… of which from the net operating income"),
        "value_change_from_yield": _("… of which from the lower yield"),
        "dcf_value_baseline": _("Cash-flow value now"),
        "dcf_value_improved": _("Cash-flow value after"),
        "dcf_value_change": _("Change in cash-flow value"),
        "total_payments": _("Outcome payments in total"),
        "total_payments_uncapped": _("Outcome payments before the caps"),
        "investor_capital": _("Investor's capital"),
        "investor_net": _("Investor's net return"),
        "investor_irr": _("Investor's internal rate of return (IRR)"),
        "payer_net_saving_pv": _("Payer's net saving (present value)"),
    }
    rows = []
    for key, label in labels.items():
        if key not in details:
            continue
        v = details[key]
        text = format_percent(v, 1) if key == "investor_irr" else format_money(v)
        rows.append((str(label), text))
    return rows


def _pct_value(v: float | None) -> str:
    """A percentage written in percent (3.5 → 3,5 %), with no more decimals than needed."""
    return "–" if v is None else f"{_trimmed(v, 2)}\u00a0%"


def _value_text(entry: dict[str, Any]) -> str:
    unit = entry.get("unit", "")
    v = entry.get("value")
    if v is None:
        return "–"
    if unit == "%":
        return _pct_value(v)
    if unit.startswith("SEK"):
        return format_money(v)
    return format_number(v, 0 if float(v).is_integer() else 2)


def _range_text(entry: dict[str, Any]) -> str:
    r = entry.get("range")
    if not r:
        return ""
    unit = entry.get("unit", "")

    def f(x: float) -> str:
        if unit == "%":
            return _pct_value(x)
        return format_number(x, 0 if float(x).is_integer() else 2)

    dist = {"pert": "PERT", "triangular": _("triangular"), "uniform": _("uniform")}.get(
        r.get("distribution", "pert"), r.get("distribution", "")
    )
    return f"{f(r['low'])} – {f(r['high'])} ({dist})"


def input_rows(data: dict[str, Any]) -> list[InputRow]:
    model = data.get("model", {})
    english = (get_language() or "sv").startswith("en")
    rows = []
    for path, entry in data.get("trace", {}).items():
        label = input_label(model, path)
        if entry.get("kind") == "value_bank":
            e = entry.get("entry", {})
            ix = entry.get("indexation") or {}
            name = e.get("name_en") if english else e.get("name_sv")
            detail = ""
            if ix:
                detail = _(
                    "%(amount)s in %(from_year)s prices × KPI %(kpi_to)s / %(kpi_from)s "
                    "= %(indexed)s"
                ) % {
                    "amount": format_money(e.get("amount")),
                    "from_year": ix.get("from_year"),
                    "kpi_to": format_number(ix.get("kpi_to"), 2),
                    "kpi_from": format_number(ix.get("kpi_from"), 2),
                    "indexed": format_money(entry.get("indexed_amount")),
                }
            scale = entry.get("scale", 1.0)
            value = format_money(entry.get("value"))
            if scale not in (None, 1, 1.0):
                detail = (detail + "; " if detail else "") + _("× share %(share)s") % {
                    "share": format_percent(scale, 1)
                }
            rows.append(
                InputRow(
                    path=path,
                    label=label,
                    value=value,
                    range="",
                    origin=(
                        _("Own value replacing %(name)s (%(id)s)")
                        if e.get("override")
                        else _("Value bank: %(name)s (%(id)s, version %(version)s)")
                    )
                    % {"name": name, "id": e.get("id"), "version": e.get("version")},
                    source=f"{e.get('source', '')} — {e.get('method', '')}".strip(" —"),
                    detail=detail,
                )
            )
        else:
            rows.append(
                InputRow(
                    path=path,
                    label=label,
                    value=_value_text(entry),
                    range=_range_text(entry),
                    origin=_("Input"),
                    source=entry.get("source") or "",
                    detail=_("× price index %(factor)s")
                    % {"factor": format_number(entry["price_index_factor"], 4)}
                    if entry.get("price_index_factor")
                    else "",
                )
            )
    return rows


def key_figures(data: dict[str, Any]) -> list[KeyFigure]:
    t = data.get("totals", {})
    rate = data.get("discount_rate_percent")
    price_year = data.get("price_year")
    outcomes = ", ".join(
        f"{o['name']} {format_money(o['pv'])}" for o in data.get("by_outcome", [])[:6]
    )
    costs = ", ".join(f"{c['name']} {format_money(c['pv'])}" for c in data.get("by_cost", [])[:6])
    common = _("discounted at %(rate)s real, SEK in %(year)s prices") % {
        "rate": _pct_value(rate),
        "year": price_year,
    }
    ratio = t.get("ratio")
    payback = t.get("payback_years")
    be = t.get("break_even_year")
    return [
        KeyFigure(
            "pv_benefits",
            _("Present value of benefits"),
            format_money(t.get("pv_benefits")),
            _("Sum of every outcome's yearly value, %(common)s: %(parts)s.")
            % {"common": common, "parts": outcomes or "–"},
        ),
        KeyFigure(
            "pv_costs",
            _("Present value of costs"),
            format_money(t.get("pv_costs")),
            _("Sum of the costs, %(common)s: %(parts)s.")
            % {"common": common, "parts": costs or "–"},
        ),
        KeyFigure(
            "npv",
            _("Net present value"),
            format_money(t.get("npv")),
            _("Present value of benefits minus present value of costs."),
        ),
        KeyFigure(
            "ratio",
            _("Return per krona (ratio)") if data.get("kind") != "sroi" else _("SROI ratio"),
            "–" if ratio is None else f"{format_number(ratio, 2)}",
            _(
                "Present value of benefits divided by present value of costs: %(ratio)s kr back "
                "for every krona."
            )
            % {"ratio": "–" if ratio is None else format_number(ratio, 2)},
        ),
        KeyFigure(
            "payback",
            _("Payback time"),
            "–" if payback is None else _("%(years)s years") % {"years": format_number(payback, 1)},
            _(
                "When the cumulative discounted net value reaches zero, counted from the start "
                "of the first year."
            ),
        ),
        KeyFigure(
            "break_even",
            _("Break-even year"),
            "–" if be is None else str(be),
            _(
                "The first year from which the cumulative discounted net value stays at or "
                "above zero to the end of the horizon."
            )
            if be is not None
            else _(
                "The cumulative discounted net value is still negative at the end of the horizon."
            ),
        ),
    ]


def _engine_row_names(data: dict[str, Any]) -> dict[str, Any]:
    """The rows the engine names itself (in English) named in the user's language."""
    kind = data.get("kind")
    names = {}
    if kind == "property":
        names = {
            ("by_outcome", "vacancy"): _("Fewer vacancies (rent)"),
            ("by_outcome", "turnover"): _("Fewer move-outs (turnover cost)"),
            ("by_outcome", "vandalism"): _("Less vandalism and graffiti"),
        }
    elif kind == "outcome_contract":
        names = {("by_cost", "outcome_payments"): _("Outcome payments")}
    if not names:
        return data
    out = dict(data)
    for key in ("by_outcome", "by_cost"):
        out[key] = [
            {**row, "name": str(names.get((key, row["id"]), row["name"]))}
            for row in data.get(key, [])
        ]
    return out


def timing_warnings(model: dict[str, Any]) -> list[str]:
    """Outcomes or improvements that start outside the valuation's years: the engine accepts
    them silently (they add nothing, or the full effect from the first year)."""
    first = model.get("start_year")
    if not isinstance(first, int):
        return []
    last = first + int(model.get("horizon_years") or 10) - 1
    out = []
    starts = [
        (o.get("name") or o.get("id"), o.get("start_year")) for o in model.get("outcomes", [])
    ]
    prop = model.get("property") or {}
    if prop.get("improvement_start_year"):
        starts.append((str(_("The improvement")), prop["improvement_start_year"]))
    for name, year in starts:
        if isinstance(year, int) and year > last:
            out.append(
                _("%(name)s starts in %(year)s, after the last year %(last)s: it adds nothing.")
                % {"name": name, "year": year, "last": last}
            )
        elif isinstance(year, int) and year < first:
            out.append(
                _(
                    "%(name)s starts in %(year)s, before the first year %(first)s: it is counted "
                    "from %(first)s."
                )
                % {"name": name, "year": year, "first": first}
            )
    return out


def build_page(data: dict[str, Any]) -> ResultsPage:
    data = _engine_row_names(data)
    model = data.get("model", {})
    custom = model.get("stakeholders") or {}
    years = [str(y) for y in data.get("years", [])]
    by_stakeholder = [
        {**row, "label": stakeholder_label(row["stakeholder"], custom)}
        for row in data.get("by_stakeholder", [])
    ]
    cost_split = [
        {**row, "label": stakeholder_label(row["stakeholder"], custom)}
        for row in data.get("cost_split", [])
    ]
    by_term = [
        {
            **row,
            "by_stakeholder": [
                (stakeholder_label(s, custom), v) for s, v in row["net_by_stakeholder"].items()
            ],
        }
        for row in data.get("by_term", [])
    ]
    page = ResultsPage(
        figures=key_figures(data),
        inputs=input_rows(data),
        warnings=[issue_message(Issue(**w)) for w in data.get("warnings", [])]
        + timing_warnings(model),
        by_stakeholder=by_stakeholder,
        by_outcome=data.get("by_outcome", []),
        by_cost=data.get("by_cost", []),
        by_term=by_term,
        by_year=data.get("by_year", []),
        cost_split=cost_split,
        simulation=data.get("simulation"),
        price_year=data.get("price_year"),
        discount_rate_percent=data.get("discount_rate_percent"),
        details_rows=details_rows(data.get("details", {})),
    )
    page.charts = charts(data, by_stakeholder, years, model)
    return page


def charts(
    data: dict[str, Any], by_stakeholder: list[dict[str, Any]], years: list[str], model: Any
) -> dict[str, str]:
    out: dict[str, str] = {}
    series = [
        StackSeries(row["label"], row["benefits_by_year"])
        for row in by_stakeholder
        if any(row["benefits_by_year"])
    ]
    costs = [-sum(row["costs_by_year"][i] for row in by_stakeholder) for i in range(len(years))]
    if any(costs):
        series.append(StackSeries(_("Costs (all payers)"), costs, COST_COLOUR))
    all_values = [v for s in series for v in s.values]
    out["benefits"] = stacked_bar_chart(
        years,
        series,
        title=_("Benefits by stakeholder and year, and costs (SEK, not discounted)"),
        format_value=money_formatter(all_values),
    )
    cumulative = [row["cumulative_pv_net"] for row in data.get("by_year", [])]
    be = data.get("totals", {}).get("break_even_year")
    out["break_even"] = break_even_chart(
        years,
        cumulative,
        break_even_label=None if be is None else str(be),
        marker_text=_("break-even %(year)s") % {"year": be},
        title=_("Cumulative discounted net value"),
        format_value=money_formatter(cumulative),
    )
    sim = data.get("simulation")
    hist = data.get("histogram")
    if sim and hist and hist.get("counts"):
        npv = sim["npv"]
        markers = [(f"P{p}", npv[f"p{p}"]) for p in (10, 50, 90) if npv.get(f"p{p}") is not None]
        out["histogram"] = histogram_chart(
            hist["edges"],
            hist["counts"],
            markers=markers,
            title=_("Distribution of the net present value (%(draws)s simulations)")
            % {"draws": format_number(sim["draws"], 0)},
            format_value=money_formatter(hist["edges"]),
        )
    if sim and sim.get("tornado"):
        rows = [
            TornadoRow(
                _field_first(input_label(model, r["input"])),
                r["npv_at_low"],
                r["npv_at_high"],
                input_label(model, r["input"]),
            )
            for r in sim["tornado"][:12]
        ]
        base = data.get("totals", {}).get("npv") or 0.0
        out["tornado"] = tornado_chart(
            rows,
            base_value=base,
            title=_("Which uncertain inputs matter most for the net present value"),
            low_label=_("input at its low value"),
            high_label=_("input at its high value"),
            format_value=money_formatter(
                [base] + [v for r in rows for v in (r.npv_at_low, r.npv_at_high)]
            ),
        )
    return out


# --- what changed ------------------------------------------------------------------------------


@dataclass
class FieldChange:
    label: str
    path: str
    before: str
    after: str


def _is_range(v: Any) -> bool:
    return isinstance(v, dict) and {"low", "likely", "high"} <= set(v)


def flatten_model(value: Any, prefix: str = "") -> dict[str, Any]:
    """A model as {path: leaf}, with the engine's paths (``outcomes[0].quantity``); a range
    is one leaf."""
    out: dict[str, Any] = {}
    if _is_range(value) or not isinstance(value, dict | list):
        out[prefix] = value
    elif isinstance(value, dict):
        for k, v in value.items():
            out.update(flatten_model(v, f"{prefix}.{k}" if prefix else str(k)))
    else:
        for i, v in enumerate(value):
            out.update(flatten_model(v, f"{prefix}[{i}]"))
    return out


def _leaf_text(v: Any) -> str:
    if v is None:
        return "–"
    if _is_range(v):
        return f"{_leaf_text(v['low'])} – {_leaf_text(v['likely'])} – {_leaf_text(v['high'])}"
    if isinstance(v, bool):
        return _("yes") if v else _("no")
    if isinstance(v, int | float):
        return format_number(v, 0 if float(v).is_integer() else 2)
    return str(v)


def model_changes(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[FieldChange]:
    """The inputs that differ between two snapshots of a valuation (services.snapshot)."""
    b = flatten_model((before or {}).get("model") or {})
    a = flatten_model((after or {}).get("model") or {})
    model = (after or before or {}).get("model") or {}
    out = []
    for path in [*a, *[p for p in b if p not in a]]:
        if path in ("name", "format") or a.get(path) == b.get(path):
            continue
        out.append(
            FieldChange(
                input_label(model, path), path, _leaf_text(b.get(path)), _leaf_text(a.get(path))
            )
        )
    return out
