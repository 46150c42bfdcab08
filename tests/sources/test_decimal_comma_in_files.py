"""'1,234' in a file is never guessed: a decimal only when its column uses a decimal comma
elsewhere, or when the mapping gives the decimal mark; otherwise refused with both readings."""

from pathlib import Path

import pytest

from grogrund.sources import ColumnMapping, SourceError, read_csv

MAPPING = {"area_code": "område", "indicator": "x", "period": "år", "value": "värde"}


def _read(tmp_path: Path, rows: list[str], **mapping: str) -> list[float | None]:
    path = tmp_path / "figures.csv"
    path.write_text("område;år;värde\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return [r.value for r in read_csv(path, ColumnMapping.from_dict({**MAPPING, **mapping}))]


def test_a_lone_1_234_is_refused_with_both_readings(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as err:
        _read(tmp_path, ["0114;2023;1,234", "0115;2023;17"])
    assert err.value.code == "ambiguous_number"
    message = str(err.value)
    assert "1,234" in message and "1\u00a0234" in message
    assert "row 2" in message and "C (värde)" in message


def test_a_column_with_decimal_commas_reads_it_as_a_decimal(tmp_path: Path) -> None:
    assert _read(tmp_path, ["0114;2023;1,234", "0115;2023;2,5"]) == [1.234, 2.5]


def test_the_mapping_can_give_the_decimal_mark(tmp_path: Path) -> None:
    assert _read(tmp_path, ["0114;2023;1,234"], decimal=",") == [1.234]
    assert _read(tmp_path, ["0114;2023;1,234"], decimal=".") == [1234.0]
