"""Writes of the network app: a network organisation's choices, by its administrators, each
change kept in the history (accounts.HistoryEntry)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from grogrund.accounts.history import record_history
from grogrund.accounts.models import HistoryAction, HistoryChannel, Organisation
from grogrund.network.models import NetworkSettings
from grogrund.network.selectors import administered_networks


class NetworkError(Exception):
    """Something the user asked for that cannot be done; the message is for the user."""


def _snapshot(row: NetworkSettings) -> dict[str, Any]:
    return {
        "organisation": row.organisation_id,
        "show_totals_publicly": row.show_totals_publicly,
    }


@transaction.atomic
def save_settings(
    *,
    user: Any,
    organisation: Organisation,
    show_totals_publicly: bool,
    via: str = HistoryChannel.WEB,
) -> NetworkSettings:
    """Whether the network shows its totals on the public pages (counted, even then, from
    published programmes only). Only the network organisation's administrators may."""
    if not administered_networks(user).filter(pk=organisation.pk).exists():
        raise NetworkError(
            _(
                "Only administrators of a network organisation in the national network may "
                "change what the network shows publicly."
            )
        )
    row, created = NetworkSettings.objects.get_or_create(
        organisation=organisation, defaults={"updated_by": user}
    )
    before = None if created else _snapshot(row)
    if not created and row.show_totals_publicly == show_totals_publicly:
        return row
    row.show_totals_publicly = show_totals_publicly
    row.updated_by = user
    row.save()
    record_history(
        user=user,
        obj=row,
        action=HistoryAction.CREATE if created else HistoryAction.UPDATE,
        before=before,
        after=_snapshot(row),
        via=via,
        organisation=organisation,
    )
    return row
