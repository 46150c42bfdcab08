"""Costs of the initiative per payer and year (shared by every calculation kind)."""

from __future__ import annotations

import numpy as np

from grogrund.engine.errors import model_error
from grogrund.engine.flows import FlowBlock
from grogrund.engine.model import CostItem, RangeSpec
from grogrund.engine.params import Resolver


def cost_block(
    items: list[CostItem],
    r: Resolver,
    start_year: int,
    n_years: int,
    stakeholders: list[str],
    path: str = "costs",
) -> FlowBlock:
    """One row per cost item: SEK per year of the horizon, one-hot on the payer.

    When no cost is a range the profile is the same in every draw: it is built once and
    broadcast (read-only) to the n draws.
    """
    n, s_count = r.n, len(stakeholders)
    uncertain = any(_has_range(item) for item in items)
    rows = n if uncertain else 1
    profile = np.zeros((rows, len(items), n_years))
    split = np.zeros((1, len(items), s_count))
    last_year = start_year + n_years - 1
    for i, item in enumerate(items):
        p = f"{path}[{i}]"
        split[0, i, stakeholders.index(item.payer)] = 1.0
        if item.by_year is not None:
            for year, amount in item.by_year.items():
                _check_year(year, start_year, last_year, f"{p}.by_year.{year}")
                profile[:, i, year - start_year] = r.money(
                    amount, f"{p}.by_year.{year}", source=item.source
                )[:rows]
        else:
            assert item.amount_sek is not None
            first = item.start_year if item.start_year is not None else start_year
            _check_year(first, start_year, last_year, f"{p}.start_year")
            _check_year(first + item.years - 1, start_year, last_year, f"{p}.years")
            yearly = r.money(item.amount_sek, f"{p}.amount_sek", "SEK per year", item.source)
            t0 = first - start_year
            profile[:, i, t0 : t0 + item.years] = yearly[:rows, None]
    names = [it.name or it.id for it in items]
    if not uncertain:
        profile = np.broadcast_to(profile, (n, len(items), n_years))
    return FlowBlock("cost", [it.id for it in items], names, profile, split)


def _has_range(item: CostItem) -> bool:
    if item.by_year is not None:
        return any(isinstance(v, RangeSpec) for v in item.by_year.values())
    return isinstance(item.amount_sek, RangeSpec)


def _check_year(year: int, first: int, last: int, path: str) -> None:
    if not first <= year <= last:
        raise model_error(
            "year_outside_horizon",
            f"year {year} is outside the horizon {first}–{last}",
            path,
            year=year,
            first_year=first,
            last_year=last,
        )
