"""The API lists and shows the stored reports a user may see, with their figures as stored,
and sends the stored PDF; as on the site, others' private reports are not there at all, and
a published report is read without logging in."""

import pytest

from builders import api_client
from grogrund.accounts.models import Visibility
from grogrund.reports import kinds
from grogrund.reports.kinds import Period
from grogrund.reports.services import make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(world, fast_pdf):
    return make_report(
        user=world.editor,
        kind=kinds.get("programme"),
        subject=world.programme,
        period=Period.year(2024),
        language="sv",
        owner=world.a,
    )


def test_the_owner_and_partners_read_the_report_and_its_pdf(world, report):
    for user in (world.viewer, world.partner_user):
        client = api_client(user)
        listed = client.get("/api/v1/reports/").json()
        assert [r["id"] for r in listed["results"]] == [report.pk]
        assert "figures" not in listed["results"][0]
        detail = client.get(f"/api/v1/reports/{report.pk}/").json()
        assert detail["figures"]["goals"][0]["latest"]["value"] == 0.60
        assert detail["period_start"] == "2024-01-01" and detail["owner"] == world.a.slug
        assert detail["pdf_url"].endswith(f"/api/v1/reports/{report.pk}/pdf/")
        pdf = client.get(f"/api/v1/reports/{report.pk}/pdf/", HTTP_ACCEPT="application/pdf")
        assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
        assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_outsiders_and_anonymous_visitors_do_not_see_it_until_published(world, report):
    outsider = api_client(world.outsider)
    assert outsider.get("/api/v1/reports/").json()["results"] == []
    assert outsider.get(f"/api/v1/reports/{report.pk}/").status_code == 404
    assert outsider.get(f"/api/v1/reports/{report.pk}/pdf/").status_code == 404
    anonymous = api_client()
    assert anonymous.get(f"/api/v1/reports/{report.pk}/").status_code == 404
    report.visibility = Visibility.PUBLIC
    report.save()
    assert anonymous.get(f"/api/v1/reports/{report.pk}/").status_code == 200
    assert anonymous.get(f"/api/v1/reports/{report.pk}/pdf/").status_code == 200


def test_the_list_filters_by_programme_and_kind_and_refuses_bad_ids(world, report):
    client = api_client(world.viewer)
    assert (
        len(client.get(f"/api/v1/reports/?programme={world.programme.pk}").json()["results"]) == 1
    )
    assert client.get("/api/v1/reports/?programme=999999").json()["results"] == []
    assert client.get("/api/v1/reports/?kind=area").json()["results"] == []
    assert client.get("/api/v1/reports/?programme=abc").status_code == 400
