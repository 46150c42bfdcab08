"""The registry of official areas as a `sources.regions.RegionMatcher`, for files that name
regions instead of giving their codes (Statistikdatabasen downloads).

Only official areas (no owner) take part: a custom area is named by its code, so that matching
names never reveals another organisation's private area. Names come from the area table
("Stockholms län", SCB's name) and from `grogrund.areas.registry.ALIASES` ("Region Stockholm",
Kolada's name; "Riket" for Sverige).
"""

from __future__ import annotations

from grogrund.areas.models import Area
from grogrund.areas.registry import ALIASES
from grogrund.sources.regions import RegionEntry, RegionMatcher

_LEVELS_WITH_MUNICIPALITY = {"regso", "deso"}


def official_areas(level: str | None = None) -> RegionMatcher:
    """A matcher over every official area (optionally only names of one `level`)."""
    rows = Area.objects.filter(owner__isnull=True).values_list(
        "code", "name", "level", "parent__code", "parent__name", "parent__level"
    )
    entries = []
    for code, name, area_level, parent_code, parent_name, parent_level in rows:
        in_municipality = area_level in _LEVELS_WITH_MUNICIPALITY and parent_level == "municipality"
        entries.append(
            RegionEntry(
                code=code,
                name=name,
                level=area_level,
                municipality_code=parent_code if in_municipality else "",
                municipality_name=parent_name if in_municipality else "",
                aliases=ALIASES.get(code, ()),
            )
        )
    return RegionMatcher(entries, level=level)
