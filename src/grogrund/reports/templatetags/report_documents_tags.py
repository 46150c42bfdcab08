"""Links to the valuation report, the area profile report and the tenant summaries from the
pages they are made from (valuations/valuation_detail.html, areas/area_profile.html,
programmes/programme_detail.html)."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from grogrund.programmes.models import Programme

register = template.Library()


@register.simple_tag(takes_context=True)
def tenant_summary_links(context: Any, programme: Programme, areas: Any) -> SafeString:
    """The tenant summary of the whole programme and of each of its `areas` (those the visitor
    sees), as print view and PDF."""
    wanted = {a.pk: a for a in areas}
    links = (
        Programme.areas.through.objects.filter(programme=programme, area_id__in=list(wanted))
        .order_by("area__name")
        .values_list("pk", "area_id")
    )
    html = render_to_string(
        "reports/tenant_links.html",
        {
            "programme": programme,
            "per_area": [(pk, wanted[area_id]) for pk, area_id in links],
        },
        request=context.get("request"),
    )
    return mark_safe(html)  # rendered by a template, which escaped what it drew
