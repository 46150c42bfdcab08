"""A boundary file larger than BOUNDARY_BACKGROUND_BYTES (all of Sweden's DeSO) is not imported
inside the web request: it is stored, a job is queued and the administrator is sent to the
job's page, which shows the progress and then the result. The job imports as the person who
uploaded (checked again when it runs), and the stored file goes when the job has finished,
whether the file was imported or refused; only an interrupted job keeps it for its next run."""

from __future__ import annotations

import os
import time

import pytest
from boundary_files import write_geopackage
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from map_world import deso_features, deso_geopackage, make_map_world

from builders import make_org, make_user
from grogrund.accounts.models import HistoryEntry, Membership, OrganisationKind, Role
from grogrund.areas.boundary_jobs import FOLDER, remove_stale_uploads
from grogrund.areas.models import AreaBoundary
from grogrund.jobs import services as jobs
from grogrund.jobs.models import Job, JobStatus

pytestmark = pytest.mark.django_db

URL = "/omraden/granser/"


@pytest.fixture(autouse=True)
def every_file_is_large(settings):
    settings.BOUNDARY_BACKGROUND_BYTES = 0
    settings.LANGUAGE_CODE = "sv"


@pytest.fixture
def network_admin():
    return make_user(make_org("Nätverket", kind=OrganisationKind.NETWORK), Role.ADMIN)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _upload(client: Client, path):
    return client.post(
        URL,
        {
            "file": SimpleUploadedFile(path.name, path.read_bytes()),
            "level": "",
            "edition": "auto",
            "layer": "",
            "source": "SCB, öppna geodata (CC0)",
            "retrieved": "2025-03-01",
        },
    )


def _stored_files() -> list[str]:
    try:
        folders, _ = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return []
    return [
        f"{FOLDER}/{folder}/{name}"
        for folder in folders
        for name in default_storage.listdir(f"{FOLDER}/{folder}")[1]
    ]


def test_the_upload_queues_a_job_whose_page_shows_the_result(tmp_path, network_admin):
    make_map_world()
    client = _client(network_admin)
    response = _upload(client, deso_geopackage(tmp_path))
    job = Job.objects.get(kind="boundaries")
    assert response.status_code == 302 and response["Location"] == f"/jobb/{job.pk}/"
    assert job.status == JobStatus.QUEUED and job.created_by == network_admin
    assert job.owner.kind == OrganisationKind.NETWORK
    assert AreaBoundary.objects.count() == 0  # nothing imported inside the request
    assert _stored_files() == [job.parameters["stored"]]
    page = client.get(URL).content.decode()
    assert "Importer i bakgrunden" in page and "DeSO_2018_v2.gpkg" in page

    jobs.run(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error_message
    assert AreaBoundary.objects.count() == 6
    assert job.result["created"] == 6 and job.progress_done == job.progress_total == 6
    assert _stored_files() == []
    entry = HistoryEntry.objects.get(object_type="areaboundaries")
    assert entry.user == network_admin and entry.after["created"] == 6
    detail = client.get(f"/jobb/{job.pk}/").content.decode()
    assert "Gränser från DeSO_2018_v2.gpkg: 6 nya, 0 ändrade, 0 oförändrade." in detail
    assert 'href="/omraden/granser/"' in detail


def test_a_refused_file_fails_the_job_with_its_reason_and_writes_nothing(tmp_path, network_admin):
    make_map_world()
    path = write_geopackage(tmp_path / "rt90.gpkg", deso_features(), srs_id=3021)
    client = _client(network_admin)
    _upload(client, path)
    job = Job.objects.get(kind="boundaries")

    jobs.run(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "rt90.gpkg" in job.error_message and "EPSG:3021" in job.error_message
    assert AreaBoundary.objects.count() == 0 and _stored_files() == []
    detail = client.get(f"/jobb/{job.pk}/").content.decode()
    assert "EPSG:3021" in detail and "Ladda upp en gränsfil igen" in detail


def test_an_administrator_who_lost_the_right_before_the_job_ran_imports_nothing(
    tmp_path, network_admin
):
    make_map_world()
    _upload(_client(network_admin), deso_geopackage(tmp_path))
    Membership.objects.filter(user=network_admin).update(role=Role.EDITOR)
    job = Job.objects.get(kind="boundaries")

    jobs.run(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "får inte längre importera" in job.error_message
    assert AreaBoundary.objects.count() == 0 and _stored_files() == []


def test_an_interrupted_job_keeps_its_file_and_finishes_when_run_again(
    tmp_path, network_admin, monkeypatch
):
    make_map_world()
    _upload(_client(network_admin), deso_geopackage(tmp_path))
    job = Job.objects.get(kind="boundaries")

    def stop(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("grogrund.areas.boundary_jobs.import_boundaries", stop)
    with pytest.raises(KeyboardInterrupt):
        jobs.run(job.pk)
    assert _stored_files() == [job.parameters["stored"]]
    monkeypatch.undo()
    Job.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED)  # what recovery does

    jobs.run(job.pk)

    assert Job.objects.get(pk=job.pk).status == JobStatus.DONE
    assert AreaBoundary.objects.count() == 6 and _stored_files() == []


def test_a_small_file_still_imports_at_once(tmp_path, network_admin, settings):
    settings.BOUNDARY_BACKGROUND_BYTES = 10 * 1024 * 1024
    make_map_world()
    assert _upload(_client(network_admin), deso_geopackage(tmp_path))["Location"] == URL
    assert AreaBoundary.objects.count() == 6 and not Job.objects.exists()


def test_stale_uploads_no_job_will_import_are_removed(tmp_path, network_admin):
    make_map_world()
    path = deso_geopackage(tmp_path)
    _upload(_client(network_admin), path)
    queued = Job.objects.get(kind="boundaries").parameters["stored"]
    with path.open("rb") as fh:
        left = default_storage.save(f"{FOLDER}/left/deso.gpkg", fh)
    old = time.time() - 2 * 24 * 3600
    for name in (queued, left):
        os.utime(default_storage.path(name), (old, old))

    assert remove_stale_uploads() == [left]
    assert _stored_files() == [queued]
