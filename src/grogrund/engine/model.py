"""The valuation model file: validated input models, one per calculation kind.

A model file is YAML or JSON with a ``kind``: ``goals``, ``sroi``, ``socioeconomic``,
``property`` or ``outcome_contract`` (see docs/valuation-model.md). Percentages are written in
percent (0–100). Any number marked *Quantity* may instead be a range
``{low, likely, high, distribution}`` for the Monte Carlo simulation.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

#: The model asks for a horizon of at least ten years (seed 000, step 7 "Tidsperspektiv").
MIN_HORIZON_YEARS = 10
#: Default horizon: the minimum the model asks for.
DEFAULT_HORIZON_YEARS = 10
#: Default real discount rate, percent per year (mission.md "Core calculations"; the same rate
#: as the Swedish transport appraisal guidance ASEK uses for real cash flows).
DEFAULT_DISCOUNT_RATE_PERCENT = 3.5

Distribution = Literal["pert", "triangular", "uniform"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class RangeSpec(_Strict):
    """An uncertain input: low / likely / high and the distribution between them."""

    low: float
    likely: float
    high: float
    distribution: Distribution = "pert"
    source: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> RangeSpec:
        if not self.low <= self.likely <= self.high:
            raise PydanticCustomError(
                "range_not_ordered",
                "a range needs low ≤ likely ≤ high, got {low} / {likely} / {high}",
                {"low": self.low, "likely": self.likely, "high": self.high},
            )
        return self


def _values(v: float | RangeSpec) -> list[float]:
    return [v.low, v.likely, v.high] if isinstance(v, RangeSpec) else [v]


def _check_percent(v: float | RangeSpec) -> float | RangeSpec:
    for x in _values(v):
        if not 0.0 <= x <= 100.0:
            raise PydanticCustomError(
                "percent_out_of_range",
                "must be a percentage between 0 and 100, got {value}",
                {"value": x},
            )
    return v


def _check_percent_below_100(v: float | RangeSpec) -> float | RangeSpec:
    _check_percent(v)
    for x in _values(v):
        if x >= 100.0:
            raise PydanticCustomError(
                "percent_out_of_range",
                "must be a percentage below 100, got {value}",
                {"value": x},
            )
    return v


def _check_non_negative(v: float | RangeSpec) -> float | RangeSpec:
    for x in _values(v):
        if x < 0:
            raise PydanticCustomError(
                "negative_value", "must not be negative, got {value}", {"value": x}
            )
    return v


def _check_positive(v: float | RangeSpec) -> float | RangeSpec:
    for x in _values(v):
        if x <= 0:
            raise PydanticCustomError(
                "not_positive", "must be greater than zero, got {value}", {"value": x}
            )
    return v


Quantity = float | RangeSpec
Percent = Annotated[float | RangeSpec, AfterValidator(_check_percent)]
NonNegative = Annotated[float | RangeSpec, AfterValidator(_check_non_negative)]
Positive = Annotated[float | RangeSpec, AfterValidator(_check_positive)]
# A yield or vacancy rate of 100 % makes no sense and would divide by zero in places.
PercentBelow100 = Annotated[float | RangeSpec, AfterValidator(_check_percent_below_100)]
Year = Annotated[int, Field(ge=1900, le=2200)]


class Discounting(_Strict):
    rate: Percent = DEFAULT_DISCOUNT_RATE_PERCENT
    #: False (default): the start year is year 0 and is not discounted, year t is divided by
    #: (1 + r)^t. True: every year is discounted as at its end, year t by (1 + r)^(t + 1).
    first_year_discounted: bool = False


class ValueOverrideSpec(_Strict):
    amount: float
    price_year: Year | None
    source: Annotated[str, Field(min_length=1)]
    method: str = ""


class CostItem(_Strict):
    """A cost of the initiative carried by one payer: a yearly amount for some years, or
    amounts by year."""

    id: str
    name: str = ""
    payer: str
    amount_sek: NonNegative | None = None
    start_year: Year | None = None
    years: Annotated[int, Field(ge=1)] = 1
    by_year: dict[Year, NonNegative] | None = None
    source: str | None = None

    @model_validator(mode="after")
    def _one_form(self) -> CostItem:
        if (self.amount_sek is None) == (self.by_year is None):
            raise PydanticCustomError(
                "cost_form", "give either amount_sek (with start_year and years) or by_year", {}
            )
        return self


class _ModelBase(_Strict):
    format: str | None = None
    name: str = ""
    description: str = ""
    start_year: Year
    horizon_years: Annotated[int, Field(ge=1, le=100)] = DEFAULT_HORIZON_YEARS
    price_year: Year
    discounting: Discounting = Discounting()
    stakeholders: dict[str, str] = {}
    value_overrides: dict[str, ValueOverrideSpec] = {}
    costs: list[CostItem] = []


# --- goals --------------------------------------------------------------------------------


class GoalSpec(_Strict):
    id: str
    name: str = ""
    direction: Literal["higher_is_better", "lower_is_better"] = "higher_is_better"
    area_percent: Annotated[float, AfterValidator(_check_percent)]
    # None: no comparison value; the goal is then a fixed number of people (fixed_count).
    reference_percent: Annotated[float, AfterValidator(_check_percent)] | None = None
    base: Annotated[float, Field(ge=0)]
    share_of_gap: Annotated[float, AfterValidator(_check_percent)] | None = None
    fixed_count: Annotated[int, Field(ge=0)] | None = None
    baseline_year: Year
    deadline_year: Year
    actuals: dict[Year, Annotated[float, AfterValidator(_check_percent)]] = {}
    source: str | None = None


class GoalsModel(_Strict):
    format: str | None = None
    kind: Literal["goals"]
    name: str = ""
    description: str = ""
    goals: list[GoalSpec]


# --- SROI ---------------------------------------------------------------------------------


class SroiOutcome(_Strict):
    """One outcome for one stakeholder in the impact map."""

    id: str
    name: str = ""
    stakeholder: str
    quantity: NonNegative
    proxy_sek: NonNegative | None = None
    value_bank: str | None = None
    deadweight: Percent = 0.0
    displacement: Percent = 0.0
    attribution: Percent = 0.0
    drop_off: Percent = 0.0
    duration_years: NonNegative = 1.0
    start_year: Year | None = None
    source: str | None = None

    @model_validator(mode="after")
    def _one_proxy(self) -> SroiOutcome:
        if (self.proxy_sek is None) == (self.value_bank is None):
            raise PydanticCustomError(
                "proxy_form", "give either proxy_sek or value_bank (an entry id)", {}
            )
        return self


class SroiModel(_ModelBase):
    kind: Literal["sroi"]
    outcomes: list[SroiOutcome]


# --- socio-economic -------------------------------------------------------------------------


class Effect(_Strict):
    """A yearly effect per successful person for one stakeholder (positive = cost avoided)."""

    stakeholder: str
    amount_sek_per_person_year: Quantity | None = None
    value_bank: str | None = None
    share: Percent = 100.0
    source: str | None = None

    @model_validator(mode="after")
    def _one_amount(self) -> Effect:
        if (self.amount_sek_per_person_year is None) == (self.value_bank is None):
            raise PydanticCustomError(
                "effect_form", "give either amount_sek_per_person_year or value_bank", {}
            )
        return self


class SocioOutcome(_Strict):
    id: str
    name: str = ""
    persons: NonNegative
    success_rate: Percent = 100.0
    duration_years: NonNegative = 1.0
    drop_off: Percent = 0.0
    start_year: Year | None = None
    effects: list[Effect] = []
    #: Expand into one effect per payer from value-bank entries ``<prefix>.<stakeholder>``.
    effects_from: str | None = None
    source: str | None = None

    @model_validator(mode="after")
    def _has_effects(self) -> SocioOutcome:
        if not self.effects and not self.effects_from:
            raise PydanticCustomError("no_effects", "give effects or effects_from", {})
        return self


class SocioeconomicModel(_ModelBase):
    kind: Literal["socioeconomic"]
    outcomes: list[SocioOutcome]


# --- property -------------------------------------------------------------------------------


class PropertyState(_Strict):
    """The property now (``baseline``) or after the improvement (``improved``): either the
    parts of the net operating income that change (vacancy, move-outs, vandalism) or the net
    operating income itself (driftnetto, SEK per year); the yield in both cases."""

    vacancy_rate: PercentBelow100 | None = None
    moves_per_year: NonNegative | None = None
    vandalism_sek_per_year: NonNegative | None = None
    #: Net operating income (driftnetto) given directly, SEK per year; may be negative.
    noi_sek_per_year: Quantity | None = None
    yield_: Annotated[
        float | RangeSpec, AfterValidator(_check_percent_below_100), AfterValidator(_check_positive)
    ] = Field(alias="yield")


#: The fields of a state that make up its net operating income when it is not given directly.
NOI_PARTS = ("vacancy_rate", "moves_per_year", "vandalism_sek_per_year")
#: The fields of the property the parts need (``other_operating_cost_sek_per_year`` is optional).
NOI_PART_INPUTS = ("units", "rent_sek_per_unit_year", "cost_per_move_sek")


class PropertySpec(_Strict):
    units: NonNegative | None = None
    rent_sek_per_unit_year: NonNegative | None = None
    other_operating_cost_sek_per_year: NonNegative | None = None
    cost_per_move_sek: NonNegative | None = None
    baseline: PropertyState
    improved: PropertyState
    improvement_start_year: Year | None = None
    ramp_up_years: Annotated[int, Field(ge=1)] = 1
    #: Only for the discounted-cash-flow value: without it no DCF value is computed.
    dcf_rate: (
        Annotated[
            float | RangeSpec,
            AfterValidator(_check_percent_below_100),
            AfterValidator(_check_positive),
        ]
        | None
    ) = None
    source: str | None = None

    @property
    def noi_given(self) -> bool:
        """True when both states give their net operating income directly."""
        return self.baseline.noi_sek_per_year is not None


class PropertyModel(_ModelBase):
    kind: Literal["property"]
    stakeholder: str = "housing_company"
    property: PropertySpec


# --- outcome contract -----------------------------------------------------------------------


class ContractMetric(_Strict):
    id: str
    name: str = ""
    direction: Literal["higher_is_better", "lower_is_better"] = "higher_is_better"
    baseline: NonNegative
    price_sek_per_unit: NonNegative
    outcomes: dict[Year, NonNegative]
    savings_sek_per_unit: NonNegative | None = None
    savings_value_bank: str | None = None
    source: str | None = None
    #: The key of the cap in `cap_sek_per_metric` this metric counts against (default: its
    #: id). Pieces of one outcome (a rate card's later prices) share their outcome's cap.
    cap_key: str | None = None


class ContractPayer(_Strict):
    """One payer of an outcome contract: its share of every payment and its own cap."""

    id: str
    name: str = ""
    share: Annotated[float, Field(ge=0, le=1)]
    cap_sek: NonNegative | None = None


class OutcomeContractModel(_ModelBase):
    kind: Literal["outcome_contract"]
    payer: str = "municipality"
    investor: str = "investor"
    cap_sek_total: NonNegative | None = None
    cap_sek_per_period: NonNegative | None = None
    #: Caps per metric, by the metric's `cap_key` (else its id).
    cap_sek_per_metric: dict[str, NonNegative] = {}
    #: The payers who share the payments (their shares add up to 1), with their caps; empty:
    #: one payer without a cap of its own. All payments are the `payer` stakeholder's cost.
    payers: list[ContractPayer] = []
    metrics: list[ContractMetric]
    investor_capital: dict[Year, NonNegative] = {}

    @model_validator(mode="after")
    def _caps_and_payers(self) -> OutcomeContractModel:
        keys = {m.cap_key or m.id for m in self.metrics}
        unknown = sorted(set(self.cap_sek_per_metric) - keys)
        if unknown:
            raise ValueError(
                f"cap_sek_per_metric names no metric: {', '.join(unknown)} (a key is a metric's "
                "cap_key, else its id)"
            )
        if self.payers:
            ids = [p.id for p in self.payers]
            if len(set(ids)) != len(ids):
                raise ValueError("payers: each payer's id must be different")
            total = sum(p.share for p in self.payers)
            if abs(total - 1.0) > 1e-9:
                raise ValueError(f"payers: the shares add up to {total:g}, not 1 (100 %)")
        return self


ValuationModel = SroiModel | SocioeconomicModel | PropertyModel | OutcomeContractModel
AnyModel = ValuationModel | GoalsModel

MODEL_CLASSES: dict[str, type[BaseModel]] = {
    "goals": GoalsModel,
    "sroi": SroiModel,
    "socioeconomic": SocioeconomicModel,
    "property": PropertyModel,
    "outcome_contract": OutcomeContractModel,
}


def model_kinds() -> list[str]:
    return list(MODEL_CLASSES)


def dump(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)
