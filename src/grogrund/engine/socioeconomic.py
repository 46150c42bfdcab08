"""Socio-economic calculation (socioekonomisk kalkyl): costs of exclusion avoided per person.

After Nilsson & Wadeskog's method: for each outcome (for example from economic assistance to
work) a number of persons, a success rate and, per stakeholder, the yearly cost avoided (or
revenue gained) per successful person. Persons in effect in year k of the duration::

    persons × success_rate × (1 − drop_off)^k × clip(duration − k, 0, 1)

and the flow to stakeholder s is that times the effect per person-year for s.
"""

from __future__ import annotations

import numpy as np

from grogrund.engine.errors import model_error
from grogrund.engine.flows import FlowBlock, year_weights
from grogrund.engine.model import Effect, SocioeconomicModel, SocioOutcome
from grogrund.engine.params import Resolver
from grogrund.engine.sroi import start_offset
from grogrund.engine.valuebank import ValueBank


def expanded_effects(outcome: SocioOutcome, bank: ValueBank, path: str) -> list[Effect]:
    """``effects`` plus one effect per value-bank entry ``<effects_from>.<stakeholder>``."""
    effects = list(outcome.effects)
    if outcome.effects_from:
        prefix = outcome.effects_from + "."
        ids = [e for e in bank.entries if e.startswith(prefix)]
        if not ids:
            raise model_error(
                "unknown_value_bank_entry",
                f"no value-bank entries start with {prefix!r}",
                f"{path}.effects_from",
                entry_id=outcome.effects_from,
            )
        effects += [Effect(stakeholder=e[len(prefix) :], value_bank=e) for e in ids]
    return effects


def socio_benefits(model: SocioeconomicModel, r: Resolver, stakeholders: list[str]) -> FlowBlock:
    n, o_count, y_count = r.n, len(model.outcomes), model.horizon_years
    people = np.empty((n, o_count))
    dur = np.empty((n, o_count))
    drop = np.empty((n, o_count))
    offset = np.empty(o_count)
    split = np.zeros((n, o_count, len(stakeholders)))
    for i, o in enumerate(model.outcomes):
        p = f"outcomes[{i}]"
        persons = r.q(o.persons, f"{p}.persons", "persons", source=o.source)
        success = r.q(o.success_rate, f"{p}.success_rate", "%", 0.01)
        people[:, i] = persons * success
        dur[:, i] = r.q(o.duration_years, f"{p}.duration_years", "years")
        drop[:, i] = r.q(o.drop_off, f"{p}.drop_off", "%", 0.01)
        offset[i] = start_offset(o.start_year, model.start_year, f"{p}.start_year")
        for j, e in enumerate(expanded_effects(o, r.prices.bank, p)):
            ep = f"{p}.effects[{j}]" if j < len(o.effects) else f"{p}.effects_from[{e.stakeholder}]"
            share = r.q(e.share, f"{ep}.share", "%", 0.01)
            if e.value_bank is not None:
                amount = r.bank(e.value_bank, f"{ep}.value_bank")
            else:
                assert e.amount_sek_per_person_year is not None
                amount = r.money(
                    e.amount_sek_per_person_year,
                    f"{ep}.amount_sek_per_person_year",
                    "SEK per person-year",
                    e.source,
                )
            split[:, i, stakeholders.index(e.stakeholder)] += amount * share
    profile = people[:, :, None] * year_weights(offset, dur, drop, y_count)
    names = [o.name or o.id for o in model.outcomes]
    return FlowBlock("benefit", [o.id for o in model.outcomes], names, profile, split)
