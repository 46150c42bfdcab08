"""An organisation's history of changes outside programmes (accounts.HistoryEntry), for its
administrators: each change as a plain sentence ("Anna Andersson changed the dataset
“Statistik A” via the API"), with what changed, newest first, a page at a time. Changes
within a programme are on the programme's own pages (programmes.ChangeLog)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from grogrund.accounts.access import administered_organisations
from grogrund.accounts.models import HistoryAction, HistoryEntry, Organisation
from grogrund.programmes.history_text import HistoryRow, history_rows

PAGE_SIZE = 50


def organisation_for_history(user: Any, pk: int) -> Organisation | None:
    """The organisation, when `user` administers it (else None: the page is not found)."""
    return administered_organisations(user).filter(pk=pk).first()


def history_of(organisation: Organisation) -> QuerySet[HistoryEntry]:
    return (
        HistoryEntry.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("-at", "-id")
    )


@dataclass(frozen=True)
class Change:
    row: HistoryRow
    sentence: str


def sentence(row: HistoryRow) -> str:
    """The change as one sentence: who did what to which, and through what."""
    values = {"who": row.who, "kind": row.kind, "name": row.name}
    if row.entry.user is None:
        values["who"] = _("Someone")
    action = row.entry.action
    if row.name:
        text = {
            HistoryAction.CREATE: _("%(who)s created %(kind)s “%(name)s”"),
            HistoryAction.DELETE: _("%(who)s deleted %(kind)s “%(name)s”"),
        }.get(action, _("%(who)s changed %(kind)s “%(name)s”"))
    else:
        text = {
            HistoryAction.CREATE: _("%(who)s created %(kind)s"),
            HistoryAction.DELETE: _("%(who)s deleted %(kind)s"),
        }.get(action, _("%(who)s changed %(kind)s"))
    said = text % values
    return f"{said} {row.via}." if row.via else f"{said}."


def changes(entries: list[HistoryEntry]) -> list[Change]:
    return [Change(row=row, sentence=sentence(row)) for row in history_rows(entries)]
