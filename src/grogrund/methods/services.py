"""Writes for the method library: proposing and curating methods, starting or linking an
initiative from a method, and the participants and results initiatives report.

A method's changes are kept in the general history (accounts.history.record_any: a method
belongs to no programme), each with a snapshot of the whole method, its template and sources
written in words; an initiative's link to a method and its participation figures are kept in
its programme's history. Every write is atomic; errors a user can cause are `MethodError`s with
a message for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from grogrund.accounts.access import (
    can_edit_as_partner,
    is_network_curator,
    member_org_ids,
)
from grogrund.accounts.history import record_any
from grogrund.accounts.models import HistoryAction, HistoryChannel, Organisation
from grogrund.areas.models import Indicator
from grogrund.core.generation import data_changed
from grogrund.engine.valuebank import load_value_bank
from grogrund.initiatives import services as initiative_services
from grogrund.initiatives.models import CHAIN, OUTCOME_STAGES, EffectNode, Initiative, Stage
from grogrund.methods.models import (
    EvidenceLevel,
    Method,
    MethodSource,
    MethodStatus,
    Participation,
    TemplateNode,
)
from grogrund.programmes.models import ChangeAction, Programme
from grogrund.programmes.services import acting_user, record_change
from grogrund.programmes.services import snapshot as model_snapshot
from grogrund.programmes.steps import STEPS, STEPS_BY_CODE
from grogrund.sources.personal_numbers import find_personal_number

#: Years a participation figure may be given for.
FIRST_YEAR, LAST_YEAR = 1990, 2100


class MethodError(Exception):
    """Something the user asked for that cannot be done; the message is for the user."""


class NotAllowed(MethodError):
    pass


@dataclass(frozen=True)
class NodeSpec:
    """One box of a method's effect-logic template as a person gives it."""

    stage: str
    text: str
    indicator: Indicator | None = None


@dataclass(frozen=True)
class SourceSpec:
    kind: str
    title: str
    publisher: str = ""
    year: int | None = None
    url: str = ""


# --- history ----------------------------------------------------------------------------------


def _node_words(node: TemplateNode | NodeSpec) -> str:
    stage = str(dict(Stage.choices).get(node.stage, node.stage))
    text = f"{stage}: {node.text}"
    if node.stage in OUTCOME_STAGES and node.indicator is not None:
        text += f" ({node.indicator.name_sv})"
    return text


def _source_words(source: MethodSource) -> str:
    details = ", ".join(str(p) for p in (source.publisher, source.year) if p)
    return f"{source.title} ({details})" if details else source.title


def snapshot(method: Method) -> dict[str, Any]:
    """What the history keeps of a method: its fields, with its steps, value-bank entries,
    template and sources written in words (the history shows them as they read), in Swedish,
    the library's language."""
    with translation.override("sv"):
        return _snapshot(method)


def _snapshot(method: Method) -> dict[str, Any]:
    bank = load_value_bank().entries
    data = model_snapshot(method)
    # The proposing organisation never changes, and the entry names it (organisation).
    for hidden in ("slug", "owner", "reviewed_by", "proposed_at", "published_at"):
        data.pop(hidden, None)
    data["steps"] = [
        f"{STEPS_BY_CODE[c].number}. {STEPS_BY_CODE[c].name_sv}"
        for c in method.steps
        if c in STEPS_BY_CODE
    ]
    data["value_bank_entries"] = [
        bank[e].name_sv if e in bank else str(e) for e in method.value_bank_entries
    ]
    if method.pk:
        nodes = method.template_nodes.select_related("indicator").order_by("position", "id")
        data["template"] = [_node_words(n) for n in nodes]
        data["sources"] = [_source_words(s) for s in method.sources.order_by("position", "id")]
    return data


def _record(user: Any, method: Method, action: str, before: dict[str, Any] | None) -> None:
    after = snapshot(method) if action != HistoryAction.DELETE else None
    if before is not None and after == before:
        return
    record_any(
        user=acting_user(user),
        obj=method,
        action=action,
        before=before,
        after=after,
        via=HistoryChannel.WEB,
    )


# --- checks -----------------------------------------------------------------------------------


def _no_personal_numbers(*texts: str) -> None:
    for text in texts:
        if text and find_personal_number(text) is not None:
            raise MethodError(
                _(
                    "The text contains what looks like a personal identity number: Grogrund "
                    "never holds data about individual people. Remove it and save again."
                )
            )


def _is_member(user: Any, organisation: Organisation | int) -> bool:
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    return org_id in member_org_ids(user)


def can_edit_method(user: Any, method: Method) -> bool:
    """The proposing organisation's members edit a draft or a proposal; curators edit any
    method they review or have published."""
    if method.status in (MethodStatus.DRAFT, MethodStatus.PROPOSED) and _is_member(
        user, method.owner_id
    ):
        return True
    return method.status != MethodStatus.DRAFT and is_network_curator(user)


