"""``grogrund value``: text summary, JSON, workbook, simulation, errors with exit code 2."""

import json
from pathlib import Path

import openpyxl
import pytest

from grogrund.engine.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def test_text_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(EXAMPLES / "socioeconomic.yaml")]) == 0
    out = capsys.readouterr().out
    assert "NPV" in out and "Break-even year" in out and "Municipality" in out


def test_json_has_the_headline_numbers_and_breakdowns(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(EXAMPLES / "sroi.yaml"), "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    for key in (
        "pv_benefits",
        "pv_costs",
        "npv",
        "ratio",
        "payback_years",
        "break_even_year",
        "by_stakeholder",
        "by_year",
        "by_outcome",
        "warnings",
        "trace",
    ):
        assert key in d
    assert d["npv"] == pytest.approx(d["pv_benefits"] - d["pv_costs"])


def test_simulate_with_seed_is_reproducible(capsys: pytest.CaptureFixture[str]) -> None:
    args = [str(EXAMPLES / "sroi.yaml"), "--format", "json", "--simulate", "500", "--seed", "7"]
    main(args)
    first = json.loads(capsys.readouterr().out)["simulation"]
    main(args)
    second = json.loads(capsys.readouterr().out)["simulation"]
    assert first == second
    assert 0 <= first["probability_npv_positive"] <= 1
    assert first["tornado"]


def test_price_year_reindexes(capsys: pytest.CaptureFixture[str]) -> None:
    main([str(EXAMPLES / "sroi.yaml"), "--format", "json"])
    a = json.loads(capsys.readouterr().out)
    main([str(EXAMPLES / "sroi.yaml"), "--format", "json", "--price-year", "2013"])
    b = json.loads(capsys.readouterr().out)
    assert b["price_year"] == 2013 and b["npv"] < a["npv"]


def test_xlsx_is_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.xlsx"
    assert main([str(EXAMPLES / "property.yaml"), "--xlsx", str(out)]) == 0
    assert openpyxl.load_workbook(out).sheetnames == ["Summary", "Inputs", "Flows"]


def test_goals_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(EXAMPLES / "goals.yaml")]) == 0
    assert "at_risk" in capsys.readouterr().out


def test_model_error_names_the_field_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "bad.yaml"
    text = (EXAMPLES / "sroi.yaml").read_text(encoding="utf-8")
    f.write_text(text.replace("deadweight: 10", "deadweight: 110"), encoding="utf-8")
    assert main([str(f)]) == 2
    err = capsys.readouterr().err
    assert "outcomes[2].deadweight" in err and "percent_out_of_range" in err


def test_missing_file_and_bad_arguments_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["/no/such/file.yaml"]) == 2
    assert main([]) == 2
    assert main([str(EXAMPLES / "sroi.yaml"), "--simulate", "0"]) == 2
