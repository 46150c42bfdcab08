"""axe-core (bundled with axe-playwright-python, no CDN) run over the page a test is on.

`violations(page, name)` lists each WCAG 2.1 A/AA failure as one line naming the rule, the
element and the page, so that a failing test says what to fix and where.
"""

from __future__ import annotations

from typing import Any

# The WCAG 2.1 levels A and AA; best practices and AAA are not asked for.
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}


def run_axe(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now (the script is injected once per page)."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page, options=OPTIONS).response["violations"]


def violations(page: Any, name: str) -> list[str]:
    """One line per element that fails a rule: `rule (impact): target — help [page]`."""
    lines = []
    for violation in run_axe(page):
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(
                f"{violation['id']} ({violation['impact']}): {target} — "
                f"{violation['help']} [{name}]"
            )
    return lines


#: The elements wider than a `w` px viewport, outside the boxes that scroll on their own
#: (`page.evaluate(OVERFLOW, w)`): none on a page that reflows.
OVERFLOW = """w => [...document.querySelectorAll('body *')]
    .filter(e => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.right > w + 1 && !e.closest('.table-wrap, .chart-wrap');
    })
    .slice(0, 6)
    .map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.') + '#' + e.id)"""
