"""Grogrund valuation engine: pure calculations, no Django.

Model steps 6 (goals), 7 (horizon), 10 (cost split) and 11 (financial analysis): goals from
gaps, SROI, socio-economic calculation, property economics, outcome contracts and uncertainty,
with a versioned value bank. See docs/valuation-model.md.
"""

from grogrund.engine.contracts import irr
from grogrund.engine.costsplit import cost_split
from grogrund.engine.errors import Issue, ModelError
from grogrund.engine.evaluate import evaluate, load_model, model_stakeholders
from grogrund.engine.flows import electoral_term
from grogrund.engine.model import (
    DEFAULT_DISCOUNT_RATE_PERCENT,
    DEFAULT_HORIZON_YEARS,
    MIN_HORIZON_YEARS,
    GoalsModel,
    OutcomeContractModel,
    PropertyModel,
    RangeSpec,
    SocioeconomicModel,
    SroiModel,
)
from grogrund.engine.result import SimulationResult, ValuationResult
from grogrund.engine.targets import (
    AT_RISK_FRACTION,
    Direction,
    Goal,
    TrackStatus,
    gap_to_target,
    goal_from_gap,
    percent_met,
    track_status,
    trajectory,
)
from grogrund.engine.valuebank import (
    ValueBank,
    ValueEntry,
    ValueOverride,
    index_amount,
    load_kpi,
    load_value_bank,
)

__all__ = [
    "AT_RISK_FRACTION",
    "DEFAULT_DISCOUNT_RATE_PERCENT",
    "DEFAULT_HORIZON_YEARS",
    "MIN_HORIZON_YEARS",
    "Direction",
    "Goal",
    "GoalsModel",
    "Issue",
    "ModelError",
    "OutcomeContractModel",
    "PropertyModel",
    "RangeSpec",
    "SimulationResult",
    "SocioeconomicModel",
    "SroiModel",
    "TrackStatus",
    "ValuationResult",
    "ValueBank",
    "ValueEntry",
    "ValueOverride",
    "cost_split",
    "electoral_term",
    "evaluate",
    "gap_to_target",
    "goal_from_gap",
    "index_amount",
    "irr",
    "load_kpi",
    "load_model",
    "load_value_bank",
    "model_stakeholders",
    "percent_met",
    "track_status",
    "trajectory",
]
