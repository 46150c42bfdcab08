"""A measurement is recorded by or for an organisation: the programme's owner or a partner.
A partner's editors add and change only their own organisation's measurements; the owner's
editors change all of them; viewers and outsiders none."""

from __future__ import annotations

import pytest
from django.urls import reverse

from builders import make_org, make_user
from grogrund.accounts.models import Role
from grogrund.programmes import services
from grogrund.programmes.models import ChangeLog, Measurement
from programmes.builders_followup import make_employment_goal


@pytest.fixture
def goal(world):
    return make_employment_goal(world)


def _form(world, user, goal, **data):
    url = reverse("programmes:measurement_create", args=[world.programme.pk, goal.pk])
    return world.client(user).post(url, {"year": 2025, "source": "Egen enkät", **data})


def test_a_partner_records_a_measurement_for_its_own_organisation(world, goal):
    response = _form(world, world.partner_user, goal, value_percent="57")
    assert response.status_code == 302
    m = Measurement.objects.get()
    assert m.organisation == world.partner and m.recorded_by == world.partner_user
    entry = ChangeLog.objects.get(object_type="measurement")
    assert entry.user == world.partner_user and entry.after["organisation"] == world.partner.pk


def test_a_partner_cannot_record_for_the_owner(world, goal):
    response = _form(world, world.partner_user, goal, value_percent="57", organisation=world.a.pk)
    assert response.status_code == 200  # the owner is not among the form's choices
    assert not Measurement.objects.exists()
    with pytest.raises(services.NotAllowed):
        services.record_measurement(
            user=world.partner_user,
            goal=goal,
            year=2025,
            value=0.57,
            source="x",
            organisation=world.a,
        )


def test_a_partner_cannot_change_the_owners_measurement(world, goal):
    services.record_measurement(user=world.editor, goal=goal, year=2025, value=0.56, source="SCB")
    with pytest.raises(services.NotAllowed):
        services.record_measurement(
            user=world.partner_user, goal=goal, year=2025, value=0.70, source="x"
        )
    assert _form(world, world.partner_user, goal, value_percent="70").status_code == 200
    measurement = Measurement.objects.get()
    assert measurement.value == pytest.approx(0.56)
    with pytest.raises(services.NotAllowed):
        services.delete_measurement(user=world.partner_user, measurement=measurement)
    delete = reverse("programmes:measurement_delete", args=[world.programme.pk, goal.pk, 2025])
    assert world.client(world.partner_user).post(delete).status_code == 404
    assert Measurement.objects.exists()


def test_a_partner_changes_and_deletes_its_own(world, goal):
    _form(world, world.partner_user, goal, value_percent="57")
    assert _form(world, world.partner_user, goal, value_percent="58").status_code == 302
    assert Measurement.objects.get().value == pytest.approx(0.58)
    delete = reverse("programmes:measurement_delete", args=[world.programme.pk, goal.pk, 2025])
    assert world.client(world.partner_user).post(delete).status_code == 302
    assert not Measurement.objects.exists()
    actions = list(
        ChangeLog.objects.filter(object_type="measurement").values_list("action", flat=True)
    )
    assert sorted(actions) == ["create", "delete", "update"]


def test_the_owners_editors_change_a_partners_measurement(world, goal):
    _form(world, world.partner_user, goal, value_percent="57")
    services.record_measurement(user=world.editor, goal=goal, year=2025, value=0.6, source="rättat")
    m = Measurement.objects.get()
    assert m.value == pytest.approx(0.6) and m.organisation == world.partner


def test_the_goal_page_offers_change_only_where_allowed(world, goal):
    services.record_measurement(user=world.editor, goal=goal, year=2024, value=0.55, source="SCB")
    _form(world, world.partner_user, goal, value_percent="57")
    url = reverse("programmes:goal", args=[world.programme.pk, goal.pk])
    partner_rows = world.client(world.partner_user).get(url).context["rows"]
    assert [(r.measurement.year, r.can_edit) for r in partner_rows] == [(2024, False), (2025, True)]
    owner_rows = world.client(world.editor).get(url).context["rows"]
    assert [r.can_edit for r in owner_rows] == [True, True]
    viewer_rows = world.client(world.viewer).get(url).context["rows"]
    assert [r.can_edit for r in viewer_rows] == [False, False]


def test_a_partners_viewer_records_nothing(world, goal):
    viewer = make_user(world.partner, Role.VIEWER)
    assert _form(world, viewer, goal, value_percent="57").status_code == 404
    with pytest.raises(services.NotAllowed):
        services.record_measurement(user=viewer, goal=goal, year=2025, value=0.57, source="x")


def test_an_organisation_that_is_no_partner_records_nothing(world, goal):
    stranger = make_user(make_org("Främling"), Role.ADMIN)
    assert _form(world, stranger, goal, value_percent="57").status_code == 404
    with pytest.raises(services.NotAllowed):
        services.record_measurement(
            user=world.editor, goal=goal, year=2025, value=0.57, source="x", organisation=world.b
        )
    assert not Measurement.objects.exists()


def test_a_removed_partner_can_no_longer_record(world, goal):
    world.programme.shared_with.set([])
    assert _form(world, world.partner_user, goal, value_percent="57").status_code == 404
    assert not Measurement.objects.exists()
