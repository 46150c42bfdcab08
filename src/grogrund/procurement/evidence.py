"""The evidence a supplier attaches to a report: a PDF, a workbook (XLSX), a CSV file or an
image, checked before it is stored.

- Kind: by its name and by its first bytes (a PDF starts with %PDF, a workbook is a ZIP,
  PNG and JPEG have their signatures), so a renamed program is not stored as a "PDF".
- Size: at most `MAX_EVIDENCE_BYTES`.
- Personal data: reports hold counts, never people, so a file with a Swedish personal identity
  number or coordination number is refused as imports refuse it
  (grogrund.sources.personal_numbers): every cell of a CSV file and of every sheet of a
  workbook (opened with the import's guards against workbook bombs), the text of a PDF
  (pypdf when installed, else the text its uncompressed and deflated streams hold), and the
  raw bytes of every file (text in image metadata). Text drawn as pictures (a scanned page)
  cannot be read without OCR: the form asks the supplier to attach counts only.
"""

from __future__ import annotations

import re
import tempfile
import zlib
from pathlib import Path
from typing import Any

from grogrund.sources.errors import SourceError, gettext_noop
from grogrund.sources.personal_numbers import check_row, find_personal_number
from grogrund.sources.tabular import csv_rows
from grogrund.sources.workbooks import open_workbook

#: Evidence is a summary, a time sheet or a certificate: 10 MB is a long scanned PDF.
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
#: Pages of a PDF whose text is read (a longer file is refused: evidence is a summary).
MAX_PDF_PAGES = 200

SUFFIXES = (".pdf", ".xlsx", ".csv", ".png", ".jpg", ".jpeg")


class EvidenceProblem(Exception):
    """A file that cannot be kept as evidence; `msgid` % `params` says why (translated by the
    caller with gettext)."""

    def __init__(self, msgid: str, params: dict[str, Any]) -> None:
        super().__init__(msgid % params)
        self.msgid, self.params = msgid, params


def _problem(msgid: str, **params: Any) -> EvidenceProblem:
    return EvidenceProblem(msgid, params)


WRONG_KIND = gettext_noop(
    "%(name)s is not a PDF, an Excel workbook (.xlsx), a CSV file or an image (PNG, JPEG). "
    "Save the evidence in one of these formats and attach it again."
)
NOT_WHAT_IT_SAYS = gettext_noop(
    "%(name)s is not the kind of file its name says (%(suffix)s). Save it again from the "
    "program that made it and attach it again."
)
TOO_LARGE = gettext_noop(
    "%(name)s is larger than %(limit)s MB. Attach a smaller file: a summary of the figures "
    "is enough."
)
EMPTY = gettext_noop("%(name)s is empty. Attach the file with the evidence.")
PERSONAL_NUMBER = gettext_noop(
    "%(name)s is refused: it contains what looks like a Swedish personal identity number or "
    "coordination number (%(masked)s). Reports hold counts only, never data about individual "
    "people. Remove the number from the file and attach it again."
)
ROW_PERSONAL_NUMBER = gettext_noop(
    "%(name)s is refused: row %(row)s contains what looks like a Swedish personal identity "
    "number or coordination number (%(masked)s). Reports hold counts only, never data about "
    "individual people. Remove the number from the file and attach it again."
)
NAMED_PERSON = gettext_noop(
    "The file's name contains what looks like a Swedish personal identity number or "
    "coordination number (%(masked)s). Rename the file and attach it again."
)
TOO_MANY_PAGES = gettext_noop(
    "%(name)s has more than %(limit)s pages. Attach a summary of the figures instead."
)


def _signature_ok(suffix: str, head: bytes) -> bool:
    if suffix == ".pdf":
        return head.startswith(b"%PDF")
    if suffix == ".xlsx":
        return head.startswith(b"PK\x03\x04")
    if suffix == ".png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if suffix in (".jpg", ".jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    # CSV: text, not a binary file renamed (no NUL bytes at the start).
    return b"\x00" not in head


def check_evidence(upload: Any) -> None:
    """Raise EvidenceProblem (or SourceError for a personal number or an unreadable file)
    unless `upload` (a Django UploadedFile) may be kept as evidence."""
    name = Path(upload.name or "").name or "evidence"
    found = find_personal_number(name)
    if found is not None:  # before any message repeats the name
        raise _problem(NAMED_PERSON, masked=found.masked)
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise _problem(WRONG_KIND, name=name)
    if upload.size > MAX_EVIDENCE_BYTES:
        raise _problem(TOO_LARGE, name=name, limit=MAX_EVIDENCE_BYTES // (1024 * 1024))
    if not upload.size:
        raise _problem(EMPTY, name=name)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        with path.open("wb") as fh:
            for chunk in upload.chunks():
                fh.write(chunk)
        upload.seek(0)
        with path.open("rb") as fh:
            head = fh.read(16)
        if not _signature_ok(suffix, head):
            raise _problem(NOT_WHAT_IT_SAYS, name=name, suffix=suffix)
        check_file(path)


def check_file(path: Path) -> None:
    """Raise SourceError if the file at `path` holds a personal number anywhere we can read."""
    suffix = path.suffix.lower()
    data = path.read_bytes()
    if suffix == ".csv":
        for row, cells in csv_rows(path):
            _check_row(cells, path.name, row)
    elif suffix == ".xlsx":
        with open_workbook(path) as workbook:
            for sheet in workbook.worksheets:
                for row, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
                    _check_row(list(cells), f"{path.name} ({sheet.title})", row)
    elif suffix == ".pdf":
        _check_texts(_pdf_texts(path, data), path.name)
    _check_texts([data.decode("latin-1")], path.name)


def _check_row(cells: list[Any], file: str, row: int) -> None:
    """The import's row check, told as evidence is refused (not as an import is)."""
    try:
        check_row(cells, file=file, row=row)
    except SourceError:
        text = "\x1f".join("" if c is None else str(c) for c in cells)
        found = find_personal_number(text)
        masked = found.masked if found is not None else "******-****"
        raise _problem(ROW_PERSONAL_NUMBER, name=file, row=row, masked=masked) from None


def _check_texts(texts: Any, file: str) -> None:
    for text in texts:
        found = find_personal_number(text)
        if found is not None:
            raise _problem(PERSONAL_NUMBER, name=file, masked=found.masked)


_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.DOTALL)


def _pdf_texts(path: Path, data: bytes) -> list[str]:
    """The text of a PDF: pypdf's extraction when it is installed, and always the text of
    its streams, inflated where they are deflated (a bomb stops at 50 MB)."""
    texts: list[str] = []
    try:
        import pypdf
    except ImportError:  # pragma: no cover - pypdf is installed with the tests
        pypdf = None  # type: ignore[assignment]
    if pypdf is not None:
        try:
            reader = pypdf.PdfReader(str(path))
            if len(reader.pages) > MAX_PDF_PAGES:
                raise _problem(TOO_MANY_PAGES, name=path.name, limit=MAX_PDF_PAGES)
            texts += [page.extract_text() or "" for page in reader.pages]
        except EvidenceProblem:
            raise
        except Exception:
            pass
    for match in _STREAM.finditer(data):
        raw = match.group(1)
        try:
            inflated = zlib.decompressobj().decompress(raw, 50 * 1024 * 1024)
        except zlib.error:
            inflated = raw
        texts.append(inflated.decode("latin-1"))
    return texts


def problem_text(err: EvidenceProblem | SourceError, gettext: Any) -> str:
    """The message of a refused file in the reader's language."""
    return str(gettext(err.msgid) % err.params)
