"""Boundaries are shared by every organisation's maps: from the web only superusers and
administrators of the national network's organisation import them. Everyone signed in sees
which are stored. A refused file writes nothing and says what is wrong."""

from __future__ import annotations

import pytest
from boundary_files import write_geopackage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from map_world import deso_features, deso_geopackage, make_map_world

from builders import make_org, make_user
from grogrund.accounts.models import HistoryEntry, OrganisationKind, Role
from grogrund.areas.models import AreaBoundary

pytestmark = pytest.mark.django_db

URL = "/omraden/granser/"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _upload(client: Client, path, **fields):
    data = {
        "file": SimpleUploadedFile(path.name, path.read_bytes()),
        "level": "",
        "edition": "auto",
        "layer": "",
        "source": "SCB, öppna geodata (CC0)",
        "retrieved": "2025-03-01",
        **fields,
    }
    return client.post(URL, data)


@pytest.fixture
def network_admin():
    return make_user(make_org("Nätverket", kind=OrganisationKind.NETWORK), Role.ADMIN)


def test_a_network_administrator_imports_a_geopackage(tmp_path, network_admin):
    make_map_world()
    client = _client(network_admin)
    assert b'type="file"' in client.get(URL).content
    response = _upload(client, deso_geopackage(tmp_path))
    assert response.status_code == 302
    assert AreaBoundary.objects.count() == 6
    assert AreaBoundary.objects.first().file_name == "DeSO_2018_v2.gpkg"
    entry = HistoryEntry.objects.get(object_type="areaboundaries")
    assert entry.user == network_admin and entry.after["created"] == 6
    page = client.get(URL).content.decode()
    assert "DeSO_2018_v2.gpkg" in page and "SCB, öppna geodata (CC0)" in page


def test_a_superuser_may_import(tmp_path):
    make_map_world()
    admin = make_user()
    admin.is_superuser = True
    admin.save()
    assert _upload(_client(admin), deso_geopackage(tmp_path)).status_code == 302


@pytest.mark.parametrize(
    "org_kind, role",
    [
        (OrganisationKind.HOUSING_COMPANY, Role.ADMIN),  # an administrator, not of the network
        (OrganisationKind.NETWORK, Role.EDITOR),  # the network, not an administrator
    ],
)
def test_others_see_the_stored_boundaries_but_may_not_upload(tmp_path, org_kind, role):
    make_map_world()
    user = make_user(make_org(kind=org_kind, in_network=True), role)
    client = _client(user)
    page = client.get(URL)
    assert page.status_code == 200 and b'type="file"' not in page.content
    assert _upload(client, deso_geopackage(tmp_path)).status_code == 403
    assert AreaBoundary.objects.count() == 0


def test_anonymous_visitors_are_sent_to_log_in():
    response = Client().get(URL)
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]


def test_a_refused_file_is_explained_and_writes_nothing(tmp_path, network_admin):
    make_map_world()
    path = write_geopackage(tmp_path / "rt90.gpkg", deso_features(), srs_id=3021)
    response = _upload(_client(network_admin), path)
    assert response.status_code == 400
    page = response.content.decode()
    assert "rt90.gpkg" in page and "EPSG:3021" in page
    assert AreaBoundary.objects.count() == 0


def test_a_file_of_another_kind_is_refused_by_its_name(tmp_path, network_admin):
    path = tmp_path / "deso.csv"
    path.write_text("deso;namn\n")
    response = _upload(_client(network_admin), path)
    assert response.status_code == 200  # the form with its error
    assert "deso.csv" in response.content.decode()
    assert AreaBoundary.objects.count() == 0
