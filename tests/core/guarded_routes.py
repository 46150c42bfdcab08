"""The core app's routes in the access registry (tests/route_registry.py) beyond the
foundation's: the favicon, which is the same for everyone."""

from __future__ import annotations

from route_registry import Case

ROUTES: dict[str, Case] = {
    # Sends every visitor to the static SVG icon.
    "favicon": Case(member_status=302),
}
