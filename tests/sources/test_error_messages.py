"""Every user-facing message is a msgid marked with gettext_noop, so makemessages finds it."""

import ast
from pathlib import Path

import grogrund.sources
from grogrund.sources import Location, SourceError, gettext_noop

SOURCES = Path(grogrund.sources.__file__).parent


def test_every_source_error_msgid_is_marked_for_translation() -> None:
    unmarked = []
    for path in SOURCES.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "SourceError":
                first = node.args[0] if node.args else None
                marked = (
                    isinstance(first, ast.Call) and getattr(first.func, "id", "") == "gettext_noop"
                )
                if not marked:
                    unmarked.append(f"{path.name}:{node.lineno}")
    assert unmarked == []


def test_str_gives_the_english_text_with_location() -> None:
    err = SourceError(
        gettext_noop("The value '%(value)s' in row %(row)s is not a number."),
        {"value": "abc"},
        Location(file="a.csv", row=7, column="D (Värde)", field="value"),
        code="not_a_number",
    )
    assert err.message == "The value 'abc' in row 7 is not a number."
    assert str(err) == (
        "The value 'abc' in row 7 is not a number. [a.csv, row 7, column D (Värde), field value]"
    )
    assert err.params["file"] == "a.csv"
    assert err.msgid % err.params == err.message
