"""Every route of the site and the API keeps organisation A's private data from everyone else.

The routes are enumerated from the URL configuration, so a new route cannot escape: it fails
here until it is registered in ROUTES below with the object it should be tried against.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from builders import (
    make_area,
    make_challenge,
    make_custom_area,
    make_dataset,
    make_indicator,
    make_observation,
    make_org,
    make_user,
)
from grogrund.accounts.models import Role, Visibility
from grogrund.areas.models import AreaLevel

EXCLUDED_NAMESPACES = {"admin"}
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


ROUTES: dict[str, Case] = {
    "home": Case(),
    "login": Case(),
    "logout": Case(method="post", member_status=302),
    "account": Case(),
    "set_language": Case(method="post", data={"language": "en"}, member_status=302),
    "trivial": Case(),
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
    "programmes:list": Case(),
    "programmes:create": Case(),
    "programmes:detail": Case(private=True, kwargs={"pk": lambda w: _programme(w).pk}),
    "programmes:edit": Case(private=True, kwargs={"pk": lambda w: _programme(w).pk}),
    "programmes:step": Case(
        private=True, kwargs={"pk": lambda w: _programme(w).pk, "code": lambda w: "malsattningar"}
    ),
    "programmes:goal_create": Case(private=True, kwargs={"pk": lambda w: _programme(w).pk}),
    "programmes:goal": Case(
        private=True, kwargs={"pk": lambda w: _programme(w).pk, "goal": lambda w: _goal(w).pk}
    ),
    "programmes:measurement_create": Case(
        private=True, kwargs={"pk": lambda w: _programme(w).pk, "goal": lambda w: _goal(w).pk}
    ),
}


def _programme(w: PrivateWorld) -> Any:
    """A's private programme for its private area, made when a route first asks for it."""
    from grogrund.programmes.models import Programme

    programme, created = Programme.objects.get_or_create(
        name="Hemligt program Alfa", owner=w.area.owner, defaults={"start_year": 2024}
    )
    if created:
        programme.areas.set([w.area])
    return programme


def _goal(w: PrivateWorld) -> Any:
    from grogrund.programmes.models import Goal

    return Goal.objects.get_or_create(
        programme=_programme(w),
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


# Kwargs every route may take, whatever it points at (the API's format suffix).
COMMON_KWARGS: dict[str, Callable[[PrivateWorld], Any]] = {"format": lambda w: "json"}


def _kwarg_names(pattern: Any) -> list[str]:
    if hasattr(pattern, "converters") and pattern.converters:
        return list(pattern.converters)
    regex = getattr(pattern, "regex", None)
    return list(regex.groupindex) if regex is not None else []


def enumerate_routes() -> list[tuple[str, tuple[str, ...]]]:
    """(namespaced name, kwarg names) of every route, recursively, except the admin."""
    found: set[tuple[str, tuple[str, ...]]] = set()

    def walk(patterns: list[Any], namespace: str, prefix: str, kwargs: list[str]) -> None:
        for p in patterns:
            here = prefix + str(p.pattern)
            names = kwargs + _kwarg_names(p.pattern)
            if isinstance(p, URLResolver):
                ns = p.namespace
                if ns in EXCLUDED_NAMESPACES or here.startswith(("admin/", "static/")):
                    continue
                full = f"{namespace}{ns}:" if ns else namespace
                walk(p.url_patterns, full, here, names)
            elif isinstance(p, URLPattern):
                name = f"{namespace}{p.name}" if p.name else f"<unnamed {here}>"
                found.add((name, tuple(sorted(names))))

    walk(get_resolver().url_patterns, "", "", [])
    return sorted(found)


ALL_ROUTES = enumerate_routes()


@pytest.fixture
def world(db):
    a = make_org("Organisation A")
    b = make_org("Organisation B")
    municipality = make_area("9901", AreaLevel.MUNICIPALITY)
    deso = make_area("9901A0010", parent=municipality)
    indicator = make_indicator("employment")
    area = make_custom_area("a-hemligt", a, [deso], name="Hemligområdet Alfa")
    challenge = make_challenge(a, deso, title="Hemlig utmaning Alfa", visibility=Visibility.PRIVATE)
    dataset = make_dataset(a, "Hemligt dataset Alfa", source="Hemlig källa Alfa")
    observation = make_observation(dataset, deso, indicator, "2024", numerator=42, denominator=100)
    clients = {"anonymous": Client(), "member of B": Client(), "member of A": Client()}
    clients["member of B"].force_login(make_user(b, Role.ADMIN))
    clients["member of A"].force_login(make_user(a, Role.EDITOR))
    return PrivateWorld(area, challenge, observation, indicator), clients


def _request(client: Client, name: str, kwargs_names: tuple[str, ...], w: PrivateWorld) -> Any:
    case = ROUTES[name]
    makers = {**COMMON_KWARGS, **case.kwargs}
    missing = [k for k in kwargs_names if k not in makers]
    assert not missing, (
        f"route {name} takes {missing}: say in ROUTES which of A's private objects they point at"
    )
    url = reverse(name, kwargs={k: makers[k](w) for k in kwargs_names})
    return url, getattr(client, case.method)(url, case.data)


def _is_login_redirect(response: Any) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name,kwargs_names", ALL_ROUTES, ids=lambda v: str(v))
def test_a_route_never_shows_a_private_object_to_outsiders(world, name, kwargs_names):
    if name not in ROUTES:
        pytest.fail(
            f"The route {name} is not in the access registry. Add it to ROUTES in "
            f"tests/accounts/test_every_route_is_guarded.py, with the private object of "
            f"organisation A its URL kwargs {list(kwargs_names)} should point at."
        )
    w, clients = world
    for who in ("anonymous", "member of B"):
        url, response = _request(clients[who], name, kwargs_names, w)
        body = response.content.decode(errors="replace")
        for secret in SECRETS:
            assert secret not in body, f"{who} saw '{secret}' at {url}"
        if ROUTES[name].private:
            refused = response.status_code in {401, 403, 404} or _is_login_redirect(response)
            assert refused, f"{who} got {response.status_code} at {url}"


@pytest.mark.parametrize("name,kwargs_names", ALL_ROUTES, ids=lambda v: str(v))
def test_a_member_of_the_owner_reaches_every_route(world, name, kwargs_names):
    if name not in ROUTES:
        pytest.fail(f"The route {name} is not in ROUTES in {__file__}: register it.")
    w, clients = world
    url, response = _request(clients["member of A"], name, kwargs_names, w)
    assert response.status_code == ROUTES[name].member_status, url


def test_the_registry_names_only_routes_that_exist():
    assert set(ROUTES) - {name for name, _ in ALL_ROUTES} == set()
