""" "Hämta statistik för en kommun": the form finds the municipality by name or code, queues
the fetch as a background job and goes to the job's page; asking again while it is pending
gives the same job."""

import pytest

from areas.fetch_fakes import MUNICIPALITY, make_fictional_municipality
from builders import make_org, make_user
from grogrund.jobs.models import Job, JobStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    make_fictional_municipality()
    org = make_org("Provköpings bostäder")
    client.force_login(make_user(org))
    return org


def _post(client, org, municipality, **extra):
    data = {"owner": org.pk, "municipality": municipality, "periods": "", "visibility": "public"}
    data.update(extra)
    return client.post("/jobb/hamta-kommun/", data)


def test_the_form_lists_municipalities_to_search(client, editor):
    page = client.get("/jobb/hamta-kommun/").content.decode()
    assert '<datalist id="municipality-list">' in page
    assert f'<option value="{MUNICIPALITY} Provköping (fiktiv)">' in page
    assert 'list="municipality-list"' in page


@pytest.mark.parametrize(
    "typed",
    [MUNICIPALITY, f"{MUNICIPALITY} Provköping (fiktiv)", "provköping (fiktiv)", "Provköping"],
)
def test_a_municipality_by_code_or_name_queues_a_job_and_shows_its_page(client, editor, typed):
    response = _post(client, editor, typed)
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobb/{job.pk}/"
    assert job.status == JobStatus.QUEUED and job.owner == editor
    assert job.parameters == {"municipality": MUNICIPALITY, "periods": [], "visibility": "public"}
    assert job.task_id  # handed to the task framework


def test_the_same_fetch_asked_for_twice_while_pending_is_one_job(client, editor):
    first = _post(client, editor, MUNICIPALITY)
    second = _post(client, editor, MUNICIPALITY)
    assert first["Location"] == second["Location"]
    assert Job.objects.count() == 1
    _post(client, editor, MUNICIPALITY, periods="2023,2024")  # other years: another fetch
    assert Job.objects.count() == 2


def test_an_unknown_municipality_or_a_bad_year_is_a_clear_error(client, editor):
    page = _post(client, editor, "Atlantis").content.decode()
    assert "Ingen kommun heter" in page and "Atlantis" in page
    page = _post(client, editor, "9999").content.decode()
    assert "Det finns ingen kommun med koden 9999." in page
    page = _post(client, editor, MUNICIPALITY, periods="2023,tjugo").content.decode()
    assert "tjugo" in page and "är inget år" in page
    assert not Job.objects.exists()


def test_a_viewer_cannot_start_a_fetch(client):
    make_fictional_municipality()
    org = make_org()
    client.force_login(make_user(org, "viewer"))
    response = _post(client, org, MUNICIPALITY)
    assert response.status_code == 200  # the form again: the organisation is not a choice
    assert not Job.objects.exists()


def test_a_name_that_fits_several_municipalities_lists_them(client, editor):
    from grogrund.areas.models import Area, AreaLevel

    Area.objects.create(code="1478", name="Provköping Södra (fiktiv)", level=AreaLevel.MUNICIPALITY)
    page = _post(client, editor, "Provköping").content.decode()
    assert "passar flera kommuner" in page
    assert "1478 Provköping Södra (fiktiv)" in page and "1479 Provköping (fiktiv)" in page
    assert not Job.objects.exists()
