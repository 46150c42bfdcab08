"""The pages of the route registry, and the world they are tried against, for browser tests.

The routes are those of tests/route_registry.py and every tests/<app>/guarded_routes.py (the
route guard test's registry), resolved against organisation A's private world as that test
builds it; visitors are signed in by a session cookie, so no login form is filled each time.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django.test import Client
from django.urls import reverse

from builders import (
    make_area,
    make_challenge,
    make_custom_area,
    make_dataset,
    make_indicator,
    make_observation,
    make_org,
    make_user,
)
from route_registry import BASE_ROUTES, Case, PrivateWorld

# Forms shown in their error state, with what is typed before the form is sent (browser
# validation off): an empty required field, or a number that is not one.
FORMS_WITH_ERRORS: dict[str, dict[str, str]] = {
    "areas:challenge_create": {},
    "programmes:create": {},
    "programmes:goal_create": {},
    "programmes:measurement_create": {},
    "initiatives:create": {},
    "initiatives:measurement_create": {},
    "valuations:create": {},
    "partnerships:commitment": {"#id_money_2024": "tusen"},
    "valuations:edit": {"#id_outcomes-0-quantity_0": "många"},
    "jobs:fetch_municipality": {},
    "methods:create": {},
    "reports:create": {"#id_year": "tjugo"},
}
# The button that sends a form whose buttons do different things.
SUBMIT_BUTTONS = {"valuations:edit": "button[name=save]"}


def registered_routes() -> dict[str, Case]:
    routes = dict(BASE_ROUTES)
    tests = Path(__file__).resolve().parents[1]
    for module_path in sorted(tests.glob("*/guarded_routes.py")):
        routes.update(import_module(f"{module_path.parent.name}.guarded_routes").ROUTES)
    return routes


ROUTES = registered_routes()


def build_world() -> dict[str, Any]:
    """Organisation A's private world (as tests/accounts/test_every_route_is_guarded.py builds
    it) and a viewer and an editor of A for each language, keyed (role, language)."""
    a = make_org("Organisation A")
    municipality = make_area("9901", "municipality")
    deso = make_area("9901A0010", parent=municipality)
    indicator = make_indicator("employment")
    area = make_custom_area("a-hemligt", a, [deso], name="Hemligområdet Alfa")
    challenge = make_challenge(a, deso, title="Hemlig utmaning Alfa")
    dataset = make_dataset(a, "Hemligt dataset Alfa", source="Hemlig källa Alfa")
    observation = make_observation(dataset, deso, indicator, "2024", numerator=42, denominator=100)
    users = {
        (role, language): make_user(a, role, language=language)
        for role in ("viewer", "editor")
        for language in ("sv", "en")
    }
    return {"w": PrivateWorld(area, challenge, observation, indicator), "users": users}


def url_of(name: str, w: PrivateWorld) -> str:
    case = ROUTES[name]
    url = reverse(name, kwargs={k: make(w) for k, make in case.kwargs.items()})
    return f"{url}?{urlencode(case.data)}" if case.data else url


def browser_context(browser: Any, base_url: str, user: Any, language: str) -> Any:
    """A browser context signed in as `user` (None: anonymous) in `language`."""
    context = browser.new_context(base_url=base_url, locale="sv-SE")
    context.set_default_timeout(15_000)
    cookies = [{"name": "django_language", "value": language, "url": base_url}]
    if user is not None:
        client = Client()
        client.force_login(user)
        session = client.cookies["sessionid"].value
        cookies.append({"name": "sessionid", "value": session, "url": base_url})
    context.add_cookies(cookies)
    return context


def send_with_errors(page: Any, url: str, typed: dict[str, str], button: str = "") -> None:
    """Open the form at `url`, type `typed` and send it as it is (with `button`, a selector of
    one of its submit buttons), browser validation off."""
    page.goto(url)
    for selector, text in typed.items():
        page.fill(selector, text)
    form = page.locator("main form[method=post]").first
    with page.expect_navigation():
        form.evaluate(
            "(f, b) => { f.noValidate = true; f.requestSubmit(b ? f.querySelector(b) : null); }",
            button,
        )
    page.wait_for_load_state()
