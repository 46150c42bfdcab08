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
from grogrund.engine.flows import FlowBlock, Persistence
from grogrund.engine.model import Effect, RangeSpec, SocioeconomicModel, SocioOutcome
from grogrund.engine.params import Input, Resolver
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
    """Persons in effect per outcome and year (profile) and SEK per person-year for each
    stakeholder (split). All inputs of all outcomes are resolved in one batch, in the order
    persons, success rate, duration, drop-off, then share and amount of each effect."""
    n, o_count, s_count = r.n, len(model.outcomes), len(stakeholders)
    items: list[Input] = []
    head: list[int] = []  # row of each outcome's persons; success, duration, drop-off follow
    offset = np.empty(o_count)
    # per effect: outcome, stakeholder, row of its share, row of its amount
    effects: list[tuple[int, int, int, int]] = []
    for i, o in enumerate(model.outcomes):
        p = f"outcomes[{i}]"
        head.append(len(items))
        items += [
            Input(o.persons, f"{p}.persons", "persons", source=o.source),
            Input(o.success_rate, f"{p}.success_rate", "%", 0.01),
            Input(o.duration_years, f"{p}.duration_years", "years"),
            Input(o.drop_off, f"{p}.drop_off", "%", 0.01),
        ]
        offset[i] = start_offset(o.start_year, model.start_year, f"{p}.start_year")
        for j, e in enumerate(expanded_effects(o, r.prices.bank, p)):
            ep = f"{p}.effects[{j}]" if j < len(o.effects) else f"{p}.effects_from[{e.stakeholder}]"
            items.append(Input(e.share, f"{ep}.share", "%", 0.01))
            if e.value_bank is not None:
                items.append(r.bank_input(e.value_bank, f"{ep}.value_bank"))
            else:
                assert e.amount_sek_per_person_year is not None
                items.append(
                    r.money_input(
                        e.amount_sek_per_person_year,
                        f"{ep}.amount_sek_per_person_year",
                        "SEK per person-year",
                        e.source,
                    )
                )
            share_row = len(items) - 2
            effects.append((i, stakeholders.index(e.stakeholder), share_row, share_row + 1))
    x = r.values(items)
    head_rows = np.asarray(head, dtype=np.intp)
    # (n, O) views of (O, n) arrays: every per-outcome row of draws stays contiguous.
    people = (x[head_rows] * x[head_rows + 1]).T
    dur = x[head_rows + 2].T
    drop = x[head_rows + 3].T
    # split[o, s] = Σ over the outcome's effects for s of amount × share, added effect by
    # effect (row by row: each row is one contiguous block of n draws)
    split = np.zeros((o_count * s_count, n))
    for i, s_idx, share_row, amount_row in effects:
        row = split[i * s_count + s_idx]
        share = items[share_row]
        if isinstance(share.value, RangeSpec):
            row += x[amount_row] * x[share_row]
        elif float(share.value) * share.scale != 1.0:
            # a share that is a plain number: one factor, not a row of n equal factors
            row += x[amount_row] * (float(share.value) * share.scale)
        else:
            row += x[amount_row]
    profile = Persistence(people, offset, dur, drop, model.horizon_years)
    names = [o.name or o.id for o in model.outcomes]
    return FlowBlock(
        "benefit",
        [o.id for o in model.outcomes],
        names,
        profile,
        split.reshape(o_count, s_count, n).transpose(2, 0, 1),
    )
