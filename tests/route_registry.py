"""The access registry: how each route is tried in tests/accounts/test_every_route_is_guarded.py.

Routes of the foundation are listed here. An app adds its own in `tests/<app>/guarded_routes.py`,
a module with `ROUTES: dict[str, Case]` (and optionally `SECRETS: tuple[str, ...]`, texts of A's
private objects that must never reach outsiders); the test collects them all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Distinctive texts of A's private objects: none may appear in what others receive.
SECRETS = (
    "Hemligområdet Alfa",
    "Hemlig utmaning Alfa",
    "Hemlig källa Alfa",
    "Hemligt dataset Alfa",
    "Hemligt program Alfa",
)


@dataclass
class PrivateWorld:
    area: Any  # A's private custom area
    challenge: Any  # A's private challenge
    observation: Any  # an observation in A's private dataset
    indicator: Any


@dataclass(frozen=True)
class Case:
    """How to try a route. `private`: the URL points at A's private object, so anonymous users
    and members of B must be refused; otherwise they may get the page, but without A's data."""

    private: bool = False
    kwargs: dict[str, Callable[[PrivateWorld], Any]] = field(default_factory=dict)
    method: str = "get"
    data: dict[str, str] = field(default_factory=dict)
    member_status: int = 200


BASE_ROUTES: dict[str, Case] = {
    "home": Case(),
    "login": Case(),
    "logout": Case(method="post", member_status=302),
    "account": Case(),
    "set_language": Case(method="post", data={"language": "en"}, member_status=302),
    "trivial": Case(),
    "health": Case(),
    "areas:list": Case(),
    "areas:indicators": Case(),
    "areas:challenges": Case(),
    "areas:import": Case(),
    "areas:challenge_edit": Case(private=True, kwargs={"pk": lambda w: w.challenge.pk}),
    "areas:profile": Case(private=True, kwargs={"code": lambda w: w.area.code}),
    "areas:challenge_create": Case(private=True, kwargs={"code": lambda w: w.area.code}),
    "api:api-root": Case(),
    "api:schema": Case(),
    "api:area-list": Case(),
    "api:area-detail": Case(private=True, kwargs={"code": lambda w: w.area.code}),
    "api:indicator-list": Case(),
    "api:indicator-detail": Case(kwargs={"code": lambda w: w.indicator.code}),
    "api:observation-list": Case(),
    "api:observation-detail": Case(private=True, kwargs={"pk": lambda w: w.observation.pk}),
}


def programme_of(w: PrivateWorld) -> Any:
    """A's private programme for its private area, made when a route first asks for it."""
    from grogrund.programmes.models import Programme

    programme, created = Programme.objects.get_or_create(
        name="Hemligt program Alfa", owner=w.area.owner, defaults={"start_year": 2024}
    )
    if created:
        programme.areas.set([w.area])
    return programme


def goal_of(w: PrivateWorld) -> Any:
    from grogrund.programmes.models import Goal

    return Goal.objects.get_or_create(
        programme=programme_of(w),
        area=w.area,
        indicator=w.indicator,
        defaults={
            "reference_area": w.observation.area.parent,
            "direction": "higher_is_better",
            "baseline_year": 2024,
            "deadline_year": 2034,
            "baseline_share": 0.42,
            "reference_share": 0.6,
            "base": 100,
            "people_needed": 18,
            "share_of_gap": 1,
            "target_count": 18,
            "target_share": 0.6,
        },
    )[0]
