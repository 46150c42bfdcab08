"""A large upload answers at once with a page that shows the rows read so far while the file
imports, then the outcome: the same counts, or the same clear error, with nothing saved."""

import pytest

from builders import csv_file, make_area, make_indicator, make_org, make_user
from grogrund.areas import services, views
from grogrund.areas.models import AreaLevel, Observation

# The import runs in a thread with its own database connection: the test data must be
# committed for it to see them.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def editor(monkeypatch):
    monkeypatch.setattr(views, "STREAM_FROM_BYTES", 0)  # every file counts as large
    monkeypatch.setattr(services, "BATCH_SIZE", 2)  # a progress report every two rows
    municipality = make_area("9901", AreaLevel.MUNICIPALITY)
    make_area("9901A0010", parent=municipality)
    make_area("9901A0020", parent=municipality)
    make_indicator("employment")
    org = make_org("Bostadsbolaget")
    return org, make_user(org)


def _upload(client, org, user, path):
    client.force_login(user)
    with path.open("rb") as fh:
        response = client.post(
            "/omraden/import/",
            {
                "file": fh,
                "owner": org.pk,
                "dataset": "Stor fil",
                "source": "Egen",
                "visibility": "private",
                "area_column": "area",
                "indicator_column": "indicator",
                "period_column": "period",
                "value_column": "",
                "numerator_column": "numerator",
                "denominator_column": "denominator",
            },
        )
    assert response.streaming
    return b"".join(response.streaming_content).decode()


def test_a_large_file_shows_its_progress_and_then_the_counts(editor, client, tmp_path):
    org, user = editor
    rows = [
        f"9901A00{a}0;employment;{year};{year - 2000};100" for a in (1, 2) for year in (2022, 2023)
    ]
    page = _upload(client, org, user, csv_file(tmp_path, "stor.csv", rows))
    assert "2 rader lästa och kontrollerade" in page
    assert "4 rader lästa och kontrollerade" in page
    assert 'id="import-result"' in page and "4 nya" in page
    assert Observation.objects.count() == 4
    assert page.rstrip().endswith("</html>")


def test_a_bad_large_file_shows_the_error_and_saves_nothing(editor, client, tmp_path):
    org, user = editor
    rows = ["9901A0010;employment;2023;45;100", "9901A0020;employment;2023;fyrtio;100"]
    page = _upload(client, org, user, csv_file(tmp_path, "stor.csv", rows))
    assert 'id="import-error"' in page
    assert "rad 3, kolumn D (numerator) är inte ett tal" in page
    assert Observation.objects.count() == 0
