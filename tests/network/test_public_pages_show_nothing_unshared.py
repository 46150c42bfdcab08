"""The public pages show what owners have published, and nothing else: a world with a
published, a network-shared, a partner-shared and a private programme (each with a goal, an
initiative, an effect logic and a valuation of distinctive names and numbers), whose network
has chosen to show its totals publicly, is walked route by route — every route of the public
pages, the sitemap and every page it lists, robots.txt — anonymously and as members of the
owners: nothing of the unpublished programmes appears, not even in a total.

The sitemap also lists the library's published methods and the reports published with a
published programme; those pages show a signed-in visitor what they may see, so they are
walked as a visitor without login, with every method page, the method library, the evidence
ladder and areas like mine."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import URLPattern, get_resolver, resolve, reverse

from builders import make_dataset, make_indicator, make_observation
from grogrund.accounts.models import Visibility
from grogrund.methods.models import Method
from grogrund.network.models import NetworkSettings
from grogrund.reports.models import Report
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
    "Föreslagen metod Syd",
    "Hemlig partnerrapport",
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
    make_method(world.network, "Tillbakadragen metod", status="withdrawn")
    make_method(world.c, "Föreslagen metod Syd", status="proposed")
    world.extra["report"] = _report(world.open_programme, "Årsrapport Norr 2024", "public")
    _report(world.open_programme, "Hemlig partnerrapport", "partners")
    _report(world.open_programme, "Årsrapport Norr, inte klar", "public", status="pending")
    # Published by its owner, but of a programme that is not: no public page lists it.
    _report(world.private_programme, "Rapport om det privata", "public")
    _profiles(world)
    return world


def _report(programme, title: str, visibility: str, status: str = "ready") -> Report:
    return Report.objects.create(
        owner=programme.owner,
        visibility=visibility,
        kind="programme",
        subject_id=programme.pk,
        subject_name=programme.name,
        programme=programme,
        title=title,
        period_start=date(2024, 1, 1),
        period_end=date(2024, 12, 31),
        status=status,
    )


def _profiles(world) -> None:
    """Three profile indicators for both DeSOs in a public dataset: areas like mine compares
    them (three is MIN_SHARED_INDICATORS), and each is the other's match, with the programmes
    running there."""
    dataset = make_dataset(world.network, "Profiler (test)", visibility=Visibility.PUBLIC)
    indicators = [world.employment, make_indicator("income"), make_indicator("education")]
    for area, values in ((world.north_deso, (0.5, 0.4, 0.3)), (world.south_deso, (0.6, 0.5, 0.2))):
        for indicator, value in zip(indicators, values, strict=True):
            make_observation(dataset, area, indicator, "2023", value)


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


def sitemap_paths(client) -> list[str]:
    """The paths of every page the sitemap lists."""
    body = client.get(reverse("sitemap")).content.decode()
    return [re.sub(r"^https?://[^/]+", "", u) for u in re.findall(r"<loc>([^<]+)</loc>", body)]


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
    listed = sitemap_paths(c)
    if user is not None:
        # Method pages and reports show a signed-in visitor what they may see (the network's
        # shared work to its members): they are walked anonymously below.
        listed = [u for u in listed if resolve(u).namespace == "public"]
    urls = public_urls(w) + listed
    for url in urls:
        response = c.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        _check(response.content.decode(), f"{url} as {who}")
        seen += response.status_code == 200
    assert seen >= 7


def method_and_similar_urls(world) -> list[str]:
    """Every method's page (drafts and proposals included: they must be 404), the library,
    the evidence ladder, and areas like mine: the search, a search for each DeSO, and each
    DeSO's comparison."""
    urls = [reverse("methods:list"), reverse("methods:evidence")]
    urls += [reverse("methods:detail", kwargs={"slug": m.slug}) for m in Method.objects.all()]
    search = reverse("methods:similar_search")
    urls.append(search)
    for deso in (world.north_deso, world.south_deso):
        urls.append(f"{search}?q={deso.code}")
        urls.append(reverse("methods:similar", kwargs={"code": deso.code}))
    return urls


def test_every_page_the_sitemap_lists_and_every_method_page_shows_nothing_unpublished(
    published_world,
):
    w = published_world
    c = w.client(None)
    listed = sitemap_paths(c)
    report_url = w.extra["report"].get_absolute_url()
    method_url = reverse("methods:detail", kwargs={"slug": "laxhjalp-i-trapphuset"})
    assert report_url in listed and method_url in listed
    statuses = {}
    for url in listed + method_and_similar_urls(w):
        response = c.get(url, follow=True)
        statuses[url] = response.status_code
        assert response.status_code in (200, 404), (url, response.status_code)
        _check(response.content.decode(), f"{url} anonymously")
    assert all(statuses[u] == 200 for u in listed), statuses
    # The draft and the proposal are no one's business without login.
    for slug in ("utkast-till-metod", "foreslagen-metod-syd"):
        assert statuses[reverse("methods:detail", kwargs={"slug": slug})] == 404
    # The pages walked do show what is published: the published method's page counts the
    # open programme's initiative, the report is there, and areas like mine compares the two
    # DeSOs, listing the published programmes that run in the north.
    assert "Läxhjälp Norr" in c.get(method_url).content.decode()
    assert "Årsrapport Norr 2024" in c.get(report_url).content.decode()
    south = c.get(reverse("methods:similar", kwargs={"code": w.south_deso.code})).content
    assert "Norrby (test)" in south.decode() and "Öppet program Norr" in south.decode()


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
    paths = set(sitemap_paths(w.client(None)))
    # Not the draft, the proposal or the withdrawn method; not the report shared with partners,
    # the one still being made, nor the one of the private programme.
    assert paths == {
        reverse("public:index"),
        reverse("public:methods"),
        reverse("public:totals"),
        reverse("public:programme", kwargs={"pk": w.open_programme.pk}),
        reverse("public:programme", kwargs={"pk": w.outside_programme.pk}),
        reverse("methods:detail", kwargs={"slug": "laxhjalp-i-trapphuset"}),
        w.extra["report"].get_absolute_url(),
    }


def test_the_sitemap_dates_methods_and_reports_by_their_last_change(published_world):
    w = published_world
    method = Method.objects.get(slug="laxhjalp-i-trapphuset")
    Method.objects.filter(pk=method.pk).update(updated_at="2025-03-04T10:00:00Z")
    Report.objects.filter(pk=w.extra["report"].pk).update(created_at="2025-02-01T08:00:00Z")
    body = w.client(None).get(reverse("sitemap")).content.decode()
    dated = dict(
        re.findall(r"<loc>https?://[^/<]+([^<]+)</loc>\s*<lastmod>([^<]+)</lastmod>", body)
    )
    assert dated == {
        reverse("methods:detail", kwargs={"slug": method.slug}): "2025-03-04",
        w.extra["report"].get_absolute_url(): "2025-02-01",
    }


def test_the_method_library_counts_published_programmes_only(published_world):
    body = published_world.client(None).get(reverse("public:methods")).content.decode()
    assert "Läxhjälp i trapphuset" in body
    assert "Öppet program Norr" in body
    # Three initiatives use it, one of them in a published programme.
    assert "Initiatives in published programmes using it: 1" in body or (
        "Insatser i publicerade program som använder den: 1" in body
    )
