"""PC-Axis (.px) files, as Statistikdatabasen and PxWeb save them, read into the same
`jsonstat.Dataset` as a PxWebApi response, so that one `ScbMapping` reads both.

Our own parser, not pyaxis: pyaxis builds a pandas DataFrame (pandas is a heavy dependency
Grogrund does not otherwise need, and the whole file is held in memory several times over), and
it keeps the values and codes but drops what an import must keep: which notes are mandatory
(NOTEX, VALUENOTEX), SCB's status symbols as reasons for a missing figure, the elimination
values, the units per content, the time variable.

The format (Statistics Sweden, "PX file format specification", 2013): a header of statements
`KEYWORD[lang]("variable","value")=value;` and then `DATA=` with the figures, row by row, the
STUB variables first and the HEADING variables last, the last HEADING variable varying
fastest. Strings are in double quotes; a long string continues in the next quoted string on
the next line; lists are comma separated. The header is read whole (it is small); the figures
are read in chunks, so a large file is never held as text.

Read here: CHARSET and CODEPAGE (ANSI means Windows-1252, or UTF-8), LANGUAGE and LANGUAGES
(the default language's texts are read; `KEY[en]` statements of other languages are skipped),
STUB, HEADING, VALUES, CODES, VARIABLECODE, ELIMINATION, TIMEVAL (the time variable),
CONTVARIABLE, CONTENTS, UNITS, DECIMALS, NOTE/NOTEX, VALUENOTE/VALUENOTEX, CELLNOTEX,
DATASYMBOL1–6 and DATASYMBOLNIL, MATRIX and TABLEID, SOURCE, LAST-UPDATED.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from .errors import SourceError, gettext_noop
from .jsonstat import Category, Dataset, Dimension
from .records import Location
from .scb_symbols import MISSING_SYMBOLS, NIL_SYMBOLS, STATUS_MAX_LENGTH

CHUNK = 1 << 20

# One header statement: anything but quotes and semicolons, or quoted strings, up to ";".
_STATEMENT = re.compile(rb'(?:[^";]|"[^"]*")*;')
_DATA_START = re.compile(rb"\s*DATA\s*=", re.IGNORECASE)
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*(?:\[([^\]]*)\])?\s*(?:\((.*)\))?\s*$", re.DOTALL)
_DATA_TOKEN = re.compile(r'"[^"]*"|[^\s,;"]+|;')
_LAST_SPACE = re.compile(r"\s(?=\S*$)")
_DOTS = ("", ".", "..", "...", "....", ".....", "......")


def _invalid(file: str, reason: str) -> SourceError:
    return SourceError(
        gettext_noop(
            "The file %(file)s is not a PC-Axis file that can be read (%(reason)s). Save the "
            "table again from Statistikdatabasen as PC-Axis (.px)."
        ),
        {"reason": reason},
        Location(file=file),
        code="invalid_px",
    )


def _strings(text: str, file: str) -> list[str]:
    """The items of a value list: quoted strings (adjacent ones joined, as a long text goes on
    over several lines) and bare words such as YES, 2 or TLIST(A1)."""
    items: list[str] = []
    i, n = 0, len(text)
    joinable = False  # the previous item was a string and no comma followed yet
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch == ",":
            joinable = False
            i += 1
        elif ch == '"':
            end = text.find('"', i + 1)
            if end < 0:
                raise _invalid(file, f"a text is not closed: {text[i : i + 40]!r}")
            part = text[i + 1 : end]
            if joinable:
                items[-1] += part
            else:
                items.append(part)
            joinable = True
            i = end + 1
        else:
            start, depth = i, 0
            while i < n and (depth or text[i] != ","):
                if text[i] == "(":
                    depth += 1
                elif text[i] == ")":
                    depth -= 1
                elif text[i] == '"':
                    i = text.find('"', i + 1)
                    if i < 0:
                        raise _invalid(file, "a text is not closed")
                i += 1
            items.append(text[start:i].strip())
            joinable = False
    return items


@dataclass
class _Header:
    language: str | None
    entries: dict[tuple[str, tuple[str, ...]], list[str]] = field(default_factory=dict)

    def get(self, key: str, *sub: str) -> list[str] | None:
        return self.entries.get((key, sub))

    def first(self, key: str, *sub: str) -> str | None:
        items = self.get(key, *sub)
        return items[0] if items else None

    def with_key(self, key: str) -> Iterator[tuple[tuple[str, ...], list[str]]]:
        for (k, sub), items in self.entries.items():
            if k == key:
                yield sub, items


def _encoding(header: bytes) -> tuple[str, bool]:
    """(codec, declared): CODEPAGE if given, CHARSET="ANSI" → Windows-1252, else UTF-8."""
    m = re.search(rb'CODEPAGE\s*=\s*"([^"]*)"', header)
    if m:
        name = m.group(1).decode("ascii", "replace").strip().lower()
        if name in {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "windows-1252", "cp1252"}:
            return "cp1252", True  # Windows-1252 is Latin-1 plus the printable 0x80–0x9f
        try:
            return codecs.lookup(name).name, True
        except LookupError:
            return "cp1252", False
    if re.search(rb'CHARSET\s*=\s*"ANSI"', header, re.IGNORECASE):
        return "cp1252", True
    return "utf-8", False


def _decode(raw: bytes, file: str) -> str:
    codec, declared = _encoding(raw)
    if codec == "utf-8":
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            if declared:
                raise _invalid(
                    file, "the file says it is UTF-8 (CODEPAGE) but is not; save it again"
                ) from None
            codec = "cp1252"  # an undeclared file that is not UTF-8: Windows' own
    try:
        return raw.decode(codec)
    except UnicodeDecodeError:
        return raw.decode("latin-1")  # cannot fail


def _read_header(stream: IO[bytes], file: str) -> tuple[list[bytes], bytes]:
    """The header statements (bytes, up to but not including DATA=) and what follows DATA=."""
    buf = stream.read(CHUNK)
    if buf.startswith(codecs.BOM_UTF8):
        buf = buf[len(codecs.BOM_UTF8) :]
    statements: list[bytes] = []
    pos = 0
    while True:
        start = _DATA_START.match(buf, pos)
        if start is not None:
            return statements, buf[start.end() :]
        m = _STATEMENT.match(buf, pos)
        if m is None:
            more = stream.read(CHUNK)
            if not more:
                if buf[pos:].strip():
                    raise _invalid(file, "it has no DATA= part, or a statement lacks its ';'")
                raise _invalid(file, "it has no DATA= part")
            buf = buf[pos:] + more
            pos = 0
            continue
        statements.append(m.group(0)[:-1])
        pos = m.end()


def _parse_header(statements: list[bytes], file: str) -> _Header:
    text = _decode(b";".join(statements), file)
    raw: list[tuple[str, str | None, tuple[str, ...], list[str]]] = []
    language: str | None = None
    for statement in _split_statements(text, file):
        key_part, _, value_part = _split_assignment(statement, file)
        m = _KEY.match(key_part)
        if m is None:
            raise _invalid(file, f"cannot read the keyword {key_part.strip()[:40]!r}")
        key, lang, sub = m.group(1).upper(), m.group(2), m.group(3)
        items = _strings(value_part, file)
        subkeys = tuple(_strings(sub, file)) if sub else ()
        if key == "LANGUAGE" and lang is None and items:
            language = items[0]
        raw.append((key, lang, subkeys, items))
    header = _Header(language)
    for key, lang, subkeys, items in raw:
        if lang is None or lang == language:
            header.entries[(key, subkeys)] = items
    return header


def _split_statements(text: str, file: str) -> Iterator[str]:
    """The decoded header split at ";" outside quotes (it was joined with ";")."""
    start, in_quote = 0, False
    for i, ch in enumerate(text):
        if ch == '"':
            in_quote = not in_quote
        elif ch == ";" and not in_quote:
            if text[start:i].strip():
                yield text[start:i]
            start = i + 1
    if text[start:].strip():
        yield text[start:]


def _split_assignment(statement: str, file: str) -> tuple[str, str, str]:
    in_quote, depth = False, 0
    for i, ch in enumerate(statement):
        if ch == '"':
            in_quote = not in_quote
        elif not in_quote and ch == "(":
            depth += 1
        elif not in_quote and ch == ")":
            depth -= 1
        elif not in_quote and depth == 0 and ch == "=":
            return statement[:i], "=", statement[i + 1 :]
    raise _invalid(file, f"the statement {statement.strip()[:40]!r} has no '='")


def _note(text: str) -> str:
    """PX notes mark a line break with '#'."""
    return "\n".join(part.strip() for part in text.split("#")).strip()


def _notes(header: _Header, key: str, *sub: str) -> tuple[str, ...]:
    items = header.get(key, *sub) or []
    text = _note("".join(items))  # one note may be split into several strings
    return (text,) if text else ()


def _dimension(header: _Header, var: str, contvariable: str | None, file: str) -> Dimension:
    labels = header.get("VALUES", var)
    if not labels:
        raise _invalid(file, f"the variable {var!r} has no VALUES")
    codes = header.get("CODES", var) or labels
    if len(codes) != len(labels):
        raise _invalid(
            file, f"the variable {var!r} has {len(labels)} VALUES but {len(codes)} CODES"
        )
    elimination = header.first("ELIMINATION", var)
    elimination_code = None
    if elimination is not None and elimination.upper() not in {"YES", "NO"}:
        elimination_code = codes[labels.index(elimination)] if elimination in labels else None
    categories = []
    for code, label in zip(codes, labels, strict=True):
        unit = None
        if var == contvariable:
            units = header.first("UNITS", label) or header.first("UNITS")
            decimals = header.first("PRECISION", var, label) or header.first("DECIMALS")
            unit = {"base": units or "", "decimals": int(decimals) if decimals else 0}
        notes = _notes(header, "VALUENOTEX", var, label)
        categories.append(Category(code=code, label=label, unit=unit, mandatory_notes=notes))
    return Dimension(
        id=header.first("VARIABLECODE", var) or var,
        label=var,
        categories=tuple(categories),
        elimination=elimination is not None and elimination.upper() != "NO",
        elimination_code=elimination_code,
        notes=_notes(header, "NOTE", var) + _notes(header, "NOTEX", var),
        mandatory_notes=_notes(header, "NOTEX", var),
    )


def _symbols(header: _Header) -> dict[str, str]:
    """Data token (inside the quotes) → the status stored: the file's own text for the symbol
    (DATASYMBOL1–6) if it gives one, else the dots themselves."""
    symbols = {dots: dots for dots in MISSING_SYMBOLS}
    for n in range(1, 7):
        text = header.first(f"DATASYMBOL{n}")
        if text:
            symbols[_DOTS[n]] = text[:STATUS_MAX_LENGTH]
    return symbols


def _cell_name(dimensions: tuple[Dimension, ...], index: int) -> str:
    parts = []
    for d in reversed(dimensions):
        index, i = divmod(index, d.size)
        parts.append(f"{d.id}={d.codes[i]}")
    return ", ".join(reversed(parts))


def _read_data(
    stream: IO[bytes],
    rest: bytes,
    dimensions: tuple[Dimension, ...],
    symbols: dict[str, str],
    file: str,
) -> tuple[list[float | None], dict[int, str]]:
    """The figures, read in chunks. The DATA part is ASCII (digits, dots, quotes) in every
    code page, so it is decoded as Latin-1, which cannot fail."""
    values: list[float | None] = []
    status: dict[int, str] = {}
    append = values.append
    total = 1
    for d in dimensions:
        total *= d.size
    carry = ""
    ended = False
    chunk = rest
    while not ended:
        final = not chunk
        text = carry + chunk.decode("latin-1")
        if final:
            part, carry = text, ""
        else:
            m = _LAST_SPACE.search(text)
            part, carry = (text[: m.start()], text[m.start() :]) if m else ("", text)
        for token in _DATA_TOKEN.findall(part):
            if token == ";":
                ended = True
                break
            symbol = token[1:-1].strip() if token.startswith('"') else token
            try:
                append(float(symbol))
                continue
            except ValueError:
                pass
            if symbol in NIL_SYMBOLS:
                append(0.0)
            elif symbol in symbols:
                status[len(values)] = symbols[symbol]
                append(None)
            else:
                raise SourceError(
                    gettext_noop(
                        "%(file)s: the figure '%(value)s' for %(field)s is neither a number "
                        "nor one of SCB's symbols (.. . - :). Save the table again from "
                        "Statistikdatabasen as PC-Axis."
                    ),
                    {"value": symbol[:40]},
                    Location(file=file, field=_cell_name(dimensions, len(values) % total)),
                    code="not_a_number",
                )
        if final:
            break
        if not ended:
            chunk = stream.read(CHUNK)
    if len(values) != total:
        raise _invalid(
            file,
            f"DATA has {len(values)} figures, but the variables "
            f"({' × '.join(str(d.size) for d in dimensions)}) make {total} cells",
        )
    for value in values:
        if value is not None and (value != value or value in (float("inf"), float("-inf"))):
            raise _invalid(file, "DATA holds a figure that is not finite")
    return values, status


def parse_px(stream: IO[bytes], *, file: str = "<px>") -> Dataset:
    statements, rest = _read_header(stream, file)
    header = _parse_header(statements, file)
    if any(True for _ in header.with_key("KEYS")):
        raise _invalid(file, "it uses the KEYS layout, which Grogrund does not read")
    stub = header.get("STUB") or []
    heading = header.get("HEADING") or []
    if not stub and not heading:
        raise _invalid(file, "it has neither STUB nor HEADING")
    contvariable = header.first("CONTVARIABLE")
    dimensions = tuple(_dimension(header, var, contvariable, file) for var in stub + heading)
    ids = [d.id for d in dimensions]
    if len(set(ids)) != len(ids):
        raise _invalid(file, "two variables have the same name or code")
    values, status = _read_data(stream, rest, dimensions, _symbols(header), file)

    by_label = {d.label: d.id for d in dimensions}
    time = [by_label[sub[0]] for sub, _ in header.with_key("TIMEVAL") if sub and sub[0] in by_label]
    role: dict[str, list[str]] = {"time": time}
    if contvariable in by_label:
        role["metric"] = [by_label[contvariable]]
    cell_notes = tuple(
        f"{', '.join(v for v in sub if v != '*')}: {_note(''.join(items))}"
        for sub, items in header.with_key("CELLNOTEX")
    )
    mandatory = _notes(header, "NOTEX") + cell_notes
    notes = _notes(header, "NOTE") + mandatory
    table_id = header.first("TABLEID") or header.first("MATRIX") or ""
    return Dataset(
        label=header.first("TITLE") or header.first("DESCRIPTION") or "",
        source=header.first("SOURCE") or "",
        updated=header.first("LAST-UPDATED"),
        dimensions=dimensions,
        values=values,
        status=status,
        notes=notes,
        mandatory_notes=mandatory,
        role=role,
        extension={
            "px": {
                "tableid": table_id,
                "matrix": header.first("MATRIX") or "",
                "language": header.language or "",
                "contents": header.first("CONTENTS") or "",
                "unit": header.first("UNITS") or "",
                "decimals": header.first("DECIMALS") or "",
            }
        },
        file=file,
    )


def read_px(path: str | Path) -> Dataset:
    """A .px file as a Dataset (see the module docstring)."""
    path = Path(path)
    with path.open("rb") as stream:
        return parse_px(stream, file=path.name)
