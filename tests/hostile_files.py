"""Hostile uploads, made on the fly (issue 11): XLSX decompression bombs, XML entity tricks,
oversized shared strings, undecodable CSV bytes and over-long CSV cells. Each builder returns
(file name, bytes). The workbooks start from a real one written by openpyxl, with one member
replaced, so everything but the attack is what Excel would accept."""

from __future__ import annotations

import io
import zipfile

import openpyxl

SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "<sheetData>"
)
SHEET_END = "</sheetData></worksheet>"
HEADER_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>Region</t></is></c></row>'


def _workbook(replace: dict[str, bytes]) -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["Region", "År", "Värde"])
    book.active.append(["0180", "2024", 1])
    plain = io.BytesIO()
    book.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, replace.get(item.filename, src.read(item.filename)))
        for name, data in replace.items():
            if name not in src.namelist():
                dst.writestr(name, data)
    return out.getvalue()


def empty_rows_bomb(rows: int = 3_000_000) -> tuple[str, bytes]:
    """A sheet of millions of empty <row/> elements: about 100 kB packed, 18 MB unpacked."""
    sheet = SHEET_START + HEADER_ROW + "<row/>" * rows + SHEET_END
    return "tomma-rader.xlsx", _workbook({"xl/worksheets/sheet1.xml": sheet.encode()})


def huge_shared_string(megabytes: int = 40) -> tuple[str, bytes]:
    text = "A" * (megabytes * 1024 * 1024)
    strings = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
        f'uniqueCount="1"><si><t>{text}</t></si></sst>'
    )
    return "lang-text.xlsx", _workbook({"xl/sharedStrings.xml": strings.encode()})


def entity_expansion() -> tuple[str, bytes]:
    """ "Billion laughs": ten levels of ten references, 10⁹ copies of "lol" if expanded."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<!DOCTYPE worksheet [{entities}]>"
        + SHEET_START.split("\n", 1)[1]
        + '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
        + SHEET_END
    )
    return "skratt.xlsx", _workbook({"xl/worksheets/sheet1.xml": sheet.encode()})


def external_entity() -> tuple[str, bytes]:
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        + SHEET_START.split("\n", 1)[1]
        + '<row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row>'
        + SHEET_END
    )
    return "extern.xlsx", _workbook({"xl/worksheets/sheet1.xml": sheet.encode()})


def undecodable_csv() -> tuple[str, bytes]:
    """Bytes valid in no text encoding Grogrund reads, in the middle of a file."""
    return "trasig.csv", b"Region;\xc3r;V\xe4rde\n0180;2024;\xff\xfe\x00\x81\x8d\n"


def over_long_csv_cell(megabytes: int = 2) -> tuple[str, bytes]:
    """A cell longer than Python's csv field limit (128 kB), in the header row, so that every
    reader meets it before it could complain about the columns."""
    return "lang-cell.csv", b"Region;Ar;" + b"V" * (megabytes << 20) + b"\n0180;2024;1\n"


WORKBOOKS = {
    "empty_rows_bomb": empty_rows_bomb,
    "huge_shared_string": huge_shared_string,
    "entity_expansion": entity_expansion,
    "external_entity": external_entity,
}
CSVS = {"undecodable_csv": undecodable_csv, "over_long_csv_cell": over_long_csv_cell}
ALL = {**WORKBOOKS, **CSVS}
