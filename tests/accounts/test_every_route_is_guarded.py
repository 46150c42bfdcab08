"""Every route of the site and the API keeps organisation A's private data from everyone else.

The routes are enumerated from the URL configuration, so a new route cannot escape: it fails
here until it is registered (tests/route_registry.py for the foundation,
tests/<app>/guarded_routes.py for an app) with the object it should be tried against.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path
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
from route_registry import BASE_ROUTES, Case, PrivateWorld
from route_registry import SECRETS as BASE_SECRETS


def _collect() -> tuple[dict[str, Case], tuple[str, ...]]:
    """The foundation's routes plus every app's tests/<app>/guarded_routes.py."""
    routes, secrets = dict(BASE_ROUTES), tuple(BASE_SECRETS)
    for module_path in sorted(Path(__file__).resolve().parents[1].glob("*/guarded_routes.py")):
        module = import_module(f"{module_path.parent.name}.guarded_routes")
        clash = set(routes) & set(module.ROUTES)
        assert not clash, f"{module_path} registers routes already registered: {clash}"
        routes.update(module.ROUTES)
        secrets += tuple(getattr(module, "SECRETS", ()))
    return routes, secrets


ROUTES, SECRETS = _collect()

EXCLUDED_NAMESPACES = {"admin"}
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
            f"tests/<app>/guarded_routes.py (see tests/route_registry.py), with the private "
            f"object of organisation A its URL kwargs {list(kwargs_names)} should point at."
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
        pytest.fail(f"The route {name} is not in the access registry: register it.")
    w, clients = world
    url, response = _request(clients["member of A"], name, kwargs_names, w)
    assert response.status_code == ROUTES[name].member_status, url


def test_the_registry_names_only_routes_that_exist():
    assert set(ROUTES) - {name for name, _ in ALL_ROUTES} == set()
