"""HTML to PDF with WeasyPrint: the same templates and SVG charts as the pages, printed on A4.

Every report is a Django template extending `reports/document.html` (page header with the
document's title and date, page numbers "sida 3 av 12", the report stylesheet). `render_pdf`
produces a tagged PDF/UA-1 document with its language, title, author and date set, the fonts
embedded (subsets of DejaVu, which Debian's fonts-dejavu-core installs), and the charts kept as
vectors. Nothing is fetched from the network: only the project's own static files are read.
"""

from __future__ import annotations

import datetime as dt
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

    document = weasyprint.HTML(string=html, base_url="/", url_fetcher=_static_only_fetcher())
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
