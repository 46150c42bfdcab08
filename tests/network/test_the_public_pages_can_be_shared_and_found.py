"""Public pages carry what a link preview and a search engine read (Open Graph title and
description, a canonical address); robots.txt points to the sitemap and keeps crawlers out of
accounts, the API and the network overview."""

from __future__ import annotations

from django.urls import reverse


def test_a_published_programme_describes_itself(world):
    url = reverse("public:programme", kwargs={"pk": world.open_programme.pk})
    body = world.client(None).get(url + "?utm=x").content.decode()
    assert '<meta property="og:title" content="Öppet program Norr">' in body
    assert f'<link rel="canonical" href="http://testserver{url}">' in body
    assert '<meta property="og:description"' in body
    assert '<meta name="description"' in body


def test_every_public_page_has_its_tags(world):
    for name in ("public:index", "public:methods", "public:totals"):
        body = world.client(None).get(reverse(name)).content.decode()
        assert '<meta property="og:title"' in body, name
        assert '<link rel="canonical"' in body, name


def test_robots_txt(world):
    response = world.client(None).get(reverse("robots_txt"))
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    for path in ("/konto/", "/api/", "/admin/", "/natverket/"):
        assert f"Disallow: {path}" in text
