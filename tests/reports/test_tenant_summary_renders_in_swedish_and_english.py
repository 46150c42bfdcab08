"""The tenant summary is one or two pages in Swedish or English, with its document language
set (/Lang), and says who is behind the work and where to ask."""

from __future__ import annotations

import pytest

from builders import make_org
from grogrund.initiatives.models import Initiative
from programmes.builders_followup import make_goal
from reports.report_documents_builders import make_report, make_world, pdf_language, pdf_pages

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "people"), [("sv", "fler personer"), ("en", "more people")])
def test_one_or_two_pages_in_the_readers_language(language, people):
    world = make_world()
    for indicator in (world.employment, world.unemployment):
        make_goal(
            world.programme,
            world.deso,
            indicator,
            reference_area=world.municipality,
            baseline_share=0.5,
            target_share=0.6 if indicator == world.employment else 0.4,
        )
    Initiative.objects.create(
        programme=world.programme,
        name="Läxhjälp",
        owner=world.a,
        status="running",
        target_group="Elever i årskurs 7–9",
    )
    report = make_report("tenant", world.editor, world.programme.pk, language=language)
    assert pdf_language(report.pdf) == language
    assert 1 <= pdf_pages(report.pdf) <= 2
    assert people in report.text and "Läxhjälp" in report.text


def test_a_tenant_association_among_the_partners_is_named_where_to_ask():
    world = make_world()
    association = make_org("Hyresgästföreningen Testby", kind="tenant_association")
    world.programme.shared_with.add(association)
    text = make_report("tenant", world.editor, world.programme.pk, language="en").text
    assert "Ask Bostadsbolaget A, your landlord" in text
    assert "You can also ask Hyresgästföreningen Testby." in text
