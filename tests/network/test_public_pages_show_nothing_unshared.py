"""The public pages show what owners have published, and nothing else: a world with a
published, a network-shared, a partner-shared and a private programme (each with a goal, an
initiative, an effect logic and a valuation of distinctive names and numbers), whose network
has chosen to show its totals publicly, is walked route by route — every route of the public
pages, the sitemap and every page it lists, robots.txt — anonymously and as members of the
owners: nothing of the unpublished programmes appears, not even in a total."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, get_resolver, reverse

from grogrund.network.models import NetworkSettings
from network.network_builders import (
    NETWORK_NUMBERS,
    NETWORK_TEXTS,
    SECRET_NUMBERS,
    SECRET_TEXTS,
    add_initiative,
    make_method,
    number_forms,
)

UNPUBLISHED_TEXTS = (
    *SECRET_TEXTS,
    *NETWORK_TEXTS,
    "Hemlig insats",
    "Hemlig värdering",
    "Hemligt behov",
    "Nätverksinsats Syd",
    "Nätverksvärdering Syd",
    "Hemlig metod",
    "Utkast till metod",
)


@pytest.fixture
def published_world(world):
    NetworkSettings.objects.create(organisation=world.network, show_totals_publicly=True)
    published = make_method(world.network, "Läxhjälp i trapphuset")
    make_method(world.a, "Utkast till metod", status="draft")
    add_initiative(
        world.open_programme,
        "Läxhjälp Norr",
        method="Läxhjälp i trapphuset",
        need="Låg behörighet till gymnasiet",
        outcome="Fler behöriga",
        valuation="Värdering Läxhjälp",
        indicator=world.employment,
        method_ref=published,
    )
    add_initiative(
        world.partner_programme,
        "Hemlig insats",
        method="Hemlig metod",
        need="Hemligt behov",
        valuation="Hemlig värdering",
        method_ref=published,
    )
    add_initiative(
        world.private_programme,
        "Hemlig insats privat",
        need="Hemligt behov",
        valuation="Hemlig värdering privat",
    )
    add_initiative(
        world.network_programme,
        "Nätverksinsats Syd",
        need="Nätverksbehov",
        valuation="Nätverksvärdering Syd",
        method_ref=published,
    )
    return world


def public_urls(world) -> list[str]:
    """Every route of the public pages (the `public` namespace, with each published and
    unpublished programme for those that name one), robots.txt and the sitemap."""
    urls = [reverse("robots_txt"), reverse("sitemap")]
    resolver = get_resolver()
    public = resolver.namespace_dict["public"][1]
    for pattern in public.url_patterns:
        assert isinstance(pattern, URLPattern)
        name = f"public:{pattern.name}"
        if "pk" in pattern.pattern.converters:
            for p in (
                world.open_programme,
                world.network_programme,
                world.partner_programme,
                world.private_programme,
                world.outside_programme,
            ):
                urls.append(reverse(name, kwargs={"pk": p.pk}))
        else:
            urls.append(reverse(name))
    return urls


NUMBER = re.compile(r"\d{1,3}(?:[ ,\u00a0\u202f]\d{3})+(?!\d)|\d+")


def numbers_in(body: str) -> set[int]:
    """Every whole number written in the page's text (tags and attributes left out), read as
    Swedes and English speakers group thousands: "987 321", "987,321", "987321"."""
    text = re.sub(r"<[^>]+>", " ", body)
    return {int(re.sub(r"[ ,\u00a0\u202f]", "", m)) for m in NUMBER.findall(text)}


def _check(body: str, where: str) -> None:
    for secret in UNPUBLISHED_TEXTS:
        assert secret not in body, f"'{secret}' at {where}"
    for n in number_forms(987_321) + number_forms(876_543):
        assert n not in body, f"{n} at {where}"
    # Nor in a total: the network's 100 + 2 222 people, or the published 100 + a secret.
    found = numbers_in(body) & {*SECRET_NUMBERS, *NETWORK_NUMBERS, 987_321 + 100, 876_543 + 100}
    assert not found, f"{found} at {where}"


@pytest.mark.parametrize("who", ["anonymous", "member", "c_editor", "outsider", "network_admin"])
def test_no_public_page_shows_what_is_not_published(published_world, client, who):
    w = published_world
    user = None if who == "anonymous" else getattr(w, who)
    c = w.client(user)
    seen = 0
    urls = public_urls(w)
    sitemap = c.get(reverse("sitemap")).content.decode()
    urls += [re.sub(r"^https?://[^/]+", "", u) for u in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    for url in urls:
        response = c.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        _check(response.content.decode(), f"{url} as {who}")
        seen += response.status_code == 200
    assert seen >= 7


def test_the_published_programme_and_the_networks_public_totals_are_there(published_world):
    w = published_world
    c = w.client(None)
    index = c.get(reverse("public:index")).content.decode()
    assert "Öppet program Norr" in index and "Öppet program utanför" in index
    page = c.get(reverse("public:programme", kwargs={"pk": w.open_programme.pk})).content.decode()
    assert "Läxhjälp Norr" in page and "Läxhjälp i trapphuset" in page
    assert "Värdering Läxhjälp" in page
    totals = c.get(reverse("public:totals")).content.decode()
    # The open programme alone: 100 people, reached 30.
    assert 'data-target="100"' in totals
    assert "Öppet program Norr" in totals
    # D is not in the network: its published programme is not the network's.
    assert "Öppet program utanför" not in totals


def test_an_unpublished_programme_has_no_public_page(published_world):
    c = published_world.client(published_world.c_editor)  # even for its owner's editor
    for p in (published_world.network_programme, published_world.private_programme):
        assert c.get(reverse("public:programme", kwargs={"pk": p.pk})).status_code == 404


def test_the_sitemap_lists_only_public_pages(published_world):
    w = published_world
    body = w.client(None).get(reverse("sitemap")).content.decode()
    locs = re.findall(r"<loc>([^<]+)</loc>", body)
    paths = {re.sub(r"^https?://[^/]+", "", u) for u in locs}
    assert paths == {
        reverse("public:index"),
        reverse("public:methods"),
        reverse("public:totals"),
        reverse("public:programme", kwargs={"pk": w.open_programme.pk}),
        reverse("public:programme", kwargs={"pk": w.outside_programme.pk}),
    }


def test_the_method_library_counts_published_programmes_only(published_world):
    body = published_world.client(None).get(reverse("public:methods")).content.decode()
    assert "Läxhjälp i trapphuset" in body
    assert "Öppet program Norr" in body
    # Three initiatives use it, one of them in a published programme.
    assert "Initiatives in published programmes using it: 1" in body or (
        "Insatser i publicerade program som använder den: 1" in body
    )
