"""The sitemap of the public pages: published programmes and the public pages themselves,
nothing that needs a login."""

from __future__ import annotations

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from grogrund.network import selectors
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


SITEMAPS = {"pages": PublicPagesSitemap, "programmes": PublishedProgrammesSitemap}
