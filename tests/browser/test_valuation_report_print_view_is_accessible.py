"""The valuation report's print view (the page the PDF is printed from) passes axe-core's
WCAG 2.1 AA rules in Swedish and English and reflows at 320 px, with the simulation and the
tornado shown."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from reports.report_documents_builders import (
    make_valuation,
    make_world,
    print_view_problems,
)
from valuations.builders_valuations import simple_sroi

pytestmark = pytest.mark.browser


def test_the_print_view_passes_axe_and_fits_a_phone(
    browser: Any, transactional_db: None, live_server: Any
):
    world = make_world()
    model = simple_sroi()
    model["outcomes"][0]["quantity"] = {"low": 5, "likely": 10, "high": 15}
    valuation = make_valuation(world, model)
    path = reverse("reports:print", kwargs={"kind": "valuation", "subject": valuation.pk})
    problems = print_view_problems(browser, live_server.url, world.editor, [path])
    assert not problems, "\n".join(problems)
