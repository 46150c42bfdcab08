"""The area list holds every area of Sweden: it is searched, filtered by level and
municipality, and shown a page at a time."""

import re

import pytest
from django.urls import reverse

from builders import make_user

pytestmark = pytest.mark.django_db
URL = reverse("areas:list")


def test_the_list_is_paginated_and_counts_in_swedish(client):
    page = client.get(URL)
    body = page.content.decode()
    assert len(page.context["areas"]) == 50
    assert re.search(r"9[\s\u00a0\u202f]659 ", body)  # 9 659: Swedish digit groups
    assert 'rel="next"' in body


def test_level_and_municipality_filter(client):
    page = client.get(URL, {"level": "regso", "municipality": "0114"})
    assert page.context["page"].paginator.count == 12
    assert {a.parent.code for a in page.context["areas"]} == {"0114"}


def test_search_without_accents(client):
    page = client.get(URL, {"q": "malmo", "level": "municipality"})
    assert [a.code for a in page.context["areas"]] == ["1280"]


def test_the_next_page_keeps_the_filters(client):
    body = client.get(URL, {"level": "deso", "municipality": "0180"}).content.decode()
    assert "?level=deso&amp;municipality=0180&amp;page=2" in body


def test_in_english(client):
    client.force_login(make_user(language="en"))
    body = client.get(URL).content.decode()
    assert "9,659 areas" in body
    assert "Name or code" in body
