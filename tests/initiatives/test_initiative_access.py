"""Who sees and who changes initiatives: whoever sees the programme sees its initiatives;
editors of the programme's owner change them; a partner's viewer only reads; outsiders get 404;
outcome values are recorded by the owner's editors and by the partner that runs the initiative."""

from __future__ import annotations

from django.urls import reverse

from grogrund.initiatives.models import EffectNode, Initiative, OutcomeMeasurement
from initiatives.builders_initiatives import complete_chain, make_initiative


def _urls(world, i, n):
    pk = world.programme.pk
    return {
        "list": reverse("initiatives:list", kwargs={"pk": pk}),
        "portfolio": reverse("initiatives:portfolio", kwargs={"pk": pk}),
        "detail": reverse("initiatives:detail", kwargs={"pk": pk, "initiative": i.pk}),
        "outcome": reverse(
            "initiatives:outcome", kwargs={"pk": pk, "initiative": i.pk, "node": n["short"].pk}
        ),
    }


def test_an_outsider_gets_404_everywhere(world):
    i = make_initiative(world.programme, name="Hemligt jobbspår")
    n = complete_chain(i, world.employment)
    c = world.client(world.outsider)
    for url in _urls(world, i, n).values():
        response = c.get(url)
        assert response.status_code == 404, url
    edit = reverse("initiatives:edit", kwargs={"pk": world.programme.pk, "initiative": i.pk})
    assert c.post(edit, {"name": "Kapad"}).status_code == 404
    assert "Hemligt jobbspår" not in c.get("/api/v1/initiatives/").content.decode()
    assert c.get(f"/api/v1/initiatives/{i.pk}/").status_code == 404


def test_a_partner_viewer_sees_but_cannot_edit(world):
    i = make_initiative(world.programme, name="Jobbspår")
    n = complete_chain(i, world.employment)
    c = world.client(world.partner_viewer)
    for url in _urls(world, i, n).values():
        assert c.get(url).status_code == 200, url
    page = c.get(_urls(world, i, n)["detail"]).content.decode()
    assert "Jobbspår" in page
    assert 'id="node-form"' not in page and "Lägg till" not in page
    pk = world.programme.pk
    for name, kwargs in [
        ("initiatives:create", {"pk": pk}),
        ("initiatives:edit", {"pk": pk, "initiative": i.pk}),
        ("initiatives:node_create", {"pk": pk, "initiative": i.pk}),
        ("initiatives:node_edit", {"pk": pk, "initiative": i.pk, "node": n["need"].pk}),
        ("initiatives:node_delete", {"pk": pk, "initiative": i.pk, "node": n["need"].pk}),
        ("initiatives:measurement_create", {"pk": pk, "initiative": i.pk, "node": n["short"].pk}),
    ]:
        response = c.post(reverse(name, kwargs=kwargs), {"stage": "need", "text": "x"})
        assert response.status_code == 404, name
    assert EffectNode.objects.filter(initiative=i).count() == 6
    assert c.get(f"/api/v1/initiatives/{i.pk}/").status_code == 200


def test_the_owners_editor_creates_and_edits_an_initiative(world):
    c = world.client(world.editor)
    url = reverse("initiatives:create", kwargs={"pk": world.programme.pk})
    response = c.post(
        url,
        {
            "name": "Läxhjälp",
            "owner": world.partner.pk,
            "status": "pilot",
            "target_group": "Elever i åk 6–9",
            "budget": "1900000",
            "method": "Läxhjälp tre kvällar i veckan",
            "description": "",
        },
    )
    i = Initiative.objects.get(name="Läxhjälp")
    assert response.status_code == 302
    assert (i.owner, i.status, int(i.budget)) == (world.partner, "pilot", 1_900_000)
    edit = reverse("initiatives:edit", kwargs={"pk": world.programme.pk, "initiative": i.pk})
    c.post(
        edit,
        {"name": "Läxhjälp", "owner": world.partner.pk, "status": "running", "budget": "2000000"},
    )
    i.refresh_from_db()
    assert i.status == "running" and int(i.budget) == 2_000_000
    page = c.get(
        reverse("initiatives:detail", kwargs={"pk": world.programme.pk, "initiative": i.pk})
    )
    assert page.status_code == 200
    history = page.content.decode().split('id="history"')[1]
    assert history.count("<tr>") >= 3  # header, created, changed


def test_a_viewer_of_the_owner_cannot_edit(world):
    i = make_initiative(world.programme)
    c = world.client(world.viewer)
    edit = reverse("initiatives:edit", kwargs={"pk": world.programme.pk, "initiative": i.pk})
    assert c.get(edit).status_code == 404


def test_the_responsible_organisation_must_be_owner_or_partner(world):
    c = world.client(world.editor)
    url = reverse("initiatives:create", kwargs={"pk": world.programme.pk})
    response = c.post(url, {"name": "Kapad", "owner": world.b.pk, "status": "planned"})
    assert response.status_code == 200
    assert not Initiative.objects.filter(name="Kapad").exists()
    assert "owner" in response.context["form"].errors


def test_a_partner_editor_records_outcomes_of_its_own_initiative_only(world):
    own = make_initiative(world.programme, name="Partnerns insats", owner=world.partner)
    own_chain = complete_chain(own, world.employment)
    other = make_initiative(world.programme, name="Bolagets insats")
    other_chain = complete_chain(other, world.employment)
    c = world.client(world.partner_editor)
    pk = world.programme.pk
    ok = c.post(
        reverse(
            "initiatives:measurement_create",
            kwargs={"pk": pk, "initiative": own.pk, "node": own_chain["short"].pk},
        ),
        {"year": 2024, "value": "58", "source": "Partnerns uppföljning"},
    )
    assert ok.status_code == 302
    assert OutcomeMeasurement.objects.get(outcome=own_chain["short"]).value == 0.58
    refused = c.post(
        reverse(
            "initiatives:measurement_create",
            kwargs={"pk": pk, "initiative": other.pk, "node": other_chain["short"].pk},
        ),
        {"year": 2024, "value": "58", "source": "x"},
    )
    assert refused.status_code == 404
    # …but it does not edit the effect logic, even of its own initiative.
    response = c.post(
        reverse("initiatives:node_create", kwargs={"pk": pk, "initiative": own.pk}),
        {"stage": "activity", "text": "Ny aktivitet"},
    )
    assert response.status_code == 404