def _require_curator(user: Any) -> None:
    if not is_network_curator(user):
        raise NotAllowed(
            _(
                "Only curators review the method library: editors and administrators of the "
                "national network's organisation."
            )
        )


def _check_fields(method: Method) -> None:
    method.name = method.name.strip()
    if not method.name:
        raise MethodError(_("Give the method a name."))
    if Method.objects.filter(name__iexact=method.name).exclude(pk=method.pk).exists():
        raise MethodError(
            _("There is already a method called “%(name)s”: choose another name.")
            % {"name": method.name}
        )
    unknown_steps = [c for c in method.steps if c not in STEPS_BY_CODE]
    if unknown_steps:
        raise MethodError(_("Choose the steps among the twelve steps of the model."))
    method.steps = [s.code for s in STEPS if s.code in set(method.steps)]
    bank = load_value_bank().entries
    unknown = [e for e in method.value_bank_entries if e not in bank]
    if unknown:
        raise MethodError(
            _("The value bank has no entry “%(entry)s”.") % {"entry": ", ".join(unknown)}
        )
    if method.evidence_level not in EvidenceLevel.values:
        raise MethodError(_("Choose one of the levels of the evidence ladder."))
    _no_personal_numbers(
        method.name,
        method.summary,
        method.problem,
        method.target_group,
        method.evidence_note,
        method.review_comment,
    )


#: Words of the library's own addresses (methods/urls.py): no method is given one of them.
RESERVED_SLUGS = {"evidens", "ny", "liknande-omraden", "insatser"}


def _unique_slug(name: str, pk: int | None) -> str:
    base = slugify(name)[:70] or "metod"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or Method.objects.filter(slug=slug).exclude(pk=pk).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def _replace_children(
    method: Method, nodes: Sequence[NodeSpec] | None, sources: Sequence[SourceSpec] | None
) -> None:
    if nodes is not None:
        cleaned = []
        for spec in nodes:
            text = spec.text.strip()
            if not text:
                continue
            if spec.stage not in Stage.values:
                raise MethodError(_("There is no such stage in an effect logic."))
            _no_personal_numbers(text)
            indicator = spec.indicator if spec.stage in OUTCOME_STAGES else None
            cleaned.append(NodeSpec(spec.stage, text[:300], indicator))
        method.template_nodes.all().delete()
        TemplateNode.objects.bulk_create(
            TemplateNode(
                method=method,
                stage=spec.stage,
                text=spec.text,
                indicator=spec.indicator,
                position=i,
            )
            for i, spec in enumerate(cleaned)
        )
    if sources is not None:
        rows = []
        for spec in sources:
            title = spec.title.strip()
            if not title:
                continue
            _no_personal_numbers(title, spec.publisher)
            if spec.year is not None and not FIRST_YEAR - 100 <= spec.year <= LAST_YEAR:
                raise MethodError(_("A source's year must be a year, like 2021."))
            rows.append(
                MethodSource(
                    method=method,
                    kind=spec.kind,
                    title=title[:300],
                    publisher=spec.publisher.strip()[:200],
                    year=spec.year,
                    url=spec.url.strip(),
                    position=len(rows),
                )
            )
        method.sources.all().delete()
        MethodSource.objects.bulk_create(rows)
    data_changed()  # bulk_create sends no signals


# --- methods ----------------------------------------------------------------------------------


@transaction.atomic
def save_method(
    *,
    user: Any,
    method: Method,
    nodes: Sequence[NodeSpec] | None = None,
    sources: Sequence[SourceSpec] | None = None,
) -> Method:
    """Create a draft (for `method.owner`, one of the user's organisations) or change a method
    the user may edit; `nodes` and `sources`, when given, replace the template and sources."""
    if method.pk is None:
        if not method.owner_id or not _is_member(user, method.owner_id):
            raise NotAllowed(
                _("A method is proposed on behalf of an organisation you are a member of.")
            )
        method.status = MethodStatus.DRAFT
        method.created_by = acting_user(user)
        before = None
    else:
        current = Method.objects.select_for_update().get(pk=method.pk)
        if not can_edit_method(user, current):
            raise NotAllowed(_("You may not change this method."))
        if method.owner_id != current.owner_id or method.status != current.status:
            raise MethodError(_("The organisation and the status change only through review."))
        before = snapshot(current)
    _check_fields(method)
    if not method.slug or (before is None):
        method.slug = _unique_slug(method.name, method.pk)
    method.save()
    _replace_children(method, nodes, sources)
    _record(user, method, HistoryAction.UPDATE if before else HistoryAction.CREATE, before)
    return method


