"""Region labels as statistics files give them, matched to area codes.

Statistikdatabasen and other downloads name a region by its code ("0114"), its name
("Upplands Väsby", "Stockholms län", "Riket"), both ("0114 Upplands Väsby", "17 Värmlands
län") or, for a RegSO, "Kommun (RegSO)" ("Upplands Väsby (Bollstanäs)"). `RegionMatcher`
turns such a label into the code of a known area, from a registry of areas passed in (the
Django layer builds it from the area table: pure code here).

Rules (docs/import.md, "Filer från Statistikdatabasen"):
- labels are trimmed and compared case-insensitively; inner runs of spaces count as one;
- exact spelling wins: "Malmö" is Malmö. A label written without Swedish letters ("Malmo",
  "Goteborg") matches a name with them only if exactly one area has that name then;
- "code name": the code decides, and the name must be the name (or another name) of that
  area, so that a shifted column or a wrong code is caught;
- a name that several areas carry (RegSO "Tuna" lies in several municipalities, RegSO
  "Torsby" in the municipality Torsby) is an error that lists the candidates with their codes;
  the file can use the code, "Kommun (RegSO)", or the mapping can name the level
  (`region_level: regso`) to choose among them;
- "Riket", "Sverige", "Hela riket" and "Sweden" are the country (00).

A label that looks like a code (no spaces, with a digit) is returned as the code it is: the
import layer reports codes it does not know.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

COUNTRY_CODE = "00"
COUNTRY_NAMES = ("riket", "sverige", "hela riket", "sweden", "hela landet", "riket totalt")
LEVELS = ("country", "county", "municipality", "regso", "deso")

_SPACES = re.compile(r"\s+")
_CODE_NAME = re.compile(r"^(\S*\d\S*)\s+(.+)$")
_PARENS = re.compile(r"^(.+?)\s*\((.+)\)$")


@dataclass(frozen=True, slots=True)
class RegionEntry:
    """One known area: code, name, level (country, county, municipality, regso, deso or a
    custom level), its municipality (for RegSO and DeSO) and other names it goes by."""

    code: str
    name: str
    level: str
    municipality_code: str = ""
    municipality_name: str = ""
    aliases: tuple[str, ...] = ()


class RegionLookupError(LookupError):
    """A label that matches no area, or several. `candidates` are (code, name, municipality)."""

    def __init__(
        self, label: str, candidates: tuple[tuple[str, str, str], ...] = (), reason: str = ""
    ) -> None:
        self.label = label
        self.candidates = candidates
        self.reason = reason  # "unknown" | "ambiguous" | "code_name_mismatch"
        super().__init__(label)


def fold(text: str) -> str:
    """Trimmed, single-spaced, case-folded: the key names are compared by."""
    return _SPACES.sub(" ", text).strip().casefold()


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def looks_like_code(text: str) -> bool:
    """A code has no spaces and at least one digit ("0114", "0114R001", "9901A0010")."""
    return bool(text) and " " not in text and any(c.isdigit() for c in text)


def normalise_area_code(text: str) -> str:
    """An area code that lost its leading zero in a spreadsheet, restored: 1–2 digits are a
    county ("1" → "01"), 3 digits a municipality ("114" → "0114"); no municipality code is
    below 0114 and no county above 25, so this is unambiguous."""
    code = text.strip()
    if code.isdigit():
        if len(code) <= 2:
            return code.zfill(2)
        if len(code) == 3:
            return code.zfill(4)
    return code


def _names(entry: RegionEntry) -> set[str]:
    """The folded names an area is known by: its name, its aliases, a county's English form
    and, for the country, "Riket", "Sverige"…"""
    names = {fold(entry.name), *(fold(a) for a in entry.aliases)}
    if entry.level == "county":
        for n in list(names):
            names.update(_county_variants(n))
    if entry.level == "country":
        names.update(COUNTRY_NAMES)
    return names


def _county_variants(name: str) -> list[str]:
    """ "Stockholms län" also as SCB writes it in English ("Stockholm county")."""
    folded = fold(name)
    if folded.endswith(" län"):
        stem = folded[: -len(" län")]
        if stem.endswith("s"):
            stem = stem[:-1]
        return [f"{stem} county"]
    return []


class RegionMatcher:
    """Labels → area codes, over a fixed registry of `RegionEntry`s (see the module doc)."""

    def __init__(self, entries: Iterable[RegionEntry], *, level: str | None = None) -> None:
        self.level = level
        self._by_code: dict[str, RegionEntry] = {}
        self._exact: dict[str, list[RegionEntry]] = {}
        self._plain: dict[str, list[RegionEntry]] = {}
        self._regso: dict[tuple[str, str], list[RegionEntry]] = {}
        for entry in entries:
            self._by_code[entry.code] = entry
            if level is not None and entry.level != level:
                continue
            for n in _names(entry):
                if not n:
                    continue
                self._exact.setdefault(n, []).append(entry)
                plain = strip_accents(n)
                bucket = self._plain.setdefault(plain, [])
                if entry not in bucket:
                    bucket.append(entry)
            if entry.municipality_name:
                key = (fold(entry.municipality_name), fold(entry.name))
                self._regso.setdefault(key, []).append(entry)
        if not any(e.level == "country" for e in self._by_code.values()):
            country = RegionEntry(COUNTRY_CODE, "Riket", "country")
            for n in COUNTRY_NAMES:
                self._exact.setdefault(n, [country])
                self._plain.setdefault(n, [country])

    def __contains__(self, code: str) -> bool:
        return code in self._by_code

    def names_of(self, code: str) -> set[str]:
        entry = self._by_code.get(code)
        return _names(entry) if entry is not None else set()

    def name_of(self, code: str) -> str:
        entry = self._by_code.get(code)
        return entry.name if entry is not None else ""

    def match(self, label: str) -> str:
        """The code of the area `label` names; RegionLookupError if none or several."""
        text = _SPACES.sub(" ", label).strip()
        if looks_like_code(text):
            return normalise_area_code(text)
        found = self._by_name(text)
        if found is not None:
            return found
        code_name = _CODE_NAME.match(text)
        if code_name:
            return self._code_and_name(text, code_name.group(1), code_name.group(2))
        parens = _PARENS.match(text)
        if parens:
            hits = self._regso.get((fold(parens.group(1)), fold(parens.group(2))))
            if hits is None:
                plain_key = (
                    strip_accents(fold(parens.group(1))),
                    strip_accents(fold(parens.group(2))),
                )
                hits = [
                    e
                    for (m, n), es in self._regso.items()
                    if (strip_accents(m), strip_accents(n)) == plain_key
                    for e in es
                ]
            if len(hits) == 1:
                return hits[0].code
            if hits:
                raise RegionLookupError(text, _candidates(hits), "ambiguous")
        raise RegionLookupError(text, (), "unknown")

    def _by_name(self, text: str) -> str | None:
        key = fold(text)
        hits = self._exact.get(key)
        if hits is None:
            hits = self._plain.get(strip_accents(key))
        if hits is None:
            return None
        if len(hits) > 1:
            raise RegionLookupError(text, _candidates(hits), "ambiguous")
        return hits[0].code

    def _code_and_name(self, text: str, code_text: str, name: str) -> str:
        code = normalise_area_code(code_text)  # "0" becomes "00", the country
        names = self.names_of(code)
        if not names and code == COUNTRY_CODE:
            names = set(COUNTRY_NAMES)
        if not names:
            # A code the registry does not know: the import layer names it.
            return code
        key = fold(name)
        if key in names or strip_accents(key) in {strip_accents(n) for n in names}:
            return code
        entry = self._by_code[code]
        raise RegionLookupError(
            text,
            ((entry.code, entry.name, entry.municipality_name),),
            "code_name_mismatch",
        )


def _candidates(entries: Iterable[RegionEntry]) -> tuple[tuple[str, str, str], ...]:
    return tuple(sorted({(e.code, e.name, e.municipality_name) for e in entries}))


def describe_candidates(candidates: Iterable[tuple[str, str, str]], limit: int = 8) -> str:
    """ "0114R001 Bollstanäs (Upplands Väsby), 0180R123 ..." for a message."""
    items = list(candidates)
    parts = [f"{code} {name}" + (f" ({muni})" if muni else "") for code, name, muni in items]
    if len(parts) > limit:
        parts = [*parts[:limit], f"… (+{len(parts) - limit})"]
    return ", ".join(parts)
