"""The history on an object's page reads in the reader's language: what the object is, the
fields as the forms name them, choices by their label, shares in percent and whole persons."""

from django.urls import reverse

from builders import make_user
from grogrund.accounts.models import Role
from grogrund.programmes import services
from grogrund.programmes.selectors import gap_facts


def _goal_page(world):
    facts = gap_facts(world.editor, world.deso, world.employment.pk, None)
    goal = services.create_goal(
        user=world.editor,
        programme=world.programme,
        area=world.deso,
        indicator=world.employment,
        facts=facts,
        deadline_year=2034,
        share_of_gap=0.25,
    )
    services.record_measurement(user=world.editor, goal=goal, year=2025, value=0.5625, source="SCB")
    return reverse("programmes:goal", args=[world.programme.pk, goal.pk])


def _history(client, url):
    text = client.get(url).content.decode()
    return text[text.index('id="history"') :]


def test_in_swedish(world):
    history = _history(world.client(world.editor), _goal_page(world))
    assert "Skapad (mål)" in history and "Skapad (mätning)" in history
    assert '<span class="field">Målår</span>: 2034' in history
    assert "Högre är bättre" in history and "higher_is_better" not in history
    # 0.5625 is 56,25 %, shown with one decimal (halves rounded up, as people do); 0.25 is 25,0 %
    assert "56,3\u00a0%" in history and "25,0\u00a0%" in history


def test_in_english(world):
    url = _goal_page(world)
    english = world.client(make_user(world.a, Role.VIEWER, language="en"))
    history = _history(english, url)
    assert "Created (goal)" in history and "Created (measurement)" in history
    assert "56.3\u00a0%" in history


def test_the_parent_is_not_repeated(world):
    history = _history(world.client(world.editor), _goal_page(world))
    assert ">programme<" not in history and ">goal<" not in history
