"""Reads for the method library, with access applied.

Who sees a method:
- a published method (and a withdrawn one, marked so) — everyone, also without logging in;
- a draft or a proposal — the members of the organisation that proposed it;
- a proposal, and a draft that was proposed before (returned) — the curators too: editors and
  administrators of an organisation of kind network (accounts.access.is_network_curator).

The benchmark of a method (grogrund.methods.benchmark) counts only initiatives of programmes
shared with the network or the public (accounts.access.shared_widely_q).
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.cache import cache
from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects

from grogrund.accounts.access import is_network_curator, member_org_ids, org_ids_with_role
from grogrund.accounts.models import HistoryEntry, Organisation, Role
from grogrund.areas.models import Indicator, IndicatorKind
from grogrund.engine.valuebank import ValueEntry, load_value_bank
from grogrund.initiatives.models import Initiative
from grogrund.initiatives.selectors import can_record_outcomes, editable_initiatives_for
from grogrund.methods.models import (
    Method,
    MethodSource,
    MethodStatus,
    Participation,
    TemplateNode,
)
from grogrund.methods.services import can_edit_method
from grogrund.programmes.models import ChangeLog, Programme
from grogrund.programmes.selectors import editable_programmes_for
from grogrund.programmes.steps import STEPS, STEPS_BY_CODE, Step

PUBLIC_STATUSES = (MethodStatus.PUBLISHED, MethodStatus.WITHDRAWN)


def is_curator(user: Any) -> bool:
    return is_network_curator(user)


def methods_for(user: Any) -> QuerySet[Method]:
    q = Q(status__in=PUBLIC_STATUSES)
    orgs = member_org_ids(user)
    if orgs:
        q |= Q(owner_id__in=orgs)
    if is_curator(user):
        q |= Q(status=MethodStatus.PROPOSED) | Q(proposed_at__isnull=False)
    return Method.objects.filter(q)


def can_see(user: Any, method: Method) -> bool:
    """The rule of `methods_for` for one method already in hand."""
    if method.status in PUBLIC_STATUSES or method.owner_id in member_org_ids(user):
        return True
    proposed = method.status == MethodStatus.PROPOSED or method.proposed_at is not None
    return proposed and is_curator(user)


#: How long a method read by its short name is kept unused (a new generation makes a new key).
METHOD_CACHE_SECONDS = 3600


def method_for_slug(user: Any, slug: str, *, generation: int | None = None) -> Method | None:
    """The method at `slug` if `user` may see it (one plain query). With the data `generation`
    the caller has just read, the method is kept in the cache under it (no query while nothing
    changes; who may see it is still decided here, for every visitor)."""
    if generation is None:
        method = Method.objects.select_related("owner").filter(slug=slug).first()
    else:
        parts = f"methods:slug|{slug}|{generation}"
        key = "methods:slug:" + hashlib.sha256(parts.encode()).hexdigest()
        found = cache.get(key)
        if found is None:
            found = Method.objects.select_related("owner").filter(slug=slug).first() or False
            cache.set(key, found, METHOD_CACHE_SECONDS)
        method = found or None
    return method if method is not None and can_see(user, method) else None


def published_methods() -> QuerySet[Method]:
    return Method.objects.filter(status=MethodStatus.PUBLISHED)


def library(
    user: Any, *, step: str = "", evidence: int | None = None, text: str = ""
) -> QuerySet[Method]:
    """The published methods, filtered by a step of the model, a lowest evidence level and a
    text in the name, summary, problem or target group."""
    qs = published_methods().select_related("owner")
    if step:
        # The codes in their JSON text, quotes included: one code is never part of another.
        qs = qs.filter(steps__icontains=f'"{step}"')
    if evidence:
        qs = qs.filter(evidence_level__gte=evidence)
    if text:
        qs = qs.filter(
            Q(name__icontains=text)
            | Q(summary__icontains=text)
            | Q(problem__icontains=text)
            | Q(target_group__icontains=text)
        )
    return qs.order_by("name")


def own_methods(user: Any) -> QuerySet[Method]:
    """The drafts and proposals of the user's organisations."""
    orgs = member_org_ids(user)
    return (
        Method.objects.filter(owner_id__in=orgs)
        .exclude(status__in=PUBLIC_STATUSES)
        .select_related("owner")
        .order_by("-updated_at", "name")
    )


def awaiting_review(user: Any) -> QuerySet[Method]:
    if not is_curator(user):
        return Method.objects.none()
    return (
        Method.objects.filter(status=MethodStatus.PROPOSED)
        .select_related("owner")
        .order_by("proposed_at", "name")
    )


