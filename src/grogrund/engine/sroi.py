"""Social return on investment (SROI): an impact map valued with financial proxies.

Impact of outcome o in year k of its duration (k = 0 the start year), after the SROI Guide
(Social Value UK / Cabinet Office, "A guide to Social Return on Investment", 2012, stage 4)::

    quantity × proxy × (1 − deadweight) × (1 − displacement) × (1 − attribution)
             × (1 − drop_off)^k × clip(duration − k, 0, 1)

All percentages in the model file are percent (0–100).
"""

from __future__ import annotations

import numpy as np

from grogrund.engine.errors import model_error
from grogrund.engine.flows import FlowBlock, Persistence
from grogrund.engine.model import SroiModel
from grogrund.engine.params import Input, Resolver


def start_offset(start_year: int | None, model_start: int, path: str = "start_year") -> float:
    """Years from the model's start year to an outcome's; outcomes cannot start earlier."""
    if start_year is None:
        return 0.0
    if start_year < model_start:
        raise model_error(
            "year_outside_horizon",
            f"year {start_year} is before the model's start year {model_start}",
            path,
            year=start_year,
            first_year=model_start,
        )
    return float(start_year - model_start)


def sroi_benefits(model: SroiModel, r: Resolver, stakeholders: list[str]) -> FlowBlock:
    """Impact per outcome (profile level) and its stakeholder (split). All inputs of all
    outcomes are resolved in one batch, per outcome in the order quantity, proxy, deadweight,
    displacement, attribution, drop-off, duration."""
    o_count = len(model.outcomes)
    items: list[Input] = []
    offset = np.empty(o_count)
    split = np.zeros((1, o_count, len(stakeholders)))
    for i, o in enumerate(model.outcomes):
        p = f"outcomes[{i}]"
        items.append(Input(o.quantity, f"{p}.quantity", "units", source=o.source))
        if o.value_bank is not None:
            items.append(r.bank_input(o.value_bank, f"{p}.value_bank"))
        else:
            assert o.proxy_sek is not None
            items.append(
                r.money_input(o.proxy_sek, f"{p}.proxy_sek", "SEK per unit per year", o.source)
            )
        items += [
            Input(o.deadweight, f"{p}.deadweight", "%", 0.01),
            Input(o.displacement, f"{p}.displacement", "%", 0.01),
            Input(o.attribution, f"{p}.attribution", "%", 0.01),
            Input(o.drop_off, f"{p}.drop_off", "%", 0.01),
            Input(o.duration_years, f"{p}.duration_years", "years"),
        ]
        offset[i] = start_offset(o.start_year, model.start_year, f"{p}.start_year")
        split[0, i, stakeholders.index(o.stakeholder)] = 1.0
    x = r.values(items).reshape(o_count, 7, r.n)  # (O, input, n)
    qty, proxy, dw, disp, attr, drop, dur = (x[:, j] for j in range(7))
    impact = qty * proxy * (1.0 - dw) * (1.0 - disp) * (1.0 - attr)
    # (n, O) views of (O, n) arrays: every per-outcome row of draws stays contiguous.
    profile = Persistence(impact.T, offset, dur.T, drop.T, model.horizon_years)
    names = [o.name or o.id for o in model.outcomes]
    return FlowBlock("benefit", [o.id for o in model.outcomes], names, profile, split)
