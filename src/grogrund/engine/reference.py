"""A plain-Python, one-draw-at-a-time evaluation of SROI and socio-economic models.

It exists to check the vectorised kernels (tests, benchmark): given the inputs of one Monte
Carlo draw, keyed as the :class:`~grogrund.engine.params.Resolver` keys them, it recomputes the
NPV with loops and no numpy. It must give the same numbers as :func:`grogrund.engine.evaluate`.

:func:`reference_plan` walks the model once (the key of every input, each outcome's start) and
returns the per-draw function, so that a loop over draws does not rebuild the keys each time;
:func:`reference_npv` does both for one draw.
"""

from __future__ import annotations

from collections.abc import Callable

from grogrund.engine.model import CostItem, SocioeconomicModel, SroiModel
from grogrund.engine.socioeconomic import expanded_effects
from grogrund.engine.valuebank import ValueBank

Draw = dict[str, float]


def _weight(k: int, duration: float, drop_off: float) -> float:
    if k < 0:
        return 0.0
    part = min(1.0, max(0.0, duration - k))
    return part * (1.0 - drop_off) ** k


def _cost_keys(items: list[CostItem], start: int) -> list[tuple[str, int]]:
    """(input key, year index) of every yearly cost amount."""
    out = []
    for i, item in enumerate(items):
        p = f"costs[{i}]"
        if item.by_year is not None:
            out += [(f"{p}.by_year.{year}", year - start) for year in item.by_year]
        else:
            first = item.start_year if item.start_year is not None else start
            out += [
                (f"{p}.amount_sek", t) for t in range(first - start, first - start + item.years)
            ]
    return out


def reference_plan(
    model: SroiModel | SocioeconomicModel, bank: ValueBank
) -> Callable[[Draw], float]:
    """The NPV of one draw as a plain-Python function of the draw's inputs ``x`` (resolver
    keys such as ``outcomes[0].persons`` or ``outcomes[0].effects[1].value_bank#crime_assault``
    mapped to that draw's values)."""
    years = model.horizon_years
    shift = 1 if model.discounting.first_year_discounted else 0
    costs = _cost_keys(model.costs, model.start_year)
    # per outcome: the keys of its factors and (amount, share) effects, of its persistence,
    # and its start (years after the model's)
    outcomes: list[tuple[list[str], list[tuple[str, str]], str, str, int]] = []
    if isinstance(model, SroiModel):
        for i, o in enumerate(model.outcomes):
            p = f"outcomes[{i}]"
            proxy = f"{p}.value_bank#{o.value_bank}" if o.value_bank else f"{p}.proxy_sek"
            factors = [f"{p}.quantity", f"{p}.deadweight", f"{p}.displacement", f"{p}.attribution"]
            off = (o.start_year or model.start_year) - model.start_year
            outcomes.append((factors, [(proxy, "")], f"{p}.duration_years", f"{p}.drop_off", off))
    else:
        for i, so in enumerate(model.outcomes):
            p = f"outcomes[{i}]"
            effects = []
            for j, e in enumerate(expanded_effects(so, bank, p)):
                ep = (
                    f"{p}.effects[{j}]"
                    if j < len(so.effects)
                    else f"{p}.effects_from[{e.stakeholder}]"
                )
                amount = (
                    f"{ep}.value_bank#{e.value_bank}"
                    if e.value_bank
                    else f"{ep}.amount_sek_per_person_year"
                )
                effects.append((amount, f"{ep}.share"))
            factors = [f"{p}.persons", f"{p}.success_rate"]
            off = (so.start_year or model.start_year) - model.start_year
            outcomes.append((factors, effects, f"{p}.duration_years", f"{p}.drop_off", off))
    sroi = isinstance(model, SroiModel)

    def npv(x: Draw) -> float:
        rate = x["discounting.rate"]
        d = [1.0 / (1.0 + rate) ** (t + shift) for t in range(years)]
        benefits = 0.0
        for factors, effects, duration_key, drop_key, off in outcomes:
            if sroi:
                # quantity × proxy × (1 − deadweight) × (1 − displacement) × (1 − attribution)
                level = x[factors[0]] * x[effects[0][0]]
                for f in factors[1:]:
                    level *= 1.0 - x[f]
            else:
                # persons × success rate × Σ effects amount × share
                per_person = 0.0
                for amount, share in effects:
                    per_person += x[amount] * x[share]
                level = x[factors[0]] * x[factors[1]] * per_person
            duration, drop_off = x[duration_key], x[drop_key]
            for t in range(years):
                benefits += level * _weight(t - off, duration, drop_off) * d[t]
        return benefits - sum(x[key] * d[t] for key, t in costs)

    return npv


def reference_npv(model: SroiModel | SocioeconomicModel, x: Draw, bank: ValueBank) -> float:
    """NPV of one draw. ``x`` maps resolver keys (``outcomes[0].persons``,
    ``outcomes[0].effects[1].value_bank#crime_assault`` …) to that draw's values."""
    return reference_plan(model, bank)(x)
