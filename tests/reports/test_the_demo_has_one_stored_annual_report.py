"""The demo programme "Handslag Norrbacka" has one stored annual report, for 2024, made by the
owner's administrator and shared with the programme's partners; loading the demo again makes
no second one."""

import pytest

from grogrund.areas.demo.build import load_demo
from grogrund.programmes.demo import DEMO_PROGRAMME
from grogrund.programmes.models import Programme
from grogrund.reports.models import Report, ReportStatus
from reports.builders import pdf_text

pytestmark = pytest.mark.django_db


def test_the_demo_programme_has_its_annual_report_once():
    load_demo()
    load_demo()
    programme = Programme.objects.get(name=DEMO_PROGRAMME)
    report = Report.objects.get(programme=programme)
    assert report.status == ReportStatus.READY and report.kind == "programme"
    assert (report.period_start.isoformat(), report.period_end.isoformat()) == (
        "2024-01-01",
        "2024-12-31",
    )
    assert report.created_by.username == "anna" and report.language == "sv"
    assert report.visibility == "partners"
    assert set(report.shared_with.all()) == set(programme.shared_with.all())
    assert report.page_count and report.page_count > 5
    text = pdf_text(report.pdf.read())
    assert DEMO_PROGRAMME in text
    goals = report.figures["goals"]
    assert len(goals) == 4 and all(g["latest"]["year"] == 2024 for g in goals)
