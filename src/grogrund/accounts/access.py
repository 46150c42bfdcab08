"""The one place where access is decided.

Every selector that returns organisation-owned data filters with `visible_q` / `editable_q`;
views and API endpoints never check permissions on their own.

Rules:
- members of the owner organisation see it; editors and admins of the owner change it;
- visibility "partners": also members of the organisations in `shared_with`;
- visibility "network": also members of organisations in the national network, and partners;
- visibility "public": everyone, also anonymous visitors.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from grogrund.accounts.models import ROLE_RANK, Membership, Organisation, Role, Visibility

_CACHE_ATTR = "_grogrund_memberships"


def memberships(user: Any) -> dict[int, str]:
    """Organisation id → role for the user (cached on the user object per request)."""
    if user is None or not user.is_authenticated:
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
        setattr(user, _CACHE_ATTR, cached)
    return cached


def member_org_ids(user: Any) -> list[int]:
    return sorted(memberships(user))


def org_ids_with_role(user: Any, role: str) -> list[int]:
    needed = ROLE_RANK[Role(role)]
    return sorted(org for org, r in memberships(user).items() if ROLE_RANK[Role(r)] >= needed)


def administered_organisations(user: Any) -> QuerySet[Organisation]:
    """The organisations `user` is an administrator of: they see the organisation's history
    of changes."""
    return Organisation.objects.filter(pk__in=org_ids_with_role(user, Role.ADMIN))


def in_network(user: Any) -> bool:
    """Whether one of the user's organisations is in the national network (cached on the
    user object per request, like `memberships`: a page asks once per selector)."""
    ids = member_org_ids(user)
    if not ids:
        return False
    cached = getattr(user, "_grogrund_in_network", None)
    if cached is None:
        cached = Organisation.objects.filter(id__in=ids, in_network=True).exists()
        user._grogrund_in_network = cached
    return bool(cached)


def visible_q(user: Any, prefix: str = "") -> Q:
    """A filter selecting the Owned rows (at `prefix`) that `user` may see."""
    p = prefix
    q = Q(**{f"{p}visibility": Visibility.PUBLIC})
    orgs = member_org_ids(user)
    if orgs:
        q |= Q(**{f"{p}owner_id__in": orgs})
        q |= Q(**{f"{p}shared_with__in": orgs}) & ~Q(**{f"{p}visibility": Visibility.PRIVATE})
        if in_network(user):
            q |= Q(**{f"{p}visibility": Visibility.NETWORK})
    return q


def editable_q(user: Any, prefix: str = "") -> Q:
    """A filter selecting the Owned rows that `user` may change (editor or admin of the owner)."""
    orgs = org_ids_with_role(user, Role.EDITOR)
    if not orgs:
        return Q(pk__in=[])
    return Q(**{f"{prefix}owner_id__in": orgs})


def visible(qs: QuerySet[Any], user: Any, prefix: str = "") -> QuerySet[Any]:
    # shared_with__in joins a many-to-many table: distinct keeps each row once.
    q = visible_q(user, prefix)
    if member_org_ids(user):
        return qs.filter(pk__in=qs.filter(q).values("pk"))
    return qs.filter(q)


def editable(qs: QuerySet[Any], user: Any, prefix: str = "") -> QuerySet[Any]:
    return qs.filter(editable_q(user, prefix))


def can_edit_for(user: Any, organisation: Organisation | int) -> bool:
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    return org_id in org_ids_with_role(user, Role.EDITOR)


def can_edit_programme(user: Any, programme: Any) -> bool:
    """Editors and admins of a programme's owner change everything in it."""
    return can_edit_for(user, programme.owner_id)


def partner_ids(programme: Any) -> set[int]:
    """The owner and the partner organisations of a programme (its `shared_with`)."""
    cached = getattr(programme, "_grogrund_partner_ids", None)
    if cached is None:
        cached = {programme.owner_id, *programme.shared_with.values_list("pk", flat=True)}
        programme._grogrund_partner_ids = cached
    return set(cached)


def can_edit_as_partner(user: Any, programme: Any, organisation: Organisation | int) -> bool:
    """Partners edit their own commitments and measurements only: the user must be an editor
    of `organisation`, and it must be the programme's owner or one of its partners. The
    owner's editors may edit on behalf of any partner (they lead the programme)."""
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    if can_edit_programme(user, programme):
        return org_id in partner_ids(programme)
    return org_id in partner_ids(programme) and can_edit_for(user, org_id)


def partner_organisations_for(user: Any, programme: Any) -> QuerySet[Organisation]:
    """The organisations on whose behalf `user` may record commitments or measurements."""
    ids = partner_ids(programme)
    if not can_edit_programme(user, programme):
        ids &= set(org_ids_with_role(user, Role.EDITOR))
    return Organisation.objects.filter(id__in=ids).order_by("name")


def editor_organisations(user: Any) -> QuerySet[Organisation]:
    return Organisation.objects.filter(id__in=org_ids_with_role(user, Role.EDITOR))


def area_visible_q(user: Any, prefix: str = "") -> Q:
    """Official areas are visible to all; a custom area to its owner, or all if made public."""
    p = prefix
    q = Q(**{f"{p}owner__isnull": True}) | Q(**{f"{p}is_public": True})
    orgs = member_org_ids(user)
    if orgs:
        q |= Q(**{f"{p}owner_id__in": orgs})
    return q


def shared_widely_q(user: Any, prefix: str = "") -> Q:
    """The Owned rows shared beyond named partners that `user` may see: public ones for
    everyone, and those shared with the network for members of the network. Comparisons
    across organisations (a method's benchmark) count only these, never what is private or
    shared with named partners, not even the user's own."""
    q = Q(**{f"{prefix}visibility": Visibility.PUBLIC})
    if in_network(user):
        q |= Q(**{f"{prefix}visibility": Visibility.NETWORK})
    return q


def is_network_curator(user: Any) -> bool:
    """Editors and administrators of an organisation of kind network (the national network)
    curate what the network publishes: they review and publish the method library (cached on
    the user object per request)."""
    editor_of = set(org_ids_with_role(user, Role.EDITOR))
    if not editor_of:
        return False
    cached = getattr(user, "_grogrund_curator", None)
    if cached is None:
        from grogrund.accounts.models import OrganisationKind

        # One query answers both questions; `in_network` then needs none.
        rows = Organisation.objects.filter(id__in=member_org_ids(user)).values_list(
            "id", "kind", "in_network"
        )
        cached = False
        network = False
        for org_id, kind, member in rows:
            network = network or member
            cached = cached or (org_id in editor_of and kind == OrganisationKind.NETWORK)
        user._grogrund_curator = cached
        user._grogrund_in_network = network
    return bool(cached)


def can_manage_boundaries(user: Any) -> bool:
    """Area boundaries are shared by every map of every organisation, so only superusers and
    administrators of an organisation of kind network (the national network itself) import
    them from the web; the command line (`grogrund areas boundaries`) is the operator's."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    ids = org_ids_with_role(user, Role.ADMIN)
    if not ids:
        return False
    from grogrund.accounts.models import OrganisationKind

    return Organisation.objects.filter(id__in=ids, kind=OrganisationKind.NETWORK).exists()
