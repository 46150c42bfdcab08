"""The kinds of report, each registered here once: what it is about, the figures it shows and
how it is drawn.

A report is made in two steps so that a stored report never changes with the data:

1. `figures(user=…, subject=…, period=…)` reads every number the report shows through the
   same selectors as the pages (the access check applied) and returns plain JSON-able data
   (numbers unformatted, with their sources, retrieval dates and units). This is what a
   snapshot stores beside the PDF, and what two reports are compared by.
2. `context(figures, language=…)` turns the figures (only them, never the database) into what
   the template needs: formatted numbers, SVG charts, sentences. The PDF and the print view
   are `template` rendered with that context, extending `reports/document.html`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Period:
    """The period a report covers, both ends included."""

    start: dt.date
    end: dt.date

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))


@dataclass(frozen=True)
class ReportKind:
    key: str  # "programme", "valuation", "area", "tenant"
    label: Any  # lazy translated name, e.g. _("Programme report")
    template: str  # "reports/programme.html"
    # (user, pk) → the report's subject if the user may see it; raise django.http.Http404 if not.
    subject: Callable[[Any, int], Any]
    # (*, user, subject, period) → JSON-able figures (see the module's docstring).
    figures: Callable[..., dict[str, Any]]
    # (figures, *, language) → the template's context; must include document_title.
    context: Callable[..., dict[str, Any]]
    # subject → the organisation that owns a stored report of it.
    owner: Callable[[Any], Any]
    # subject → the programme a stored report is listed under, or None.
    programme: Callable[[Any], Any]
    # figures → the document's title (the programme's or area's name and the kind).
    title: Callable[[dict[str, Any]], str]


REGISTRY: dict[str, ReportKind] = {}


def register(kind: ReportKind) -> ReportKind:
    REGISTRY[kind.key] = kind
    return kind


def get(key: str) -> ReportKind:
    """The registered kind; the report modules register themselves when imported."""
    _load_all()
    return REGISTRY[key]


def all_keys() -> set[str]:
    _load_all()
    return set(REGISTRY)


def all_kinds() -> list[ReportKind]:
    _load_all()
    return list(REGISTRY.values())


# Modules that register a kind (each calls `register` at import).
KIND_MODULES = (
    "grogrund.reports.programme_report",
    "grogrund.reports.valuation_report",
    "grogrund.reports.area_report",
    "grogrund.reports.tenant_report",
)


def _load_all() -> None:
    from importlib import import_module
    from importlib.util import find_spec

    for name in KIND_MODULES:
        if find_spec(name) is not None:
            import_module(name)
