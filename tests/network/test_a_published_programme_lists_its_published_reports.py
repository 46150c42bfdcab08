"""The public page of a programme lists the reports of it that their owner has published, and
no other: not one shared with partners only, nor one still being made."""

from __future__ import annotations

from datetime import date

import pytest
from django.apps import apps
from django.urls import reverse

from grogrund.accounts.models import Visibility

pytestmark = pytest.mark.skipif(
    not apps.is_installed("grogrund.reports")
    or "reports.report" not in {m._meta.label_lower for m in apps.get_models()},
    reason="the reports app keeps no stored reports",
)


def _report(world, title: str, visibility: str, status: str = "ready"):
    from grogrund.reports.models import Report

    return Report.objects.create(
        owner=world.a,
        visibility=visibility,
        kind="programme",
        subject_id=world.open_programme.pk,
        subject_name=world.open_programme.name,
        programme=world.open_programme,
        title=title,
        period_start=date(2024, 1, 1),
        period_end=date(2024, 12, 31),
        status=status,
    )


def test_only_published_reports_are_listed(world):
    published = _report(world, "Årsrapport 2024 (publicerad)", Visibility.PUBLIC)
    _report(world, "Hemlig partnerrapport", Visibility.PARTNERS)
    _report(world, "Publicerad men inte klar", Visibility.PUBLIC, status="pending")
    url = reverse("public:programme", kwargs={"pk": world.open_programme.pk})
    body = world.client(None).get(url).content.decode()
    assert "Årsrapport 2024 (publicerad)" in body
    assert published.get_absolute_url() in body
    assert "Hemlig partnerrapport" not in body
    assert "Publicerad men inte klar" not in body
