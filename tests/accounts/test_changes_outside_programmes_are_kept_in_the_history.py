"""Challenges, the sharing of a dataset and observations written through the API leave a
history entry: who, when, through what, before and after."""

import pytest

from builders import (
    api_client,
    make_area,
    make_challenge,
    make_dataset,
    make_indicator,
    make_observation,
    make_org,
    make_user,
)
from grogrund.accounts.models import HistoryEntry, Role, Visibility
from grogrund.areas import services

pytestmark = pytest.mark.django_db


def test_a_new_challenge_and_its_change_are_kept():
    org = make_org()
    editor = make_user(org, Role.EDITOR)
    from grogrund.areas.models import Challenge

    challenge = Challenge(owner=org, area=make_area("9901A0001"), title="Trångboddhet")
    services.save_challenge(user=editor, challenge=challenge)
    challenge.title = "Trångboddhet i Norra"
    services.save_challenge(user=editor, challenge=challenge, shared_with=[make_org()])
    created, changed = HistoryEntry.objects.order_by("id")
    assert (created.action, created.before, created.after["title"]) == (
        "create",
        None,
        "Trångboddhet",
    )
    assert (changed.action, changed.before["title"], changed.after["title"]) == (
        "update",
        "Trångboddhet",
        "Trångboddhet i Norra",
    )
    assert changed.before["shared_with"] == [] and len(changed.after["shared_with"]) == 1
    assert (changed.user, changed.via, changed.organisation) == (editor, "web", org)


def test_the_challenge_form_on_the_site_leaves_an_entry(client):
    org = make_org()
    client.force_login(make_user(org, Role.EDITOR))
    challenge = make_challenge(org, make_area("9901A0001"), title="Före")
    make_indicator()
    response = client.post(
        f"/omraden/utmaningar/{challenge.pk}/",
        {
            "owner": org.pk,
            "kind": challenge.kind,
            "title": "Efter",
            "description": "",
            "priority": challenge.priority,
            "visibility": "private",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    entry = HistoryEntry.objects.get(object_type="challenge")
    assert (entry.before["title"], entry.after["title"]) == ("Före", "Efter")


def test_sharing_a_dataset_is_kept():
    org, partner = make_org(), make_org()
    editor = make_user(org, Role.EDITOR)
    dataset = make_dataset(org)
    services.share_dataset(
        user=editor, dataset=dataset, visibility=Visibility.PARTNERS, shared_with=[partner]
    )
    entry = HistoryEntry.objects.get()
    assert (entry.object_type, entry.object_id, entry.action) == (
        "dataset",
        str(dataset.pk),
        "update",
    )
    assert entry.before == {"visibility": "private", "shared_with": []}
    assert entry.after == {"visibility": "partners", "shared_with": [partner.pk]}


def test_a_refused_sharing_leaves_nothing():
    org = make_org()
    viewer = make_user(org, Role.VIEWER)
    with pytest.raises(services.NotAllowed):
        services.share_dataset(
            user=viewer, dataset=make_dataset(org), visibility="public", shared_with=[]
        )
    assert not HistoryEntry.objects.exists()


def test_observations_written_through_the_api_are_kept():
    org = make_org()
    editor = make_user(org, Role.EDITOR)
    dataset = make_dataset(org)
    area, indicator = make_area("9901A0001"), make_indicator()
    kept = make_observation(dataset, area, indicator, "2023", 0.4)
    api = api_client(editor)
    created = api.post(
        "/api/v1/observations/",
        {
            "dataset": dataset.pk,
            "area": area.code,
            "indicator": indicator.code,
            "period": "2024",
            "value": 0.5,
        },
        format="json",
    )
    assert created.status_code == 201
    assert (
        api.patch(f"/api/v1/observations/{kept.pk}/", {"value": 0.45}, format="json").status_code
        == 200
    )
    assert api.delete(f"/api/v1/observations/{kept.pk}/").status_code == 204
    entries = HistoryEntry.objects.order_by("id")
    assert [(e.action, e.object_id, e.via, e.user) for e in entries] == [
        ("create", str(created.json()["id"]), "api", editor),
        ("update", str(kept.pk), "api", editor),
        ("delete", str(kept.pk), "api", editor),
    ]
    update, delete = entries[1], entries[2]
    assert (update.before["value"], update.after["value"]) == (0.4, 0.45)
    assert delete.before["value"] == 0.45 and delete.after is None
    assert {e.organisation_id for e in entries} == {org.pk}
