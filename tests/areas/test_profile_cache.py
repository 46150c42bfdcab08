"""The profile's figures are cached, and the cache never shows what changed or what the
visitor may not see: its key carries the version stamp of every dataset the visitor sees."""

import pytest
from rest_framework.test import APIClient

from builders import (
    api_token,
    csv_file,
    make_custom_area,
    make_dataset,
    make_indicator,
    make_municipality_with_desos,
    make_observation,
    make_org,
    make_user,
)
from builders import read_records as read
from grogrund.accounts.models import Visibility
from grogrund.areas.models import Dataset, Observation
from grogrund.areas.services import import_observations

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    owner, outsider_org = make_org("Bostadsbolaget"), make_org("Annan")
    municipality, desos = make_municipality_with_desos("9901", desos=2)
    employment = make_indicator("employment")
    public = make_dataset(owner, "Öppen", visibility=Visibility.PUBLIC)
    private = make_dataset(owner, "Hemlig")
    make_observation(public, desos[0], employment, "2024", numerator=45, denominator=100)
    make_observation(public, municipality, employment, "2024", numerator=780, denominator=1000)
    secret = make_indicator("secret_survey", name_sv="Hemlig enkät", name_en="Secret survey")
    make_observation(private, desos[0], secret, "2024", numerator=7, denominator=10)
    return {
        "owner": owner,
        "desos": desos,
        "public": public,
        "private": private,
        "member": make_user(owner),
        "outsider": make_user(outsider_org),
        "outsider_org": outsider_org,
    }


def _page(client, user, code):
    client.force_login(user)
    response = client.get(f"/omraden/{code}/")
    assert response.status_code == 200
    return response.content.decode()


def test_an_import_shows_on_the_next_request(world, client, tmp_path):
    code = world["desos"][0].code
    assert "45,0\u00a0%" in _page(client, world["member"], code)
    import_observations(
        records=read(csv_file(tmp_path, "f.csv", [f"{code};employment;2024;60;100"])),
        owner=world["owner"],
        dataset_name="Öppen",
        source="SCB",
    )
    page = _page(client, world["member"], code)
    assert "60,0\u00a0%" in page and "45,0\u00a0%" not in page


def test_an_import_that_changes_nothing_keeps_the_cache_valid(world, tmp_path):
    code = world["desos"][0].code

    def again():
        return import_observations(
            records=read(csv_file(tmp_path, "f.csv", [f"{code};employment;2024;45;100"])),
            owner=world["owner"],
            dataset_name="Ny",
            source="SCB",
        )

    dataset = again().dataset
    stamp = Dataset.objects.get(pk=dataset.pk).changed_at
    assert again().unchanged == 1
    assert Dataset.objects.get(pk=dataset.pk).changed_at == stamp


def test_an_edited_figure_shows_on_the_next_request(world, client):
    code = world["desos"][0].code
    _page(client, world["member"], code)
    observation = Observation.objects.get(area__code=code, indicator__code="employment")
    observation.numerator, observation.value = 70, 0.7
    observation.save()  # as the API does
    assert "70,0\u00a0%" in _page(client, world["member"], code)


def test_a_visitor_never_gets_figures_cached_for_someone_who_sees_more(world, client):
    code = world["desos"][0].code
    assert "Hemlig enkät" in _page(client, world["member"], code)  # cached for the member
    page = _page(client, world["outsider"], code)
    assert "Hemlig enkät" not in page and "70,0" not in page
    assert "45,0\u00a0%" in page  # the public figures are there
    client.logout()
    anonymous = client.get(f"/omraden/{code}/").content.decode()
    assert "Hemlig enkät" not in anonymous


def test_sharing_a_dataset_with_a_partner_shows_it_to_the_partner(world, client):
    code = world["desos"][0].code
    assert "Hemlig enkät" not in _page(client, world["outsider"], code)
    private = world["private"]
    private.visibility = Visibility.PARTNERS
    private.save()
    private.shared_with.set([world["outsider_org"]])
    assert "Hemlig enkät" in _page(client, world["outsider"], code)
    private.shared_with.clear()
    assert "Hemlig enkät" not in _page(client, world["outsider"], code)


def test_the_cache_is_per_language(world, client):
    code = world["desos"][0].code
    _page(client, world["member"], code)
    english = make_user(world["owner"])
    english.language = "en"
    english.save()
    page = _page(client, english, code)
    assert "Secret survey" in page and "45.0\u00a0%" in page


def test_changing_a_custom_areas_members_shows_on_the_next_request(world, client):
    desos = world["desos"]
    area = make_custom_area("omr", world["owner"], [desos[0]])
    assert "45,0\u00a0%" in _page(client, world["member"], "omr")
    area.members.set(desos)  # DeSO 2 has no figure: the combined figure is unknown
    assert "45,0\u00a0%" not in _page(client, world["member"], "omr")


def test_a_figure_deleted_through_the_api_leaves_the_page(world, client):
    code = world["desos"][0].code
    assert "45,0\u00a0%" in _page(client, world["member"], code)
    observation = Observation.objects.get(area__code=code, indicator__code="employment")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_token(world['member'])}")
    assert api.delete(f"/api/v1/observations/{observation.pk}/").status_code == 204
    assert "45,0\u00a0%" not in _page(client, world["member"], code)
