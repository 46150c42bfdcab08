"""The start page lists the programmes of the signed-in user's own organisations — owned or
taken part in as a partner — each with the step it stands at (the first of the twelve not
done) and a link to it; programmes the user merely may see (public ones of others) and
programmes the user may not see are not listed. An anonymous visitor sees the start page as
before, without the list."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from builders import make_area, make_org, make_user
from grogrund.accounts.models import Role, Visibility
from grogrund.programmes.models import StepState, StepStatus
from grogrund.programmes.steps import STEPS
from programmes.programme_builders import make_programme


@pytest.fixture
def world(db):
    a, b, c = make_org("Bostadsbolaget A"), make_org("Kommunen B"), make_org("Bolaget C")
    deso = make_area("9901A0001", name="Testby")
    own = make_programme(a, [deso], name="Handslag Testby")
    for code, state in [("utmaningar", StepState.DONE), ("upphandling", StepState.IN_PROGRESS)]:
        StepStatus.objects.create(programme=own, step=code, status=state)
    partner = make_programme(b, [deso], name="Kommunens program", partners=[a])
    finished = make_programme(a, [deso], name="Avslutat program")
    for step in STEPS:
        StepStatus.objects.create(programme=finished, step=step.code, status=StepState.DONE)
    make_programme(c, [deso], name="Öppet program C", visibility=Visibility.PUBLIC)
    make_programme(c, [deso], name="Hemligt program C", visibility=Visibility.PRIVATE)
    user = make_user(a, Role.VIEWER)
    return {"own": own, "partner": partner, "finished": finished, "user": user}


def _home(user=None) -> str:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(reverse("home")).content.decode()


def _section(html: str) -> str:
    return html.split('id="my-programmes"')[1].split("</section>")[0]


def test_the_users_own_and_partner_programmes_are_listed_with_links(world):
    section = _section(_home(world["user"]))
    for key in ("own", "partner", "finished"):
        p = world[key]
        assert f'href="{reverse("programmes:detail", args=[p.pk])}"' in section, p.name
        assert p.name in section


def test_programmes_the_user_only_may_see_or_may_not_see_are_not_listed(world):
    section = _section(_home(world["user"]))
    assert "Öppet program C" not in section and "Hemligt program C" not in section


def test_each_programme_shows_the_first_step_not_done_with_a_link(world):
    section = _section(_home(world["user"]))
    own_row = section.split("Handslag Testby")[1].split("</tr>")[0]
    # Step 1 is done, step 2 is in progress: the programme stands at step 2.
    assert f'href="{reverse("programmes:step", args=[world["own"].pk, "upphandling"])}"' in own_row
    assert "Social upphandling" in own_row and "2" in own_row
    partner_row = section.split("Kommunens program")[1].split("</tr>")[0]
    step_1 = reverse("programmes:step", args=[world["partner"].pk, "utmaningar"])
    assert f'href="{step_1}"' in partner_row
    finished_row = section.split("Avslutat program")[1].split("</tr>")[0]
    assert "/steg/" not in finished_row


def _queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("home"))
    return len(ctx.captured_queries)


def test_the_list_costs_a_fixed_number_of_queries(world):
    client = Client()
    client.force_login(world["user"])
    _queries(client)  # warm the per-process caches
    few = _queries(client)
    for n in range(10):
        more = make_programme(world["own"].owner, [], name=f"Program {n}")
        StepStatus.objects.create(programme=more, step="utmaningar", status=StepState.DONE)
    assert _queries(client) == few


def test_an_anonymous_visitor_sees_the_start_page_without_the_list(world):
    html = _home()
    assert 'id="my-programmes"' not in html
    assert f'href="{reverse("login")}"' in html
    assert "Handslag Testby" not in html
