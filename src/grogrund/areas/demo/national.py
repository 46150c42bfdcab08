"""National-size synthetic data for performance work: `grogrund demo --scale national`.

About 6,000 DeSO areas in 290 municipalities and 21 counties, 40 indicators × 15 years
(≈ 3.8 M observations). All synthetic and labelled so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np
from django.db import transaction

from grogrund.accounts.models import Organisation, OrganisationKind, Visibility
from grogrund.areas import services
from grogrund.areas.models import Area, AreaLevel, Indicator
from grogrund.core.generation import data_changed
from grogrund.sources.records import Location, ObservationRecord

SEED = 6160
LOCATION = Location(file="national demo")
SOURCE = "Syntetiska data för prestandaprov (fiktiva)"


def _areas(counties: int, municipalities: int, desos: int) -> list[tuple[Area, list[Area]]]:
    rng = np.random.default_rng(SEED)
    country, _ = Area.objects.get_or_create(
        code="00", defaults={"name": "Sverige", "level": AreaLevel.COUNTRY}
    )
    county_objs = Area.objects.bulk_create(
        [
            Area(
                code=f"S{c:02d}",
                name=f"Syntetiskt län {c}",
                level=AreaLevel.COUNTY,
                parent=country,
                is_fictional=True,
            )
            for c in range(1, counties + 1)
        ],
        ignore_conflicts=True,
    )
    county_objs = list(Area.objects.filter(code__in=[a.code for a in county_objs]).order_by("code"))
    muni = []
    for m in range(municipalities):
        parent = county_objs[m % counties]
        muni.append(
            Area(
                code=f"S{m + 1:03d}K",
                name=f"Syntetisk kommun {m + 1}",
                level=AreaLevel.MUNICIPALITY,
                parent=parent,
                is_fictional=True,
            )
        )
    Area.objects.bulk_create(muni, ignore_conflicts=True)
    muni = list(Area.objects.filter(code__in=[a.code for a in muni]).order_by("code"))
    weights = rng.pareto(1.2, municipalities) + 1
    per_muni = np.maximum(1, np.round(weights / weights.sum() * desos)).astype(int)
    deso_objs = []
    for m, area in enumerate(muni):
        for d in range(per_muni[m]):
            deso_objs.append(
                Area(
                    code=f"{area.code}D{d + 1:04d}",
                    name=f"{area.name} DeSO {d + 1}",
                    level=AreaLevel.DESO,
                    parent=area,
                    is_fictional=True,
                )
            )
    Area.objects.bulk_create(deso_objs, ignore_conflicts=True, batch_size=2000)
    by_parent: dict[int, list[Area]] = {}
    for a in Area.objects.filter(level=AreaLevel.DESO, code__startswith="S").select_related(None):
        by_parent.setdefault(a.parent_id, []).append(a)
    return (
        [(m, by_parent.get(m.id, [])) for m in muni]
        + [(c, []) for c in county_objs]
        + [(country, [])]
    )


def _indicators(count: int) -> list[Indicator]:
    objs = [
        Indicator(
            code=f"synthetic_{i:02d}",
            name_sv=f"Syntetisk andel {i}",
            name_en=f"Synthetic share {i}",
            unit="andel",
            kind="share",
            direction="higher_is_better" if i % 3 else "lower_is_better",
            source=SOURCE,
        )
        for i in range(1, count + 1)
    ]
    Indicator.objects.bulk_create(objs, ignore_conflicts=True)
    return list(Indicator.objects.filter(code__startswith="synthetic_").order_by("code"))


def _records(
    groups: list[tuple[Area, list[Area]]], indicators: list[Indicator], years: list[str]
) -> Iterator[ObservationRecord]:
    rng = np.random.default_rng(SEED + 1)
    for parent, desos in groups:
        areas = [*desos, parent]
        n = len(areas)
        base = rng.integers(800, 2500, size=n).astype(float)
        if not desos:
            base[-1] = 300_000.0
        for ind in indicators:
            level = rng.uniform(0.2, 0.9, size=n)
            for y, year in enumerate(years):
                dens = np.round(base * (1 + 0.005 * y))
                nums = np.round(np.clip(level + rng.normal(0, 0.01, n), 0, 1) * dens)
                if desos:  # the municipality is the sum of its DeSOs
                    nums[-1], dens[-1] = nums[:-1].sum(), dens[:-1].sum()
                for area, num, den in zip(areas, nums.tolist(), dens.tolist(), strict=True):
                    yield ObservationRecord(
                        area.code, ind.code, year, num / den, num, den, SOURCE, LOCATION
                    )


def load_national(
    *,
    counties: int = 21,
    municipalities: int = 290,
    desos: int = 6000,
    indicators: int = 40,
    years: int = 15,
    on_progress: Callable[[int], None] | None = None,
) -> int:
    owner, _ = Organisation.objects.get_or_create(
        slug="syntetisk-statistik",
        defaults={
            "name": "Syntetisk statistik (fiktiv)",
            "kind": OrganisationKind.STATE_AGENCY,
            "is_fictional": True,
        },
    )
    with transaction.atomic():
        groups = _areas(counties, municipalities, desos)
        inds = _indicators(indicators)
        data_changed()  # bulk_create sends no signals
    year_list = [str(y) for y in range(2025 - years, 2025)]
    result = services.import_observations(
        records=_records(groups, inds, year_list),
        owner=owner,
        dataset_name="Syntetisk nationell statistik",
        source=SOURCE,
        visibility=Visibility.PUBLIC,
        on_progress=on_progress,
    )
    return result.rows
