"""The valuation report's print view, PDF and storing form (the reports app's routes for every
kind) show a private programme's valuation to those who may see it, and to no one else."""

from __future__ import annotations

import pytest
from django.urls import reverse

from grogrund.accounts.models import Visibility
from reports.report_documents_builders import (
    guard_checks,
    guard_clients,
    make_valuation,
    make_world,
    pdf_text,
)

pytestmark = pytest.mark.django_db


def test_only_the_programmes_own_people_get_the_report():
    world = make_world()
    world.programme.visibility = Visibility.PRIVATE
    world.programme.save()
    valuation = make_valuation(world, name="Hemlig värdering Alfa")
    urls = [
        reverse(name, kwargs={"kind": "valuation", "subject": valuation.pk})
        for name in ("reports:print", "reports:pdf", "reports:create")
    ]
    assert guard_checks(guard_clients(world), urls, ("Hemlig värdering Alfa",)) == []


def test_the_valuation_page_links_to_its_report_and_the_pdf_has_its_figures():
    world = make_world()
    valuation = make_valuation(world)
    client = world.client(world.viewer)
    page = client.get(reverse("valuations:detail", args=[world.programme.pk, valuation.pk]))
    pdf_url = reverse("reports:pdf", kwargs={"kind": "valuation", "subject": valuation.pk})
    print_url = reverse("reports:print", kwargs={"kind": "valuation", "subject": valuation.pk})
    html = page.content.decode()
    assert f'href="{pdf_url}"' in html and f'href="{print_url}"' in html
    response = client.get(pdf_url)
    assert response["Content-Type"] == "application/pdf"
    assert "71 565 kr" in pdf_text(response.content)
    printed = client.get(print_url).content.decode()
    assert "71\u00a0565\u00a0kr" in printed
