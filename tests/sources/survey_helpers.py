"""Small builders for the survey reader tests: a file and a definition in a few lines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from grogrund.sources.survey import SurveyDefinition, SurveyReader

FIXTURES = Path(__file__).parent / "fixtures" / "survey"


def wide_csv(tmp_path: Path, rows: list[str], header: str = "area;question;1;2;3;4;Vet ej") -> Path:
    path = tmp_path / "enkat.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def definition(**fields: Any) -> SurveyDefinition:
    data: dict[str, Any] = {"period": "2024", "indices": [{"questions": ["Q3"], "share": "idx"}]}
    data.update(fields)
    return SurveyDefinition.from_dict(data)


def figures(path: Path, survey: SurveyDefinition) -> dict[tuple[str, str], Any]:
    """(area, indicator) → record."""
    return {(r.area_code, r.indicator_code): r for r in SurveyReader(path, survey).records()}
