"""HTML to PDF with WeasyPrint: the same templates and SVG charts as the pages, printed on A4.

Every report is a Django template extending `reports/document.html` (page header with the
document's title and date, page numbers "sida 3 av 12", the report stylesheet). `render_pdf`
produces a tagged PDF/UA-1 document with its language, title, author and date set, the fonts
embedded (subsets of DejaVu, which Debian's fonts-dejavu-core installs), and the charts kept as
vectors. Nothing is fetched from the network: only the project's own static files are read.
"""

from __future__ import annotations

import base64
import datetime as dt
import html as html_lib
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

# PDF/UA-1: tagged structure, document language and title, embedded fonts (WeasyPrint ≥ 61).
PDF_VARIANT = "pdf/ua-1"


class ReportRenderError(Exception):
    """A report could not be rendered (a message for the user)."""


def _static_only_fetcher() -> Any:
    """A fetcher that resolves the stylesheet's and images' `/static/…` addresses to the
    project's own files and refuses everything else, so a report never reaches the network or
    the rest of the file system."""
    import mimetypes

    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnly(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            parsed = urlparse(url)
            if parsed.scheme == "data":
                return super().fetch(url, headers)
            path = parsed.path
            static_prefix = "/" + settings.STATIC_URL.lstrip("/")
            if path.startswith(static_prefix):
                found = finders.find(path[len(static_prefix) :])
                if found:
                    file = Path(str(found))
                    kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, file.read_bytes(), {"Content-Type": kind})
            raise ValueError(f"reports only read the project's static files, not {url!r}")

    return StaticOnly()


def render_html(template: str, context: dict[str, Any], *, language: str) -> str:
    """The report's HTML in `language` ("sv" or "en"): shown as the print view, and the PDF's
    source."""
    with translation.override(language):
        return render_to_string(template, {**context, "report_language": language})


def html_to_pdf(
    html: str,
    *,
    title: str,
    language: str,
    author: str = "",
    created: dt.datetime | None = None,
) -> bytes:
    """A tagged, accessible PDF of `html` (which must be a whole document from
    `reports/document.html`)."""
    return render_document(html, title=title, language=language, author=author, created=created)[0]


# A chart as grogrund.charts draws it: one <svg> element, never nested, with a <title> and a
# <desc> that say what it shows.
_CHART = re.compile(r"<svg\b[^>]*>.*?</svg>", re.S)
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title>", re.S)
_DESC = re.compile(r"<desc\b[^>]*>(.*?)</desc>", re.S)
_SIZE = re.compile(r'\b(width|height)="([0-9.]+)"')


def _chart_as_image(match: re.Match[str]) -> str:
    """The chart as an <img> of the same SVG, drawn as vectors by WeasyPrint, with its title
    and description as the alternative text (the PDF's Figure tag)."""
    svg = match.group(0)
    opening = svg[: svg.index(">") + 1]
    size = dict(_SIZE.findall(opening))
    words = [
        html_lib.unescape(found.group(1)).strip()
        for found in (_TITLE.search(svg), _DESC.search(svg))
        if found
    ]
    alt = html_lib.escape(". ".join(w for w in words if w), quote=True)
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    dimensions = "".join(f' {key}="{size[key]}"' for key in ("width", "height") if key in size)
    return f'<img class="chart" src="data:image/svg+xml;base64,{data}" alt="{alt}"{dimensions}>'


def charts_as_images(html: str) -> str:
    """`html` with every inline SVG chart replaced by an image of the same SVG.

    The pages show charts inline (so the browser's print view does too); WeasyPrint draws an
    SVG image exactly as an inline one, still as vectors with real text, but it does not have
    to parse, style and box the chart's hundreds of elements as part of the document: the
    programme report prints about a tenth faster (benchmarks/bench_reports.py)."""
    return _CHART.sub(_chart_as_image, html)


def render_document(
    html: str,
    *,
    title: str,
    language: str,
    author: str = "",
    created: dt.datetime | None = None,
) -> tuple[bytes, int]:
    """`html_to_pdf`, and the number of pages (stored with a snapshot)."""
    import weasyprint

    document = weasyprint.HTML(
        string=charts_as_images(html), base_url="/", url_fetcher=_static_only_fetcher()
    )
    rendered = document.render()
    meta = rendered.metadata
    meta.title = title
    meta.lang = language
    meta.authors = [author] if author else []
    meta.generator = "Grogrund"
    stamp = (created or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
    meta.created = stamp
    meta.modified = stamp
    return bytes(rendered.write_pdf(pdf_variant=PDF_VARIANT)), len(rendered.pages)


def render_pdf(
    template: str,
    context: dict[str, Any],
    *,
    title: str,
    language: str,
    author: str = "",
    created: dt.datetime | None = None,
) -> bytes:
    """Render `template` with `context` in `language` and print it to PDF."""
    html = render_html(template, context, language=language)
    return html_to_pdf(html, title=title, language=language, author=author, created=created)
