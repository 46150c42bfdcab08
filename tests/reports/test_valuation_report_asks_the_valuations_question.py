"""The valuation report asks the question the valuation gives in its own words (its editor's
"Question for the decision"), in the print view and in the PDF; a valuation without one is
asked its kind's usual question (valuation_report.QUESTIONS). A report keeps the question it
was made with."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from grogrund.valuations import services
from reports.report_documents_builders import html_text, make_valuation, make_world, pdf_text

pytestmark = pytest.mark.django_db

OWN = "Ska styrelsen betala läxhjälpen i tre år till, med kommunen som medfinansiär?"
#: The usual question of an SROI, in Swedish.
USUAL = (
    "Vilket socialt värde skapar insatsen för varje krona som satsas på den, och vem får del "
    "av värdet?"
)


def _question_section(html: str) -> str:
    return html_text(re.search(r'<section id="question">(.*?)</section>', html, re.S).group(1))


def _print_and_pdf(world, valuation) -> tuple[str, str]:
    """The question section of the print view, and the whole PDF's text, as the editor gets
    them from the report's pages."""
    client = world.client(world.editor)
    html = client.get(reverse("reports:print", args=["valuation", valuation.pk])).content
    pdf = client.get(reverse("reports:pdf", args=["valuation", valuation.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    return _question_section(html.decode()), pdf_text(pdf.content)


def test_the_report_asks_the_valuations_own_question():
    world = make_world()
    made = make_valuation(world)
    valuation = services.update_valuation(
        user=world.editor, valuation=made, model=made.model, question=OWN
    )
    section, text = _print_and_pdf(world, valuation)
    assert OWN in section and OWN in text
    # Its own question replaces the usual one; it does not stand beside it.
    assert USUAL not in section and USUAL not in text


def test_without_a_question_of_its_own_the_report_asks_the_usual_one_of_its_kind():
    world = make_world()
    valuation = make_valuation(world)
    assert valuation.question == ""
    section, text = _print_and_pdf(world, valuation)
    assert USUAL in section and USUAL in text


def test_a_stored_report_keeps_the_question_it_was_made_with_and_older_ones_the_usual():
    from grogrund.reports import kinds

    world = make_world()
    made = make_valuation(world)
    valuation = services.update_valuation(
        user=world.editor, valuation=made, model=made.model, question=OWN
    )
    kind = kinds.get("valuation")
    figures = kind.figures(user=world.editor, subject=valuation)
    assert figures["valuation"]["question"] == OWN
    services.update_valuation(
        user=world.editor, valuation=valuation, model=valuation.model, question=""
    )
    assert kind.context(figures, language="sv")["question"] == OWN
    # Figures stored before valuations had a question of their own.
    del figures["valuation"]["question"]
    assert kind.context(figures, language="sv")["question"] == USUAL
