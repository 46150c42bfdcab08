"""Evidence files attached to outcome reports: what kinds are taken, how large, and the check
that none holds a personal identity number (the platform keeps counts, never people).

The text of each kind is read as well as it can be without new dependencies:
- plain text and CSV: decoded (UTF-8, else cp1252) and searched whole;
- XLSX: every cell of every sheet, through the guarded opener (sources/workbooks.py);
- PDF: the text of every literal and hexadecimal string in the page content, compressed
  (FlateDecode) or not. A PDF whose text is drawn with embedded subset fonts has no readable
  text this way; such a file is still taken, and the page says that the evaluator, who opens
  it, answers for it. (A full PDF text extractor such as pypdf would do better; it is not a
  runtime dependency yet.)
"""

from __future__ import annotations

import hashlib
import re
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from grogrund.core.errors import user_message
from grogrund.sources.errors import SourceError
from grogrund.sources.personal_numbers import PersonalNumberMatch, find_personal_number

#: The largest evidence file taken: 10 MB holds a long scanned report.
MAX_BYTES = 10 * 1024 * 1024
#: File name endings taken, and the type they are served with.
KINDS = {
    ".pdf": "application/pdf",
    ".csv": "text/csv",
    ".txt": "text/plain",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
#: A deflated stream is read up to this size: a compression bomb stops here.
MAX_INFLATED_BYTES = 50 * 1024 * 1024


class EvidenceRefused(Exception):
    """The file cannot be taken; the message says why and what to do."""


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def _name(name: str) -> str:
    """The file's own name, without any folder, at most 200 characters."""
    return Path(name.replace("\\", "/")).name[-200:] or "bevis"


_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
_LITERAL = re.compile(rb"\((?:\\.|[^\\()])*\)", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f\s]{4,})>")


def _inflate(raw: bytes) -> bytes:
    try:
        out = zlib.decompressobj().decompress(raw, MAX_INFLATED_BYTES)
    except zlib.error:
        return raw
    return out


def _pdf_strings(content: bytes) -> str:
    """The text shown by one content stream, its strings joined in order (so a number split
    over several strings of a TJ array is read whole)."""
    parts: list[str] = []
    for m in _LITERAL.finditer(content):
        body = m.group(0)[1:-1]
        body = re.sub(rb"\\([0-7]{1,3})", lambda o: bytes([int(o.group(1), 8) & 0xFF]), body)
        body = re.sub(rb"\\(.)", rb"\1", body)
        parts.append(body.decode("latin-1"))
    for m in _HEX.finditer(content):
        digits = re.sub(rb"\s", b"", m.group(1))
        if len(digits) % 2 == 0:
            parts.append(bytes.fromhex(digits.decode()).decode("latin-1"))
    return "".join(parts)


def pdf_text(data: bytes) -> str:
    """What text can be read from a PDF without a PDF library (see the module's docstring)."""
    texts = [_pdf_strings(_inflate(m.group(1))) for m in _STREAM.finditer(data)]
    return "\n".join(texts)


def _plain_text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _xlsx_text(data: bytes, name: str) -> str:
    from grogrund.sources.workbooks import open_workbook

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "evidence.xlsx"
        path.write_bytes(data)
        try:
            with open_workbook(path) as book:
                cells = [
                    str(value)
                    for sheet in book.worksheets
                    for row in sheet.iter_rows(values_only=True)
                    for value in row
                    if value is not None
                ]
        except SourceError as err:
            raise EvidenceRefused(
                _("The file %(name)s cannot be read as a workbook: %(problem)s")
                % {"name": name, "problem": user_message(err)}
            ) from None
    return "\x1f".join(cells)


def text_of(name: str, data: bytes) -> str:
    suffix = Path(name).suffix.lower()
    if suffix == ".pdf":
        return pdf_text(data)
    if suffix == ".xlsx":
        return _xlsx_text(data, name)
    return _plain_text(data)


def personal_number_in(name: str, data: bytes) -> PersonalNumberMatch | None:
    return find_personal_number(text_of(name, data))


def check_file(name: str, data: bytes) -> CheckedFile:
    """The file if it may be kept as evidence; EvidenceRefused with a message otherwise."""
    name = _name(name)
    suffix = Path(name).suffix.lower()
    if suffix not in KINDS:
        raise EvidenceRefused(
            _(
                "The file %(name)s is of a kind not taken as evidence. Attach a PDF, CSV, "
                "text or Excel (.xlsx) file."
            )
            % {"name": name}
        )
    if len(data) > MAX_BYTES:
        raise EvidenceRefused(
            _("The file %(name)s is larger than 10 MB: attach a smaller file.") % {"name": name}
        )
    if not data:
        raise EvidenceRefused(_("The file %(name)s is empty.") % {"name": name})
    found = personal_number_in(name, data)
    if found is not None:
        raise EvidenceRefused(
            _(
                "The file %(name)s is refused: it contains what looks like a Swedish personal "
                "identity number or coordination number (%(masked)s). Evidence must hold "
                "counts, never data about individual people: remove the number and attach "
                "the file again."
            )
            % {"name": name, "masked": found.masked}
        )
    return CheckedFile(name=name, content_type=KINDS[suffix], data=data)
