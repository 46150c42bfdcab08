"""The valuation report ends with what the numbers do not say, for a reader who will decide on
them, in the report's language: that the values are not money in a budget, that what has no
value counts as nothing, that deadweight and attribution are judgements, that a single case
says nothing of uncertainty, that not every party gains, that the horizon cuts the effects off
and that later years weigh less.

Hand check (tests/valuations/builders_valuations.simple_sroi): horizon 10 years from 2024, so
the last year counted is 2033; at 5 % with 2024 not discounted, a krona in 2033 counts as
1 / 1,05⁹ = 0,6446… → 0,64 kr. The housing company pays the 100 000 kr, the municipality gets
the benefits: the housing company's own net present value is negative."""

from __future__ import annotations

import re

import pytest

from reports.report_documents_builders import make_report, make_valuation, make_world

pytestmark = pytest.mark.django_db

SWEDISH = [
    "Vad siffrorna inte säger",
    "Siffrorna är uppskattade värden i kronor, inte pengar i någons budget.",
    "Det som inte får ett värde bland indata räknas som noll, inte för att det saknar värde",
    "Hur mycket som hade hänt ändå, hur mycket som bara flyttas från annat håll",
    "Inga indata är angivna som intervall, så siffrorna visar ett enda fall",
    "Ett positivt resultat för alla tillsammans betyder inte att varje part vinner",
    "Effekter efter 2033 räknas inte med, hur länge de än varar.",
    "med en real diskonteringsränta på 5 % räknas en krona 2033 som 0,64 kr i dag.",
]
ENGLISH = [
    "What the numbers do not say",
    "The figures are estimates of value in kronor, not money in anyone's budget.",
    "What is not given a value in the inputs is counted as nothing, not because it is worth "
    "nothing",
    "How much would have happened anyway, how much is only moved from elsewhere",
    "No input is given as a range, so the figures show a single case",
    "A positive result for everyone together does not mean that every party gains",
    "Effects after 2033 are not counted, however long they last.",
    "at a discount rate of 5 % real, a krona in 2033 counts as 0.64 kr today.",
]


def _without_running_heads(text: str) -> str:
    """The PDF's text without the title, date and page number repeated on every page, so a
    paragraph that runs onto the next page reads as one."""
    return re.sub(
        r" ?(Värderingsrapport|Valuation report): Läxhjälp Testby "
        r"(Rapportdatum|Report date) \S+ \S+ \d{4} \d+ / \d+",
        "",
        text,
    )


@pytest.mark.parametrize(("language", "expected"), [("sv", SWEDISH), ("en", ENGLISH)])
def test_the_report_says_what_the_numbers_do_not_say(language, expected):
    world = make_world()
    valuation = make_valuation(world)
    report = make_report("valuation", world.editor, valuation.pk, language=language)
    text = _without_running_heads(report.text)
    said = text[text.index(expected[0]) :]
    for sentence in expected[1:]:
        assert sentence in said, sentence
    assert 'id="not-said"' in report.html
