"""The value bank: versioned Swedish reference values and the KPI series to index them.

Values are in SEK of their own ``price_year``; :func:`index_amount` moves them to another price
year with the consumer price index KPI (1980=100, annual means, SCB), shipped as
``data/kpi-annual-1980-100.csv`` with its source in the header comment.

The engine stays pure: every KPI function takes an optional :class:`KpiSeries`, by default the
shipped one. The Django side passes a longer series (the shipped years overlaid with annual
means imported from SCB, `grogrund import kpi`), so valuations index beyond the shipped
years without a code change.
"""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from grogrund.engine.errors import model_error

DATA_PACKAGE = "grogrund.engine.valuebank"
VALUES_FILE = "data/values.yaml"
KPI_FILE = "data/kpi-annual-1980-100.csv"


@dataclass(frozen=True)
class ValueEntry:
    """One reference value: an amount in SEK (or a share) with its source and method."""

    id: str
    name_sv: str
    name_en: str
    unit: str
    amount: float
    price_year: int | None
    source: str
    source_year: int
    method: str
    version: str
    price_year_assumed: bool = False
    low: float | None = None
    high: float | None = None
    override: bool = False
    #: The unit, source and method in Swedish (`unit`, `source`, `method` are in English).
    unit_sv: str = ""
    source_sv: str = ""
    method_sv: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def texts(self, language: str) -> tuple[str, str, str]:
        """Unit, source and method in `language` ("sv" or "en"); English where no Swedish
        text is given."""
        if language.startswith("sv"):
            return (
                self.unit_sv or self.unit,
                self.source_sv or self.source,
                self.method_sv or self.method,
            )
        return self.unit, self.source, self.method


@dataclass(frozen=True)
class ValueOverride:
    """An organisation's own value replacing a bank entry; the source is mandatory."""

    amount: float
    price_year: int | None
    source: str
    method: str = ""


@dataclass(frozen=True)
class KpiSeries:
    source: str
    values: dict[int, float]

    @property
    def last_year(self) -> int:
        return max(self.values)

    @property
    def first_year(self) -> int:
        return min(self.values)

    def overlaid(self, values: dict[int, float], source: str) -> KpiSeries:
        """This series with `values` (annual means by year) added or replacing its own;
        `source` names where the added years come from."""
        if not values:
            return self
        years = sorted(values)
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
        return KpiSeries(source=f"{self.source} {span}: {source}", values={**self.values, **values})


@lru_cache(maxsize=1)
def load_kpi() -> KpiSeries:
    text = resources.files(DATA_PACKAGE).joinpath(KPI_FILE).read_text(encoding="utf-8")
    lines = text.splitlines()
    comments = [line.lstrip("# ").strip() for line in lines if line.startswith("#")]
    rows = csv.DictReader(line for line in lines if line and not line.startswith("#"))
    values = {int(r["year"]): float(r["kpi"]) for r in rows}
    return KpiSeries(source=" ".join(comments), values=values)


@dataclass(frozen=True)
class ValueBank:
    version: str
    entries: dict[str, ValueEntry]

    def get(self, entry_id: str, path: str = "") -> ValueEntry:
        try:
            return self.entries[entry_id]
        except KeyError:
            raise model_error(
                "unknown_value_bank_entry",
                f"no value-bank entry with id {entry_id!r}",
                path,
                entry_id=entry_id,
            ) from None

    def with_overrides(self, overrides: dict[str, ValueOverride]) -> ValueBank:
        """A copy in which the given entries carry the organisation's own amounts."""
        entries = dict(self.entries)
        for entry_id, ov in overrides.items():
            base = self.get(entry_id, f"value_overrides.{entry_id}")
            if not ov.source.strip():
                raise model_error(
                    "override_without_source",
                    "an overridden value needs a source",
                    f"value_overrides.{entry_id}.source",
                    entry_id=entry_id,
                )
            entries[entry_id] = ValueEntry(
                id=base.id,
                name_sv=base.name_sv,
                name_en=base.name_en,
                unit=base.unit,
                amount=ov.amount,
                price_year=ov.price_year,
                source=ov.source,
                source_year=ov.price_year or base.source_year,
                method=ov.method or f"Organisation's own value replacing bank entry {base.id}",
                version=self.version + "+override",
                override=True,
                unit_sv=base.unit_sv,
                source_sv=ov.source,
                method_sv=ov.method
                or f"Organisationens eget värde i stället för värdebankens {base.id}",
            )
        return ValueBank(version=self.version, entries=entries)


@lru_cache(maxsize=1)
def load_value_bank() -> ValueBank:
    text = resources.files(DATA_PACKAGE).joinpath(VALUES_FILE).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    entries = {}
    for raw in data["entries"]:
        entry = ValueEntry(**raw)
        entries[entry.id] = entry
    return ValueBank(version=str(data["version"]), entries=entries)


@dataclass(frozen=True)
class Indexation:
    """How an amount was moved between price years: factor = KPI(to) / KPI(from)."""

    from_year: int
    to_year: int
    kpi_from: float
    kpi_to: float
    kpi_year_used_for_to: int

    @property
    def factor(self) -> float:
        return self.kpi_to / self.kpi_from

    def to_dict(self) -> dict[str, Any]:
        return {
            "from_year": self.from_year,
            "to_year": self.to_year,
            "kpi_from": self.kpi_from,
            "kpi_to": self.kpi_to,
            "kpi_year_used_for_to": self.kpi_year_used_for_to,
            "factor": self.factor,
        }


def _kpi_for(year: int, path: str, series: KpiSeries | None = None) -> tuple[float, int]:
    kpi = series if series is not None else load_kpi()
    if year in kpi.values:
        return kpi.values[year], year
    if year > kpi.last_year:
        return kpi.values[kpi.last_year], kpi.last_year
    raise model_error(
        "price_year_outside_kpi",
        f"no KPI for {year}: the shipped series covers {kpi.first_year}–{kpi.last_year}",
        path,
        year=year,
        first_year=kpi.first_year,
        last_year=kpi.last_year,
    )


def indexation(
    from_year: int, to_year: int, path: str = "", kpi: KpiSeries | None = None
) -> Indexation:
    """KPI(to) / KPI(from) in ``kpi`` (default: the shipped series). Years after the last KPI
    year use the last year (no extrapolation): callers warn with code
    ``price_index_not_available``."""
    kpi_from, _ = _kpi_for(from_year, path, kpi)
    kpi_to, used = _kpi_for(to_year, path, kpi)
    return Indexation(from_year, to_year, kpi_from, kpi_to, used)


def index_amount(
    amount: float, from_year: int, to_year: int, kpi: KpiSeries | None = None
) -> float:
    """``amount`` in SEK of ``from_year`` expressed in SEK of ``to_year`` (× KPI ratio)."""
    return amount * indexation(from_year, to_year, kpi=kpi).factor
