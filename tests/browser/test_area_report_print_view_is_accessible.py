"""The area profile report's print view passes axe-core's WCAG 2.1 AA rules in Swedish and
English and reflows at 320 px."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from reports.report_documents_builders import make_world, print_view_problems

pytestmark = pytest.mark.browser


def test_the_print_view_passes_axe_and_fits_a_phone(
    browser: Any, transactional_db: None, live_server: Any
):
    world = make_world()
    path = reverse("reports:print", kwargs={"kind": "area", "subject": world.deso.pk})
    problems = print_view_problems(browser, live_server.url, world.editor, [path])
    assert not problems, "\n".join(problems)
