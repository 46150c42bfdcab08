"""A page kept in the cache under the generation of some scopes of data only
(`@cached_page(scopes=...)`, the API lists' `cache_scopes`) reads no table of another scope:
otherwise a change there would leave a stale copy. Each such page is rendered with empty
caches, as a first visit, and every table its queries name is looked up."""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve

from builders import make_challenge
from grogrund.core.apps import is_grogrund_model
from grogrund.core.generation import ALL, scope_of
from grogrund.programmes.models import Measurement
from programmes.builders_followup import make_employment_goal
from programmes.conftest import world  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

TABLE = re.compile(r'(?:FROM|JOIN)\s+"?([a-z_0-9]+)"?', re.IGNORECASE)


def _scope_of_table() -> dict[str, str]:
    found = {}
    for model in apps.get_models(include_auto_created=True):
        if is_grogrund_model(model):
            found[model._meta.db_table] = scope_of(model)
    found.pop("core_datageneration", None)  # the generation itself
    return found


def _scopes_read(client, path: str) -> tuple[set[str], set[str]]:
    for cache in caches.all():
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    scopes = _scope_of_table()
    tables = {t for q in queries.captured_queries for t in TABLE.findall(q["sql"])}
    return {scopes[t] for t in tables if t in scopes}, tables


def _declared(path: str) -> tuple[str, ...]:
    view = resolve(path.split("?")[0]).func
    declared = getattr(view, "data_scopes", None)
    if declared is None:  # an API viewset: its class names them
        declared = getattr(getattr(view, "cls", None), "cache_scopes", ALL)
    return tuple(declared)


@pytest.fixture
def full(world):  # noqa: F811
    """The world with a goal, a measurement and a challenge in its DeSO: everything the
    pages can show is there to be read."""
    goal = make_employment_goal(world)
    Measurement.objects.create(goal=goal, year=2025, value=0.58, organisation=world.a)
    make_challenge(world.a, world.deso, title="Trygga entréer")
    return world


PAGES = [
    lambda w: f"/omraden/{w.deso.code}/",
    lambda w: "/api/v1/areas/?limit=50",
    lambda w: "/api/v1/observations/?limit=100",
    lambda w: "/api/v1/goals/",
    lambda w: f"/api/v1/goals/?programme={w.programme.pk}",
    lambda w: "/api/v1/measurements/",
    lambda w: f"/api/v1/measurements/?programme={w.programme.pk}",
]


@pytest.mark.parametrize("page", range(len(PAGES)))
def test_a_page_kept_for_some_scopes_reads_only_those(full, page):
    path = PAGES[page](full)
    declared = _declared(path)
    for user in (full.editor, full.partner_user, full.outsider):
        read, tables = _scopes_read(_client(user), path)
        assert read <= set(declared), (path, sorted(read - set(declared)), sorted(tables))


def _client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    client.get("/")
    return client
