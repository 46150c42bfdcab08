"""Readers for statistics: SCB PxWebApi 2.0 (JSON-stat2), Kolada v3, CSV and XLSX.

Every reader is a generator of `ObservationRecord`s; problems the user can fix raise
`SourceError` (msgid + params + Location). No Django imports in this package.
"""

from ._http import RateLimiter, RetryPolicy
from .errors import SourceError, gettext_noop
from .jsonstat import Category, Cell, Dataset, Dimension, load_dataset, parse_dataset
from .kolada import KOLADA_BASE_URL, KoladaClient, kolada_area_code, parse_page, read_kolada_file
from .personal_numbers import (
    PersonalNumberMatch,
    check_row,
    contains_personal_number,
    find_personal_number,
    scan_rows,
)
from .px import read_px
from .records import Location, ObservationRecord
from .scb import (
    SCB_BASE_URL,
    IndicatorMapping,
    RegionCode,
    ScbClient,
    ScbConfig,
    ScbMapping,
    load_scb_datasets,
    parse_region_code,
    plan_batches,
    read_jsonstat_file,
    read_scb_file,
    records_from_dataset,
)
from .tabular import ColumnMapping, parse_number, read_csv, read_header, read_table, read_xlsx

__all__ = [
    "KOLADA_BASE_URL",
    "SCB_BASE_URL",
    "Category",
    "Cell",
    "ColumnMapping",
    "Dataset",
    "Dimension",
    "IndicatorMapping",
    "KoladaClient",
    "Location",
    "ObservationRecord",
    "PersonalNumberMatch",
    "RateLimiter",
    "RegionCode",
    "RetryPolicy",
    "ScbClient",
    "ScbConfig",
    "ScbMapping",
    "SourceError",
    "check_row",
    "contains_personal_number",
    "find_personal_number",
    "gettext_noop",
    "kolada_area_code",
    "load_dataset",
    "load_scb_datasets",
    "parse_dataset",
    "parse_number",
    "parse_page",
    "parse_region_code",
    "plan_batches",
    "read_csv",
    "read_header",
    "read_jsonstat_file",
    "read_kolada_file",
    "read_px",
    "read_scb_file",
    "read_table",
    "read_xlsx",
    "records_from_dataset",
    "scan_rows",
]