def withdrawn_methods() -> QuerySet[Method]:
    return Method.objects.filter(status=MethodStatus.WITHDRAWN).order_by("name")


_DETAILS = (
    Prefetch(
        "template_nodes",
        queryset=TemplateNode.objects.select_related("indicator").order_by("position", "id"),
    ),
    Prefetch("sources", queryset=MethodSource.objects.order_by("position", "id")),
)


def with_details(qs: QuerySet[Method]) -> QuerySet[Method]:
    return qs.select_related("owner").prefetch_related(*_DETAILS)


def with_details_of(method: Method) -> Method:
    """The method in hand with its template and sources (two queries)."""
    prefetch_related_objects([method], *_DETAILS)
    return method


def can_edit(user: Any, method: Method) -> bool:
    return can_edit_method(user, method)


def can_propose(user: Any, method: Method) -> bool:
    return method.status == MethodStatus.DRAFT and method.owner_id in member_org_ids(user)


def can_review(user: Any, method: Method) -> bool:
    return method.status == MethodStatus.PROPOSED and is_curator(user)


def can_withdraw(user: Any, method: Method) -> bool:
    return method.status == MethodStatus.PUBLISHED and is_curator(user)


def can_republish(user: Any, method: Method) -> bool:
    return method.status == MethodStatus.WITHDRAWN and is_curator(user)


def can_delete(user: Any, method: Method) -> bool:
    return (
        method.status == MethodStatus.DRAFT
        and method.published_at is None
        and method.owner_id in member_org_ids(user)
    )


def proposing_organisations(user: Any) -> QuerySet[Organisation]:
    """Any member of any organisation proposes methods on its behalf."""
    return Organisation.objects.filter(id__in=member_org_ids(user)).order_by("name")


def method_history(method: Method) -> QuerySet[HistoryEntry]:
    return HistoryEntry.objects.filter(
        object_type="method", object_id=str(method.pk)
    ).select_related("user")


# --- what a method page shows beside the method -----------------------------------------------


def steps_of(method: Method) -> list[Step]:
    return [STEPS_BY_CODE[c] for c in method.steps if c in STEPS_BY_CODE]


def step_choices() -> list[tuple[str, str]]:
    return [(s.code, f"{s.number}. {s.name}") for s in STEPS]


def value_entries_of(method: Method) -> list[ValueEntry]:
    bank = load_value_bank().entries
    return [bank[e] for e in method.value_bank_entries if e in bank]


def value_bank_choices() -> list[tuple[str, str]]:
    from django.utils.translation import get_language

    english = (get_language() or "sv").startswith("en")
    return [
        (e.id, e.name_en if english else e.name_sv)
        for e in sorted(load_value_bank().entries.values(), key=lambda e: e.id)
    ]


def indicator_choices() -> QuerySet[Indicator]:
    """Indicators an outcome can be followed with (not counts of people)."""
    return Indicator.objects.exclude(kind=IndicatorKind.COUNT).order_by("name_sv")


def programmes_to_start_in(user: Any) -> QuerySet[Programme]:
    """The programmes the user may add an initiative to."""
    return editable_programmes_for(user).select_related("owner").order_by("name")


def initiatives_to_link(user: Any) -> QuerySet[Initiative]:
    """The initiatives the user may link to a method."""
    return (
        editable_initiatives_for(user)
        .select_related("programme", "method_ref")
        .order_by("programme__name", "name")
    )


def own_initiatives_using(user: Any, method: Method) -> QuerySet[Initiative]:
    """The initiatives using the method in programmes the user may change (their own work,
    shown whether or not it is shared and so counted in the benchmark): programmes owned by
    an organisation in which the user is an editor (accounts.access.editable_q)."""
    editor_of = org_ids_with_role(user, Role.EDITOR)
    if not editor_of:
        return Initiative.objects.none()
    return (
        Initiative.objects.filter(method_ref=method, programme__owner_id__in=editor_of)
        .select_related("programme")
        .order_by("programme__name", "name")
    )


# --- participants and results of an initiative -----------------------------------------------


def participation_of(initiative: Initiative) -> QuerySet[Participation]:
    return initiative.participation.select_related("recorded_by").order_by("year")


def can_record_participation(user: Any, initiative: Initiative) -> bool:
    return can_record_outcomes(user, initiative)


def participation_history(initiative: Initiative) -> QuerySet[ChangeLog]:
    pk = initiative.pk
    return (
        ChangeLog.objects.filter(programme_id=initiative.programme_id, object_type="participation")
        .filter(Q(before__initiative=pk) | Q(after__initiative=pk))
        .select_related("user")
    )
