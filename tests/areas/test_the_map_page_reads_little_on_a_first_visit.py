"""A municipality's map page on a visitor's first sight of it (their page not kept, the map
section kept for visitors who see the same data) asks the database only what is the visitor's:
session, user, memberships, the area with its comparison areas in one query, whether its
municipality has boundaries, and the data generation once (the datasets they may see are kept
per visitor until data changes)."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from map_world import make_map_world, with_boundaries

from builders import make_org, make_user
from grogrund.accounts.models import Role

pytestmark = pytest.mark.django_db


def test_a_first_visit_reads_the_generation_once_in_six_queries(tmp_path):
    make_map_world(make_org("Kommunen"))
    with_boundaries(tmp_path)
    client = Client()
    client.force_login(make_user(make_org("Bostadsbolaget"), Role.VIEWER))
    url = "/omraden/9901C0010/karta/"
    for _ in range(2):
        assert client.get(url).status_code == 200
    caches["pages"].clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200 and b"<svg" in response.content
    sql = [q["sql"] for q in queries.captured_queries]
    # SQLite sums a table's rows, PostgreSQL reads its sequences (last_value, is_called).
    assert sum("core_datageneration" in s or "is_called" in s for s in sql) == 1, sql
    assert len(sql) <= 6, sql
