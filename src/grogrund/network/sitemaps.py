"""The sitemap of the public pages: the public pages themselves, published programmes, the
library's published methods and the reports owners have published with a published
programme; nothing that needs a login, nothing a visitor without one would not see."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from grogrund.network import public, selectors
from grogrund.programmes.models import Programme


class PublicPagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> list[str]:
        pages = ["public:index", "public:methods"]
        if selectors.public_totals_shown():
            pages.append("public:totals")
        return pages

    def location(self, item: str) -> str:
        return reverse(item)


class PublishedProgrammesSitemap(Sitemap):
    changefreq = "monthly"

    def items(self) -> Any:
        return selectors.published_programmes().only("pk").order_by("pk")

    def location(self, item: Programme) -> str:
        return reverse("public:programme", kwargs={"pk": item.pk})


class PublishedMethodsSitemap(Sitemap):
    """The library's published methods (`/metoder/<slug>/`): not drafts, proposals or
    withdrawn methods. Last changed when the method was."""

    changefreq = "monthly"

    def items(self) -> Any:
        methods = selectors.published_methods()
        if methods is None:
            return []
        return methods.only("slug", "updated_at").order_by("slug")

    def location(self, item: Any) -> str:
        return reverse("methods:detail", kwargs={"slug": item.slug})

    def lastmod(self, item: Any) -> datetime | None:
        return getattr(item, "updated_at", None)


class PublishedReportsSitemap(Sitemap):
    """The stored reports listed on the public page of a published programme
    (`public.published_reports`). A stored report never changes once made: its lastmod is
    when it was made."""

    changefreq = "yearly"

    def items(self) -> Any:
        reports = public.published_reports()
        if reports is None:
            return []
        return [r for r in reports.order_by("pk") if public.report_url(r)]

    def location(self, item: Any) -> str:
        return str(public.report_url(item))

    def lastmod(self, item: Any) -> datetime | None:
        return getattr(item, "created_at", None)


SITEMAPS = {
    "pages": PublicPagesSitemap,
    "programmes": PublishedProgrammesSitemap,
    "methods": PublishedMethodsSitemap,
    "reports": PublishedReportsSitemap,
}
