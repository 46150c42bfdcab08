"""A real Försäkringskassan open-data file read as downloaded (issue 9), and the same rows as
an XLSX laid out as Försäkringskassan's XLSX downloads are; three figures per file checked by
hand against the file (fixtures/README.md, `fk/`).

The file gives the year and the quarter in columns of their own ("ar", "kvartal"), women and
men as columns of figures, "-" and ".." for figures not given; the copy kept has every row
with a comma in its text quoted as one cell ("2005,1,E00-E90,""Endokrina sjukdomar, …"",…")."""

import csv
from pathlib import Path

import openpyxl
import pytest

from grogrund.sources import ColumnMapping, SourceError, read_csv, read_table

FIXTURES = Path(__file__).parent / "fixtures" / "fk"
SICK_LEAVE_BY_DIAGNOSIS = FIXTURES / "pag-sjp-diagnos-hela-sverige.csv"


def _mapping(value: str, diagnosis: str) -> ColumnMapping:
    # The options a user gives as YAML, in an import template or on the web.
    return ColumnMapping.from_dict(
        {
            "fixed_area": "00",
            "indicator": "ongoing_sick_leave_cases",
            "period": "ar",
            "quarter": "kvartal",
            "value": value,
            "filters": {"diagnoskapitel_kod": diagnosis},
        }
    )


def _figures(path: Path, value: str, diagnosis: str) -> dict[str, tuple[float | None, str]]:
    records = read_table(path, _mapping(value, diagnosis))
    return {r.period: (r.value, r.status) for r in records if r.area_code == "00"}


def _as_fk_workbook(tmp_path: Path) -> Path:
    """The CSV's rows in a workbook with two rows above the header, as Försäkringskassan's
    XLSX downloads have them (readers of its SJPsjptal.xlsx skip two rows). The title text is
    ours: no published workbook could be read."""
    with SICK_LEAVE_BY_DIAGNOSIS.open(encoding="utf-8", newline="") as fh:
        rows = [next(csv.reader(r)) if len(r) == 1 else r for r in csv.reader(fh)]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Pågående sjukfall"
    ws.append(["Pågående sjukfall med sjukpenning per diagnoskapitel, hela Sverige"])
    ws.append(["Källa: Försäkringskassan"])
    for cells in rows:
        ws.append([int(c) if c.isdigit() else c for c in cells])
    path = tmp_path / "pag-sjp-diagnos-hela-sverige.xlsx"
    wb.save(path)
    return path


def test_women_on_sick_leave_for_mental_illness_by_quarter() -> None:
    # 2005,1,F00-F99,Psykiska sjukdomar …,69525,29,48413,31.6,21112,24.3
    # 2005,2,F00-F99,Psykiska sjukdomar …,65059,29.7,45391,32.6,19668,24.6
    women = _figures(SICK_LEAVE_BY_DIAGNOSIS, "antal_kvinnor", "F00-F99")
    assert women == {"2005K1": (48413.0, ""), "2005K2": (45391.0, "")}


def test_a_row_quoted_whole_is_read_as_its_cells() -> None:
    # "2005,1,E00-E90,""Endokrina sjukdomar, nutritionsrubbningar …"",2638,1.1,1624,1.06,1014,1.17"
    all_cases = _figures(SICK_LEAVE_BY_DIAGNOSIS, "antal", "E00-E90")
    assert all_cases["2005K1"] == (2638.0, "")
    # "2005,2,O00-O99,""Graviditet, forlossning och barnsangstid"",3468,1.58,3468,2.49,-,-"
    men = _figures(SICK_LEAVE_BY_DIAGNOSIS, "antal_man", "O00-O99")
    assert men["2005K2"] == (None, "-")


def test_figures_not_given_are_missing_with_their_symbol() -> None:
    # 2005,2,P00-P96,Vissa perinatala tillstand,..,..,16,0.01,..,..
    all_cases = _figures(SICK_LEAVE_BY_DIAGNOSIS, "antal", "P00-P96")
    assert all_cases == {"2005K1": (32.0, ""), "2005K2": (None, "..")}


def test_the_same_rows_as_a_workbook_with_title_rows(tmp_path) -> None:
    path = _as_fk_workbook(tmp_path)
    # 2005,1,Samtliga,Samtliga,239929,100,153099,100,86830,100
    assert _figures(path, "antal", "Samtliga")["2005K1"] == (239929.0, "")
    # 2005,2,M00-M99,Sjukdomar i muskuloskeletala systemet …,66761,30.5,41926,30.1,24835,31.1
    assert _figures(path, "antal_man", "M00-M99")["2005K2"] == (24835.0, "")
    # 2005,1,O00-O99,"Graviditet, forlossning och barnsangstid",4098,1.71,4098,2.68,-,-
    assert _figures(path, "antal_kvinnor", "O00-O99")["2005K1"] == (4098.0, "")


def test_a_quarter_that_is_no_quarter_names_row_and_column(tmp_path) -> None:
    path = tmp_path / "kvartal.csv"
    path.write_text("ar,kvartal,antal\n2005,1,10\n2005,5,11\n", encoding="utf-8")
    mapping = ColumnMapping.from_dict(
        {
            "fixed_area": "00",
            "indicator": "cases",
            "period": "ar",
            "quarter": "kvartal",
            "value": "antal",
        }
    )
    with pytest.raises(SourceError) as caught:
        list(read_csv(path, mapping))
    assert caught.value.code == "not_a_period"
    assert caught.value.location.row == 3
    assert "'5'" in str(caught.value)
