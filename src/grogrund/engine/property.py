"""Property economics for the housing company: operating income, value and cash flow.

* Net operating income (driftnetto)::

      NOI = units × rent × (1 − vacancy_rate) − other operating costs
            − moves per year × cost per move − vandalism and graffiti costs

* Direct capitalisation (direktavkastningsmetoden): value = NOI / yield. The change in value is
  split into the part from a higher NOI (at the baseline yield) and the part from a lower yield.
* Discounted cash flow over the horizon: Σ NOI_t × d_t plus a terminal value
  NOI / yield discounted with the factor of the last year, at ``dcf_rate``.

The yearly benefit to the housing company is the improvement in NOI, reached linearly over
``ramp_up_years`` from ``improvement_start_year``.
"""

from __future__ import annotations

import numpy as np

from grogrund.engine.flows import FlowBlock
from grogrund.engine.model import PropertyModel, PropertyState
from grogrund.engine.params import FloatArray, Resolver, discount_factors

ROW_IDS = ["vacancy", "turnover", "vandalism"]
ROW_NAMES = ["Fewer vacancies (rent)", "Fewer moves (turnover cost)", "Less vandalism and graffiti"]


def _state(s: PropertyState, r: Resolver, p: str) -> dict[str, FloatArray]:
    return {
        "vacancy": r.q(s.vacancy_rate, f"{p}.vacancy_rate", "%", 0.01),
        "moves": r.q(s.moves_per_year, f"{p}.moves_per_year", "moves per year"),
        "vandalism": r.money(
            s.vandalism_sek_per_year, f"{p}.vandalism_sek_per_year", "SEK per year"
        ),
        "yield": r.q(s.yield_, f"{p}.yield", "%", 0.01),
    }


def ramp(model: PropertyModel, n_years: int) -> FloatArray:
    """Share of the full improvement reached in each year of the horizon."""
    spec = model.property
    first = spec.improvement_start_year or model.start_year
    k = np.arange(n_years) - (first - model.start_year)
    return np.where(k >= 0, np.minimum(1.0, (k + 1) / spec.ramp_up_years), 0.0)


def property_benefits(
    model: PropertyModel, r: Resolver, stakeholders: list[str]
) -> tuple[FlowBlock, dict[str, FloatArray]]:
    spec = model.property
    n, y_count = r.n, model.horizon_years
    units = r.q(spec.units, "property.units", "dwellings")
    rent = r.money(
        spec.rent_sek_per_unit_year, "property.rent_sek_per_unit_year", "SEK per dwelling per year"
    )
    other = r.money(
        spec.other_operating_cost_sek_per_year,
        "property.other_operating_cost_sek_per_year",
        "SEK per year",
    )
    cpm = r.money(spec.cost_per_move_sek, "property.cost_per_move_sek", "SEK per move")
    b = _state(spec.baseline, r, "property.baseline")
    i = _state(spec.improved, r, "property.improved")
    dcf_rate = r.q(spec.dcf_rate, "property.dcf_rate", "%", 0.01)

    gross = units * rent
    noi_b = gross * (1 - b["vacancy"]) - other - b["moves"] * cpm - b["vandalism"]
    noi_i = gross * (1 - i["vacancy"]) - other - i["moves"] * cpm - i["vandalism"]
    parts = np.stack(
        [
            gross * (b["vacancy"] - i["vacancy"]),
            (b["moves"] - i["moves"]) * cpm,
            b["vandalism"] - i["vandalism"],
        ],
        axis=1,
    )  # (n, 3)
    w = ramp(model, y_count)
    profile = parts[:, :, None] * w[None, None, :]
    split = np.zeros((1, 3, len(stakeholders)))
    split[0, :, stakeholders.index(model.stakeholder)] = 1.0

    value_b = noi_b / b["yield"]
    value_i_noi = noi_i / b["yield"]
    value_i = noi_i / i["yield"]
    d = discount_factors(dcf_rate, y_count, model.discounting.first_year_discounted)
    noi_path_i = noi_b[:, None] + (noi_i - noi_b)[:, None] * w[None, :]
    dcf_b = (noi_b[:, None] * d).sum(axis=1) + value_b * d[:, -1]
    dcf_i = (noi_path_i * d).sum(axis=1) + value_i * d[:, -1]
    extras = {
        "noi_baseline": noi_b,
        "noi_improved": noi_i,
        "noi_change": noi_i - noi_b,
        "value_baseline": value_b,
        "value_improved": value_i,
        "value_change": value_i - value_b,
        "value_change_from_noi": value_i_noi - value_b,
        "value_change_from_yield": value_i - value_i_noi,
        "dcf_value_baseline": dcf_b,
        "dcf_value_improved": dcf_i,
        "dcf_value_change": dcf_i - dcf_b,
    }
    del n
    return FlowBlock("benefit", ROW_IDS, ROW_NAMES, profile, split), extras
