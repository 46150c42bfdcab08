"""Custom areas (a housing area, a district) made of official DeSO and RegSO: reads and writes.

A custom area belongs to one organisation; its editors change it. Its figures are computed
from its members' (areas.profile), so a member may be counted once only: a DeSO and the
RegSO it lies in are never both members. Every change is in the history.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.text import slugify

from grogrund.accounts.access import area_visible_q, can_edit_for, org_ids_with_role
from grogrund.accounts.history import record_history
from grogrund.accounts.history import snapshot as history_snapshot
from grogrund.accounts.models import Organisation, Role
from grogrund.areas.models import Area, AreaLevel
from grogrund.sources.errors import SourceError, gettext_noop
from grogrund.sources.records import Location

MEMBER_LEVELS = (AreaLevel.DESO, AreaLevel.REGSO)
NAME_MAX = 200


def editable_custom_areas_for(user: Any) -> QuerySet[Area]:
    """The custom areas the user may change: those of organisations they edit for."""
    return Area.objects.filter(
        level=AreaLevel.CUSTOM, owner_id__in=org_ids_with_role(user, Role.EDITOR)
    )


def member_choices(user: Any) -> QuerySet[Area]:
    """What a custom area may be made of: official DeSO and RegSO."""
    return Area.objects.filter(area_visible_q(user), level__in=MEMBER_LEVELS, owner__isnull=True)


class CustomAreaError(SourceError):
    """A custom area that cannot be saved as asked."""


def _refuse(msgid: str, params: dict[str, Any], field: str, code: str) -> CustomAreaError:
    return CustomAreaError(msgid, params, Location(file="", field=field), code=code)


def check_members(members: Iterable[Area]) -> list[Area]:
    """The members, refused when empty, not DeSO/RegSO, or counting an area twice."""
    chosen = list(members)
    if not chosen:
        raise _refuse(
            gettext_noop("Choose at least one DeSO or RegSO the area is made of."),
            {},
            "members",
            "no_members",
        )
    wrong = [a for a in chosen if a.level not in MEMBER_LEVELS or a.owner_id is not None]
    if wrong:
        raise _refuse(
            gettext_noop("A custom area is made of DeSO and RegSO only, not of %(areas)s."),
            {"areas": ", ".join(a.name for a in wrong)},
            "members",
            "wrong_member",
        )
    regsos = {a.pk: a for a in chosen if a.level == AreaLevel.REGSO}
    twice = [a for a in chosen if a.level == AreaLevel.DESO and a.parent_id in regsos]
    if twice:
        first = twice[0]
        raise _refuse(
            gettext_noop(
                "%(deso)s lies in %(regso)s, which is chosen too: its figures would be counted "
                "twice. Choose either the whole RegSO or some of its DeSO."
            ),
            {"deso": first.name, "regso": regsos[first.parent_id].name},
            "members",
            "counted_twice",
        )
    return chosen


def _code_for(owner: Organisation, name: str) -> str:
    base = f"{owner.slug}-{slugify(name) or 'omrade'}"[:34]
    code, n = base, 2
    while Area.objects.filter(code=code).exists():
        code, n = f"{base}-{n}", n + 1
    return code


def save_custom_area(
    *,
    user: Any,
    area: Area | None,
    name: str,
    owner: Organisation,
    is_public: bool,
    members: Iterable[Area],
) -> Area:
    """Create (`area` None) or change a custom area; the user must edit for `owner` (and, for
    a change, for the area's current owner)."""
    name = " ".join(name.split())[:NAME_MAX]
    if not name:
        raise _refuse(gettext_noop("Give the area a name."), {}, "name", "no_name")
    if not can_edit_for(user, owner) or (
        area is not None and not can_edit_for(user, area.owner_id or 0)
    ):
        raise _refuse(
            gettext_noop(
                "You may not save areas for %(organisation)s: you need the role editor or "
                "administrator in that organisation."
            ),
            {"organisation": owner.name},
            "owner",
            "not_allowed",
        )
    chosen = check_members(members)
    with transaction.atomic():
        before = None
        if area is None:
            area = Area(level=AreaLevel.CUSTOM, code=_code_for(owner, name))
        else:
            area = Area.objects.select_for_update().get(pk=area.pk)
            before = {**history_snapshot(area), "members": _codes(area.members.all())}
        area.name = name
        area.owner = owner
        area.is_public = is_public
        area.save()
        area.members.set(chosen)
        record_history(
            user=user,
            obj=area,
            action="create" if before is None else "update",
            before=before,
            after={**history_snapshot(area), "members": _codes(chosen)},
        )
    return area


def _codes(areas: Iterable[Area]) -> list[str]:
    return sorted(a.code for a in areas)
