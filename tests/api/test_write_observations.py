"""Editors of a dataset's owner write observations through the API; nobody else does."""

import pytest

from builders import make_dataset, make_observation, make_org
from grogrund.accounts.models import Visibility
from grogrund.areas.models import Observation


def _payload(dataset, **extra):
    return {
        "dataset": dataset.pk,
        "area": "9901A0010",
        "indicator": "employment",
        "period": "2024",
        "numerator": 45,
        "denominator": 100,
        **extra,
    }


def test_an_editor_of_the_owner_creates_an_observation(editor, areas, indicator, dataset):
    response = editor.post("/api/v1/observations/", _payload(dataset), format="json")
    assert response.status_code == 201, response.json()
    stored = Observation.objects.get(pk=response.json()["id"])
    assert (stored.value, stored.source) == (0.45, dataset.source)


def test_a_viewer_may_not_write(viewer, areas, indicator, dataset):
    response = viewer.post("/api/v1/observations/", _payload(dataset), format="json")
    assert response.status_code in {400, 403}
    assert not Observation.objects.exists()


def test_a_dataset_of_another_organisation_is_rejected(editor, areas, indicator):
    theirs = make_dataset(make_org(), "Deras", visibility=Visibility.PUBLIC)
    response = editor.post("/api/v1/observations/", _payload(theirs), format="json")
    assert response.status_code in {400, 403}
    assert not Observation.objects.exists()


def test_a_private_dataset_of_another_organisation_is_rejected(editor, areas, indicator):
    theirs = make_dataset(make_org(), "Deras hemliga")
    response = editor.post("/api/v1/observations/", _payload(theirs), format="json")
    assert response.status_code in {400, 403, 404}
    assert not Observation.objects.exists()


def test_the_same_cell_twice_is_a_400_not_a_server_error(editor, areas, indicator, dataset):
    assert editor.post("/api/v1/observations/", _payload(dataset), format="json").status_code == 201
    again = editor.post("/api/v1/observations/", _payload(dataset, numerator=50), format="json")
    assert again.status_code == 400
    assert Observation.objects.count() == 1


def test_negative_counts_are_refused(editor, areas, indicator, dataset):
    response = editor.post("/api/v1/observations/", _payload(dataset, numerator=-1), format="json")
    assert response.status_code == 400


def test_an_editor_updates_and_deletes_an_observation(editor, areas, indicator, dataset):
    obs = make_observation(dataset, areas["9901A0010"], indicator, "2024", value=0.4)
    assert (
        editor.patch(f"/api/v1/observations/{obs.pk}/", {"value": 0.5}, format="json").status_code
        == 200
    )
    obs.refresh_from_db()
    assert obs.value == 0.5
    assert editor.delete(f"/api/v1/observations/{obs.pk}/").status_code == 204


def test_a_viewer_may_neither_change_nor_delete(viewer, areas, indicator, dataset):
    obs = make_observation(dataset, areas["9901A0010"], indicator, "2024", value=0.4)
    assert viewer.patch(
        f"/api/v1/observations/{obs.pk}/", {"value": 0.9}, format="json"
    ).status_code in {403, 404}
    assert viewer.delete(f"/api/v1/observations/{obs.pk}/").status_code in {403, 404}
    obs.refresh_from_db()
    assert obs.value == 0.4


def test_an_editor_may_not_move_an_observation_into_another_organisations_dataset(
    editor, areas, indicator, dataset
):
    obs = make_observation(dataset, areas["9901A0010"], indicator, "2024", value=0.4)
    theirs = make_dataset(make_org(), "Deras", visibility=Visibility.PUBLIC)
    response = editor.patch(
        f"/api/v1/observations/{obs.pk}/", {"dataset": theirs.pk}, format="json"
    )
    assert response.status_code == 400
    obs.refresh_from_db()
    assert obs.dataset_id == dataset.pk


@pytest.mark.django_db
def test_an_anonymous_write_is_401(areas, indicator, dataset):
    from rest_framework.test import APIClient

    assert (
        APIClient().post("/api/v1/observations/", _payload(dataset), format="json").status_code
        == 401
    )
