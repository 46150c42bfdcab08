"""A stored report is the owner's data, shared deliberately with the same levels as everything
else (grogrund.accounts.access): by default with the programme's named partners, never wider;
the owner's editors share it with the network or publish it; outsiders get a 404 until then;
the change is kept in the programme's history."""

import pytest

from builders import make_org, make_user
from grogrund.accounts.models import Role, Visibility
from grogrund.programmes.models import ChangeLog
from grogrund.reports.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(world):
    """A stored report made without printing (the figures and the PDF do not matter here)."""
    r = Report.objects.create(
        owner=world.a,
        visibility=Visibility.PARTNERS,
        kind="programme",
        subject_id=world.programme.pk,
        subject_name=world.programme.name,
        programme=world.programme,
        title="Programrapport 2024: Handslag Testby",
        period_start="2024-01-01",
        period_end="2024-12-31",
        figures={"kind": "programme"},
        page_count=3,
    )
    r.shared_with.set([world.partner])
    return r


def _status(world, user, url):
    return world.client(user).get(url).status_code


def test_partners_see_it_outsiders_do_not(world, report):
    url = f"/rapporter/sparade/{report.pk}/"
    assert _status(world, world.viewer, url) == 200
    assert _status(world, world.partner_user, url) == 200
    assert _status(world, world.outsider, url) == 404
    assert _status(world, None, url) == 404


def test_the_network_and_the_public_see_it_once_shared_so(world, report):
    url = f"/rapporter/sparade/{report.pk}/"
    network_org = make_org("Nätverksbolaget", in_network=True)
    member = make_user(network_org, Role.VIEWER)
    assert _status(world, member, url) == 404
    response = world.client(world.editor).post(
        f"/rapporter/sparade/{report.pk}/dela/", {"visibility": Visibility.NETWORK}
    )
    assert response.status_code == 302
    assert _status(world, member, url) == 200
    assert _status(world, None, url) == 404
    world.client(world.editor).post(
        f"/rapporter/sparade/{report.pk}/dela/", {"visibility": Visibility.PUBLIC}
    )
    assert _status(world, None, url) == 200
    assert _status(world, world.outsider, url) == 200
    entries = ChangeLog.objects.filter(object_type="report", object_id=report.pk)
    assert [e.after["visibility"] for e in entries.order_by("at", "id")] == ["network", "public"]


def test_only_the_owners_editors_share_it(world, report):
    url = f"/rapporter/sparade/{report.pk}/dela/"
    assert _status(world, world.editor, url) == 200
    for user in (world.viewer, world.partner_user, world.outsider):
        assert _status(world, user, url) == 404
        world.client(user).post(url, {"visibility": Visibility.PUBLIC})
    report.refresh_from_db()
    assert report.visibility == Visibility.PARTNERS


def test_a_private_report_is_seen_by_its_owner_only(world, report):
    world.client(world.editor).post(
        f"/rapporter/sparade/{report.pk}/dela/", {"visibility": Visibility.PRIVATE}
    )
    url = f"/rapporter/sparade/{report.pk}/"
    assert _status(world, world.viewer, url) == 200
    assert _status(world, world.partner_user, url) == 404


def test_a_new_report_is_shared_no_wider_than_the_programmes_partners(world):
    from grogrund.reports import kinds
    from grogrund.reports.services import default_sharing

    kind = kinds.get("programme")
    world.programme.visibility = Visibility.PUBLIC
    assert default_sharing(kind, world.programme, world.a) == (
        Visibility.PARTNERS,
        [world.partner],
    )
    world.programme.visibility = Visibility.PRIVATE
    assert default_sharing(kind, world.programme, world.a) == (Visibility.PRIVATE, [])
    # A partner's own report of the programme stays private until it shares it.
    world.programme.visibility = Visibility.PARTNERS
    assert default_sharing(kind, world.programme, world.partner) == (Visibility.PRIVATE, [])
