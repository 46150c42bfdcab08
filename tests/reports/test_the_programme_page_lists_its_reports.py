"""The programme's page lists its stored reports that the visitor may see, newest first, with
the PDF's pages and who sees each, and offers to make one to those who may store reports."""

import pytest

from grogrund.accounts.models import Visibility
from grogrund.reports import kinds
from grogrund.reports.kinds import Period
from grogrund.reports.services import make_report

pytestmark = pytest.mark.django_db


def test_the_programme_page_lists_the_reports(world, fast_pdf):
    kind = kinds.get("programme")
    older = make_report(
        user=world.editor,
        kind=kind,
        subject=world.programme,
        period=Period.year(2023),
        language="sv",
        owner=world.a,
    )
    newer = make_report(
        user=world.editor,
        kind=kind,
        subject=world.programme,
        period=Period.year(2024),
        language="sv",
        owner=world.a,
    )
    page = world.client(world.editor).get(f"/program/{world.programme.pk}/").content.decode()
    assert page.index(f"/rapporter/sparade/{newer.pk}/") < page.index(
        f"/rapporter/sparade/{older.pk}/"
    )
    assert f"/rapporter/sparade/{newer.pk}/pdf/" in page
    assert f"/rapporter/programme/{world.programme.pk}/ny/" in page

    # A partner sees the reports shared with it, but may not make the owner's.
    older.visibility = Visibility.PRIVATE
    older.save()
    partner_page = world.client(world.partner_user).get(f"/program/{world.programme.pk}/")
    text = partner_page.content.decode()
    assert f"/rapporter/sparade/{newer.pk}/" in text
    assert f"/rapporter/sparade/{older.pk}/" not in text
    viewer_page = world.client(world.viewer).get(f"/program/{world.programme.pk}/").content
    assert f"/rapporter/programme/{world.programme.pk}/ny/" not in viewer_page.decode()
