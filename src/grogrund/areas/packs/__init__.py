"""Indicator packs: curated sets of indicators with the SCB table or Kolada KPI that gives
each (see step1.yaml). `load_pack` reads one; `ensure_indicators` puts its indicators in the
catalogue if they are missing (idempotent: an existing indicator is left as it is)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from grogrund.sources.scb import IndicatorMapping

PACK_DIR = Path(__file__).parent
DEFAULT_PACK = "step1"

Codes = str | list[str]


class AllExcept(BaseModel):
    """Every code of the dimension (from the table's metadata) except these."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    all_except: list[str]


CodeSpec = str | list[str] | AllExcept
Part = dict[str, CodeSpec]


class ScbSpec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    table: str
    value: Part | None = None
    numerator: Part | None = None
    denominator: Part | None = None
    scale: Literal["unit", "percent", "per_mille", "thousands", "millions"] = "unit"

    @model_validator(mode="after")
    def _one_kind(self) -> ScbSpec:
        ratio = self.numerator is not None and self.denominator is not None
        if ratio == (self.value is not None):
            raise ValueError("give either value or numerator and denominator")
        return self

    def parts(self) -> list[Part]:
        return [p for p in (self.value, self.numerator, self.denominator) if p is not None]

    def mapping(self, code: str, codes_of: dict[str, Sequence[str]]) -> IndicatorMapping:
        """The reader's mapping, with `all_except` resolved against the table's codes."""

        def resolve(part: Part | None) -> dict[str, Codes] | None:
            if part is None:
                return None
            out: dict[str, Codes] = {}
            for dim, spec in part.items():
                if isinstance(spec, AllExcept):
                    out[dim] = [c for c in codes_of.get(dim, ()) if c not in spec.all_except]
                else:
                    out[dim] = spec
            return out

        return IndicatorMapping(
            code=code,
            value=resolve(self.value),
            numerator=resolve(self.numerator),
            denominator=resolve(self.denominator),
        )


class KoladaSpec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    kpi: str
    scale: Literal["unit", "percent", "per_mille", "thousands", "millions"] = "unit"


class PackIndicator(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    name_sv: str
    name_en: str
    unit: str = ""
    kind: Literal["count", "share", "rate", "mean", "index", "money"]
    direction: Literal["higher_is_better", "lower_is_better"]
    base_label_sv: str = ""
    base_label_en: str = ""
    source: str
    scb: ScbSpec | None = None
    kolada: KoladaSpec | None = None
    verified: str = ""

    @model_validator(mode="after")
    def _one_source(self) -> PackIndicator:
        if (self.scb is None) == (self.kolada is None):
            raise ValueError(f"{self.code}: give either scb or kolada")
        return self


class Pack(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    title_sv: str
    title_en: str
    recent_periods: int = Field(default=5, ge=1)
    indicators: list[PackIndicator] = Field(min_length=1)

    def scb_tables(self) -> dict[str, list[PackIndicator]]:
        """Table id → its indicators, in the pack's order."""
        tables: dict[str, list[PackIndicator]] = {}
        for indicator in self.indicators:
            if indicator.scb is not None:
                tables.setdefault(indicator.scb.table, []).append(indicator)
        return tables

    def kolada_indicators(self) -> list[PackIndicator]:
        return [i for i in self.indicators if i.kolada is not None]


@cache
def load_pack(name: str = DEFAULT_PACK) -> Pack:
    path = PACK_DIR / f"{name}.yaml"
    return Pack.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def ensure_indicators(pack: Pack) -> int:
    """Create the pack's indicators that the catalogue lacks; return how many were made."""
    from grogrund.areas.models import Indicator
    from grogrund.core.generation import data_changed

    existing = set(
        Indicator.objects.filter(code__in=[i.code for i in pack.indicators]).values_list(
            "code", flat=True
        )
    )
    made = [
        Indicator(
            code=i.code,
            name_sv=i.name_sv,
            name_en=i.name_en,
            unit=i.unit,
            kind=i.kind,
            direction=i.direction,
            source=i.source,
            base_label_sv=i.base_label_sv,
            base_label_en=i.base_label_en,
        )
        for i in pack.indicators
        if i.code not in existing
    ]
    if made:
        Indicator.objects.bulk_create(made, ignore_conflicts=True)
        data_changed()  # bulk_create sends no signals; the catalogue is on many pages
    return len(made)
