"""Reads for valuations, with access applied: a valuation is seen by whoever sees its
programme (programmes.selectors.programmes_for) and changed by the programme owner's editors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from grogrund.accounts.access import can_edit_programme
from grogrund.engine.valuebank import ValueEntry, index_amount, load_value_bank
from grogrund.programmes.models import ChangeLog, Programme
from grogrund.programmes.selectors import editable_programmes_for, history_for, programmes_for
from grogrund.valuations.models import Valuation
from grogrund.valuations.price_index import kpi_series


def valuations_for(user: Any) -> QuerySet[Valuation]:
    """Every valuation the user may see."""
    return Valuation.objects.filter(programme__in=programmes_for(user)).select_related(
        "programme", "initiative"
    )


def editable_valuations_for(user: Any) -> QuerySet[Valuation]:
    return valuations_for(user).filter(programme__in=editable_programmes_for(user))


def valuations_for_programme(user: Any, programme: Programme) -> QuerySet[Valuation]:
    """The valuations of a programme and of its initiatives that `user` may see (none when the
    user may not see the programme): the programme's own first, then by initiative and name."""
    return (
        valuations_for(user).filter(programme=programme).order_by("initiative__name", "name", "pk")
    )


def can_edit_valuations(user: Any, programme: Programme) -> bool:
    """Editors of the programme's owner change its valuations (accounts.access)."""
    return can_edit_programme(user, programme)


def can_edit_valuation(user: Any, valuation: Valuation) -> bool:
    return can_edit_programme(user, valuation.programme)


def valuation_history(valuation: Valuation) -> QuerySet[ChangeLog]:
    return history_for(valuation)


@dataclass(frozen=True)
class BankEntryRow:
    """A value-bank entry as offered to pick from: its amount in its own price year and in
    the valuation's price year (KPI)."""

    entry: ValueEntry
    name: str
    group: str
    indexed_amount: float | None
    price_year: int | None

    @property
    def is_share(self) -> bool:
        return self.entry.price_year is None

    def _texts(self) -> tuple[str, str, str]:
        return self.entry.texts("en" if (get_language() or "sv").startswith("en") else "sv")

    @property
    def unit(self) -> str:
        """The unit in the reader's language."""
        return self._texts()[0]

    @property
    def source(self) -> str:
        return self._texts()[1]

    @property
    def method(self) -> str:
        return self._texts()[2]


#: Value-bank groups by the first word of an entry's id.
BANK_GROUPS = {
    "exclusion": _("Exclusion (utanförskap)"),
    "crime": _("Crime"),
    "upper": _("School"),
}


def _group(entry_id: str) -> str:
    return entry_id.split("_", 1)[0]


def bank_group_label(group: str) -> str:
    return str(BANK_GROUPS.get(group, group))


def value_bank_rows(query: str = "", price_year: int | None = None) -> list[BankEntryRow]:
    """Value-bank entries whose id, name or source contain `query`, grouped by their id's
    prefix (exclusion, crime, upper_secondary …), with amounts indexed to `price_year`."""
    bank = load_value_bank()
    q = query.strip().lower()
    english = (get_language() or "sv").startswith("en")
    kpi = kpi_series()  # shipped and imported KPI years
    last_kpi = kpi.last_year
    rows = []
    for entry in bank.entries.values():
        name = entry.name_en if english else entry.name_sv
        group = _group(entry.id)
        haystack = (
            f"{entry.id} {entry.name_sv} {entry.name_en} {entry.source} {entry.source_sv} "
            f"{bank_group_label(group)}"
        ).lower()
        if q and q not in haystack:
            continue
        indexed = None
        if entry.price_year is not None and price_year is not None:
            indexed = index_amount(
                entry.amount, entry.price_year, min(price_year, last_kpi), kpi=kpi
            )
        rows.append(BankEntryRow(entry, name, group, indexed, price_year))
    rows.sort(key=lambda r: (r.group, r.entry.id))
    return rows


def value_bank_version() -> str:
    return load_value_bank().version
