"""The tenant summaries of a private programme (the whole programme and each area) are shown to
those who may see the programme and to no one else; the programme page links to them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from grogrund.accounts.models import Visibility
from grogrund.reports.tenant_report import area_link_pk
from reports.report_documents_builders import (
    guard_checks,
    guard_clients,
    make_world,
    pdf_text,
)

pytestmark = pytest.mark.django_db


def test_only_the_programmes_own_people_get_its_summaries():
    world = make_world()
    world.programme.name = "Hemligt program Alfa"
    world.programme.visibility = Visibility.PRIVATE
    world.programme.save()
    link = area_link_pk(world.programme, world.deso)
    urls = [
        reverse(name, kwargs={"kind": kind, "subject": pk})
        for kind, pk in (("tenant", world.programme.pk), ("tenant_area", link))
        for name in ("reports:print", "reports:pdf", "reports:create")
    ]
    assert guard_checks(guard_clients(world), urls, ("Hemligt program Alfa",)) == []


def test_the_programme_page_links_to_the_summary_of_each_area():
    from builders import make_area

    world = make_world()
    other = make_area("9901A0009", parent=world.municipality, name="Grannby")
    world.programme.areas.add(other)
    html = (
        world.client(world.viewer)
        .get(reverse("programmes:detail", args=[world.programme.pk]))
        .content.decode()
    )
    for kind, pk in (
        ("tenant", world.programme.pk),
        ("tenant_area", area_link_pk(world.programme, world.deso)),
        ("tenant_area", area_link_pk(world.programme, other)),
    ):
        url = reverse("reports:pdf", kwargs={"kind": kind, "subject": pk})
        assert f'href="{url}"' in html
    response = world.client(world.viewer).get(
        reverse(
            "reports:pdf",
            kwargs={"kind": "tenant_area", "subject": area_link_pk(world.programme, other)},
        )
    )
    assert "Grannby" in pdf_text(response.content)
