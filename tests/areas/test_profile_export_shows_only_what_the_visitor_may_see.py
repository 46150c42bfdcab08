"""An area profile's export is read with the visitor's rights, as its page: a private dataset
of another organisation never appears in it (not its figures, not its source, in no format),
an anonymous visitor gets what an anonymous visitor sees on the page, and an area the visitor
may not see is a 404, as its page is."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext as _

from builders import (
    api_client,
    make_area,
    make_custom_area,
    make_dataset,
    make_indicator,
    make_observation,
    make_org,
    make_user,
)
from export_files import csv_rows, workbook
from grogrund.accounts.models import Role, Visibility
from grogrund.areas.models import AreaLevel

pytestmark = pytest.mark.django_db

SECRET = "Hemlig källa Alfa"


@pytest.fixture
def world():
    a, b = make_org("Organisation A"), make_org("Organisation B")
    city = make_area("9901", AreaLevel.MUNICIPALITY, name="Staden")
    deso = make_area("9901A0001", parent=city, name="Testby")
    employment = make_indicator("employment", name_sv="Förvärvsarbetande")
    secret = make_dataset(a, "Hemligt dataset Alfa", source=SECRET)
    # A's private figure: 421 of 1 000; B's own: 500 of 1 000; a published one: 600 of 1 000.
    make_observation(secret, deso, employment, "2024", numerator=421, denominator=1000)
    own = make_dataset(b, "B:s statistik", source="B:s källa")
    make_observation(own, deso, employment, "2023", numerator=500, denominator=1000)
    public = make_dataset(a, "Publicerat", source="Öppen källa", visibility=Visibility.PUBLIC)
    make_observation(public, city, employment, "2024", numerator=6000, denominator=10000)
    private_area = make_custom_area("a-privat", a, [deso], name="A:s privata område")
    return {
        "a": make_user(a, Role.VIEWER),
        "b": make_user(b, Role.VIEWER),
        "deso": deso,
        "private_area": private_area,
    }


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _texts(content: bytes) -> str:
    """Every cell of every sheet of a workbook, as one text."""
    wb = workbook(content)
    return "\n".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row)


def test_another_organisations_private_dataset_never_appears(world):
    deso = world["deso"]
    client = _client(world["b"])
    xlsx = client.get(reverse("areas:profile_export", args=[deso.code, "xlsx"])).content
    csv = client.get(reverse("areas:profile_export", args=[deso.code, "csv"])).content
    trends = client.get(
        reverse("areas:profile_export", args=[deso.code, "csv"]), {"table": "series"}
    ).content
    api = api_client(world["b"]).get(f"/api/v1/areas/{deso.code}/profile/").content
    for content in (
        _texts(xlsx),
        csv.decode("utf-8-sig"),
        trends.decode("utf-8-sig"),
        api.decode(),
    ):
        assert SECRET not in content and "Hemligt dataset Alfa" not in content
        assert "42,1" not in content and "0.421" not in content and "421" not in content
    # B sees its own figure (2023, 50 %; the city's 2023 computed from its one DeSO) and the
    # published one, as on its page.
    rows = csv_rows(trends)
    years = {(r[2], r[4], r[5]) for r in rows[1:]}
    assert years == {("Testby", "2023", "50"), ("Staden", "2023", "50"), ("Staden", "2024", "60")}


def test_the_owner_sees_its_own_private_figures(world):
    deso = world["deso"]
    csv = _client(world["a"]).get(reverse("areas:profile_export", args=[deso.code, "csv"]))
    rows = csv_rows(csv.content)
    assert rows[1][rows[0].index("Testby")] == "42,1"
    assert SECRET in csv.content.decode("utf-8-sig")


def test_an_anonymous_visitor_gets_what_the_page_shows_anonymously(world):
    deso = world["deso"]
    client = _client(None)
    page = client.get(reverse("areas:profile", args=[deso.code]))
    assert page.status_code == 200
    response = client.get(reverse("areas:profile_export", args=[deso.code, "csv"]))
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert SECRET not in text and "B:s källa" not in text
    # Testby has no figure anonymous visitors may see: no rows, as the page says.
    assert csv_rows(response.content)[1:] == []
    trends = client.get(
        reverse("areas:profile_export", args=[deso.code, "csv"]), {"table": "series"}
    )
    assert csv_rows(trends.content)[1:] == []


def test_an_area_the_visitor_may_not_see_is_not_found(world):
    code = world["private_area"].code
    for user in (None, world["b"]):
        client = _client(user)
        assert client.get(reverse("areas:profile", args=[code])).status_code == 404
        for fmt in ("xlsx", "csv"):
            response = client.get(reverse("areas:profile_export", args=[code, fmt]))
            assert response.status_code == 404
    assert api_client(world["b"]).get(f"/api/v1/areas/{code}/profile/").status_code == 404
    owner = _client(world["a"]).get(reverse("areas:profile_export", args=[code, "csv"]))
    assert owner.status_code == 200
    assert _("Indicator") in owner.content.decode("utf-8-sig")
