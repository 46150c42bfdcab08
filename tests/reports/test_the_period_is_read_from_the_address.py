"""The print view and the PDF of any kind take the period from the address: `year`, or `from`
and `to`, and the language from `lang`; what cannot be read is a 400 that says how to write
it, never a 500."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _get(world, query, *, pdf=False):
    suffix = "pdf/" if pdf else ""
    return world.client(world.editor).get(
        f"/rapporter/programme/{world.programme.pk}/{suffix}{query}"
    )


def _text(response):
    return response.content.decode().replace("\u00a0", " ")


MEASURED_2024 = '60,0 %<br><span class="source">2024</span>'


def test_a_year_or_a_period_chooses_what_is_counted(world):
    # The measurement is from 2024: the 2023 report has none, the 2024 report has it.
    assert MEASURED_2024 not in _text(_get(world, "?year=2023"))
    assert MEASURED_2024 in _text(_get(world, "?year=2024"))
    page = _text(_get(world, "?from=2024-07-01&to=2025-06-30"))
    assert MEASURED_2024 in page
    assert re.search(r"1 juli 2024 – 30 juni 2025", page)


def test_the_language_is_chosen_in_the_address(world):
    page = _get(world, "?year=2024&lang=en").content.decode()
    assert '<html lang="en">' in page and "60.0" in page
    page = _get(world, "?year=2024&lang=sv").content.decode()
    assert '<html lang="sv">' in page and "60,0" in page


@pytest.mark.parametrize(
    "query",
    [
        "?year=abc",
        "?year=1800",
        "?from=2024-12-31&to=2024-01-01",
        "?from=2024-01-01",
        "?from=1990-01-01&to=2060-01-01",
        "?year=2024&lang=fi",
        "?year=2024&from=2024-01-01&to=2024-02-01",
    ],
)
def test_what_cannot_be_read_is_a_clear_400(world, query):
    for pdf in (False, True):
        response = _get(world, query, pdf=pdf)
        assert response.status_code == 400, (query, pdf)
        assert "?year=2024" in response.content.decode()


def test_an_unknown_kind_or_a_subject_out_of_sight_is_a_404(world):
    client = world.client(world.outsider)
    assert client.get(f"/rapporter/programme/{world.programme.pk}/").status_code == 404
    assert client.get(f"/rapporter/programme/{world.programme.pk}/pdf/").status_code == 404
    assert client.get(f"/rapporter/programme/{world.programme.pk}/ny/").status_code == 404
    editor = world.client(world.editor)
    assert editor.get(f"/rapporter/nosuchkind/{world.programme.pk}/").status_code == 404
