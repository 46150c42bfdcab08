"""Writing the history of changes outside programmes, and of every edit in the admin.

Changes within a programme (goals, measurements, steps, initiatives, partnerships, valuations)
go to programmes.ChangeLog with `programmes.services.record_change`, where the programme's
pages show them. Everything else (organisations, users, areas, challenges, datasets and their
sharing, observations) goes to accounts.HistoryEntry with `record_history`. An admin edit goes
to whichever of the two the object belongs to (`record_any`). Call them in the transaction of
the change; neither history can be deleted or rewritten.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from grogrund.accounts.channel import current_channel
from grogrund.accounts.models import HistoryAction, HistoryChannel, HistoryEntry, Organisation


def _organisation_of(obj: Any) -> int | None:
    if isinstance(obj, Organisation):
        return obj.pk
    for attr in ("owner_id", "organisation_id"):
        value = getattr(obj, attr, None)
        if isinstance(value, int):
            return value
    dataset = getattr(obj, "dataset", None) if hasattr(obj, "dataset_id") else None
    return getattr(dataset, "owner_id", None)


def snapshot(obj: Any) -> dict[str, Any]:
    from grogrund.programmes.services import snapshot as programme_snapshot

    data = programme_snapshot(obj)
    data.pop("password", None)  # a user's password hash stays out of the history
    # Values model_to_dict leaves as Python objects (UUIDs, durations, lazy texts) as JSON.
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))  # type: ignore[no-any-return]


def record_history(
    *,
    user: Any,
    obj: Any,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    via: str = HistoryChannel.WEB,
    organisation: Organisation | int | None = None,
) -> HistoryEntry:
    """Keep one change of `obj` (who, when, through what, before, after). The channel is the
    one of the request or import under way (grogrund.accounts.channel); `via` only when none
    is."""
    if organisation is None:
        org_id = _organisation_of(obj)
    else:
        org_id = organisation if isinstance(organisation, int) else organisation.pk
    return HistoryEntry.objects.create(
        organisation_id=org_id,
        object_type=type(obj).__name__.lower(),
        object_id=str(obj.pk),
        action=action,
        via=current_channel() or via,
        user=user if getattr(user, "is_authenticated", False) else None,
        before=before,
        after=after,
    )


def _programme_and_goal_of(obj: Any) -> tuple[int | None, Any]:
    """The programme an object belongs to (and its goal, for goals' own history), if any."""
    from grogrund.programmes.models import Goal, Programme

    if isinstance(obj, Programme):
        return obj.pk, None
    if isinstance(obj, Goal):
        return obj.programme_id, obj
    goal = getattr(obj, "goal", None) if hasattr(obj, "goal_id") else None
    if isinstance(goal, Goal):
        return goal.programme_id, goal
    programme_id = getattr(obj, "programme_id", None)
    if isinstance(programme_id, int):
        return programme_id, None
    for parent in ("initiative", "valuation", "commitment"):
        related = getattr(obj, parent, None) if hasattr(obj, f"{parent}_id") else None
        if isinstance(getattr(related, "programme_id", None), int):
            return related.programme_id, None
    return None, None


def record_any(
    *,
    user: Any,
    obj: Any,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    via: str,
) -> None:
    """Keep a change in the programme's history when `obj` belongs to a programme, else in
    the general history."""
    from grogrund.programmes.models import ChangeLog, Programme
    from grogrund.programmes.services import record_change

    if isinstance(obj, (HistoryEntry, ChangeLog)):
        return
    programme_id, goal = _programme_and_goal_of(obj)
    # A deleted programme takes its ChangeLog with it: its own deletion is kept here instead.
    if programme_id is None or (isinstance(obj, Programme) and action == HistoryAction.DELETE):
        record_history(user=user, obj=obj, action=action, before=before, after=after, via=via)
        return
    record_change(
        user=user,
        programme=programme_id,
        obj=obj,
        action=action,
        before=before,
        after=after,
        goal=goal,
        via=via,
    )
