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
from grogrund.engine.params import FloatArray, Resolver


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
    n, o_count, y_count = r.n, len(model.outcomes), model.horizon_years
    impact = np.empty((n, o_count))
    dur = np.empty((n, o_count))
    drop = np.empty((n, o_count))
    offset = np.empty(o_count)
    split = np.zeros((1, o_count, len(stakeholders)))
    for i, o in enumerate(model.outcomes):
        p = f"outcomes[{i}]"
        qty = r.q(o.quantity, f"{p}.quantity", "units", source=o.source)
        proxy: FloatArray
        if o.value_bank is not None:
            proxy = r.bank(o.value_bank, f"{p}.value_bank")
        else:
            assert o.proxy_sek is not None
            proxy = r.money(o.proxy_sek, f"{p}.proxy_sek", "SEK per unit per year", o.source)
        dw = r.q(o.deadweight, f"{p}.deadweight", "%", 0.01)
        disp = r.q(o.displacement, f"{p}.displacement", "%", 0.01)
        attr = r.q(o.attribution, f"{p}.attribution", "%", 0.01)
        impact[:, i] = qty * proxy * (1.0 - dw) * (1.0 - disp) * (1.0 - attr)
        drop[:, i] = r.q(o.drop_off, f"{p}.drop_off", "%", 0.01)
        dur[:, i] = r.q(o.duration_years, f"{p}.duration_years", "years")
        offset[i] = start_offset(o.start_year, model.start_year, f"{p}.start_year")
        split[0, i, stakeholders.index(o.stakeholder)] = 1.0
    profile = Persistence(impact, offset, dur, drop, y_count)
    names = [o.name or o.id for o in model.outcomes]
    return FlowBlock("benefit", [o.id for o in model.outcomes], names, profile, split)
