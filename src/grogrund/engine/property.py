"""Property economics for the housing company: operating income, value and cash flow.

* Net operating income (driftnetto), given directly (``noi_sek_per_year`` of each state) or
  made up of the parts that change::

      NOI = units × rent × (1 − vacancy_rate) − other operating costs
            − moves per year × cost per move − vandalism and graffiti costs

* Direct capitalisation (direktavkastningsmetoden): value = NOI / yield. The change in value is
  split into the part from a higher NOI (at the baseline yield) and the part from a lower yield.
* Discounted cash flow over the horizon, when ``dcf_rate`` is given: Σ NOI_t × d_t plus a
  terminal value NOI / yield discounted with the factor of the last year, at ``dcf_rate``.

The yearly benefit to the housing company is the improvement in NOI, reached linearly over
``ramp_up_years`` from ``improvement_start_year``: in three rows (vacancy, turnover, vandalism)
when NOI is made up of its parts, in one row when it is given directly.
"""

from __future__ import annotations

import numpy as np

from grogrund.engine.errors import Issue
from grogrund.engine.flows import FlowBlock
from grogrund.engine.model import NOI_PART_INPUTS, NOI_PARTS, PropertyModel, PropertyState
from grogrund.engine.params import FloatArray, Resolver, discount_factors

ROW_IDS = ["vacancy", "turnover", "vandalism"]
ROW_NAMES = ["Fewer vacancies (rent)", "Fewer moves (turnover cost)", "Less vandalism and graffiti"]
NOI_ROW_IDS = ["noi"]
NOI_ROW_NAMES = ["Higher net operating income"]


def check_inputs(model: PropertyModel) -> list[Issue]:
    """The property's inputs in one of the two forms: the net operating income of both states
    given directly, or its parts (vacancy, move-outs, vandalism of both states with units,
    rent and cost per move). Each issue names the field to fill in or to leave out."""
    spec = model.property
    issues: list[Issue] = []
    states = {"baseline": spec.baseline, "improved": spec.improved}
    for name, state in states.items():
        if state.noi_sek_per_year is not None and any(
            getattr(state, f) is not None for f in NOI_PARTS
        ):
            issues.append(
                Issue(
                    "noi_with_parts",
                    "give either the net operating income or the vacancy rate, move-outs and "
                    "vandalism, not both",
                    f"property.{name}.noi_sek_per_year",
                    {"state": name},
                )
            )
    if issues:
        return issues
    with_noi = [n for n, st in states.items() if st.noi_sek_per_year is not None]
    if len(with_noi) == 1:
        missing = "improved" if with_noi == ["baseline"] else "baseline"
        return [
            Issue(
                "noi_in_one_state_only",
                "give the net operating income both now and after, or neither",
                f"property.{missing}.noi_sek_per_year",
                {"state": missing},
            )
        ]
    if with_noi:
        for f in (*NOI_PART_INPUTS, "other_operating_cost_sek_per_year"):
            if getattr(spec, f) is not None:
                issues.append(
                    Issue(
                        "not_used_with_noi",
                        "not used when the net operating income is given directly: leave it out",
                        f"property.{f}",
                        {},
                    )
                )
        return issues
    for name, state in states.items():
        for f in NOI_PARTS:
            if getattr(state, f) is None:
                issues.append(_required_for_parts(f"property.{name}.{f}"))
    for f in NOI_PART_INPUTS:
        if getattr(spec, f) is None:
            issues.append(_required_for_parts(f"property.{f}"))
    return issues


def _required_for_parts(path: str) -> Issue:
    return Issue(
        "missing_field",
        "required unless the net operating income is given directly (noi_sek_per_year)",
        path,
        {},
    )


def _parts(s: PropertyState, r: Resolver, p: str) -> dict[str, FloatArray]:
    assert s.vacancy_rate is not None and s.moves_per_year is not None
    assert s.vandalism_sek_per_year is not None
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


