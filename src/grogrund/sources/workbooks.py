"""Opening an uploaded XLSX workbook without letting it take the server down.

An XLSX file is a ZIP of XML files, so a small upload can unpack to gigabytes: a 157 kB sheet
of millions of empty `<row/>` elements, a gigabyte-long shared string, or XML entities that
expand exponentially ("billion laughs") or fetch external files. Before openpyxl reads
anything, the ZIP's own table of contents is checked (the sizes it declares are what the
decompressor will produce; a member that decompresses beyond its declared size is stopped by
zipfile itself): the workbook as a whole, each member and the shared-string table must stay
within the limits below, and no member may be a compression bomb. XML parsing goes through
defusedxml (openpyxl uses it when it is installed), which refuses entity declarations and
external references; that refusal is reported here in the user's words.

Every opener of uploaded workbooks uses `open_workbook`, so the limits hold on every upload
path and in the CLI alike."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from .errors import SourceError, gettext_noop
from .records import Location

MB = 1024 * 1024


@dataclass(frozen=True)
class WorkbookLimits:
    #: All members together, unpacked. A statistics workbook of 1 million figures is about
    #: 60 MB of sheet XML; Excel's own row limit is 1 048 576.
    max_unpacked_bytes: int = 200 * MB
    #: The shared-string table is read into memory whole by openpyxl, so it is kept small:
    #: 20 MB of XML is several hundred thousand distinct texts.
    max_shared_strings_bytes: int = 20 * MB
    #: A member larger than `ratio_applies_from` that unpacks to more than this many times its
    #: packed size is a compression bomb; real sheets compress 5–30 times.
    max_ratio: int = 200
    ratio_applies_from: int = 2 * MB
    #: Members in the archive (a workbook has a few dozen; a bomb may have millions).
    max_members: int = 10_000


LIMITS = WorkbookLimits()


def check_archive(path: Path, limits: WorkbookLimits = LIMITS) -> None:
    """Refuse a workbook whose unpacked size could hurt the server, reading only the ZIP's
    table of contents."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _unreadable(path) from exc
    if len(members) > limits.max_members:
        raise _too_big(path, limits)
    total = 0
    for member in members:
        total += member.file_size
        if total > limits.max_unpacked_bytes:
            raise _too_big(path, limits)
        if (
            member.filename.lower().endswith("sharedstrings.xml")
            and member.file_size > limits.max_shared_strings_bytes
        ):
            raise SourceError(
                gettext_noop(
                    "The workbook %(file)s holds more text than Grogrund reads from one file "
                    "(over %(limit)s MB). Remove long texts and comments, or save the figures "
                    "as CSV."
                ),
                {"limit": limits.max_shared_strings_bytes // MB},
                Location(file=path.name),
                code="workbook_too_big",
            )
        if (
            member.file_size > limits.ratio_applies_from
            and member.file_size > limits.max_ratio * max(member.compress_size, 1)
        ):
            raise SourceError(
                gettext_noop(
                    "The workbook %(file)s unpacks to far more than its size (it may hold "
                    "millions of empty rows). Copy the figures into a new workbook, or save "
                    "them as CSV."
                ),
                {},
                Location(file=path.name),
                code="workbook_bomb",
            )


@contextmanager
def open_workbook(path: Path, limits: WorkbookLimits = LIMITS) -> Iterator[Any]:
    """An openpyxl workbook (read-only, values as last calculated), checked first and closed
    afterwards. Raises SourceError for a file that is no workbook, one that is too big
    unpacked, or XML with entities or external references — also when the XML is parsed
    later, while the caller reads rows inside the `with` block."""
    import openpyxl  # type: ignore[import-untyped]  # CSV-only users need not pay for it
    from defusedxml import DefusedXmlException  # type: ignore[import-untyped]
    from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

    check_archive(path, limits)
    unreadable = (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (*unreadable, ParseError) as exc:
        raise _refusal(path, exc, DefusedXmlException) from exc
    try:
        yield workbook
    # zipfile.BadZipFile: a member larger than the ZIP declared, or corrupt.
    except (DefusedXmlException, ParseError, zipfile.BadZipFile) as exc:
        raise _refusal(path, exc, DefusedXmlException) from exc
    finally:
        workbook.close()


def _refusal(path: Path, exc: BaseException, defused: type[BaseException]) -> SourceError:
    """The message for a workbook openpyxl could not read; openpyxl wraps the XML parser's
    refusal of entities in a ValueError, so the chain of causes is looked through."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, defused):
            return _entities(path)
        cause = cause.__cause__ or cause.__context__
    return _unreadable(path)


def _unreadable(path: Path) -> SourceError:
    return SourceError(
        gettext_noop(
            "The file %(file)s could not be opened as an Excel workbook (.xlsx). Save it "
            "again from Excel as .xlsx, or export it as CSV."
        ),
        {},
        Location(file=path.name),
        code="unreadable_file",
    )


def _too_big(path: Path, limits: WorkbookLimits) -> SourceError:
    return SourceError(
        gettext_noop(
            "The workbook %(file)s is larger unpacked than Grogrund reads from one file "
            "(%(limit)s MB). Split it into smaller files, or save the figures as CSV."
        ),
        {"limit": limits.max_unpacked_bytes // MB},
        Location(file=path.name),
        code="workbook_too_big",
    )


def _entities(path: Path) -> SourceError:
    return SourceError(
        gettext_noop(
            "The workbook %(file)s contains XML entity declarations or references to other "
            "files, which no workbook saved by Excel or LibreOffice has; it is refused for "
            "safety. Save it again from Excel or LibreOffice as .xlsx."
        ),
        {},
        Location(file=path.name),
        code="workbook_entities",
    )
