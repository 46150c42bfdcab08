"""SCB publishes incomes in thousands of kronor (tkr): a mapping declares the scale, which the
records carry to the import; a tkr table read without one is refused with what to add."""

import pytest

from grogrund.sources import ScbMapping, SourceError
from grogrund.sources.scb import read_scb_file

INCOME_PX = """CHARSET="ANSI";
CODEPAGE="utf-8";
LANGUAGE="sv";
MATRIX="TAB9999";
TITLE="Medianinkomst";
CONTENTS="Medianinkomst, tkr";
UNITS="tkr";
STUB="region";
HEADING="år";
VARIABLECODE("region")="Region";
VARIABLECODE("år")="Tid";
VALUES("region")="0180 Stockholm","1480 Göteborg";
VALUES("år")="2023";
TIMEVAL("år")=TLIST(A1),"2023";
CODES("region")="0180","1480";
CODES("år")="2023";
DATA=
320.1
301.0;
"""


@pytest.fixture
def income_px(tmp_path):
    path = tmp_path / "inkomst.px"
    path.write_text(INCOME_PX, encoding="utf-8")
    return path


def _mapping(**indicator):
    return ScbMapping.from_dict(
        {"table_id": "TAB9999", "indicators": [{"code": "median_income", "value": {}, **indicator}]}
    )


def test_thousands_without_a_declared_scale_is_refused(income_px) -> None:
    with pytest.raises(SourceError) as err:
        list(read_scb_file(income_px, _mapping()))
    assert err.value.code == "undeclared_scale"
    assert "inkomst.px" in err.value.message
    assert "scale: thousands" in err.value.message and "scale: unit" in err.value.message


def test_the_declared_scale_travels_with_the_record(income_px) -> None:
    records = list(read_scb_file(income_px, _mapping(scale="thousands")))
    assert [(r.area_code, r.value, r.scale) for r in records] == [
        ("0180", 320.1, "thousands"),
        ("1480", 301.0, "thousands"),
    ]


def test_scale_unit_keeps_the_figures_as_published(income_px) -> None:
    assert {r.scale for r in read_scb_file(income_px, _mapping(scale="unit"))} == {"unit"}


def test_a_content_label_in_tkr_also_counts(tmp_path) -> None:
    path = tmp_path / "inkomst2.px"
    path.write_text(INCOME_PX.replace('UNITS="tkr";\n', 'UNITS="kronor";\n'), encoding="utf-8")
    with pytest.raises(SourceError):  # CONTENTS="Medianinkomst, tkr"
        list(read_scb_file(path, _mapping()))


def test_a_ratio_takes_no_scale() -> None:
    with pytest.raises(SourceError) as err:
        _mapping(value=None, numerator={"a": "1"}, denominator={"a": "2"}, scale="percent")
    assert "ratio" in err.value.message


def test_an_unknown_scale_is_refused() -> None:
    with pytest.raises(SourceError):
        _mapping(scale="dozens")
