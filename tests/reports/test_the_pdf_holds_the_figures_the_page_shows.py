"""The programme report's PDF holds the figures its page shows, in Swedish format: the goal's
values and percent met, the budget's totals (figures in tests/reports/builders.py, checked by
hand there); it is a tagged PDF/UA-1 document in Swedish with its title set, its fonts
embedded, its charts drawn as vectors, and the programme's name, the report date and the page
number on every page."""

import io
import re

import pytest
from pypdf import PdfReader

from grogrund.reports import kinds
from grogrund.reports.kinds import Period
from grogrund.reports.services import make_report
from reports.builders import page_texts, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(world):
    return make_report(
        user=world.editor,
        kind=kinds.get("programme"),
        subject=world.programme,
        period=Period.year(2024),
        language="sv",
        owner=world.a,
    )


def test_the_pdf_has_the_goal_values_percent_met_and_budget_totals_of_the_print_view(world, report):
    text = pdf_text(report.pdf.read())
    assert "Handslag Testby" in text
    # Baseline 55,0 % (2021), target 66,0 % (2031), measured 60,0 % in 2024.
    for figure in ("55,0 %", "66,0 %", "60,0 %", "58,3 %"):
        assert figure in text, figure
    # (0,60 − 0,55) / (0,66 − 0,55) = 45,45 % of the planned change.
    assert "45 %" in text
    # 200 000 + 100 000 + 50 × 500 + 10 000 = 335 000 kr; the partner's 135 000 kr.
    assert "335 000 kr" in text and "135 000 kr" in text
    # The gap: (0,77 − 0,55) × 1 000 = 220 people, half of it 110.
    assert "220" in text and "110 fler personer" in text
    # The stored print view shows the same figures.
    page = world.client(world.editor).get(f"/rapporter/sparade/{report.pk}/utskrift/")
    html = re.sub(r"[\u00a0\u202f]", " ", page.content.decode())
    for figure in ("55,0 %", "66,0 %", "60,0 %", "45 %", "335 000 kr", "135 000 kr"):
        assert figure in html, figure


def test_the_document_is_tagged_swedish_titled_paged_with_embedded_fonts_and_vectors(report):
    pdf = report.pdf.read()
    pages = page_texts(pdf)
    assert len(pages) == report.page_count > 3
    date = report.created_at.astimezone().strftime("%Y")
    for number, text in enumerate(pages, start=1):
        # The running head: the report's title and its date; the foot: "N / M".
        assert "Handslag Testby" in text, number
        assert re.search(rf"\d{{1,2}} \w+ {date}", text), number
        assert f"{number} / {len(pages)}" in text, number
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "sv"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert reader.metadata.title == report.title
    xmp = reader.xmp_metadata.stream.get_data().decode()
    assert "pdfuaid:part" in xmp  # PDF/UA-1 declared
    for page in reader.pages:
        resources = page["/Resources"]
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descriptor = (
                font.get("/FontDescriptor")
                or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            )
            descriptor = descriptor.get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        # Charts are drawn, not pasted in as pictures.
        for xobject in (resources.get("/XObject") or {}).values():
            assert xobject.get_object().get("/Subtype") != "/Image"
