"""A figure SCB does not publish is missing (value None) with SCB's symbol as the reason, in
every format; "-" (nothing to report) is zero. Missing is never zero."""

import json

from grogrund.sources import ScbMapping
from grogrund.sources.scb import read_scb_file
from grogrund.sources.scb_symbols import parse_cell

from .http_fakes import FIXTURES

ONE_CELL = {"Alder": "20-29", "Kon": "TotSa"}


def _tab6471_with(tmp_path, status, value=None):
    """The real TAB6471 response with one cell (Region 01, 0-9, men, 2026M01; 125 373)
    replaced by a symbol."""
    data = json.loads((FIXTURES / "TAB6471_data.json").read_text(encoding="utf-8"))
    assert data["value"][4] == 125_373
    data["value"][4] = value
    data["status"] = {"4": status}
    path = tmp_path / "TAB6471.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _first(path, codes):
    mapping = ScbMapping.from_dict(
        {"table_id": "TAB6471", "indicators": [{"code": "p", "value": {"Alder": "0-9", **codes}}]}
    )
    return next(read_scb_file(path, mapping))


def test_jsonstat2_status_is_kept_as_the_reason(tmp_path) -> None:
    record = _first(_tab6471_with(tmp_path, ".."), {"Kon": "1"})
    assert (record.area_code, record.period) == ("01", "2026M01")
    assert (record.value, record.status) == (None, "..")


def test_a_sum_with_one_missing_cell_is_missing_with_its_symbol(tmp_path) -> None:
    record = _first(_tab6471_with(tmp_path, "."), {"Kon": ["1", "2"]})
    assert (record.value, record.status) == (None, ".")


def test_nil_is_zero(tmp_path) -> None:
    record = _first(_tab6471_with(tmp_path, "-"), {"Kon": "1"})
    assert (record.value, record.status) == (0.0, "")


def test_jsonstat1_status(tmp_path) -> None:
    data = json.loads(
        (FIXTURES / "pxweb_v1" / "BefolkningNy_civilstand_jsonstat1.json").read_text("utf-8")
    )
    data["dataset"]["value"][3] = None  # G, 2015
    data["dataset"]["status"] = {"3": ".."}
    path = tmp_path / "svar.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    mapping = ScbMapping.from_dict(
        {"table_id": "BefolkningNy", "indicators": [{"code": "g", "value": {"Civilstand": "G"}}]}
    )
    first = next(read_scb_file(path, mapping))
    assert (first.period, first.value, first.status) == ("2015", None, "..")


def test_the_symbols_of_a_published_cell() -> None:
    assert parse_cell("1234") == (1234.0, None)
    assert parse_cell("-12.5") == (-12.5, None)
    assert parse_cell("..") == (None, "..")
    assert parse_cell("...") == (None, "...")
    assert parse_cell(".") == (None, ".")
    assert parse_cell(":") == (None, ":")
    assert parse_cell("-") == (0.0, None)
