"""Editors of a dataset's owner choose, on the dataset's page, who may see its figures:
named partner organisations, the network or everyone. Others see the page without the form."""

import pytest

from builders import make_area, make_dataset, make_indicator, make_observation, make_org, make_user
from grogrund.accounts.models import Role, Visibility

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    owner, partner, other = make_org("Bolaget"), make_org("Kommunen"), make_org("Annan")
    dataset = make_dataset(owner, "Vakanser")
    deso = make_area("9970A0010")
    make_observation(dataset, deso, make_indicator("vacancy"), "2024", numerator=3, denominator=100)
    return {
        "dataset": dataset,
        "partner_org": partner,
        "other_org": other,
        "editor": make_user(owner, Role.EDITOR),
        "viewer": make_user(owner, Role.VIEWER),
        "partner": make_user(partner),
        "other": make_user(other),
    }


def _share(client, world, **data):
    client.force_login(world["editor"])
    return client.post(f"/omraden/dataset/{world['dataset'].pk}/", data)


def test_an_editor_shares_a_dataset_with_a_named_partner(world, client):
    response = _share(
        client, world, visibility=Visibility.PARTNERS, shared_with=[world["partner_org"].pk]
    )
    assert response.status_code == 302
    dataset = world["dataset"]
    dataset.refresh_from_db()
    assert dataset.visibility == Visibility.PARTNERS
    assert list(dataset.shared_with.all()) == [world["partner_org"]]
    client.force_login(world["partner"])
    assert client.get(f"/omraden/dataset/{dataset.pk}/").status_code == 200
    assert "3,0\u00a0%" in client.get("/omraden/9970A0010/").content.decode()
    client.force_login(world["other"])
    assert client.get(f"/omraden/dataset/{dataset.pk}/").status_code == 404
    assert "3,0\u00a0%" not in client.get("/omraden/9970A0010/").content.decode()


def test_sharing_with_named_partners_needs_at_least_one(world, client):
    response = _share(client, world, visibility=Visibility.PARTNERS)
    assert response.status_code == 200
    assert "Välj minst en partnerorganisation" in response.content.decode()
    world["dataset"].refresh_from_db()
    assert world["dataset"].visibility == Visibility.PRIVATE


def test_making_it_private_again_hides_it_from_the_partner(world, client):
    _share(client, world, visibility=Visibility.PARTNERS, shared_with=[world["partner_org"].pk])
    _share(client, world, visibility=Visibility.PRIVATE)
    client.force_login(world["partner"])
    assert client.get(f"/omraden/dataset/{world['dataset'].pk}/").status_code == 404


def test_a_viewer_sees_the_sharing_but_cannot_change_it(world, client):
    client.force_login(world["viewer"])
    url = f"/omraden/dataset/{world['dataset'].pk}/"
    page = client.get(url)
    assert page.status_code == 200 and page.context["form"] is None
    assert client.post(url, {"visibility": Visibility.PUBLIC}).status_code == 403
    world["dataset"].refresh_from_db()
    assert world["dataset"].visibility == Visibility.PRIVATE


def test_a_partner_cannot_change_a_dataset_shared_with_it(world, client):
    _share(client, world, visibility=Visibility.PARTNERS, shared_with=[world["partner_org"].pk])
    client.force_login(world["partner"])
    url = f"/omraden/dataset/{world['dataset'].pk}/"
    assert client.post(url, {"visibility": Visibility.PUBLIC}).status_code == 403
