"""Evidence files attached to outcome reports: what kinds are taken, how large, and the check
that none holds a personal identity number (the platform keeps counts, never people).

The text of each kind is read as well as it can be without new dependencies:
- plain text and CSV: decoded (UTF-8, else cp1252) and searched whole;
- XLSX: every cell of every sheet, through the guarded opener (sources/workbooks.py);
- PDF: the text pypdf extracts when it is installed (embedded subset fonts mapped to
  Unicode, as office programs and weasyprint write them), and always the text of every
  literal and hexadecimal string in the page content, compressed (FlateDecode) or not.
  Without pypdf, a PDF whose text is drawn with embedded subset fonts has no readable text;
  such a file is still taken, and the page says that the evaluator, who opens it, answers
  for it. (pypdf is installed with the tests; as a runtime dependency it is the maintainers'
  decision, as for procurement's evidence.)
"""

from __future__ import annotations

import hashlib
import re
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


#: Pages of a PDF whose text pypdf reads (evidence is a summary, not a book).
MAX_PDF_PAGES = 200


def _pypdf_text(data: bytes) -> str:
    """The text pypdf extracts (fonts mapped to Unicode, as office programs and weasyprint
    write them), when pypdf is installed; empty otherwise or for a PDF it cannot read."""
    try:
        import pypdf
    except ImportError:  # pragma: no cover - installed with the tests
        return ""
    import io

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        pages = reader.pages[:MAX_PDF_PAGES]
        return "\n".join(page.extract_text() or "" for page in pages)
    except Exception:  # a damaged file: its raw strings are still read
        return ""


def pdf_text(data: bytes) -> str:
    """What text can be read from a PDF (see the module's docstring): pypdf's extraction when
    it is installed, and always the strings of its content streams."""
    texts = [_pdf_strings(_inflate(m.group(1))) for m in _STREAM.finditer(data)]
    return "\n".join([_pypdf_text(data), *texts])


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


def _refuse_named_person(name: str) -> None:
    found = find_personal_number(name)
    if found is not None:  # before any message repeats the name
        raise EvidenceRefused(
            _(
                "The file's name contains what looks like a Swedish personal identity number "
                "or coordination number (%(masked)s). Rename the file and attach it again."
            )
            % {"masked": found.masked}
        )


def check_upload(upload: Any) -> CheckedFile:
    """`check_file` for an uploaded file (a Django UploadedFile): its name and its size are
    checked before it is read, so a file far too large is never read into memory."""
    name = _name(upload.name or "")
    _refuse_named_person(name)
    if upload.size is not None and upload.size > MAX_BYTES:
        raise EvidenceRefused(
            _("The file %(name)s is larger than 10 MB: attach a smaller file.") % {"name": name}
        )
    upload.seek(0)
    return check_file(name, upload.read(MAX_BYTES + 1))


def check_file(name: str, data: bytes) -> CheckedFile:
    """The file if it may be kept as evidence; EvidenceRefused with a message otherwise."""
    name = _name(name)
    _refuse_named_person(name)
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