def missing_for_proposal(method: Method) -> list[str]:
    """What a method still lacks before curators can review it (empty: nothing)."""
    missing = []
    if not method.summary.strip():
        missing.append(_("a summary"))
    if not method.problem.strip():
        missing.append(_("the problem it addresses"))
    if not method.target_group.strip():
        missing.append(_("the target group"))
    stages = {n.stage for n in method.template_nodes.all()}
    if Stage.NEED not in stages:
        missing.append(_("a need in the effect-logic template"))
    if Stage.ACTIVITY not in stages:
        missing.append(_("an activity in the effect-logic template"))
    if not stages & set(OUTCOME_STAGES):
        missing.append(_("an outcome in the effect-logic template"))
    return missing


def _transition(
    user: Any, method: Method, *, to: str, allowed_from: tuple[str, ...], **fields: Any
) -> Method:
    current = Method.objects.select_for_update().get(pk=method.pk)
    if current.status not in allowed_from:
        raise MethodError(
            _("The method is “%(status)s”: that cannot be done now.")
            % {"status": current.get_status_display()}
        )
    before = snapshot(current)
    current.status = to
    for name, value in fields.items():
        setattr(current, name, value)
    _no_personal_numbers(current.review_comment)
    current.save()
    _record(user, current, HistoryAction.UPDATE, before)
    return current


@transaction.atomic
def propose_method(*, user: Any, method: Method) -> Method:
    """A draft goes to the curators; what it lacks is said first."""
    if not _is_member(user, method.owner_id):
        raise NotAllowed(_("Only members of the proposing organisation propose its method."))
    missing = missing_for_proposal(method)
    if missing:
        raise MethodError(
            _("Before the curators can review the method, add %(missing)s.")
            % {"missing": ", ".join(missing)}
        )
    return _transition(
        user,
        method,
        to=MethodStatus.PROPOSED,
        allowed_from=(MethodStatus.DRAFT,),
        proposed_at=timezone.now(),
        review_comment="",
    )


@transaction.atomic
def publish_method(
    *, user: Any, method: Method, evidence_level: int | None = None, comment: str = ""
) -> Method:
    """A curator publishes a proposed method, at the evidence level the curator sets."""
    _require_curator(user)
    level = method.evidence_level if evidence_level is None else evidence_level
    if level not in EvidenceLevel.values:
        raise MethodError(_("Choose one of the levels of the evidence ladder."))
    return _transition(
        user,
        method,
        to=MethodStatus.PUBLISHED,
        allowed_from=(MethodStatus.PROPOSED,),
        evidence_level=level,
        review_comment=comment.strip(),
        reviewed_by=acting_user(user),
        published_at=timezone.now(),
    )


@transaction.atomic
def return_method(*, user: Any, method: Method, comment: str) -> Method:
    """A curator returns a proposal to its organisation as a draft, saying what to change."""
    _require_curator(user)
    if not comment.strip():
        raise MethodError(_("Say what the proposing organisation should change."))
    return _transition(
        user,
        method,
        to=MethodStatus.DRAFT,
        allowed_from=(MethodStatus.PROPOSED,),
        review_comment=comment.strip(),
        reviewed_by=acting_user(user),
    )


@transaction.atomic
def withdraw_method(*, user: Any, method: Method, comment: str) -> Method:
    """A curator withdraws a published method (its page stays, marked, for the initiatives
    that use it), saying why."""
    _require_curator(user)
    if not comment.strip():
        raise MethodError(_("Say why the method is withdrawn."))
    return _transition(
        user,
        method,
        to=MethodStatus.WITHDRAWN,
        allowed_from=(MethodStatus.PUBLISHED,),
        review_comment=comment.strip(),
        reviewed_by=acting_user(user),
    )


@transaction.atomic
def republish_method(*, user: Any, method: Method) -> Method:
    _require_curator(user)
    return _transition(
        user,
        method,
        to=MethodStatus.PUBLISHED,
        allowed_from=(MethodStatus.WITHDRAWN,),
        review_comment="",
        reviewed_by=acting_user(user),
        published_at=timezone.now(),
    )


@transaction.atomic
def delete_draft(*, user: Any, method: Method) -> None:
    """The proposing organisation deletes a draft never published; the history keeps it."""
    current = Method.objects.select_for_update().get(pk=method.pk)
    if current.status != MethodStatus.DRAFT or not _is_member(user, current.owner_id):
        raise NotAllowed(_("Only a draft is deleted, by its organisation."))
    if current.published_at is not None or current.initiatives.exists():
        raise MethodError(_("The method has been used or published: it stays in the library."))
    before = snapshot(current)
    record_any(
        user=acting_user(user),
        obj=current,
        action=HistoryAction.DELETE,
        before=before,
        after=None,
        via=HistoryChannel.WEB,
    )
    current.delete()


# --- initiatives from a method ----------------------------------------------------------------


