"""The exported workbook recalculates, in LibreOffice, to the engine's numbers."""

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from grogrund.engine import evaluate
from grogrund.engine.xlsx import write_workbook

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
KINDS = ["sroi", "socioeconomic", "property", "outcome_contract"]


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.skip("LibreOffice (soffice) not found: apt-get install libreoffice-calc-nogui")
    return exe


def recalculate(src: Path, out_dir: Path) -> Path:
    subprocess.run(
        [
            soffice(),
            "--headless",
            "--calc",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out_dir),
            str(src),
            f"-env:UserInstallation=file://{out_dir / 'profile'}",
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out_dir / src.name


def test_workbook_has_formulas_not_just_values(tmp_path: Path) -> None:
    model = EXAMPLES / "sroi.yaml"
    path = write_workbook(model, evaluate(model), tmp_path / "m.xlsx")
    ws = openpyxl.load_workbook(path)["Summary"]
    assert str(ws["B4"].value).startswith("=")
    flows = openpyxl.load_workbook(path)["Flows"]
    assert any(
        str(c.value).startswith("=") and "Inputs!" in str(c.value)
        for row in flows.iter_rows()
        for c in row
    )


@pytest.mark.libreoffice
@pytest.mark.parametrize("kind", KINDS)
def test_libreoffice_recalculates_to_the_engines_numbers(kind: str, tmp_path: Path) -> None:
    model = EXAMPLES / f"{kind}.yaml"
    res = evaluate(model)
    src = write_workbook(model, res, tmp_path / f"{kind}.xlsx")
    out = recalculate(src, tmp_path / "out")
    ws = openpyxl.load_workbook(out, data_only=True)["Summary"]
    got = {ws[f"A{r}"].value: ws[f"B{r}"].value for r in range(2, 8)}
    assert got["PV of benefits"] == pytest.approx(res.pv_benefits, rel=1e-9)
    assert got["PV of costs"] == pytest.approx(res.pv_costs, rel=1e-9)
    assert got["NPV"] == pytest.approx(res.npv, rel=1e-9, abs=1e-6)
    assert got["Ratio"] == pytest.approx(res.ratio, rel=1e-9)
    assert got["Break-even year"] == res.break_even_year
    assert got["Payback (years)"] == pytest.approx(res.payback_years, rel=1e-9)
    for r in range(19, 19 + len(res.stakeholders)):
        s = ws[f"A{r}"].value
        assert ws[f"D{r}"].value == pytest.approx(res.stakeholder(s)["npv"], rel=1e-9, abs=1e-6)
