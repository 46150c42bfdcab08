"""No false alarms on real data: not one cell, label or line of any real file the project
keeps (the fixtures of every test folder, the shipped area registry and examples, and the
shared fixtures and data beside the repository when they are there) is taken for a personal
identity number. Files are found anew on every run, so a fixture added tomorrow is checked
too; a file that must contain one for its test has "personnummer" in its name."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from grogrund.sources.personal_numbers import check_json, check_row, find_personal_number
from grogrund.sources.tabular import detect_encoding, sniff_delimiter

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
DATA_SUFFIXES = {".csv", ".tsv", ".txt", ".json", ".px", ".xlsx", ".yaml", ".yml"}


def _files() -> Iterator[Path]:
    roots = [REPO / "tests", REPO / "docs", REPO / "src" / "grogrund"]
    roots += [SHARED / "fixtures", SHARED / "data"]
    for root in roots:
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if (
                path.is_file()
                and path.suffix.lower() in DATA_SUFFIXES
                and "personnummer" not in path.name.lower()
                and "/locale/" not in path.as_posix()
            ):
                yield path


FILES = list(_files())


def _id(path: Path) -> str:
    try:
        return path.relative_to(REPO.parent).as_posix()
    except ValueError:
        return path.as_posix()


def test_there_are_real_files_to_check() -> None:
    names = {p.name for p in FILES}
    assert {"TAB6471_data.json", "kolada_N15428_0138.json"} <= names


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_no_real_file_is_taken_for_personal_data(path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        import openpyxl

        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        for sheet in workbook.worksheets:
            for row, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
                check_row(cells, file=path.name, row=row)
        workbook.close()
        return
    text = path.read_text(encoding=detect_encoding(path))
    if suffix == ".json":
        check_json(json.loads(text), file=path.name)
        return
    if suffix in {".csv", ".tsv"}:
        lines = text.splitlines()
        delimiter = "\t" if suffix == ".tsv" else sniff_delimiter(lines[0] if lines else "")
        for row, cells in enumerate(csv.reader(lines, delimiter=delimiter), start=1):
            check_row(cells, file=path.name, row=row)
        return
    for number, line in enumerate(text.splitlines(), start=1):
        assert find_personal_number(line) is None, f"{path.name}, line {number}: {line[:80]}"
