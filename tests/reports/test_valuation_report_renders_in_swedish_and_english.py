"""The valuation report is a tagged PDF in the reader's language: its document language set
(/Lang), its numbers in that language's format."""

from __future__ import annotations

import pytest

from reports.report_documents_builders import make_report, make_valuation, make_world, pdf_language

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "npv", "ratio", "heading"),
    [("sv", "71 565 kr", "1,72", "Nyckeltal"), ("en", "71,565 kr", "1.72", "Key figures")],
)
def test_each_language_has_its_words_numbers_and_document_language(language, npv, ratio, heading):
    world = make_world()
    valuation = make_valuation(world)
    report = make_report("valuation", world.editor, valuation.pk, language=language)
    assert pdf_language(report.pdf) == language
    assert f'<html lang="{language}">' in report.html
    assert npv in report.text and ratio in report.text
    assert heading in report.text


def test_the_same_figures_give_both_languages():
    from grogrund.reports import kinds

    world = make_world()
    valuation = make_valuation(world)
    kind = kinds.get("valuation")
    figures = kind.figures(user=world.editor, subject=valuation)
    sv = kind.context(figures, language="sv")
    en = kind.context(figures, language="en")
    assert sv["page"].figures[2].value == "71\u00a0565\u00a0kr"
    assert en["page"].figures[2].value == "71,565\u00a0kr"
