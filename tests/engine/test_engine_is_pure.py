"""The engine imports no Django, and every example model file evaluates."""

import ast
import json
from pathlib import Path

import pytest

from grogrund.engine import evaluate

ENGINE = Path(__file__).resolve().parents[2] / "src" / "grogrund" / "engine"
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def test_no_django_imports_in_the_engine() -> None:
    for f in ENGINE.rglob("*.py"):
        tree = ast.parse(f.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n.split(".")[0] in {"django", "rest_framework"} for n in names), f


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_example_evaluates_and_serialises(path: Path) -> None:
    res = evaluate(path, simulate=200, seed=1) if path.stem != "goals" else evaluate(path)
    json.dumps(res.to_dict(), allow_nan=False)
    assert res.warnings == []
