"""What the results page shows, from a valuation's cached result: key figures with where each
came from, the inputs with their sources, and the four charts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from grogrund.charts.palette import COSTS
from grogrund.charts.table import data_table
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

COST_COLOUR = COSTS


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
            who, _sep, field_name = rest[len("effects_from[") :].partition("]")
            exclusion = _("cost of exclusion")
            label = f"{name} · {exclusion} · {stakeholder_label(who, custom)}"
            field_name = field_name.lstrip(".").split("#", 1)[0]
            if field_name:
                label += f" · {_field_label(vforms.EffectForm, field_name)}"
            return label
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
    if path == "discounting.first_year_discounted":
        return _field_label(vforms.SettingsForm, "first_year_discounted")
    if top == "stakeholders":
        return f"{_field_label(vforms.SettingsForm, 'stakeholder_names')} · {path[len(top) + 1 :]}"
    if path in ("description", "start_year", "horizon_years", "price_year"):
        return _field_label(vforms.SettingsForm, path)
    if top == "value_overrides" and "." in path[len(top) + 1 :]:
        entry_id, _sep, field_name = path[len(top) + 1 :].rpartition(".")
        return f"{value_bank_name(entry_id)} · {_field_label(vforms.OverrideForm, field_name)}"
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
        if unit.startswith("SEK"):
            return format_money(x)
        return format_number(x, 0 if float(x).is_integer() else 2)

    dist = {"pert": "PERT", "triangular": _("triangular"), "uniform": _("uniform")}.get(
        r.get("distribution", "pert"), r.get("distribution", "")
    )
    return f"{f(r['low'])} – {f(r['high'])} ({dist})"


def _bank_source(e: dict[str, Any]) -> str:
    """A value-bank entry's source and method in the reader's language. The texts come from
    the bank as shipped now (a cached result may predate its Swedish texts); an
    organisation's own value keeps the source it was given."""
    language = "en" if (get_language() or "sv").startswith("en") else "sv"
    source, method = e.get("source", ""), e.get("method", "")
    if e.get("override"):
        source = e.get("source_sv" if language == "sv" else "source") or source
        method = e.get("method_sv" if language == "sv" else "method") or method
    else:
        from grogrund.engine.valuebank import load_value_bank

        shipped = load_value_bank().entries.get(str(e.get("id")))
        if shipped is not None:
            _unit, source, method = shipped.texts(language)
    return f"{source} — {method}".strip(" —")


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
                    source=_bank_source(e),
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


