"""An editor of the programme's owner deletes an initiative after a confirmation page that
says what goes with it (effect logic, outcome values, valuations); the programme's history
keeps all of it. Nobody else can."""

from __future__ import annotations

from django.urls import reverse

from grogrund.initiatives.models import EffectLink, EffectNode, Initiative, OutcomeMeasurement
from grogrund.programmes.models import ChangeLog
from grogrund.valuations.models import Valuation
from initiatives.builders_initiatives import complete_chain, make_initiative, measure


def _url(world, initiative):
    return reverse(
        "initiatives:delete", kwargs={"pk": world.programme.pk, "initiative": initiative.pk}
    )


def _jobs_track(world):
    """6 boxes (2 outcomes), 5 links, 2 outcome values, a valuation of the initiative."""
    i = make_initiative(world.programme, name="Jobbspår")
    n = complete_chain(i, world.employment, goal=world.goal)
    measure(n["short"], 2024, 0.56)
    measure(n["long"], 2025, 0.58)
    Valuation.objects.create(
        programme=world.programme, initiative=i, name="SROI Jobbspår", model={"kind": "sroi"}
    )
    return i


def test_the_confirmation_page_says_what_goes_with_the_initiative(world):
    i = _jobs_track(world)
    response = world.client(world.editor).get(_url(world, i))
    assert response.status_code == 200
    body = response.content.decode()
    removal = body.split('id="removal"')[1].split("</ul>")[0]
    assert "6 rutor i effektlogiken (2 av dem utfall)" in removal
    assert "5 länkar mellan rutorna" in removal
    assert "2 uppmätta utfallsvärden" in removal
    warning = body.split('id="valuations-removed"')[1]
    assert "Värderingen av den här insatsen tas också bort" in warning
    assert "SROI Jobbspår" in warning
    assert Initiative.objects.filter(pk=i.pk).exists()  # GET deletes nothing


def test_an_initiative_without_valuations_warns_of_none(world):
    i = make_initiative(world.programme, name="Tom insats")
    body = world.client(world.editor).get(_url(world, i)).content.decode()
    assert 'id="valuations-removed"' not in body
    assert "0 rutor i effektlogiken" in body


def test_the_editor_deletes_it_and_the_history_keeps_everything(world):
    i = _jobs_track(world)
    pk = i.pk
    c = world.client(world.editor)
    response = c.post(_url(world, i))
    assert response.status_code == 302
    assert response["Location"] == reverse("initiatives:list", kwargs={"pk": world.programme.pk})
    assert not Initiative.objects.filter(pk=pk).exists()
    assert not EffectNode.objects.exists() and not EffectLink.objects.exists()
    assert not OutcomeMeasurement.objects.exists() and not Valuation.objects.exists()
    deleted = ChangeLog.objects.filter(programme=world.programme, action="delete")
    entry = deleted.get(object_type="initiative", object_id=pk)
    assert entry.before["name"] == "Jobbspår" and entry.after is None
    assert entry.user == world.editor
    counts = {t: deleted.filter(object_type=t).count() for t in ("effectnode", "effectlink")}
    assert counts == {"effectnode": 6, "effectlink": 5}
    assert deleted.filter(object_type="outcomemeasurement").count() == 2
    assert deleted.get(object_type="valuation").before["name"] == "SROI Jobbspår"
    page = c.get(response["Location"]).content.decode()
    assert "Insatsen ”Jobbspår” togs bort." in page
    deleted = page.split('id="deleted-initiatives"')[1]
    assert "Jobbspår" in deleted and str(world.editor) in deleted


def test_the_initiative_page_links_to_the_deletion_for_editors_only(world):
    i = make_initiative(world.programme)
    detail = reverse("initiatives:detail", kwargs={"pk": world.programme.pk, "initiative": i.pk})
    assert _url(world, i) in world.client(world.editor).get(detail).content.decode()
    assert _url(world, i) not in world.client(world.viewer).get(detail).content.decode()


def test_viewers_partners_and_outsiders_cannot_delete(world):
    i = _jobs_track(world)
    partners_own = make_initiative(world.programme, name="Partnerns insats", owner=world.partner)
    for user in (world.viewer, world.partner_viewer, world.partner_editor, world.outsider):
        c = world.client(user)
        for initiative in (i, partners_own):
            assert c.get(_url(world, initiative)).status_code == 404
            assert c.post(_url(world, initiative)).status_code == 404
    anonymous = world.client(None).post(_url(world, i))
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("login"))
    assert Initiative.objects.count() == 2
    assert not ChangeLog.objects.filter(action="delete").exists()


def test_the_programme_page_no_longer_shows_the_deleted_initiative(world):
    i = make_initiative(world.programme, name="Jobbspår")
    c = world.client(world.editor)
    programme_page = reverse("programmes:detail", kwargs={"pk": world.programme.pk})
    detail = reverse("initiatives:detail", kwargs={"pk": world.programme.pk, "initiative": i.pk})
    assert detail in c.get(programme_page).content.decode()  # and the page is now cached
    c.post(_url(world, i))
    assert detail not in c.get(programme_page).content.decode()
