"""Every value-bank entry gives its unit, source and method in Swedish as well as English, and
cites public publications only (no internal working document of the project)."""

from __future__ import annotations

import re

from grogrund.engine.valuebank import ValueOverride, load_value_bank

INTERNAL = re.compile(r"seed \d|mission\.md|Grogrund", re.I)


def test_every_entry_has_swedish_texts() -> None:
    for e in load_value_bank().entries.values():
        assert e.unit_sv and e.source_sv and e.method_sv, e.id
        unit, source, method = e.texts("sv")
        assert (unit, source, method) == (e.unit_sv, e.source_sv, e.method_sv)
        assert e.texts("en") == (e.unit, e.source, e.method)
        assert "SEK" not in e.unit_sv  # Swedish says kr


def test_no_entry_cites_an_internal_document() -> None:
    for e in load_value_bank().entries.values():
        for text in (e.source, e.method, e.source_sv, e.method_sv):
            assert not INTERNAL.search(text), (e.id, text)


def test_the_crime_figures_cite_the_public_report_that_quotes_them() -> None:
    assault = load_value_bank().entries["crime_assault"]
    assert "Social innovation inom allmännyttan" in assault.source
    assert "Social innovation inom allmännyttan" in assault.source_sv
    assert "203 000 kr" in assault.method_sv  # 203 kSEK, written as Swedes write it


def test_an_organisations_own_value_keeps_its_source_in_both_languages() -> None:
    bank = load_value_bank().with_overrides(
        {"crime_assault": ValueOverride(150_000, 2023, "Polisens egen kalkyl 2023")}
    )
    own = bank.entries["crime_assault"]
    assert own.texts("sv")[1] == own.texts("en")[1] == "Polisens egen kalkyl 2023"
    assert own.texts("sv")[0] == "kr per brott"
