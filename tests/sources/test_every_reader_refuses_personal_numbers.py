"""Every reader refuses a file with a Swedish personal identity number or coordination number,
in every common written form, and names where it is without showing it: CSV, XLSX, SCB
JSON-stat2 (a category label, a note), Kolada (a string field), a goal-measurement file and an
initiative's outcome-value file."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from stdnum import luhn

from grogrund.sources import ColumnMapping, SourceError, parse_dataset, parse_page, read_csv
from grogrund.sources.scb import ScbMapping, records_from_dataset
from grogrund.sources.tabular import read_xlsx

from .http_fakes import FIXTURES


def _with_check(first_nine: str) -> str:
    return first_nine + luhn.calc_check_digit(first_nine)


PNR = _with_check("900101123")  # 900101-1239
SAMORDNING = _with_check("900161123")  # day 01 + 60
FULLWIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")

# Every written form people use, for a personnummer and a samordningsnummer.
WRITTEN_FORMS = {
    "dash": f"{PNR[:6]}-{PNR[6:]}",
    "no separator": PNR,
    "century and dash": f"19{PNR[:6]}-{PNR[6:]}",
    "century, no separator": f"19{PNR}",
    "plus (aged 100 or more)": f"{PNR[:6]}+{PNR[6:]}",
    "space": f"{PNR[:6]} {PNR[6:]}",
    "no-break space": f"{PNR[:6]}\u00a0{PNR[6:]}",
    "en dash": f"19{PNR[:6]}\u2013{PNR[6:]}",
    "em dash": f"{PNR[:6]}\u2014{PNR[6:]}",
    "minus sign": f"{PNR[:6]}\u2212{PNR[6:]}",
    "dotted date": f"{PNR[:2]}.{PNR[2:4]}.{PNR[4:6]}-{PNR[6:]}",
    "dotted date with century": f"19{PNR[:2]}.{PNR[2:4]}.{PNR[4:6]}-{PNR[6:]}",
    "full-width digits": f"{PNR[:6]}-{PNR[6:]}".translate(FULLWIDTH),
    "in a sentence": f"Kontaktperson Anna, pnr {PNR[:6]} - {PNR[6:]}.",
    "samordningsnummer": f"{SAMORDNING[:6]}-{SAMORDNING[6:]}",
    "samordningsnummer, en dash": f"19{SAMORDNING[:6]}\u2013{SAMORDNING[6:]}",
    "samordningsnummer, full width": SAMORDNING.translate(FULLWIDTH),
}
FORMS = list(WRITTEN_FORMS.values())
IDS = list(WRITTEN_FORMS)


def _refused(info: pytest.ExceptionInfo[SourceError], written: str) -> SourceError:
    err = info.value
    assert err.code == "personal_number"
    assert written not in str(err) and PNR[6:] not in err.message
    return err


# --- CSV and XLSX -------------------------------------------------------------------------

MAPPING = ColumnMapping.from_dict(
    {"area_code": "Område", "indicator_code": "Indikator", "period": "År", "value": "Värde"}
)


@pytest.mark.parametrize("written", FORMS, ids=IDS)
def test_csv(tmp_path: Path, written: str) -> None:
    path = tmp_path / "hyresgaster.csv"
    path.write_text(
        f"Område;Indikator;År;Värde;Kommentar\n0114;N1;2023;12,5;ok\n0114;N1;2024;13;{written}\n",
        encoding="utf-8",
    )
    with pytest.raises(SourceError) as info:
        list(read_csv(path, MAPPING))
    err = _refused(info, written)
    assert (err.location.row, err.location.column) == (3, "E (Kommentar)")


@pytest.mark.parametrize("written", FORMS, ids=IDS)
def test_xlsx(tmp_path: Path, written: str) -> None:
    path = tmp_path / "hyresgaster.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Område", "Indikator", "År", "Värde", "Kommentar"])
    sheet.append(["0114", "N1", 2023, 12.5, written])
    workbook.save(path)
    with pytest.raises(SourceError) as info:
        list(read_xlsx(path, MAPPING))
    err = _refused(info, written)
    assert (err.location.row, err.location.column) == (2, "E (Kommentar)")


# --- SCB JSON-stat2 -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def tab6471() -> dict[str, Any]:
    return json.loads((FIXTURES / "TAB6471_data.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("written", FORMS, ids=IDS)
def test_scb_jsonstat_category_label(tab6471: dict[str, Any], written: str) -> None:
    data = copy.deepcopy(tab6471)
    data["dimension"]["Region"]["category"]["label"]["01"] = f"Stockholms län {written}"
    with pytest.raises(SourceError) as info:
        parse_dataset(data, file="TAB6471.json")
    err = _refused(info, written)
    assert err.location.field == "dimension.Region.category.label.01"


@pytest.mark.parametrize("written", FORMS[:4], ids=IDS[:4])
def test_scb_jsonstat_note(tab6471: dict[str, Any], written: str) -> None:
    data = copy.deepcopy(tab6471)
    data["note"] = [*data.get("note", []), f"Uppgiftslämnare: {written}"]
    with pytest.raises(SourceError) as info:
        parse_dataset(data, file="TAB6471.json")
    _refused(info, written)


def test_scb_dataset_from_any_format_is_checked_before_its_records(
    tab6471: dict[str, Any],
) -> None:
    """A dataset made by another reader (PxWebApi v1, PC-Axis) passes records_from_dataset."""
    dataset = parse_dataset(tab6471, file="TAB6471.json")
    region = dataset.dimensions[0]
    labelled = type(region.categories[0])(code="01", label=f"Län {WRITTEN_FORMS['en dash']}")
    changed = type(region)(
        id=region.id, label=region.label, categories=(labelled, *region.categories[1:])
    )
    dataset = type(dataset)(
        **{**dataset.__dict__, "dimensions": (changed, *dataset.dimensions[1:])}
    )
    mapping = ScbMapping.from_dict(
        {"table_id": "TAB6471", "indicators": [{"code": "population", "value": {}}]}
    )
    with pytest.raises(SourceError) as info:
        list(records_from_dataset(dataset, mapping))
    err = _refused(info, WRITTEN_FORMS["en dash"])
    assert err.location.field == "dimension Region, category 01"


def test_a_real_scb_dataset_is_not_refused(tab6471: dict[str, Any]) -> None:
    dataset = parse_dataset(tab6471, file="TAB6471.json")
    assert dataset.dimension("Region").label_of("01") == "Stockholms län"


# --- Kolada -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def kolada() -> dict[str, Any]:
    return json.loads((FIXTURES / "kolada_N15428_0138.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("written", FORMS, ids=IDS)
def test_kolada_string_field(kolada: dict[str, Any], written: str) -> None:
    data = copy.deepcopy(kolada)
    data["values"][1]["values"][0]["status"] = written
    with pytest.raises(SourceError) as info:
        list(parse_page(data, file="kolada.json"))
    err = _refused(info, written)
    assert err.location.field == "values[1].values[0].status"


def test_a_real_kolada_response_is_not_refused(kolada: dict[str, Any]) -> None:
    records = list(parse_page(kolada, file="kolada.json"))
    assert [r.value for r in records] == [74.1, None]


# --- Goal-measurement and outcome-value files ---------------------------------------------


def _figure_file(tmp_path: Path, first_column: str, written: str) -> Path:
    path = tmp_path / "matningar.csv"
    path.write_text(f"{first_column};år;värde;källa\n1;2025;57,5;{written}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("written", FORMS, ids=IDS)
def test_goal_measurement_file(tmp_path: Path, written: str) -> None:
    from grogrund.programmes.measurement_files import read_measurements

    with pytest.raises(SourceError) as info:
        read_measurements(_figure_file(tmp_path, "mål", written), [], default_source="")
    err = _refused(info, written)
    assert (err.location.row, err.location.column) == (2, "D (källa)")


@pytest.mark.parametrize("written", FORMS, ids=IDS)
def test_outcome_value_file(tmp_path: Path, written: str) -> None:
    from grogrund.initiatives.outcome_files import read_outcome_values

    with pytest.raises(SourceError) as info:
        read_outcome_values(_figure_file(tmp_path, "utfall", written), [], default_source="")
    err = _refused(info, written)
    assert (err.location.row, err.location.column) == (2, "D (källa)")
