"""SCB's own list of DeSO 2025 and RegSO 2025 areas, read from a table's PxWebApi 2.0 metadata.

DeSO 2025 (about 6,160 areas) replaced DeSO 2018 in SCB's tables from reference year 2024.
SCB publishes no separate code list in the API; the Region variable of a DeSO table carries
every area, its codes suffixed `_DeSO2025` / `_RegSO2025` (`0114C1010_DeSO2025`) and its
labels. The suffix stays in the code, so the two editions never mix: `0114C1010` (2018) and
`0114C1010_DeSO2025` are different areas. Parents come from the code: the first four digits
are the municipality, the fifth character of a DeSO code its class (A, B or C).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import SourceError, gettext_noop
from .jsonstat import Dataset, parse_dataset
from .records import Location
from .scb import ScbClient, parse_region_code

REGION_DIMENSION = "Region"
# The editions read here: 2018 DeSO and 2020 RegSO come with Grogrund's own lists.
VINTAGES = ("DeSO2025", "RegSO2025")


@dataclass(frozen=True, slots=True)
class ScbRegion:
    """One area of SCB's list: the code with its suffix, the name, and where it belongs."""

    code: str
    name: str
    level: str  # "deso" or "regso"
    vintage: str  # "DeSO2025" or "RegSO2025"
    municipality_code: str
    deso_class: str = ""  # A, B or C for a DeSO


def _name(label: str, code: str) -> str:
    """The area's name from SCB's label: spaces trimmed ("Tuna " → "Tuna"), a code that
    opens the label dropped ("0114R001 Bollstanäs"); a label that is only the code (DeSO
    have no official names) gives the code without its suffix."""
    bare = code.split("_", 1)[0]
    text = " ".join(label.split())
    for prefix in (code, bare):
        if text.startswith(prefix):
            text = text[len(prefix) :].strip(" -–:")
    return text or bare


def regions_from_metadata(
    dataset: Dataset, *, vintages: Iterable[str] = VINTAGES
) -> list[ScbRegion]:
    """The DeSO 2025 and RegSO 2025 areas of a table's Region variable, in SCB's order.

    Raises SourceError when the table has no Region variable or none of its codes is of the
    editions asked for."""
    wanted = set(vintages)
    try:
        region = dataset.dimension(REGION_DIMENSION)
    except SourceError:
        raise SourceError(
            gettext_noop(
                "%(file)s has no Region variable, so it lists no areas. Choose a DeSO table, "
                "such as SCB's population by DeSO and RegSO."
            ),
            {},
            Location(file=dataset.file),
            code="no_region_dimension",
        ) from None
    out: list[ScbRegion] = []
    for category in region.categories:
        suffix = category.code.rpartition("_")[2]
        if suffix not in wanted:
            continue
        parsed = parse_region_code(
            category.code, location=Location(file=dataset.file, field=category.code)
        )
        if parsed.municipality_code is None or parsed.vintage != suffix:
            continue
        deso_class = category.code[4] if parsed.level == "deso" else ""
        out.append(
            ScbRegion(
                code=parsed.code,
                name=_name(category.label, parsed.code),
                level=parsed.level,
                vintage=suffix,
                municipality_code=parsed.municipality_code,
                deso_class=deso_class,
            )
        )
    if not out:
        raise SourceError(
            gettext_noop(
                "The Region variable of %(file)s has no areas of %(vintages)s (codes ending "
                "in %(suffixes)s). Choose a table with DeSO 2025, such as SCB's population by "
                "DeSO and RegSO from 2024 on."
            ),
            {
                "vintages": ", ".join(sorted(wanted)),
                "suffixes": ", ".join(f"_{v}" for v in sorted(wanted)),
            },
            Location(file=dataset.file),
            code="no_deso2025",
        )
    return out


_TABLE_ID = re.compile(r"^TAB\d+$", re.IGNORECASE)


def read_metadata(data: Any, *, file: str = "<metadata>") -> list[ScbRegion]:
    """The areas of decoded metadata JSON (GET /tables/{id}/metadata, JSON-stat2)."""
    return regions_from_metadata(parse_dataset(data, file=file, require_values=False))


def read_metadata_file(path: str | Path) -> list[ScbRegion]:
    """The areas of a saved metadata response (UTF-8, with or without BOM)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceError(
            gettext_noop(
                "%(file)s could not be read as SCB metadata (%(reason)s). Save the answer of "
                "GET /tables/TAB…/metadata from statistikdatabasen.scb.se/api/v2 as it is."
            ),
            {"reason": str(exc)},
            Location(file=path.name),
            code="unreadable_metadata",
        ) from exc
    return read_metadata(data, file=path.name)


def fetch_regions(client: ScbClient, table_id: str) -> list[ScbRegion]:
    """The areas of SCB table `table_id`, read live from its metadata."""
    table_id = table_id.strip()
    if not _TABLE_ID.match(table_id):
        raise SourceError(
            gettext_noop("'%(table)s' is not an SCB table id. SCB's ids look like TAB6574."),
            {"table": table_id},
            Location(file=table_id),
            code="invalid_table_id",
        )
    return regions_from_metadata(client.table_metadata(table_id.upper()))