def _noi_from_parts(
    model: PropertyModel, r: Resolver
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray, FloatArray]:
    """NOI now and after, the yields, and the three rows of the NOI change (n, 3)."""
    spec = model.property
    assert spec.units is not None and spec.rent_sek_per_unit_year is not None
    assert spec.cost_per_move_sek is not None
    units = r.q(spec.units, "property.units", "dwellings")
    rent = r.money(
        spec.rent_sek_per_unit_year, "property.rent_sek_per_unit_year", "SEK per dwelling per year"
    )
    other_cost = spec.other_operating_cost_sek_per_year
    other = r.money(
        0.0 if other_cost is None else other_cost,
        "property.other_operating_cost_sek_per_year",
        "SEK per year",
    )
    cpm = r.money(spec.cost_per_move_sek, "property.cost_per_move_sek", "SEK per move")
    b = _parts(spec.baseline, r, "property.baseline")
    i = _parts(spec.improved, r, "property.improved")
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
    return noi_b, noi_i, b["yield"], i["yield"], parts


def _noi_given(
    model: PropertyModel, r: Resolver
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray, FloatArray]:
    """NOI now and after as given, the yields, and the NOI change as one row (n, 1)."""
    out: list[FloatArray] = []
    for name in ("baseline", "improved"):
        state: PropertyState = getattr(model.property, name)
        assert state.noi_sek_per_year is not None
        p = f"property.{name}"
        out.append(r.money(state.noi_sek_per_year, f"{p}.noi_sek_per_year", "SEK per year"))
        out.append(r.q(state.yield_, f"{p}.yield", "%", 0.01))
    noi_b, yield_b, noi_i, yield_i = out
    return noi_b, noi_i, yield_b, yield_i, (noi_i - noi_b)[:, None]


def property_benefits(
    model: PropertyModel, r: Resolver, stakeholders: list[str]
) -> tuple[FlowBlock, dict[str, FloatArray]]:
    spec = model.property
    y_count = model.horizon_years
    if spec.noi_given:
        noi_b, noi_i, yield_b, yield_i, parts = _noi_given(model, r)
        row_ids, row_names = NOI_ROW_IDS, NOI_ROW_NAMES
    else:
        noi_b, noi_i, yield_b, yield_i, parts = _noi_from_parts(model, r)
        row_ids, row_names = ROW_IDS, ROW_NAMES
    w = ramp(model, y_count)
    profile = parts[:, :, None] * w[None, None, :]
    split = np.zeros((1, len(row_ids), len(stakeholders)))
    split[0, :, stakeholders.index(model.stakeholder)] = 1.0

    value_b = noi_b / yield_b
    value_i_noi = noi_i / yield_b
    value_i = noi_i / yield_i
    extras = {
        "noi_baseline": noi_b,
        "noi_improved": noi_i,
        "noi_change": noi_i - noi_b,
        "value_baseline": value_b,
        "value_improved": value_i,
        "value_change": value_i - value_b,
        "value_change_from_noi": value_i_noi - value_b,
        "value_change_from_yield": value_i - value_i_noi,
    }
    if spec.dcf_rate is not None:
        dcf_rate = r.q(spec.dcf_rate, "property.dcf_rate", "%", 0.01)
        d = discount_factors(dcf_rate, y_count, model.discounting.first_year_discounted)
        noi_path_i = noi_b[:, None] + (noi_i - noi_b)[:, None] * w[None, :]
        dcf_b = (noi_b[:, None] * d).sum(axis=1) + value_b * d[:, -1]
        dcf_i = (noi_path_i * d).sum(axis=1) + value_i * d[:, -1]
        extras |= {
            "dcf_value_baseline": dcf_b,
            "dcf_value_improved": dcf_i,
            "dcf_value_change": dcf_i - dcf_b,
        }
    return FlowBlock("benefit", row_ids, row_names, profile, split), extras
