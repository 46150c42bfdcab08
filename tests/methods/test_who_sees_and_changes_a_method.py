"""Who sees and changes what in the method library: a published method is public; a draft is
its organisation's; a proposal is seen by the curators too; only curators review; a method is
edited by its organisation until it is published, then by curators. Something not visible is
a 404."""

from django.test import Client

from grogrund.methods.models import Method, MethodStatus
from grogrund.methods.selectors import methods_for


def get(user, url):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(url)


def test_a_published_method_is_seen_by_everyone(world):
    url = f"/metoder/{world.method.slug}/"
    for user in (None, world.editor_c, world.viewer_a, world.curator):
        assert get(user, url).status_code == 200
    assert world.method.name in get(None, "/metoder/").content.decode()


def test_a_draft_is_seen_only_by_its_organisation(world):
    url = f"/metoder/{world.draft.slug}/"
    assert get(world.viewer_a, url).status_code == 200
    for user in (None, world.editor_b, world.editor_c, world.curator):
        assert get(user, url).status_code == 404
    assert world.draft.name not in get(world.editor_b, "/metoder/").content.decode()
    assert world.draft.name in get(world.viewer_a, "/metoder/").content.decode()


def test_a_proposal_is_seen_by_the_curators(world):
    world.draft.status = MethodStatus.PROPOSED
    world.draft.save()
    assert get(world.curator, f"/metoder/{world.draft.slug}/").status_code == 200
    assert world.draft.name in get(world.curator, "/metoder/").content.decode()  # to review
    assert get(world.editor_b, f"/metoder/{world.draft.slug}/").status_code == 404
    assert get(world.network_viewer, f"/metoder/{world.draft.slug}/").status_code == 404


def test_only_curators_open_the_review_page(world):
    world.draft.status = MethodStatus.PROPOSED
    world.draft.save()
    url = f"/metoder/{world.draft.slug}/granska/"
    assert get(world.curator, url).status_code == 200
    for user in (world.editor_a, world.editor_b, world.network_viewer):
        assert get(user, url).status_code == 404


def test_curators_publish_and_return_from_the_review_page(world):
    world.draft.status = MethodStatus.PROPOSED
    world.draft.save()
    client = Client()
    client.force_login(world.curator)
    url = f"/metoder/{world.draft.slug}/granska/"
    response = client.post(url, {"evidence_level": "1", "comment": "", "return": "1"})
    assert response.status_code == 200  # a return needs a comment
    assert Method.objects.get(pk=world.draft.pk).status == MethodStatus.PROPOSED
    client.post(url, {"evidence_level": "3", "publish": "1"})
    published = Method.objects.get(pk=world.draft.pk)
    assert (published.status, published.evidence_level) == (MethodStatus.PUBLISHED, 3)


def test_the_edit_page_follows_who_may_change_the_method(world):
    assert get(world.viewer_a, f"/metoder/{world.draft.slug}/andra/").status_code == 200
    assert get(world.editor_b, f"/metoder/{world.draft.slug}/andra/").status_code == 404
    published = f"/metoder/{world.method.slug}/andra/"
    assert get(world.curator, published).status_code == 200
    assert get(world.editor_a, published).status_code == 404


def test_a_method_is_proposed_through_the_form(world):
    client = Client()
    client.force_login(world.viewer_a)
    response = client.post(
        "/metoder/ny/",
        {
            "owner": world.a.pk,
            "name": "Trygghetsvandringar",
            "summary": "Boende går runt i området med bolaget och pekar ut otrygga platser.",
            "problem": "Otrygghet kvällstid.",
            "target_group": "Alla boende.",
            "steps": ["losningar"],
            "cost_per_participant_sek": "1 200 kr",
            "evidence_level": "1",
            "need": "Låg trygghet\nMörka gångvägar",
            "activities": "Trygghetsvandringar två gånger om året",
            "outcome_1_stage": "short_term",
            "outcome_1_text": "Fler känner sig trygga",
            "outcome_1_indicator": world.employment.pk,
            "source_1_kind": "report",
            "source_1_title": "Vandringsprotokoll 2024",
            "source_1_year": "2024",
        },
    )
    method = Method.objects.get(name="Trygghetsvandringar")
    assert response.status_code == 302 and response["Location"] == f"/metoder/{method.slug}/"
    assert method.cost_per_participant_sek == 1200
    assert [n.text for n in method.template_nodes.filter(stage="need")] == [
        "Låg trygghet",
        "Mörka gångvägar",
    ]
    client.post(f"/metoder/{method.slug}/foresla/")
    assert Method.objects.get(pk=method.pk).status == MethodStatus.PROPOSED


def test_the_form_refuses_a_personal_number(world):
    client = Client()
    client.force_login(world.editor_a)
    response = client.post(
        "/metoder/ny/",
        {"owner": world.a.pk, "name": "X", "summary": "Ring 19880320-0016", "evidence_level": "1"},
    )
    assert response.status_code == 200
    assert not Method.objects.filter(name="X").exists()


def test_someone_without_an_organisation_cannot_propose(world):
    from builders import make_user

    loner = make_user(None)
    assert get(loner, "/metoder/ny/").status_code == 404


def test_curators_see_proposals_in_methods_for(world):
    world.draft.status = MethodStatus.PROPOSED
    world.draft.save()
    assert world.draft in methods_for(world.curator)
    assert world.draft not in methods_for(world.editor_b)