def payback_text(years: float | None) -> str:
    """The payback time in words: "within the first year" rather than "0,0 years"."""
    if years is None:
        return "–"
    if years < 1:
        return _("within the first year")
    return _("%(years)s years") % {"years": format_number(years, 1)}


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
            payback_text(payback),
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
            ("by_outcome", "noi"): _("Higher net operating income"),
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
        series.append(StackSeries(_("Costs (all payers)"), costs, COST_COLOUR, hatched=True))
    all_values = [v for s in series for v in s.values]
    benefits_title = _("Benefits by stakeholder and year, and costs (SEK, not discounted)")
    out["benefits"] = stacked_bar_chart(
        years,
        series,
        title=benefits_title,
        format_value=money_formatter(all_values),
    )
    show = _("Show as table")
    out["benefits_table"] = data_table(
        summary=show,
        caption=benefits_title,
        columns=[_("Year"), *(s.label for s in series)],
        rows=[[y, *(format_money(s.values[i]) for s in series)] for i, y in enumerate(years)],
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
    out["break_even_table"] = data_table(
        summary=show,
        caption=_("Cumulative discounted net value"),
        columns=[_("Year"), _("Cumulative discounted net value")],
        rows=[[y, format_money(v)] for y, v in zip(years, cumulative, strict=False)],
    )
    sim = data.get("simulation")
    hist = data.get("histogram")
    if sim and hist and hist.get("counts"):
        npv = sim["npv"]
        markers = [(f"P{p}", npv[f"p{p}"]) for p in (10, 50, 90) if npv.get(f"p{p}") is not None]
        histogram_title = _("Distribution of the net present value (%(draws)s simulations)") % {
            "draws": format_number(sim["draws"], 0)
        }
        out["histogram"] = histogram_chart(
            hist["edges"],
            hist["counts"],
            markers=markers,
            title=histogram_title,
            format_value=money_formatter(hist["edges"]),
        )
        edges, counts = hist["edges"], hist["counts"]
        draws = sum(counts) or 1
        out["histogram_table"] = data_table(
            summary=show,
            caption=histogram_title,
            columns=[_("Net present value from"), _("to"), _("Simulations"), _("Share")],
            rows=[
                [
                    format_money(edges[i]),
                    format_money(edges[i + 1]),
                    format_number(c, 0),
                    format_percent(c / draws, 1),
                ]
                for i, c in enumerate(counts)
                if c
            ],
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
        tornado_title = _("Which uncertain inputs matter most for the net present value")
        out["tornado_table"] = data_table(
            summary=show,
            caption=tornado_title,
            columns=[
                _("Input"),
                _("Net present value, input at its low value"),
                _("Net present value, input at its high value"),
            ],
            rows=[[r.note, format_money(r.npv_at_low), format_money(r.npv_at_high)] for r in rows],
        )
        out["tornado"] = tornado_chart(
            rows,
            base_value=base,
            title=tornado_title,
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


#: Inputs written in percent (engine.model `Percent` fields).
PERCENT_KEYS = {
    "rate",
    "deadweight",
    "displacement",
    "attribution",
    "drop_off",
    "share",
    "success_rate",
    "vacancy_rate",
    "yield",
    "dcf_rate",
}
#: Inputs that are years or numbers of years, written without grouping (2025, not 2 025).
YEAR_KEYS = {"start_year", "price_year", "improvement_start_year", "horizon_years"}
_MONEY_PATH = re.compile(r"(_sek(_|$)|(^|\.)by_year\.\d+$|^investor_capital\.\d+$)")


def _leaf_key(path: str) -> str:
    return re.sub(r"\[[^]]*\]", "", path.rsplit(".", 1)[-1])


def _leaf_text(v: Any, path: str = "", model: dict[str, Any] | None = None) -> str:
    """A model input as a reader reads it: kronor, percent, years, stakeholders and
    value-bank entries by name."""
    if v is None:
        return "–"
    if _is_range(v):
        parts = (_leaf_text(v[k], path, model) for k in ("low", "likely", "high"))
        return " – ".join(parts)
    if isinstance(v, bool):
        return _("yes") if v else _("no")
    key = _leaf_key(path)
    custom = (model or {}).get("stakeholders") or {}
    if isinstance(v, str) and key in ("payer", "stakeholder", "investor"):
        return stakeholder_label(v, custom)
    if isinstance(v, str) and key in ("value_bank", "effects_from", "savings_value_bank"):
        return value_bank_name(v)
    if isinstance(v, int | float):
        own = re.match(r"^value_overrides\.(.+)\.amount$", path)
        if own:
            from grogrund.engine.valuebank import load_value_bank

            entry = load_value_bank().entries.get(own.group(1))
            is_share = entry is not None and entry.price_year is None
            return format_percent(v, 1) if is_share else format_money(v)
        if key in PERCENT_KEYS:
            return _pct_value(float(v))
        if _MONEY_PATH.search(path):
            return format_money(v)
        if key in YEAR_KEYS or key.endswith("_year"):
            return str(int(v))
        return format_number(v, 0 if float(v).is_integer() else 2)
    return str(v)


def value_bank_name(entry_id: str) -> str:
    """A value-bank entry by its name in the reader's language (its id when unknown)."""
    from grogrund.engine.valuebank import load_value_bank

    entry = load_value_bank().entries.get(entry_id)
    if entry is None:
        return entry_id
    return entry.name_en if (get_language() or "sv").startswith("en") else entry.name_sv


def model_changes(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[FieldChange]:
    """The inputs that differ between two snapshots of a valuation (services.snapshot)."""
    b = flatten_model((before or {}).get("model") or {})
    a = flatten_model((after or {}).get("model") or {})
    model = (after or before or {}).get("model") or {}
    old_model = (before or {}).get("model") or {}
    out = []
    for path in [*a, *[p for p in b if p not in a]]:
        if path in ("name", "format") or a.get(path) == b.get(path):
            continue
        out.append(
            FieldChange(
                input_label(model if path in a else old_model, path),
                path,
                _leaf_text(b.get(path), path, old_model),
                _leaf_text(a.get(path), path, model),
            )
        )
    return out
