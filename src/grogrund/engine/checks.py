"""Plausibility checks on a valid model: inputs that are allowed but probably not meant.

Percentages are written in percent (0–100). An outcome whose deadweight, displacement,
attribution and drop-off are all below 1, and not all 0, was most likely written as fractions
(0.25 for 25 %): it draws warning ``percent_given_as_fraction``. The values are used as they
are written; only the user can tell what was meant.
"""

from __future__ import annotations

from pydantic import BaseModel

from grogrund.engine.errors import Issue
from grogrund.engine.model import (
    RangeSpec,
    SocioeconomicModel,
    SocioOutcome,
    SroiModel,
    SroiOutcome,
    ValuationModel,
)

#: The percentages of an outcome that are often given as fractions by mistake.
REDUCTION_FIELDS = ("deadweight", "displacement", "attribution", "drop_off")


def _numbers(value: object) -> list[float]:
    if isinstance(value, RangeSpec):
        return [value.low, value.likely, value.high]
    return [float(value)] if isinstance(value, int | float) else []


def looks_like_fractions(outcome: BaseModel) -> float | None:
    """The largest of the outcome's given reductions when all of them are below 1 and at
    least one is above 0 (the rule of ``percent_given_as_fraction``), else None. "Given" means
    written in the model: a field left at its default of 0 does not count."""
    given = [f for f in REDUCTION_FIELDS if f in outcome.model_fields_set]
    numbers = [x for f in given for x in _numbers(getattr(outcome, f))]
    if not numbers or max(numbers) >= 1 or max(numbers) <= 0:
        return None
    return max(numbers)


def _g(x: float) -> str:
    return f"{x:.6g}"


def fraction_warnings(model: ValuationModel) -> list[Issue]:
    """One warning per outcome whose reductions look like fractions (see the module)."""
    if not isinstance(model, SroiModel | SocioeconomicModel):
        return []
    out = []
    outcomes: list[SroiOutcome | SocioOutcome] = list(model.outcomes)
    for i, o in enumerate(outcomes):
        largest = looks_like_fractions(o)
        if largest is None:
            continue
        given = [f for f in REDUCTION_FIELDS if f in o.model_fields_set]
        name = o.name or o.id
        out.append(
            Issue(
                "percent_given_as_fraction",
                f"{', '.join(given)} of {name} are all below 1 but are read as percent: "
                f"did you mean {_g(100 * largest)} % rather than {_g(largest)} %?",
                f"outcomes[{i}]",
                {
                    "outcome": name,
                    "value": largest,
                    "percent": round(100 * largest, 6),
                    "fields": ", ".join(given),
                },
            )
        )
    return out
