"""The twelve steps are the programme's spine: each has a page with its explanation, what done
means and a status that the owner's editors set, in any order."""

from django.urls import reverse

from grogrund.programmes.models import StepStatus
from grogrund.programmes.steps import STEPS


def test_there_are_twelve_steps_in_the_order_of_the_model():
    assert [s.number for s in STEPS] == list(range(1, 13))
    assert STEPS[0].name_sv == "Samhällsutmaningar"
    assert STEPS[5].name_sv == "Målsättningar"
    assert STEPS[11].name_sv == "Uppföljning, återkoppling, resultatspridning"
    assert len({s.code for s in STEPS}) == 12
    assert all(s.checklist and s.explanation for s in STEPS)


def test_the_programme_page_lists_all_twelve_steps_not_started(world):
    page = world.client(world.editor).get(reverse("programmes:detail", args=[world.programme.pk]))
    steps = page.context["steps"]
    assert len(steps) == 12
    assert {r.state for r in steps} == {"not_started"}
    body = page.content.decode()
    for s in STEPS:
        assert reverse("programmes:step", args=[world.programme.pk, s.code]) in body


def test_an_editor_marks_a_step_in_progress_then_done_with_a_note(world):
    client = world.client(world.editor)
    url = reverse("programmes:step", args=[world.programme.pk, "tidsperspektiv"])
    assert client.post(url, {"status": "in_progress", "note": ""}).status_code == 302
    assert client.post(url, {"status": "done", "note": "Horisont 2034"}).status_code == 302
    status = StepStatus.objects.get()
    assert (status.step, status.status, status.note) == ("tidsperspektiv", "done", "Horisont 2034")
    assert status.marked_by == world.editor and status.marked_at is not None
    page = client.get(reverse("programmes:detail", args=[world.programme.pk]))
    states = {r.step.code: r.state for r in page.context["steps"]}
    assert states["tidsperspektiv"] == "done"
    assert states["utmaningar"] == "not_started"


def test_a_step_page_shows_the_explanation_and_checklist(world):
    page = world.client(world.partner_user).get(
        reverse("programmes:step", args=[world.programme.pk, "malsattningar"])
    )
    assert page.status_code == 200
    body = page.content.decode()
    step = next(s for s in STEPS if s.code == "malsattningar")
    assert str(step.explanation) in body
    assert page.context["form"] is None  # partners read, they do not mark


def test_an_unknown_step_is_404(world):
    page = world.client(world.editor).get(
        reverse("programmes:step", args=[world.programme.pk, "inget-steg"])
    )
    assert page.status_code == 404


def test_step_names_follow_the_users_language(world):
    from builders import make_user
    from grogrund.accounts.models import Role

    english = make_user(world.a, Role.VIEWER, language="en")
    page = world.client(english).get(reverse("programmes:detail", args=[world.programme.pk]))
    assert "Time horizon" in page.content.decode()
    page = world.client(world.viewer).get(reverse("programmes:detail", args=[world.programme.pk]))
    assert "Tidsperspektiv" in page.content.decode()
