"""Building an effect logic through the editor: boxes and their links are saved together,
links only go forwards, every change is kept in the history, and a refused change leaves
nothing behind."""

from __future__ import annotations

from django.urls import reverse

from grogrund.initiatives.models import EffectLink, EffectNode
from grogrund.programmes.models import ChangeLog
from initiatives.builders_initiatives import complete_chain, make_initiative, make_node


def _add(c, world, i, **data):
    url = reverse("initiatives:node_create", kwargs={"pk": world.programme.pk, "initiative": i.pk})
    return c.post(url, data)


def test_an_outcome_is_added_with_its_indicator_in_percent_and_its_links(world):
    i = make_initiative(world.programme)
    output = make_node(i, "output", "300 coachade")
    c = world.client(world.editor)
    response = _add(
        c,
        world,
        i,
        stage="short_term",
        text="Fler i arbete",
        comes_from=[output.pk],
        indicator=world.employment.pk,
        baseline_value="55",
        baseline_year="2022",
        target_value="62,5",
        target_year="2030",
        goal=world.goal.pk,
    )
    assert response.status_code == 302
    outcome = EffectNode.objects.get(text="Fler i arbete")
    assert outcome.baseline_value == 0.55 and outcome.target_value == 0.625
    assert (outcome.baseline_year, outcome.target_year, outcome.goal) == (2022, 2030, world.goal)
    assert EffectLink.objects.filter(source=output, target=outcome).exists()
    changes = ChangeLog.objects.filter(programme=world.programme).values_list(
        "object_type", "action"
    )
    assert sorted(changes) == [("effectlink", "create"), ("effectnode", "create")]


def test_a_link_backwards_is_refused_with_a_message_and_nothing_is_saved(world):
    i = make_initiative(world.programme)
    n = complete_chain(i, world.employment)
    c = world.client(world.editor)
    response = _add(c, world, i, stage="activity", text="Ny aktivitet", comes_from=[n["long"].pk])
    assert response.status_code == 200
    assert "går framåt" in response.content.decode()
    assert not EffectNode.objects.filter(text="Ny aktivitet").exists()
    assert not ChangeLog.objects.filter(object_type="effectnode").exists()


def test_editing_a_box_sets_its_links_and_keeps_before_and_after(world):
    i = make_initiative(world.programme)
    n = complete_chain(i, world.employment, goal=world.goal)
    c = world.client(world.editor)
    url = reverse(
        "initiatives:node_edit",
        kwargs={"pk": world.programme.pk, "initiative": i.pk, "node": n["output"].pk},
    )
    form = c.get(url)
    assert form.status_code == 200
    assert form.context["form"].initial["comes_from"] == [n["activity"].pk]
    response = c.post(
        url, {"stage": "output", "text": "400 coachade", "comes_from": [n["activity"].pk]}
    )
    assert response.status_code == 302
    assert not EffectLink.objects.filter(source=n["output"], target=n["short"]).exists()
    node_change = ChangeLog.objects.get(object_type="effectnode", action="update")
    assert node_change.before["text"] == "300 coachade"
    assert node_change.after["text"] == "400 coachade"
    assert ChangeLog.objects.filter(object_type="effectlink", action="delete").count() == 1
    page = c.get(
        reverse("initiatives:detail", kwargs={"pk": world.programme.pk, "initiative": i.pk})
    )
    body = page.content.decode()
    assert "400 coachade" in body.split('id="history"')[1]
    assert "leder inte till något utfall" in body or "leads to no outcome" in body


def test_removing_a_box_removes_its_links_and_keeps_them_in_the_history(world):
    i = make_initiative(world.programme)
    n = complete_chain(i, world.employment)
    c = world.client(world.editor)
    url = reverse(
        "initiatives:node_delete",
        kwargs={"pk": world.programme.pk, "initiative": i.pk, "node": n["output"].pk},
    )
    assert c.get(url).status_code == 200  # the confirmation page
    assert c.post(url).status_code == 302
    assert not EffectNode.objects.filter(pk=n["output"].pk).exists()
    assert EffectLink.objects.filter(initiative=i).count() == 3
    deleted = ChangeLog.objects.filter(action="delete").values_list("object_type", flat=True)
    assert sorted(deleted) == ["effectlink", "effectlink", "effectnode"]
    history = c.get(
        reverse("initiatives:detail", kwargs={"pk": world.programme.pk, "initiative": i.pk})
    )
    assert "300 coachade" in history.content.decode().split('id="history"')[1]


def test_a_share_outside_0_to_100_percent_is_refused_at_the_field(world):
    i = make_initiative(world.programme)
    c = world.client(world.editor)
    response = _add(
        c,
        world,
        i,
        stage="short_term",
        text="Fler i arbete",
        indicator=world.employment.pk,
        baseline_value="155",
        baseline_year="2022",
    )
    assert response.status_code == 200
    assert response.context["node_form"].errors["baseline_value"]
    assert not EffectNode.objects.exists()


def test_htmx_adds_a_box_and_gets_the_editor_back(world):
    i = make_initiative(world.programme)
    c = world.client(world.editor)
    response = _add(c, world, i, stage="need", text="Många saknar arbete")
    assert response.status_code == 302
    page = c.get(response["Location"], HTTP_HX_REQUEST="true")
    body = page.content.decode()
    assert 'id="effect-logic"' in body and "Många saknar arbete" in body


def test_a_measured_outcome_keeps_its_indicator_and_stage(world):
    from initiatives.builders_initiatives import make_outcome, measure

    i = make_initiative(world.programme)
    outcome = make_outcome(i, world.employment)
    measure(outcome, 2024, 0.57)
    c = world.client(world.editor)
    url = reverse(
        "initiatives:node_edit",
        kwargs={"pk": world.programme.pk, "initiative": i.pk, "node": outcome.pk},
    )
    base = {"text": "Fler i arbete", "baseline_value": "55", "baseline_year": "2022"}
    for data in (
        {**base, "stage": "output"},
        {**base, "stage": "short_term", "indicator": world.unemployment.pk},
    ):
        response = c.post(url, data)
        assert response.status_code == 200
        assert "ta bort dem" in response.content.decode()
    outcome.refresh_from_db()
    assert (outcome.stage, outcome.indicator) == ("short_term", world.employment)
    # Changing only the text is fine.
    response = c.post(
        url,
        {**base, "stage": "short_term", "indicator": world.employment.pk, "text": "Fler jobbar"},
    )
    assert response.status_code == 302
    outcome.refresh_from_db()
    assert outcome.text == "Fler jobbar" and outcome.baseline_value == 0.55