def _require_published(method: Method) -> None:
    # As stored now: the object in hand may be older than a curator's withdrawal.
    status = Method.objects.filter(pk=method.pk).values_list("status", flat=True).first()
    if status != MethodStatus.PUBLISHED:
        raise MethodError(_("Only a published method is used by initiatives."))


@transaction.atomic
def start_initiative(
    *,
    user: Any,
    method: Method,
    programme: Programme,
    name: str,
    owner: Organisation | None = None,
) -> Initiative:
    """A new initiative in `programme` linked to the method, with the method's effect-logic
    template copied as its effect logic: each box linked to the boxes of the nearest earlier
    stage; outcomes carry the suggested indicator, their baselines and targets are left for
    the programme to set. The user edits all of it afterwards."""
    _require_published(method)
    name = name.strip() or method.name
    _no_personal_numbers(name)
    initiative = Initiative(
        programme=programme,
        name=name[:200],
        owner=owner or programme.owner,
        target_group=method.target_group,
        method=method.summary,
        description=method.problem,
        method_ref=method,
    )
    initiative = initiative_services.save_initiative(user=user, initiative=initiative)
    made: dict[str, list[EffectNode]] = {}
    template = list(method.template_nodes.select_related("indicator").order_by("position", "id"))
    for stage in [*CHAIN, Stage.ASSUMPTION]:
        earlier: list[EffectNode] = []
        if stage in CHAIN:
            for previous in reversed(CHAIN[: CHAIN.index(stage)]):
                if made.get(previous):
                    earlier = made[previous]
                    break
        for node in (n for n in template if n.stage == stage):
            created = initiative_services.create_node(
                user=user,
                initiative=initiative,
                data=initiative_services.NodeData(
                    stage=stage,
                    text=node.text,
                    indicator=node.indicator if stage in OUTCOME_STAGES else None,
                    comes_from=tuple(earlier),
                ),
            )
            made.setdefault(stage, []).append(created)
    return initiative


@transaction.atomic
def link_initiative(*, user: Any, initiative: Initiative, method: Method | None) -> Initiative:
    """Say that an existing initiative uses `method` (None: no method of the library)."""
    if method is not None:
        _require_published(method)
    initiative = Initiative.objects.select_related("programme").get(pk=initiative.pk)
    initiative.method_ref = method
    return initiative_services.save_initiative(user=user, initiative=initiative)


# --- participants and results -----------------------------------------------------------------


def participation_snapshot(p: Participation) -> dict[str, Any]:
    return model_snapshot(p)


@transaction.atomic
def record_participation(
    *,
    user: Any,
    initiative: Initiative,
    year: int,
    participants: int,
    reached_outcome: int | None,
    cost_sek: int | None,
    source: str,
) -> Participation:
    """The participants, those who reached the outcome and the cost of one year; a second
    record for the same year replaces the first (both stay in the history)."""
    if not can_edit_as_partner(user, initiative.programme, initiative.owner_id):
        raise NotAllowed(
            _(
                "Participants are recorded by editors of the programme's owner or of the "
                "organisation that runs the initiative."
            )
        )
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise MethodError(_("Give the year, like 2024."))
    if participants < 0 or (reached_outcome is not None and reached_outcome < 0):
        raise MethodError(_("Counts of people cannot be negative."))
    if reached_outcome is not None and reached_outcome > participants:
        raise MethodError(
            _("More participants reached the outcome than took part: check the two numbers.")
        )
    if cost_sek is not None and cost_sek < 0:
        raise MethodError(_("The cost cannot be negative."))
    source = source.strip()
    if not source:
        raise MethodError(_("Say where the figures come from (the source)."))
    _no_personal_numbers(source)
    existing = Participation.objects.filter(initiative=initiative, year=year).first()
    before = participation_snapshot(existing) if existing else None
    p = existing or Participation(initiative=initiative, year=year)
    p.participants, p.reached_outcome, p.cost_sek = participants, reached_outcome, cost_sek
    p.source, p.recorded_by = source[:300], acting_user(user)
    p.save()
    after = participation_snapshot(p)
    if before != after:
        record_change(
            user=user,
            programme=initiative.programme_id,
            obj=p,
            action=ChangeAction.UPDATE if existing else ChangeAction.CREATE,
            before=before,
            after=after,
        )
    return p


@transaction.atomic
def delete_participation(*, user: Any, participation: Participation) -> None:
    initiative = participation.initiative
    if not can_edit_as_partner(user, initiative.programme, initiative.owner_id):
        raise NotAllowed(_("You may not change this initiative's participants."))
    record_change(
        user=user,
        programme=initiative.programme_id,
        obj=participation,
        action=ChangeAction.DELETE,
        before=participation_snapshot(participation),
        after=None,
    )
    participation.delete()
