"""Challenges (model step 1): recorded from the area profile, linked to indicators, shared."""

import pytest

from builders import (
    make_challenge,
    make_dataset,
    make_indicator,
    make_municipality_with_desos,
    make_observation,
    make_org,
    make_user,
)
from grogrund.accounts.models import Role, Visibility
from grogrund.areas.models import Challenge, Priority

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    company = make_org("Bostadsbolaget")
    municipality_org = make_org("Kommunen", kind="municipality")
    _municipality, [deso] = make_municipality_with_desos("9904", desos=1)
    employment = make_indicator("employment")
    make_observation(make_dataset(company), deso, employment, "2024", numerator=55, denominator=100)
    return company, municipality_org, deso, employment


def _record(client, company, municipality_org, deso, employment):
    return client.post(
        f"/omraden/{deso.code}/ny-utmaning/",
        {
            "owner": company.pk,
            "kind": "challenge",
            "title": "Låg sysselsättning",
            "description": "Drygt 20 procentenheter under kommunen.",
            "priority": Priority.HIGH,
            "indicators": [employment.pk],
            "visibility": Visibility.PARTNERS,
            "shared_with": [municipality_org.pk],
        },
    )


def test_an_editor_records_a_challenge_linked_to_an_indicator_with_priority(setting, client):
    company, municipality_org, deso, employment = setting
    editor = make_user(company, Role.EDITOR)
    client.force_login(editor)
    form = client.get(f"/omraden/{deso.code}/ny-utmaning/").context["form"]
    assert list(form.fields["indicators"].queryset) == [employment]  # from the area profile
    response = _record(client, company, municipality_org, deso, employment)
    assert response.status_code == 302 and response["Location"] == f"/omraden/{deso.code}/"
    challenge = Challenge.objects.get()
    assert (challenge.owner, challenge.area, challenge.priority) == (company, deso, Priority.HIGH)
    assert list(challenge.indicators.all()) == [employment]
    assert challenge.created_by == editor
    assert "Låg sysselsättning" in client.get(f"/omraden/{deso.code}/").content.decode()


def test_a_challenge_shared_with_the_municipality_is_seen_there_and_nowhere_else(setting, client):
    company, municipality_org, deso, employment = setting
    client.force_login(make_user(company, Role.EDITOR))
    _record(client, company, municipality_org, deso, employment)
    client.force_login(make_user(municipality_org, Role.VIEWER))
    assert "Låg sysselsättning" in client.get(f"/omraden/{deso.code}/").content.decode()
    assert "Låg sysselsättning" in client.get("/omraden/utmaningar/").content.decode()
    client.force_login(make_user(make_org("Någon annan"), Role.ADMIN))
    assert "Låg sysselsättning" not in client.get(f"/omraden/{deso.code}/").content.decode()
    assert "Låg sysselsättning" not in client.get("/omraden/utmaningar/").content.decode()


def test_a_viewer_cannot_edit_a_challenge(setting, client):
    company, _municipality_org, deso, _employment = setting
    challenge = make_challenge(company, deso, title="Före")
    client.force_login(make_user(company, Role.VIEWER))
    assert client.get(f"/omraden/utmaningar/{challenge.pk}/").status_code == 404
    assert (
        client.post(f"/omraden/utmaningar/{challenge.pk}/", {"title": "Efter"}).status_code == 404
    )
    challenge.refresh_from_db()
    assert challenge.title == "Före"


def test_the_partner_it_is_shared_with_cannot_edit_it(setting, client):
    company, municipality_org, deso, _employment = setting
    challenge = make_challenge(company, deso, visibility=Visibility.PARTNERS)
    challenge.shared_with.set([municipality_org])
    client.force_login(make_user(municipality_org, Role.ADMIN))
    assert client.get(f"/omraden/utmaningar/{challenge.pk}/").status_code == 404


def test_a_viewer_cannot_record_a_challenge(setting, client):
    company, municipality_org, deso, employment = setting
    client.force_login(make_user(company, Role.VIEWER))
    response = _record(client, company, municipality_org, deso, employment)
    assert response.status_code == 200 and "owner" in response.context["form"].errors
    assert not Challenge.objects.exists()


def test_an_editor_changes_the_priority_of_a_challenge(setting, client):
    company, _municipality_org, deso, employment = setting
    challenge = make_challenge(company, deso, title="Otrygghet", priority=Priority.MEDIUM)
    client.force_login(make_user(company, Role.EDITOR))
    response = client.post(
        f"/omraden/utmaningar/{challenge.pk}/",
        {
            "owner": company.pk,
            "kind": "challenge",
            "title": "Otrygghet",
            "priority": Priority.LOW,
            "indicators": [employment.pk],
            "visibility": Visibility.PRIVATE,
        },
    )
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.priority == Priority.LOW
