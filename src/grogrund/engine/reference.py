"""A plain-Python, one-draw-at-a-time evaluation of SROI and socio-economic models.

It exists to check the vectorised kernels (tests, benchmark): given the inputs of one Monte
Carlo draw, keyed as the :class:`~grogrund.engine.params.Resolver` keys them, it recomputes the
NPV with loops and no numpy. It must give the same numbers as :func:`grogrund.engine.evaluate`.
"""

from __future__ import annotations

from grogrund.engine.model import CostItem, SocioeconomicModel, SroiModel
from grogrund.engine.socioeconomic import expanded_effects
from grogrund.engine.valuebank import ValueBank


def _weight(k: int, duration: float, drop_off: float) -> float:
    if k < 0:
        return 0.0
    part = min(1.0, max(0.0, duration - k))
    return part * (1.0 - drop_off) ** k


def _costs_pv(items: list[CostItem], x: dict[str, float], start: int, d: list[float]) -> float:
    total = 0.0
    for i, item in enumerate(items):
        p = f"costs[{i}]"
        if item.by_year is not None:
            for year in item.by_year:
                total += x[f"{p}.by_year.{year}"] * d[year - start]
        else:
            first = item.start_year if item.start_year is not None else start
            for t in range(first - start, first - start + item.years):
                total += x[f"{p}.amount_sek"] * d[t]
    return total


def reference_npv(
    model: SroiModel | SocioeconomicModel, x: dict[str, float], bank: ValueBank
) -> float:
    """NPV of one draw. ``x`` maps resolver keys (``outcomes[0].persons``,
    ``outcomes[0].effects[1].value_bank#crime_assault`` …) to that draw's values."""
    rate = x["discounting.rate"]
    shift = 1 if model.discounting.first_year_discounted else 0
    d = [1.0 / (1.0 + rate) ** (t + shift) for t in range(model.horizon_years)]
    benefits = 0.0
    if isinstance(model, SroiModel):
        for i, o in enumerate(model.outcomes):
            p = f"outcomes[{i}]"
            proxy = x[f"{p}.value_bank#{o.value_bank}"] if o.value_bank else x[f"{p}.proxy_sek"]
            impact = (
                x[f"{p}.quantity"]
                * proxy
                * (1 - x[f"{p}.deadweight"])
                * (1 - x[f"{p}.displacement"])
                * (1 - x[f"{p}.attribution"])
            )
            off = (o.start_year or model.start_year) - model.start_year
            for t in range(model.horizon_years):
                w = _weight(t - off, x[f"{p}.duration_years"], x[f"{p}.drop_off"])
                benefits += impact * w * d[t]
    else:
        for i, so in enumerate(model.outcomes):
            p = f"outcomes[{i}]"
            per_person = 0.0
            for j, e in enumerate(expanded_effects(so, bank, p)):
                ep = (
                    f"{p}.effects[{j}]"
                    if j < len(so.effects)
                    else (f"{p}.effects_from[{e.stakeholder}]")
                )
                amount = (
                    x[f"{ep}.value_bank#{e.value_bank}"]
                    if e.value_bank
                    else x[f"{ep}.amount_sek_per_person_year"]
                )
                per_person += amount * x[f"{ep}.share"]
            people = x[f"{p}.persons"] * x[f"{p}.success_rate"]
            off = (so.start_year or model.start_year) - model.start_year
            for t in range(model.horizon_years):
                w = _weight(t - off, x[f"{p}.duration_years"], x[f"{p}.drop_off"])
                benefits += people * w * per_person * d[t]
    return benefits - _costs_pv(model.costs, x, model.start_year, d)
