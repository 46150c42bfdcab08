"""The registry of official areas as a `sources.regions.RegionMatcher`, for files that name
regions instead of giving their codes (Statistikdatabasen downloads).

Only official areas (no owner) take part: a custom area is named by its code, so that matching
names never reveals another organisation's private area. County names come from the area table
("Region Stockholm", Kolada's name) and from `grogrund.areas.registry.ALIASES` ("Stockholms
län", SCB's name) where that module is installed.
"""

from __future__ import annotations

from grogrund.areas.models import Area
from grogrund.sources.regions import RegionEntry, RegionMatcher

_LEVELS_WITH_MUNICIPALITY = {"regso", "deso"}


def _aliases() -> dict[str, tuple[str, ...]]:
    try:
        from grogrund.areas.registry import ALIASES  # type: ignore[attr-defined]
    except (ImportError, AttributeError):  # the registry ships names only (so far)
        return {}
    return dict(ALIASES)


def official_areas(level: str | None = None) -> RegionMatcher:
    """A matcher over every official area (optionally only names of one `level`)."""
    aliases = _aliases()
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
                aliases=tuple(aliases.get(code, ())),
            )
        )
    return RegionMatcher(entries, level=level)
