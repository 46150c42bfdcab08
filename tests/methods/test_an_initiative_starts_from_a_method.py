"""“Start an initiative from this method” copies the method's effect-logic template into a
programme the user may edit, as a new initiative linked to the method; its page shows the
method. An existing initiative can be linked to a method too. Both are kept in the
programme's history."""

import pytest
from django.test import Client

from grogrund.initiatives.models import EffectLink, Initiative
from grogrund.initiatives.validation import validate
from grogrund.methods import services
from grogrund.methods.models import MethodStatus
from grogrund.programmes.models import ChangeLog
from grogrund.programmes.services import ProgrammeError
from methods.builders_methods import make_initiative
from programmes.programme_builders import make_programme


def test_the_template_becomes_the_initiatives_effect_logic(world):
    programme = make_programme(world.a, [world.deso])
    initiative = services.start_initiative(
        user=world.editor_a, method=world.method, programme=programme, name="Coacher i Testby"
    )
    assert initiative.method_ref == world.method
    assert initiative.owner == world.a
    assert initiative.target_group == world.method.target_group
    nodes = list(initiative.nodes.order_by("position", "id"))
    assert [(n.stage, n.text) for n in nodes] == [
        ("need", "Många vuxna saknar arbete"),
        ("activity", "Jobbcoacher på plats"),
        ("output", "Boende coachade"),
        ("short_term", "Fler i arbete"),
        ("impact", "Minskat utanförskap"),
    ]
    outcome = next(n for n in nodes if n.stage == "short_term")
    assert outcome.indicator == world.employment  # the suggested indicator
    assert outcome.baseline_value is None  # the programme sets baselines and targets
    # Each box leads to the next stage's: need → activity → output → outcome → impact.
    links = {(link.source.text, link.target.text) for link in EffectLink.objects.all()}
    assert links == {
        ("Många vuxna saknar arbete", "Jobbcoacher på plats"),
        ("Jobbcoacher på plats", "Boende coachade"),
        ("Boende coachade", "Fler i arbete"),
        ("Fler i arbete", "Minskat utanförskap"),
    }
    # Validation asks for what the programme must add: the outcome's baseline and target.
    found = validate(nodes, list(initiative.links.all()))
    assert found.errors or found.warnings
    kinds = {c.object_type for c in ChangeLog.objects.filter(programme=programme)}
    assert {"initiative", "effectnode", "effectlink"} <= kinds


def test_only_a_programme_the_user_may_edit(world):
    other = make_programme(world.b, [world.deso])
    with pytest.raises(ProgrammeError):
        services.start_initiative(
            user=world.editor_a, method=world.method, programme=other, name="Intrång"
        )
    assert not Initiative.objects.filter(name="Intrång").exists()


def test_only_a_published_method_is_started_from(world):
    programme = make_programme(world.a, [world.deso])
    with pytest.raises(services.MethodError):
        services.start_initiative(
            user=world.editor_a, method=world.draft, programme=programme, name="X"
        )


def test_the_start_page_offers_the_users_programmes_and_opens_the_new_initiative(world):
    mine = make_programme(world.a, [world.deso], name="Mitt program")
    make_programme(world.b, [world.deso], name="Annans program")
    client = Client()
    client.force_login(world.editor_a)
    page = client.get(f"/metoder/{world.method.slug}/starta-insats/").content.decode()
    assert "Mitt program" in page and "Annans program" not in page
    response = client.post(
        f"/metoder/{world.method.slug}/starta-insats/",
        {"programme": mine.pk, "name": "Coacher i Testby"},
    )
    initiative = Initiative.objects.get(name="Coacher i Testby")
    assert response.status_code == 302
    assert response["Location"] == f"/program/{mine.pk}/insatser/{initiative.pk}/"
    detail = client.get(response["Location"]).content.decode()
    assert 'id="initiative-method-ref"' in detail and world.method.name in detail


def test_another_organisations_programme_is_refused_on_the_start_page(world):
    other = make_programme(world.b, [world.deso], name="Annans program")
    client = Client()
    client.force_login(world.editor_a)
    response = client.post(
        f"/metoder/{world.method.slug}/starta-insats/", {"programme": other.pk, "name": "X"}
    )
    assert response.status_code == 200  # the form again, with its error
    assert not Initiative.objects.filter(name="X").exists()


def test_an_existing_initiative_is_linked_to_a_method(world):
    programme = make_programme(world.a, [world.deso])
    initiative = make_initiative(programme, None, name="Befintlig insats")
    client = Client()
    client.force_login(world.editor_a)
    response = client.post(
        f"/metoder/{world.method.slug}/koppla-insats/", {"initiative": initiative.pk}
    )
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.method_ref == world.method
    entry = ChangeLog.objects.get(object_type="initiative", object_id=initiative.pk)
    assert entry.after["method_ref"] == world.method.pk


def test_a_withdrawn_method_keeps_its_initiatives_but_takes_no_new_ones(world):
    programme = make_programme(world.a, [world.deso])
    initiative = services.start_initiative(
        user=world.editor_a, method=world.method, programme=programme, name="Före"
    )
    services.withdraw_method(user=world.curator, method=world.method, comment="Ersatt.")
    initiative.refresh_from_db()
    assert initiative.method_ref_id == world.method.pk
    assert world.method.__class__.objects.get(pk=world.method.pk).status == MethodStatus.WITHDRAWN
    with pytest.raises(services.MethodError):
        services.start_initiative(
            user=world.editor_a, method=world.method, programme=programme, name="Efter"
        )
