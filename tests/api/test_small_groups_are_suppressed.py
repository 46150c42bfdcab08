"""The API, like the area profile, hides figures from groups under the indicator's minimum size
from everyone outside the organisation that owns them."""

import pytest

from builders import (
    api_client,
    make_area,
    make_dataset,
    make_indicator,
    make_observation,
    make_org,
    make_user,
)
from grogrund.accounts.models import Role, Visibility

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    company, municipality = make_org("Bostadsbolaget"), make_org("Kommunen")
    dataset = make_dataset(company, "Hyresgästenkät", visibility=Visibility.PARTNERS)
    dataset.shared_with.set([municipality])
    indicator = make_indicator("safety_index", kind="mean", min_group_size=5)
    small = make_observation(
        dataset, make_area("9901A0010"), indicator, "2024", value=2.13, denominator=4
    )
    large = make_observation(
        dataset, make_area("9901A0020"), indicator, "2024", value=3.17, denominator=20
    )
    return company, municipality, small, large


def _values(user):
    results = api_client(user).get("/api/v1/observations/").json()["results"]
    return {r["area"]: r["value"] for r in results}


def test_a_partner_does_not_get_the_figure_of_a_group_under_five(survey):
    _company, municipality, _small, _large = survey
    assert _values(make_user(municipality, Role.EDITOR)) == {"9901A0010": None, "9901A0020": 3.17}


def test_the_owner_still_reads_its_own_figures(survey):
    company, _municipality, _small, _large = survey
    assert _values(make_user(company, Role.VIEWER)) == {"9901A0010": 2.13, "9901A0020": 3.17}


def test_the_detail_endpoint_hides_it_too(survey):
    _company, municipality, small, _large = survey
    body = api_client(make_user(municipality)).get(f"/api/v1/observations/{small.pk}/").json()
    assert (body["value"], body["numerator"], body["denominator"]) == (None, None, 4)
