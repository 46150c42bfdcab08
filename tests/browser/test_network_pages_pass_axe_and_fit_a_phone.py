"""The network overview (as the demo network's member Nils), its settings page (as an
administrator of the network), the refusal for someone outside the network, and the public
pages pass axe-core's WCAG 2.1 A/AA rules in Swedish and English, and fit a 320 px phone
without scrolling sideways (wide tables scroll in their own box)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe import OVERFLOW, violations
from django.test import Client

from grogrund.accounts.models import Membership, Organisation, Role, User
from grogrund.programmes.demo import DEMO_PROGRAMME
from grogrund.programmes.models import Programme

pytestmark = pytest.mark.browser


def _sign_in(page: Any, user: Any, base: str) -> None:
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}]
    )


def test_the_network_pages(page: Any, live_server: Any, artifacts: Path) -> None:
    base = live_server.url
    programme = Programme.objects.get(name=DEMO_PROGRAMME)
    admin = User.objects.create_user("natverksadmin", password="x-12345-not-used")
    Membership.objects.create(
        user=admin, organisation=Organisation.objects.get(slug="natverket"), role=Role.ADMIN
    )
    visits = [
        (None, "/oppet/"),
        (None, f"/oppet/program/{programme.pk}/"),
        (None, "/oppet/metoder/"),
        (None, "/oppet/natverket/"),
        (User.objects.get(username="nils"), "/natverket/"),
        (admin, "/natverket/"),
        (admin, "/natverket/installningar/"),
        (User.objects.get(username="hilda"), "/natverket/"),  # outside the network: refused
    ]
    problems: list[str] = []
    for language in ("sv", "en"):
        for user, url in visits:
            page.context.clear_cookies()
            page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
            if user is not None:
                user.language = language  # a signed-in user's own language wins
                user.save(update_fields=["language"])
                _sign_in(page, user, base)
            for width in (1280, 320):
                page.set_viewport_size({"width": width, "height": 900})
                page.goto(url)
                assert page.locator("html").get_attribute("lang") == language
                name = f"{url} as {user or 'anonymous'} ({language}, {width} px)"
                if width == 1280:
                    problems += violations(page, name)
                else:
                    wide = page.evaluate(OVERFLOW, width)
                    assert not wide, f"{name}: {wide}"
            if language == "sv":
                slug = url.strip("/").replace("/", "-") or "start"
                page.screenshot(path=str(artifacts / f"network-{slug}.png"), full_page=True)
    assert not problems, "\n".join(problems)
