"""Any member proposes a method; the national network's curators publish it at an evidence
level or return it with a comment; a published method can be withdrawn and published again.
Each step is kept in the method's history, read as sentences."""

import pytest
from django.utils.translation import gettext

from grogrund.accounts.models import HistoryEntry
from grogrund.methods import services
from grogrund.methods.models import EvidenceLevel, Method, MethodStatus
from grogrund.programmes.history_text import history_rows


def new_draft(world, user, name="Läxhjälp"):
    return services.save_method(
        user=user,
        method=Method(name=name, summary="Läxhjälp på kvällarna.", owner=world.a),
        nodes=[
            services.NodeSpec("need", "Få behöriga"),
            services.NodeSpec("activity", "Läxhjälp"),
            services.NodeSpec("short_term", "Fler behöriga", world.employment),
        ],
        sources=[services.SourceSpec("report", "Uppföljning", "Skolan", 2023)],
    )


def history(method):
    return list(
        HistoryEntry.objects.filter(object_type="method", object_id=str(method.pk)).order_by(
            "at", "id"
        )
    )


def test_any_member_even_a_viewer_drafts_a_method(world):
    draft = new_draft(world, world.viewer_a)
    assert draft.status == MethodStatus.DRAFT
    assert draft.slug == "laxhjalp"
    assert [n.stage for n in draft.template_nodes.all()] == ["need", "activity", "short_term"]
    assert history(draft)[0].action == "create"


def test_a_method_is_proposed_for_an_organisation_the_user_belongs_to(world):
    with pytest.raises(services.NotAllowed):
        services.save_method(
            user=world.editor_c, method=Method(name="X", summary="Y", owner=world.a)
        )


def test_a_proposal_says_what_it_lacks(world):
    draft = new_draft(world, world.editor_a)
    with pytest.raises(services.MethodError) as err:
        services.propose_method(user=world.editor_a, method=draft)
    message = str(err.value)
    assert gettext("the problem it addresses") in message and gettext("the target group") in message
    assert Method.objects.get(pk=draft.pk).status == MethodStatus.DRAFT


def complete(world, draft):
    draft.problem, draft.target_group = "Låga skolresultat.", "Elever i åk 6–9."
    return services.save_method(user=world.editor_a, method=draft)


def test_curators_publish_at_the_level_they_set(world):
    draft = complete(world, new_draft(world, world.editor_a))
    proposed = services.propose_method(user=world.editor_a, method=draft)
    assert proposed.status == MethodStatus.PROPOSED and proposed.proposed_at is not None
    published = services.publish_method(
        user=world.curator, method=proposed, evidence_level=EvidenceLevel.COMPARISON_GROUP
    )
    assert published.status == MethodStatus.PUBLISHED
    assert published.evidence_level == EvidenceLevel.COMPARISON_GROUP
    assert published.reviewed_by == world.curator
    actions = [(e.action, (e.after or {}).get("status")) for e in history(published)]
    assert actions == [
        ("create", "draft"),
        ("update", "draft"),
        ("update", "proposed"),
        ("update", "published"),
    ]


def test_only_curators_review(world):
    draft = complete(world, new_draft(world, world.editor_a))
    services.propose_method(user=world.editor_a, method=draft)
    # An editor of a housing company in the network, and a viewer of the network itself.
    for user in (world.editor_b, world.network_viewer, world.editor_a):
        with pytest.raises(services.NotAllowed):
            services.publish_method(user=user, method=draft)
    assert Method.objects.get(pk=draft.pk).status == MethodStatus.PROPOSED


def test_a_proposal_returned_goes_back_as_a_draft_with_the_comment(world):
    draft = complete(world, new_draft(world, world.editor_a))
    services.propose_method(user=world.editor_a, method=draft)
    with pytest.raises(services.MethodError):
        services.return_method(user=world.curator, method=draft, comment="  ")
    returned = services.return_method(
        user=world.curator, method=draft, comment="Lägg till en utvärdering."
    )
    assert returned.status == MethodStatus.DRAFT
    assert returned.review_comment == "Lägg till en utvärdering."
    # Proposed again, the old comment goes; the history keeps it.
    again = services.propose_method(user=world.editor_a, method=returned)
    assert again.review_comment == ""
    comments = [(e.after or {}).get("review_comment") for e in history(again)]
    assert "Lägg till en utvärdering." in comments


