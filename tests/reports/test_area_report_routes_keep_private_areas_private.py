"""The area profile report's print view, PDF and storing form show a private custom area to
its owner's people only, and A's private statistics to no one else."""

from __future__ import annotations

import pytest
from django.urls import reverse

from builders import make_custom_area, make_dataset, make_observation
from reports.report_documents_builders import (
    guard_checks,
    guard_clients,
    make_world,
    pdf_text,
)

pytestmark = pytest.mark.django_db


def test_only_the_owners_people_get_the_report_of_a_private_area():
    world = make_world()
    area = make_custom_area("alfa-hemlig", world.a, [world.deso], name="Hemligområdet Alfa")
    urls = [
        reverse(name, kwargs={"kind": "area", "subject": area.pk})
        for name in ("reports:print", "reports:pdf", "reports:create")
    ]
    assert guard_checks(guard_clients(world), urls, ("Hemligområdet Alfa",)) == []


def test_private_statistics_stay_out_of_an_official_areas_report():
    world = make_world()
    secret = make_dataset(world.a, "Hemligt dataset Alfa", source="Hemlig källa Alfa")
    make_observation(secret, world.deso, world.employment, "2025", numerator=600, denominator=1000)
    url = reverse("reports:print", kwargs={"kind": "area", "subject": world.deso.pk})
    outsider = world.client(world.outsider).get(url).content.decode()
    assert "Hemlig källa Alfa" not in outsider and "2025" not in outsider.split("<main>")[1]
    mine = world.client(world.editor).get(url).content.decode()
    assert "Hemlig källa Alfa" in mine


def test_the_profile_page_links_to_its_report():
    world = make_world()
    page = world.client(world.editor).get(reverse("areas:profile", args=[world.deso.code]))
    pdf_url = reverse("reports:pdf", kwargs={"kind": "area", "subject": world.deso.pk})
    assert f'href="{pdf_url}"' in page.content.decode()
    response = world.client(world.editor).get(pdf_url)
    assert "+220" in pdf_text(response.content)
