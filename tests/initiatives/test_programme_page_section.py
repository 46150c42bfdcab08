"""The programme page lists the initiatives with status, budget and whether their effect logic
is complete, and links to the list, a new initiative (for editors) and the portfolio review."""

from __future__ import annotations

from django.urls import reverse

from initiatives.builders_initiatives import complete_chain, make_initiative, make_node


def test_the_programme_page_shows_the_initiatives_and_their_completeness(world):
    done = make_initiative(world.programme, name="Jobbspår", budget=4_800_000, status="running")
    complete_chain(done, world.employment)  # the long-term outcome has no goal: a warning
    started = make_initiative(world.programme, name="Läxhjälp", status="planned")
    make_node(started, "need", "Var tredje elev saknar behörighet")
    c = world.client(world.editor)
    body = c.get(reverse("programmes:detail", kwargs={"pk": world.programme.pk})).content.decode()
    section = body.split('id="initiatives"')[1].split("</section>")[0]
    rows = section.split("<tr>")[2:]
    assert (
        "Jobbspår" in rows[0] and "Pågående" in rows[0] and "4\u00a0800\u00a0000\u00a0kr" in rows[0]
    )
    assert "Komplett" in rows[0] and "1 att se över" in rows[0]
    assert "Kan inte bedömas än" in rows[0]  # nothing measured yet: the portfolio review says so
    assert "Läxhjälp" in rows[1] and "Planerad" in rows[1] and "5 saknas" in rows[1]
    assert reverse("initiatives:list", kwargs={"pk": world.programme.pk}) in section
    assert reverse("initiatives:create", kwargs={"pk": world.programme.pk}) in section
    assert reverse("initiatives:portfolio", kwargs={"pk": world.programme.pk}) in section


def test_a_partner_sees_the_section_without_the_create_link(world):
    make_initiative(world.programme, name="Jobbspår")
    c = world.client(world.partner_viewer)
    body = c.get(reverse("programmes:detail", kwargs={"pk": world.programme.pk})).content.decode()
    section = body.split('id="initiatives"')[1].split("</section>")[0]
    assert "Jobbspår" in section
    assert reverse("initiatives:create", kwargs={"pk": world.programme.pk}) not in section


def test_the_list_page_has_the_same_table(world):
    make_initiative(world.programme, name="Jobbspår")
    c = world.client(world.viewer)
    response = c.get(reverse("initiatives:list", kwargs={"pk": world.programme.pk}))
    assert response.status_code == 200
    assert "Jobbspår" in response.content.decode().split('id="initiatives-table"')[1]
