"""The network app's routes in the access registry (tests/accounts/test_every_route_is_guarded.py
and the axe test). Organisation A of that world is not in the national network, so its members
are refused the overview (403, a page saying why) and its private programme is not counted in
the network API (404, even for A). The public programme page is tried against a programme A
has published: it must show nothing of A's private world."""

from __future__ import annotations

from typing import Any

from route_registry import Case, PrivateWorld, programme_of


def published_programme_of(w: PrivateWorld) -> Any:
    """A programme A has published, for an official area."""
    from grogrund.accounts.models import Visibility
    from grogrund.programmes.models import Programme

    programme, created = Programme.objects.get_or_create(
        name="Öppet program Alfa",
        owner=w.area.owner,
        defaults={"start_year": 2024, "visibility": Visibility.PUBLIC},
    )
    if created:
        programme.areas.set([w.observation.area])
    return programme


ROUTES: dict[str, Case] = {
    "network:overview": Case(member_status=403),
    "network:settings": Case(member_status=403),
    "public:index": Case(),
    "public:programme": Case(kwargs={"pk": lambda w: published_programme_of(w).pk}),
    "public:methods": Case(),
    "public:totals": Case(),
    "robots_txt": Case(),
    "sitemap": Case(),
    "api:network-programme-list": Case(),
    "api:network-programme-detail": Case(
        private=True, kwargs={"pk": lambda w: programme_of(w).pk}, member_status=404
    ),
    "api:network-total-list": Case(),
}

SECRETS = ("Hemligt program Alfa",)
