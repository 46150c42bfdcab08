"""Export a valuation to an XLSX workbook whose formulas recalculate to the engine's numbers.

Sheets: ``Inputs`` (every input with its source; amounts indexed by formula), ``Flows`` (one row
per outcome × stakeholder and per cost item, one column per year, live formulas over
``Inputs``), ``Summary`` (PV, NPV, ratio, break-even year, payback, by stakeholder). Ranges are
written at their likely value (the Monte Carlo simulation is not in the workbook).
Supported kinds: sroi, socioeconomic, property, outcome_contract.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped]

from grogrund.engine.cells import keep_as_text
from grogrund.engine.errors import model_error
from grogrund.engine.evaluate import _prices, load_model
from grogrund.engine.model import (
    AnyModel,
    CostItem,
    GoalsModel,
    OutcomeContractModel,
    PropertyModel,
    RangeSpec,
    SocioeconomicModel,
    SroiModel,
    ValuationModel,
)
from grogrund.engine.params import PriceContext
from grogrund.engine.property import ramp
from grogrund.engine.result import ValuationResult
from grogrund.engine.socioeconomic import expanded_effects
from grogrund.engine.valuebank import KpiSeries, indexation

FIRST_YEAR_COL = 4  # D


def _likely(v: float | RangeSpec) -> float:
    return v.likely if isinstance(v, RangeSpec) else float(v)


class _Inputs:
    def __init__(self, ws: Worksheet, prices: PriceContext) -> None:
        self.ws = ws
        self.prices = prices
        self.row = 1
        ws.append(
            [
                "input (model path)",
                "description",
                "value used",
                "unit",
                "source",
                "value as given",
                "KPI from",
                "KPI to",
            ]
        )
        self.refs: dict[str, str] = {}
        self.pf = self.plain(
            "price_index_factor",
            prices.model_factor,
            "KPI factor from the model's price year to the price year",
            "×",
        )

    def _next(self) -> int:
        self.row += 1
        return self.row

    def plain(
        self,
        path: str,
        value: float | RangeSpec,
        desc: str = "",
        unit: str = "",
        source: str | None = None,
    ) -> str:
        if path in self.refs:
            return self.refs[path]
        r = self._next()
        self.ws.append([path, desc, _likely(value), unit, source or "input", _likely(value)])
        self.refs[path] = f"Inputs!$C${r}"
        return self.refs[path]

    def money(
        self,
        path: str,
        value: float | RangeSpec,
        desc: str = "",
        unit: str = "SEK",
        source: str | None = None,
    ) -> str:
        if path in self.refs:
            return self.refs[path]
        r = self._next()
        self.ws.append([path, desc, f"=F{r}*{self.pf}", unit, source or "input", _likely(value)])
        self.refs[path] = f"Inputs!$C${r}"
        return self.refs[path]

    def bank(self, path: str, entry_id: str) -> str:
        key = f"{path}#{entry_id}"
        if key in self.refs:
            return self.refs[key]
        e = self.prices.bank.get(entry_id, path)
        r = self._next()
        if e.price_year is None:
            self.ws.append([path, e.name_en, e.amount, e.unit, f"{e.id}: {e.source}", e.amount])
        else:
            ix = indexation(e.price_year, self.prices.target_price_year, path, kpi=self.prices.kpi)
            self.ws.append(
                [
                    path,
                    e.name_en,
                    f"=F{r}*H{r}/G{r}",
                    e.unit,
                    f"{e.id}: {e.source} ({e.method})",
                    e.amount,
                    ix.kpi_from,
                    ix.kpi_to,
                ]
            )
        self.refs[key] = f"Inputs!$C${r}"
        return self.refs[key]


class _Flows:
    def __init__(self, ws: Worksheet, years: list[int]) -> None:
        self.ws = ws
        self.years = years
        ws.append(["row", "kind", "stakeholder", *years, "PV"])
        self.rows: list[int] = []
        self.df_row = 0

    def col(self, t: int) -> str:
        return str(get_column_letter(FIRST_YEAR_COL + t))

    @property
    def pv_col(self) -> str:
        return str(get_column_letter(FIRST_YEAR_COL + len(self.years)))

    def add(self, label: str, kind: str, stakeholder: str, cells: list[Any]) -> int:
        self.ws.append([label, kind, stakeholder, *cells])
        r = int(self.ws.max_row)
        if kind in {"benefit", "cost"}:
            self.rows.append(r)
            last = self.col(len(self.years) - 1)
            self.ws[f"{self.pv_col}{r}"] = (
                f"=SUMPRODUCT({self.col(0)}{r}:{last}{r},"
                f"{self.col(0)}${self.df_row}:{last}${self.df_row})"
            )
        return r


def _weight(k: int, dur: str, drop: str) -> str:
    return f"MAX(0,MIN(1,{dur}-{k}))*(1-{drop}/100)^{k}"


def _costs(fl: _Flows, inp: _Inputs, items: list[CostItem], start: int) -> None:
    for i, item in enumerate(items):
        p = f"costs[{i}]"
        cells: list[Any] = [0] * len(fl.years)
        if item.by_year is not None:
            for year, amount in item.by_year.items():
                cells[year - start] = "=" + inp.money(
                    f"{p}.by_year.{year}", amount, item.name, source=item.source
                )
        else:
            assert item.amount_sek is not None
            ref = inp.money(
                f"{p}.amount_sek", item.amount_sek, item.name, "SEK per year", item.source
            )
            first = (item.start_year or start) - start
            for t in range(first, first + item.years):
                cells[t] = "=" + ref
        fl.add(item.name or item.id, "cost", item.payer, cells)


def _sroi(fl: _Flows, inp: _Inputs, m: SroiModel) -> None:
    for i, o in enumerate(m.outcomes):
        p = f"outcomes[{i}]"
        q = inp.plain(f"{p}.quantity", o.quantity, o.name, "units", o.source)
        if o.value_bank:
            v = inp.bank(f"{p}.value_bank", o.value_bank)
        else:
            assert o.proxy_sek is not None
            v = inp.money(f"{p}.proxy_sek", o.proxy_sek, o.name, "SEK per unit per year")
        dw, disp, attr, drop = (
            inp.plain(f"{p}.{f}", getattr(o, f), f, "%")
            for f in ("deadweight", "displacement", "attribution", "drop_off")
        )
        dur = inp.plain(f"{p}.duration_years", o.duration_years, "duration", "years")
        off = (o.start_year or m.start_year) - m.start_year
        cells: list[Any] = []
        for t in range(len(fl.years)):
            k = t - off
            cells.append(
                0
                if k < 0
                else f"={q}*{v}*(1-{dw}/100)*(1-{disp}/100)*(1-{attr}/100)*" + _weight(k, dur, drop)
            )
        fl.add(o.name or o.id, "benefit", o.stakeholder, cells)


def _socio(fl: _Flows, inp: _Inputs, m: SocioeconomicModel, prices: PriceContext) -> None:
    for i, o in enumerate(m.outcomes):
        p = f"outcomes[{i}]"
        persons = inp.plain(f"{p}.persons", o.persons, o.name, "persons", o.source)
        success = inp.plain(f"{p}.success_rate", o.success_rate, "success rate", "%")
        dur = inp.plain(f"{p}.duration_years", o.duration_years, "duration", "years")
        drop = inp.plain(f"{p}.drop_off", o.drop_off, "drop-off", "%")
        terms: dict[str, list[str]] = {}
        for j, e in enumerate(expanded_effects(o, prices.bank, p)):
            ep = f"{p}.effects[{j}]" if j < len(o.effects) else f"{p}.effects_from[{e.stakeholder}]"
            share = inp.plain(f"{ep}.share", e.share, "share", "%")
            if e.value_bank:
                a = inp.bank(f"{ep}.value_bank", e.value_bank)
            else:
                assert e.amount_sek_per_person_year is not None
                a = inp.money(
                    f"{ep}.amount_sek_per_person_year",
                    e.amount_sek_per_person_year,
                    e.stakeholder,
                    "SEK per person-year",
                    e.source,
                )
            terms.setdefault(e.stakeholder, []).append(f"{a}*{share}/100")
        off = (o.start_year or m.start_year) - m.start_year
        for s, parts in terms.items():
            cells: list[Any] = []
            for t in range(len(fl.years)):
                k = t - off
                cells.append(
                    0
                    if k < 0
                    else f"={persons}*{success}/100*"
                    + _weight(k, dur, drop)
                    + f"*({'+'.join(parts)})"
                )
            fl.add(f"{o.name or o.id} — {s}", "benefit", s, cells)


def _property(fl: _Flows, inp: _Inputs, m: PropertyModel) -> None:
    sp = m.property
    w = ramp(m, len(fl.years))
    if sp.noi_given:
        noi = []
        for name, state in (("baseline", sp.baseline), ("improved", sp.improved)):
            assert state.noi_sek_per_year is not None
            noi.append(
                inp.money(f"property.{name}.noi_sek_per_year", state.noi_sek_per_year, "NOI")
            )
        fl.add(
            "Higher net operating income",
            "benefit",
            m.stakeholder,
            [
                0 if w[t] == 0 else f"=({noi[1]}-{noi[0]})*{float(w[t])!r}"
                for t in range(len(fl.years))
            ],
        )
        return
    assert sp.units is not None and sp.rent_sek_per_unit_year is not None
    assert sp.cost_per_move_sek is not None
    units = inp.plain("property.units", sp.units, "dwellings", "dwellings")
    rent = inp.money("property.rent_sek_per_unit_year", sp.rent_sek_per_unit_year, "rent")
    cpm = inp.money("property.cost_per_move_sek", sp.cost_per_move_sek, "cost per move")
    st = {}
    for name, state in (("baseline", sp.baseline), ("improved", sp.improved)):
        p = f"property.{name}"
        assert state.vacancy_rate is not None and state.moves_per_year is not None
        assert state.vandalism_sek_per_year is not None
        st[name] = (
            inp.plain(f"{p}.vacancy_rate", state.vacancy_rate, "vacancy rate", "%"),
            inp.plain(f"{p}.moves_per_year", state.moves_per_year, "moves", "per year"),
            inp.money(f"{p}.vandalism_sek_per_year", state.vandalism_sek_per_year, "vandalism"),
        )
    parts = [
        ("Fewer vacancies (rent)", f"{units}*{rent}*({st['baseline'][0]}-{st['improved'][0]})/100"),
        ("Fewer moves (turnover cost)", f"({st['baseline'][1]}-{st['improved'][1]})*{cpm}"),
        ("Less vandalism and graffiti", f"({st['baseline'][2]}-{st['improved'][2]})"),
    ]
    for label, expr in parts:
        fl.add(
            label,
            "benefit",
            m.stakeholder,
            [0 if w[t] == 0 else f"={expr}*{float(w[t])!r}" for t in range(len(fl.years))],
        )


def _contract(fl: _Flows, inp: _Inputs, m: OutcomeContractModel) -> None:
    y = len(fl.years)
    raw_terms: list[list[str]] = [[] for _ in range(y)]
    per_metric: list[list[str]] = [["0"] * y for _ in m.metrics]
    for i, mt in enumerate(m.metrics):
        p = f"metrics[{i}]"
        base = inp.plain(f"{p}.baseline", mt.baseline, mt.name, "units", mt.source)
        price = inp.money(f"{p}.price_sek_per_unit", mt.price_sek_per_unit, "price", "SEK/unit")
        if mt.savings_value_bank:
            saving = inp.bank(f"{p}.savings_value_bank", mt.savings_value_bank)
        elif mt.savings_sek_per_unit is not None:
            saving = inp.money(f"{p}.savings_sek_per_unit", mt.savings_sek_per_unit, "saving")
        else:
            saving = "0"
        cells: list[Any] = [0] * y
        for year, value in mt.outcomes.items():
            t = year - m.start_year
            o = inp.plain(f"{p}.outcomes.{year}", value, f"outcome {year}", "units")
            gain = (
                f"MAX(0,{o}-{base})" if mt.direction == "higher_is_better" else f"MAX(0,{base}-{o})"
            )
            cells[t] = f"={saving}*{gain}"
            raw_terms[t].append(f"{price}*{gain}")
            per_metric[i][t] = f"{price}*{gain}"
        fl.add(mt.name or mt.id, "benefit", m.payer, cells)
    raw = [("=" + "+".join(ts)) if ts else 0 for ts in raw_terms]
    raw_row = fl.add("payments before caps", "calc", "", raw)
    if m.cap_sek_per_metric or m.payers:
        _contract_in_turn(fl, inp, m, per_metric)
        return
    capped = []
    for t in range(y):
        c = f"{fl.col(t)}{raw_row}"
        if m.cap_sek_per_period is not None:
            cap_p = inp.money("cap_sek_per_period", m.cap_sek_per_period, "cap per period")
            c = f"MIN({cap_p},{c})"
        capped.append(c)
    pay_row = fl.ws.max_row + 1
    cells = []
    for t in range(y):
        if m.cap_sek_total is not None:
            cap_t = inp.money("cap_sek_total", m.cap_sek_total, "total cap")
            before = "0" if t == 0 else f"SUM({fl.col(0)}{pay_row}:{fl.col(t - 1)}{pay_row})"
            cells.append(f"=MIN({capped[t]},MAX(0,{cap_t}-{before}))")
        else:
            cells.append(f"={capped[t]}")
    fl.add("Outcome payments", "cost", m.payer, cells)


def _contract_in_turn(
    fl: _Flows, inp: _Inputs, m: OutcomeContractModel, per_metric: list[list[str]]
) -> None:
    """Caps per metric and per payer (engine/contracts.py `_in_turn`): each metric's payment in
    a year in turn, in the order of the metrics. Per metric i, three kinds of rows: what is due
    after the metric's, the period's and the total cap left (`due`), each payer's part held at
    what is left of its own cap (`paid by`), and their sum (`paid`). What was used before a cell
    is the earlier years of the rows concerned plus the earlier metrics of the same year."""
    y = len(fl.years)
    payers = m.payers
    shares = [
        inp.plain(f"payers[{j}].share", p.share, p.name or p.id) for j, p in enumerate(payers)
    ]
    payer_caps = [
        inp.money(f"payers[{j}].cap_sek", p.cap_sek, f"cap of {p.name or p.id}")
        if p.cap_sek is not None
        else None
        for j, p in enumerate(payers)
    ]
    metric_caps = {
        key: inp.money(f"cap_sek_per_metric.{key}", value, f"cap of {key}")
        for key, value in m.cap_sek_per_metric.items()
    }
    cap_p = (
        inp.money("cap_sek_per_period", m.cap_sek_per_period, "cap per period")
        if m.cap_sek_per_period is not None
        else None
    )
    cap_t = (
        inp.money("cap_sek_total", m.cap_sek_total, "total cap")
        if m.cap_sek_total is not None
        else None
    )
    # Rows are appended in order: metric i takes 1 + len(payers) + 1 rows from `first`.
    first = fl.ws.max_row + 1
    block = len(payers) + 2
    due_row = [first + i * block for i in range(len(m.metrics))]
    part_row = [
        [first + i * block + 1 + j for j in range(len(payers))] for i in range(len(m.metrics))
    ]
    paid_row = [first + i * block + block - 1 for i in range(len(m.metrics))]
    keys = [mt.cap_key or mt.id for mt in m.metrics]

    def used(rows: list[int], earlier: list[int], t: int) -> str:
        """The sum of `rows` over the years before t and of `earlier` in year t."""
        c = fl.col(t)
        terms = [f"SUM({fl.col(0)}{r}:{fl.col(t - 1)}{r})" for r in rows] if t > 0 else []
        terms += [f"{c}{r}" for r in earlier]
        return "(" + ("+".join(terms) or "0") + ")"

    for i, mt in enumerate(m.metrics):
        due_cells: list[Any] = []
        for t in range(y):
            limits = [per_metric[i][t]]
            if keys[i] in metric_caps:
                same = [paid_row[k] for k in range(len(m.metrics)) if keys[k] == keys[i]]
                before = [paid_row[k] for k in range(i) if keys[k] == keys[i]]
                limits.append(f"{metric_caps[keys[i]]}-{used(same, before, t)}")
            if cap_p is not None:
                limits.append(f"{cap_p}-{used([], paid_row[:i], t)}")
            if cap_t is not None:
                limits.append(f"{cap_t}-{used(paid_row, paid_row[:i], t)}")
            due_cells.append(f"=MAX(0,MIN({','.join(limits)}))")
        fl.add(f"{mt.name or mt.id}: due after caps", "calc", "", due_cells)
        for j, payer in enumerate(payers):
            cells: list[Any] = []
            for t in range(y):
                part = f"{fl.col(t)}{due_row[i]}*{shares[j]}"
                if payer_caps[j] is not None:
                    rows = [part_row[k][j] for k in range(len(m.metrics))]
                    earlier = [part_row[k][j] for k in range(i)]
                    part = f"MAX(0,MIN({part},{payer_caps[j]}-{used(rows, earlier, t)}))"
                cells.append(f"={part}")
            fl.add(f"{mt.name or mt.id}: paid by {payer.name or payer.id}", "calc", "", cells)
        if payers:
            paid = [
                f"=SUM({fl.col(t)}{part_row[i][0]}:{fl.col(t)}{part_row[i][-1]})" for t in range(y)
            ]
        else:
            paid = [f"={fl.col(t)}{due_row[i]}" for t in range(y)]
        fl.add(f"{mt.name or mt.id}: paid", "calc", "", paid)
    fl.add(
        "Outcome payments",
        "cost",
        m.payer,
        ["=" + "+".join(f"{fl.col(t)}{r}" for r in paid_row) for t in range(y)],
    )


def write_workbook(
    model: AnyModel | str | Path | dict[str, Any],
    result: ValuationResult | None,
    out: str | Path,
    *,
    price_year: int | None = None,
    kpi: KpiSeries | None = None,
) -> Path:
    """Write the workbook; returns its path. ``result`` is used for the engine's numbers,
    written beside the formulas for comparison. ``kpi``: the KPI series (default shipped)."""
    m = load_model(model)
    if isinstance(m, GoalsModel):
        raise model_error("xlsx_not_supported", "goals models have no workbook export", "kind")
    vm: ValuationModel = m
    prices = _prices(vm, price_year, None, kpi)
    years = [vm.start_year + t for t in range(vm.horizon_years)]
    wb = Workbook()
    summary = wb.active
    assert summary is not None
    summary.title = "Summary"
    inp = _Inputs(wb.create_sheet("Inputs"), prices)
    fl = _Flows(wb.create_sheet("Flows"), years)
    rate = inp.plain("discounting.rate", vm.discounting.rate, "discount rate (real)", "%")
    shift = 1 if vm.discounting.first_year_discounted else 0
    fl.df_row = 2
    fl.add(
        "discount factor",
        "factor",
        "",
        [f"=1/(1+{rate}/100)^{t + shift}" for t in range(len(years))],
    )
    if isinstance(vm, SroiModel):
        _sroi(fl, inp, vm)
    elif isinstance(vm, SocioeconomicModel):
        _socio(fl, inp, vm, prices)
    elif isinstance(vm, PropertyModel):
        _property(fl, inp, vm)
    else:
        _contract(fl, inp, vm)
    _costs(fl, inp, vm.costs, vm.start_year)
    _summary(summary, fl, years, result)
    # Names, descriptions, units and sources come from people: text, never formulas, however
    # they begin. The workbook's own formulas are in the other columns.
    keep_as_text(cell for column in ("A", "B", "D", "E") for cell in inp.ws[column])
    keep_as_text(cell for column in ("A", "B", "C") for cell in fl.ws[column])
    keep_as_text(summary["A"])
    path = Path(out)
    wb.save(path)
    return path


def _summary(ws: Worksheet, fl: _Flows, years: list[int], res: ValuationResult | None) -> None:
    last_row = fl.ws.max_row
    kinds = f"Flows!$B$2:$B${last_row}"
    stake = f"Flows!$C$2:$C${last_row}"
    pv = f"Flows!${fl.pv_col}$2:${fl.pv_col}${last_row}"
    ws.append(["measure", "workbook (formula)", "engine"])
    tot: dict[str, Any] = res.totals if res else {}
    ws.append(["PV of benefits", f'=SUMIF({kinds},"benefit",{pv})', tot.get("pv_benefits")])
    ws.append(["PV of costs", f'=SUMIF({kinds},"cost",{pv})', tot.get("pv_costs")])
    ws.append(["NPV", "=B2-B3", tot.get("npv")])
    ws.append(["Ratio", '=IF(B3>0,B2/B3,"")', tot.get("ratio")])
    # yearly rows in Summary from row 10: year, benefits, costs, net, discounted, cumulative
    y0 = 10
    ws.cell(row=y0 - 1, column=1, value="year")
    labels = [
        "benefits",
        "costs",
        "net",
        "discounted net",
        "cumulative discounted net",
        "break-even candidate",
    ]
    for i, lab in enumerate(labels):
        ws.cell(row=y0 + i, column=1, value=lab)
    n = len(years)
    for t, yr in enumerate(years):
        c = get_column_letter(2 + t)
        fc = fl.col(t)
        ws[f"{c}{y0 - 1}"] = yr
        ws[f"{c}{y0}"] = f'=SUMIF({kinds},"benefit",Flows!{fc}$2:{fc}${last_row})'
        ws[f"{c}{y0 + 1}"] = f'=SUMIF({kinds},"cost",Flows!{fc}$2:{fc}${last_row})'
        ws[f"{c}{y0 + 2}"] = f"={c}{y0}-{c}{y0 + 1}"
        ws[f"{c}{y0 + 3}"] = f"={c}{y0 + 2}*Flows!{fc}$2"
        ws[f"{c}{y0 + 4}"] = f"=SUM($B${y0 + 3}:{c}{y0 + 3})"
        end = get_column_letter(1 + n)
        ws[f"{c}{y0 + 5}"] = f'=IF(MIN({c}{y0 + 4}:${end}${y0 + 4})>=0,{c}{y0 - 1},"")'
    first, end = "B", get_column_letter(1 + n)
    cand = f"{first}{y0 + 5}:{end}{y0 + 5}"
    cum = f"{first}{y0 + 4}:{end}{y0 + 4}"
    ws.append([])
    ws["A6"] = "Break-even year"
    ws["B6"] = f'=IF(COUNT({cand})=0,"",MIN({cand}))'
    ws["C6"] = tot.get("break_even_year")
    ws["A7"] = "Payback (years)"
    k = f"(B6-{years[0]})"
    ws["B7"] = (
        f'=IF(B6="","",IF({k}=0,0,{k}+(-INDEX({cum},1,{k}))/'
        f"(INDEX({cum},1,{k}+1)-INDEX({cum},1,{k}))))"
    )
    ws["C7"] = tot.get("payback_years")
    row = y0 + 8
    ws.cell(row=row, column=1, value="stakeholder")
    ws.cell(row=row, column=2, value="PV benefits")
    ws.cell(row=row, column=3, value="PV costs")
    ws.cell(row=row, column=4, value="NPV")
    ws.cell(row=row, column=5, value="NPV (engine)")
    stakeholders = (
        [s["id"] for s in res.stakeholders]
        if res
        else sorted({str(fl.ws.cell(row=r, column=3).value) for r in fl.rows})
    )
    for i, s in enumerate(stakeholders):
        r = row + 1 + i
        ws.cell(row=r, column=1, value=s)
        ws.cell(row=r, column=2, value=f'=SUMIFS({pv},{kinds},"benefit",{stake},A{r})')
        ws.cell(row=r, column=3, value=f'=SUMIFS({pv},{kinds},"cost",{stake},A{r})')
        ws.cell(row=r, column=4, value=f"=B{r}-C{r}")
        if res:
            ws.cell(row=r, column=5, value=res.stakeholder(s)["npv"])
