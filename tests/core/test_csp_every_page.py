"""Every page is sent with a Content-Security-Policy that allows no inline script or style,
and no page needs one: no <script> without src, no <style>, no style="" (also in inline SVG
charts), no on…="" handlers. Tried on every route of the access registry, as an editor."""

from __future__ import annotations

import importlib.util
from html.parser import HTMLParser
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "route_guard_for_csp",
    Path(__file__).resolve().parents[1] / "accounts" / "test_every_route_is_guarded.py",
)
assert _spec is not None and _spec.loader is not None
guard = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(guard)
world = guard.world  # the registry's fixture: organisation A's private objects, signed-in clients


class InlineCode(HTMLParser):
    """Collects what a strict policy would block: inline scripts, style elements and
    attributes, event-handler attributes and javascript: links."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script":
            if not names.get("src"):
                self.found.append("<script> without src")
            self._in_script = True
        if tag == "style":
            self.found.append("<style> element")
        for name, value in attrs:
            if name == "style":
                self.found.append(f'<{tag} style="{value}">')
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name in {"href", "src", "action"} and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f"<{tag} {name}=javascript:…>")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.found.append("inline script code")


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.found


def test_the_parser_finds_what_the_policy_would_block():
    html = (
        '<script>alert(1)</script><script src="/s.js"></script><style>p{}</style>'
        '<svg><rect style="fill:red"/></svg><a onclick="x()">a</a><a href="javascript:x()">b</a>'
    )
    assert inline_code(html) == [
        "<script> without src",
        "inline script code",
        "<style> element",
        '<rect style="fill:red">',
        "<a onclick=…>",
        "<a href=javascript:…>",
    ]


@pytest.mark.parametrize("name,kwargs_names", guard.ALL_ROUTES, ids=lambda v: str(v))
def test_every_page_has_a_strict_policy_and_no_inline_code(world, name, kwargs_names):
    if name not in guard.ROUTES:
        pytest.skip("not in the access registry (the route guard test fails for it)")
    w, clients = world
    url, response = guard._request(clients["member of A"], name, kwargs_names, w)
    policy = response.headers.get("Content-Security-Policy", "")
    assert "default-src 'self'" in policy, url
    assert "'unsafe-inline'" not in policy
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    if response.headers.get("Content-Type", "").startswith("text/html"):
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert inline_code(body.decode()) == [], url
