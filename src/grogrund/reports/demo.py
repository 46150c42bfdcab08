"""The demo programme's stored annual report: "Handslag Norrbacka" reported for 2024, the last
year the demo has measurements for, made by the owner's administrator. Made once: loading the
demo again finds it and changes nothing."""

from __future__ import annotations

from collections.abc import Callable

from grogrund.accounts.models import User
from grogrund.programmes.demo import DEMO_PROGRAMME, OWNER
from grogrund.programmes.models import Programme
from grogrund.reports import kinds
from grogrund.reports.kinds import Period
from grogrund.reports.models import Report, ReportStatus

#: The year of the demo's annual report, and who makes it (an administrator of the owner).
DEMO_YEAR = 2024
DEMO_AUTHOR = "anna"


def build(*, verbose: Callable[[str], None] = lambda s: None) -> Report | None:
    """The demo programme's annual report for DEMO_YEAR, made if it is not there yet."""
    from grogrund.reports.services import make_report

    programme = (
        Programme.objects.filter(name=DEMO_PROGRAMME, owner__slug=OWNER)
        .select_related("owner")
        .first()
    )
    author = User.objects.filter(username=DEMO_AUTHOR).first()
    if programme is None or author is None:
        return None
    period = Period.year(DEMO_YEAR)
    existing = Report.objects.filter(
        kind="programme",
        subject_id=programme.pk,
        period_start=period.start,
        period_end=period.end,
        status=ReportStatus.READY,
    ).first()
    if existing is not None:
        return existing
    report = make_report(
        user=author,
        kind=kinds.get("programme"),
        subject=programme,
        period=period,
        language="sv",
        owner=programme.owner,
    )
    verbose(f"report: {report.title} ({report.page_count} pages)")
    return report
