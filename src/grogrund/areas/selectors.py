"""Reads for areas, indicators, observations and challenges, with access applied."""

from __future__ import annotations

from typing import Any

from django.db.models import BooleanField, ExpressionWrapper, QuerySet

from grogrund.accounts.access import area_visible_q, editable, visible
from grogrund.areas import search
from grogrund.areas.models import Area, AreaLevel, Challenge, Dataset, Indicator, Observation


def areas_for(user: Any) -> QuerySet[Area]:
    return Area.objects.filter(area_visible_q(user))


def datasets_for(user: Any) -> QuerySet[Dataset]:
    return visible(Dataset.objects.all(), user)


def visible_dataset_ids(user: Any) -> list[int]:
    """The ids of the datasets `user` may see, in order: kept per visitor until any data
    changes (the generation of all scopes, which sharing and memberships move too), so a
    page whose figures are cached per set of visible datasets finds its key without the two
    queries that decide it."""
    from grogrund.core.generation import kept_for_visitor

    return kept_for_visitor(
        "visible-datasets",
        user,
        lambda: list(datasets_for(user).order_by("pk").values_list("pk", flat=True)),
    )


def editable_datasets_for(user: Any) -> QuerySet[Dataset]:
    return editable(datasets_for(user), user)


def observations_for(user: Any) -> QuerySet[Observation]:
    return Observation.objects.filter(dataset__in=datasets_for(user), area__in=areas_for(user))


def indicators() -> QuerySet[Indicator]:
    """The indicator catalogue is shared by all organisations."""
    return Indicator.objects.all()


def challenges_for(user: Any) -> QuerySet[Challenge]:
    """The challenges shared with the user, whoever may see their area.

    Sharing a challenge is the deliberate act that decides: a partner sees a challenge on the
    owner's private housing area, and with it the area's name, though not the area's profile
    or its make-up. `area_open` says whether the user may open the area's profile.
    """
    return visible(Challenge.objects.all(), user).annotate(
        area_open=ExpressionWrapper(area_visible_q(user, "area__"), output_field=BooleanField())
    )


def comparison_chain(area: Area) -> list[Area]:
    """The areas a profile compares with: municipality, county, country (nearest first).

    A custom area compares with the municipality of its first member.
    """
    start: Area | None = area
    if area.level == AreaLevel.CUSTOM:
        first = (
            area.members.order_by("code").select_related("parent__parent__parent__parent").first()
        )
        start = first
    chain: list[Area] = []
    node = start.parent if start is not None else None
    # The chain is short (at most DeSO → RegSO → municipality → county → country).
    while node is not None:
        if node.level in {AreaLevel.MUNICIPALITY, AreaLevel.COUNTY, AreaLevel.COUNTRY}:
            chain.append(node)
        node = node.parent
    return chain


def search_areas(
    user: Any,
    text: str,
    limit: int | None = 50,
    *,
    level: str = "",
    municipality: str = "",
) -> QuerySet[Area]:
    """The areas the user may see whose name or code matches `text` (case and accents
    ignored, see areas.search), best first; `limit=None` for all of them (to paginate)."""
    qs = areas_for(user)
    if level:
        qs = qs.filter(level=level)
    if municipality:
        qs = qs.filter(search.within_municipality_q(municipality))
    qs = search.best_first(qs, text)
    return qs if limit is None else qs[:limit]