def test_withdrawn_with_a_reason_and_published_again(world):
    with pytest.raises(services.MethodError):
        services.withdraw_method(user=world.curator, method=world.method, comment="")
    withdrawn = services.withdraw_method(
        user=world.curator, method=world.method, comment="Ersatt av en nyare metod."
    )
    assert withdrawn.status == MethodStatus.WITHDRAWN
    again = services.republish_method(user=world.curator, method=withdrawn)
    assert again.status == MethodStatus.PUBLISHED


def test_the_proposer_cannot_edit_a_published_method_but_curators_can(world):
    draft = complete(world, new_draft(world, world.editor_a))
    services.propose_method(user=world.editor_a, method=draft)
    published = services.publish_method(user=world.curator, method=draft)
    published.summary = "Ändrad"
    with pytest.raises(services.NotAllowed):
        services.save_method(user=world.editor_a, method=published)
    published = Method.objects.get(pk=published.pk)
    published.summary = "Ändrad av kurator"
    services.save_method(user=world.curator, method=published)
    assert Method.objects.get(pk=published.pk).summary == "Ändrad av kurator"


def test_the_history_reads_as_sentences_with_names(world):
    draft = complete(world, new_draft(world, world.editor_a))
    services.propose_method(user=world.editor_a, method=draft)
    services.publish_method(
        user=world.curator, method=draft, evidence_level=EvidenceLevel.TRIED_LOCALLY
    )
    rows = history_rows(
        HistoryEntry.objects.filter(object_type="method", object_id=str(draft.pk)).select_related(
            "user"
        )
    )
    published = rows[0]  # newest first
    lines = [str(line) for line in published.lines]
    assert "Status: Föreslagen till biblioteket → Publicerad" in lines or (
        "Status: Proposed for the library → Published" in lines
    )
    created = rows[-1]
    text = " ".join(str(line) for line in created.lines)
    assert "Läxhjälp" in text and "Fler behöriga" in text and "Uppföljning (Skolan, 2023)" in text


def test_a_draft_is_deleted_by_its_organisation_and_kept_in_the_history(world):
    draft = new_draft(world, world.editor_a, name="Utkast att ta bort")
    pk = draft.pk
    with pytest.raises(services.NotAllowed):
        services.delete_draft(user=world.editor_b, method=draft)
    services.delete_draft(user=world.viewer_a, method=draft)
    assert not Method.objects.filter(pk=pk).exists()
    assert HistoryEntry.objects.filter(object_type="method", object_id=str(pk), action="delete")


def test_personal_numbers_are_refused_in_a_method(world):
    with pytest.raises(services.MethodError):
        services.save_method(
            user=world.editor_a,
            method=Method(name="X", summary="Kontakt 19880320-0016", owner=world.a),
        )


def test_the_template_and_the_sources_are_named_in_the_readers_language(world):
    """The template and the sources are no fields of a method (the boxes and the sources
    point at it): the history still names them in words, not as "Template" and "Sources"."""
    from django.utils import translation

    draft = new_draft(world, world.editor_a)
    entries = HistoryEntry.objects.filter(object_type="method", object_id=str(draft.pk))
    with translation.override("sv"):
        text = " ".join(str(line) for line in history_rows(entries)[-1].lines)
    assert "Mall för effektlogik: " in text and "Källor: " in text
    assert "Template" not in text and "Sources" not in text


def test_template_boxes_written_as_sentences_read_as_one_sentence(world):
    """Boxes are often whole sentences: the history joins them with semicolons, not with a
    comma after a full stop ("studerar., Aktiviteter")."""
    from django.utils import translation

    draft = services.save_method(
        user=world.editor_a,
        method=Method(name="Unga vuxna", summary="Stöd till unga vuxna.", owner=world.a),
        nodes=[
            services.NodeSpec("need", "Unga vuxna som varken arbetar eller studerar."),
            services.NodeSpec("activity", "Coacher, mentorer och praktik."),
        ],
    )
    entries = HistoryEntry.objects.filter(object_type="method", object_id=str(draft.pk))
    with translation.override("sv"):
        text = " ".join(str(line) for line in history_rows(entries)[-1].lines)
    assert "varken arbetar eller studerar; Aktiviteter: Coacher, mentorer och praktik" in text
    assert ".," not in text
