"""A stored report stays as it was made: after the data changes (a measurement corrected, a
commitment raised, the goal deleted), its page, its print view and its PDF show what they
showed, while the live print view shows the new figures."""

import hashlib
import re

import pytest

from grogrund.partnerships.models import CommitmentYear
from grogrund.programmes.models import Measurement
from grogrund.reports import kinds
from grogrund.reports.kinds import Period
from grogrund.reports.services import make_report

pytestmark = pytest.mark.django_db


def _text(response):
    return re.sub(r"[\u00a0\u202f]", " ", response.content.decode())


def test_changes_to_the_data_leave_the_stored_report_as_it_was(world):
    report = make_report(
        user=world.editor,
        kind=kinds.get("programme"),
        subject=world.programme,
        period=Period.year(2024),
        language="sv",
        owner=world.a,
    )
    client = world.client(world.editor)
    pdf_before = report.pdf.read()
    print_before = _text(client.get(f"/rapporter/sparade/{report.pk}/utskrift/"))
    figures_before = report.figures
    assert "60,0 %" in print_before

    # The measurement is corrected to 62 % and the owner's commitment raised to 300 000 kr.
    Measurement.objects.filter(goal=world.goal, year=2024).update(value=0.62)
    CommitmentYear.objects.filter(commitment__organisation=world.a).update(money_sek=300_000)

    report.refresh_from_db()
    assert report.figures == figures_before
    downloaded = b"".join(client.get(f"/rapporter/sparade/{report.pk}/pdf/").streaming_content)
    assert downloaded == pdf_before
    assert hashlib.sha256(downloaded).hexdigest() == report.pdf_sha256
    print_after = _text(client.get(f"/rapporter/sparade/{report.pk}/utskrift/"))
    assert "60,0 %" in print_after and "62,0 %" not in print_after
    assert "335 000 kr" in print_after and "435 000 kr" not in print_after

    live = _text(client.get(f"/rapporter/programme/{world.programme.pk}/?year=2024"))
    assert "62,0 %" in live and "435 000 kr" in live

    # Even with the goal gone the stored report shows it.
    world.goal.delete()
    print_gone = _text(client.get(f"/rapporter/sparade/{report.pk}/utskrift/"))
    assert "60,0 %" in print_gone
