"""The area profile report in Swedish and English: indicator names, words and numbers in the
reader's language, the document language set (/Lang)."""

from __future__ import annotations

import pytest

from reports.report_documents_builders import make_report, make_world, pdf_language

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "name", "value", "gap"),
    [
        ("sv", "Förvärvsarbetande 20–64 år", "550/1 000", "+22,0 p.e."),
        ("en", "Employed, aged 20–64", "550/1,000", "+22.0 pp"),
    ],
)
def test_each_language_has_its_names_numbers_and_document_language(language, name, value, gap):
    world = make_world()
    report = make_report("area", world.editor, world.deso.pk, language=language)
    assert pdf_language(report.pdf) == language
    assert name in report.text and value in report.text and gap in report.text


def test_the_change_since_the_first_year_is_told():
    world = make_world()
    # employment in Testby: 50,0 % in 2020, 55,0 % in 2024
    report = make_report("area", world.editor, world.deso.pk, language="en")
    assert "+5.0 pp since 2020" in report.text
