"""Reading exported files back in tests (issue 12): workbooks with openpyxl (formulas, and the
cached values a reader that does not recalculate shows), CSV as Swedish Excel splits it, a
workbook recalculated by LibreOffice, and a cell shown as Swedish Excel shows it."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest

NBSP = "\u00a0"


def workbook(content: bytes, *, values: bool = False) -> Any:
    """The workbook; `values`: the cached values instead of the formulas."""
    return openpyxl.load_workbook(io.BytesIO(content), data_only=values)


def csv_rows(content: bytes) -> list[list[str]]:
    """The rows of a CSV as Swedish Excel reads them: UTF-8 with a byte order mark, ";"."""
    assert content.startswith("\ufeff".encode()), "no byte order mark"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def by_header(ws: Any) -> dict[str, int]:
    """Header text → column number (1-based) of a sheet whose header is its first row."""
    return {str(c.value): c.column for c in ws[1] if c.value is not None}


def row_where(ws: Any, header: str, value: Any) -> dict[str, Any]:
    """The cells of the first row whose `header` column holds `value`, by header."""
    columns = by_header(ws)
    for r in range(2, ws.max_row + 1):
        if ws.cell(row=r, column=columns[header]).value == value:
            return {h: ws.cell(row=r, column=c) for h, c in columns.items()}
    raise AssertionError(f"no row with {header} = {value!r}")


def csv_record(rows: list[list[str]], header: str, value: str) -> dict[str, str]:
    head = rows[0]
    for row in rows[1:]:
        if row[head.index(header)] == value:
            return dict(zip(head, row, strict=True))
    raise AssertionError(f"no row with {header} = {value!r}")


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.skip("LibreOffice (soffice) not found: apt-get install libreoffice-calc-nogui")
    return exe


def recalculated(content: bytes, tmp_path: Path, name: str = "export.xlsx") -> Any:
    """The workbook after LibreOffice opened it, recalculated every formula and saved it
    (the pattern of tests/engine/test_xlsx_export.py): its values are LibreOffice's own."""
    src = tmp_path / name
    src.write_bytes(content)
    out_dir = tmp_path / "recalculated"
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
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return openpyxl.load_workbook(out_dir / name, data_only=True)


def shown(cell: Any, value: Any = None) -> str:
    """The cell as Swedish Excel shows it, for the number formats the exports use: "#,##0.0",
    "0.0 %", '#,##0" kr"', signed sections "+…;-…;…"; a space groups thousands, a comma is
    the decimal sign. Spaces are plain and the minus sign is "-" (compare with `page_text`).
    `value`: the value to show (default: the cell's own; for a formula give the cached one)."""
    value = cell.value if value is None else value
    fmt = cell.number_format
    if isinstance(value, str):
        return value
    sections = _split(fmt)
    if value < 0 and len(sections) > 1:
        section, value = sections[1], -value
    elif value == 0 and len(sections) > 2:
        section = sections[2]
    else:
        section = sections[0]
    literals = re.findall(r'"([^"]*)"', section)
    code = re.sub(r'"[^"]*"', "\x00", section)
    if "%" in code:
        value = value * 100
    number = re.search(r"[#0][#0,]*(?:\.0+)?", code)
    assert number is not None, fmt
    pattern = number.group(0)
    decimals = len(pattern.split(".")[1]) if "." in pattern else 0
    text = f"{abs(value):,.{decimals}f}" if "," in pattern else f"{abs(value):.{decimals}f}"
    text = text.replace(",", " ").replace(".", ",")
    if value < 0:
        text = "-" + text
    out = code[: number.start()] + text + code[number.end() :]
    for literal in literals:
        out = out.replace("\x00", literal, 1)
    return out


def _split(fmt: str) -> list[str]:
    parts, current, quoted = [], "", False
    for ch in fmt:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            parts.append(current)
            current = ""
        else:
            current += ch
    return [*parts, current]


def page_text(text: str) -> str:
    """A page's figure with plain spaces and "-" for comparing with `shown`."""
    return text.replace(NBSP, " ").replace("\u2212", "-").strip()
