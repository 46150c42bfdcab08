"""Writes for initiatives, their effect logic and outcome follow-up. Each is atomic and keeps
the change (who, when, before, after) with programmes.services.record_change."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from grogrund.accounts.access import can_edit_as_partner, can_edit_programme, partner_ids
from grogrund.accounts.channel import in_channel
from grogrund.accounts.models import HistoryChannel
from grogrund.areas.models import Indicator
from grogrund.initiatives.models import (
    CHAIN,
    OUTCOME_STAGES,
    EffectLink,
    EffectNode,
    Initiative,
    OutcomeMeasurement,
    Stage,
)
from grogrund.initiatives.outcome_files import OutcomeLine
from grogrund.programmes.models import ChangeAction, Goal, Programme
from grogrund.programmes.services import (
    NotAllowed,
    ProgrammeError,
    acting_user,
    record_change,
    record_deletions,
    snapshot,
)

__all__ = [
    "InitiativeError",
    "NodeData",
    "NotAllowed",
    "create_node",
    "delete_initiative",
    "delete_measurement",
    "delete_node",
    "import_outcome_values",
    "record_measurement",
    "save_initiative",
    "take_from_statistics",
    "update_node",
]


class InitiativeError(ProgrammeError):
    """Something the user asked for that cannot be done; the message is for the user."""


def _require_editor(user: Any, programme: Programme) -> None:
    if not can_edit_programme(user, programme):
        raise NotAllowed(
            _(
                "You need the role editor or administrator in the programme's owner "
                "organisation to change its initiatives."
            )
        )


@transaction.atomic
def save_initiative(*, user: Any, initiative: Initiative) -> Initiative:
    """Create or change an initiative; it is run by the programme's owner or a partner."""
    programme = initiative.programme
    _require_editor(user, programme)
    if initiative.owner_id not in partner_ids(programme):
        raise InitiativeError(
            _("The responsible organisation must be the programme's owner or one of its partners.")
        )
    if initiative.budget is not None and initiative.budget < 0:
        raise InitiativeError(_("The budget cannot be negative."))
    before = None
    if initiative.pk:
        previous = Initiative.objects.get(pk=initiative.pk)
        if previous.programme_id != programme.pk:
            raise InitiativeError(_("An initiative cannot move to another programme."))
        before = snapshot(previous)
    else:
        initiative.created_by = acting_user(user)
    initiative.save()
    record_change(
        user=user,
        programme=programme,
        obj=initiative,
        action=ChangeAction.UPDATE if before else ChangeAction.CREATE,
        before=before,
        after=snapshot(initiative),
    )
    return initiative


@dataclass(frozen=True)
class NodeData:
    """What a person gives for a node. Outcome fields are kept only for outcomes; values are in
    the indicator's scale (shares 0–1)."""

    stage: str
    text: str
    indicator: Indicator | None = None
    baseline_value: float | None = None
    baseline_year: int | None = None
    target_value: float | None = None
    target_year: int | None = None
    goal: Goal | None = None
    comes_from: tuple[EffectNode, ...] = ()
    leads_to: tuple[EffectNode, ...] = ()


def _apply(node: EffectNode, data: NodeData) -> None:
    text = data.text.strip()
    if not text:
        raise InitiativeError(_("Write what the box says."))
    if data.stage not in Stage.values:
        raise InitiativeError(_("There is no such stage in an effect logic."))
    node.stage = data.stage
    node.text = text
    outcome = data.stage in OUTCOME_STAGES
    if outcome and data.goal is not None and data.goal.programme_id != node.initiative.programme_id:
        raise InitiativeError(_("The goal belongs to another programme."))
    node.indicator = data.indicator if outcome else None
    node.baseline_value = data.baseline_value if outcome else None
    node.baseline_year = data.baseline_year if outcome else None
    node.target_value = data.target_value if outcome else None
    node.target_year = data.target_year if outcome else None
    node.goal = data.goal if outcome else None


def _check_link(source: EffectNode, target: EffectNode) -> None:
    if source.initiative_id != target.initiative_id:
        raise InitiativeError(_("A link must stay within one initiative's effect logic."))
    if source.pk == target.pk:
        raise InitiativeError(_("A box cannot lead to itself."))
    if Stage.ASSUMPTION in (source.stage, target.stage):
        raise InitiativeError(_("Assumptions stand beside the chain and are not linked."))
    if CHAIN.index(Stage(target.stage)) < CHAIN.index(Stage(source.stage)):
        raise InitiativeError(
            _(
                "“%(a)s” cannot lead to “%(b)s”: links go forwards, from need to activities, "
                "outputs, outcomes and impact."
            )
            % {"a": source.text, "b": target.text}
        )


def _set_links(*, user: Any, node: EffectNode, data: NodeData) -> None:
    """Make the node's incoming and outgoing links exactly those asked for."""
    programme_id = node.initiative.programme_id
    wanted = {(s.pk, node.pk): (s, node) for s in data.comes_from}
    wanted.update({(node.pk, t.pk): (node, t) for t in data.leads_to})
    if node.stage == Stage.ASSUMPTION:
        wanted = {}
    existing = {
        (link.source_id, link.target_id): link
        for link in EffectLink.objects.filter(Q(source=node) | Q(target=node))
    }
    for key, link in existing.items():
        if key not in wanted:
            record_change(
                user=user,
                programme=programme_id,
                obj=link,
                action=ChangeAction.DELETE,
                before=snapshot(link),
                after=None,
            )
            EffectLink.objects.filter(pk=link.pk).delete()
    for key, (source, target) in wanted.items():
        _check_link(source, target)
        if key in existing:
            continue
        link = EffectLink.objects.create(initiative=node.initiative, source=source, target=target)
        record_change(
            user=user,
            programme=programme_id,
            obj=link,
            action=ChangeAction.CREATE,
            before=None,
            after=snapshot(link),
        )


@transaction.atomic
def create_node(*, user: Any, initiative: Initiative, data: NodeData) -> EffectNode:
    """Add a box to the effect logic, with the links from and to it."""
    _require_editor(user, initiative.programme)
    node = EffectNode(initiative=initiative)
    _apply(node, data)
    last = initiative.nodes.filter(stage=node.stage).aggregate(m=Max("position"))["m"]
    node.position = 0 if last is None else last + 1
    node.save()
    record_change(
        user=user,
        programme=initiative.programme_id,
        obj=node,
        action=ChangeAction.CREATE,
        before=None,
        after=snapshot(node),
    )
    _set_links(user=user, node=node, data=data)
    return node


@transaction.atomic
def update_node(*, user: Any, node: EffectNode, data: NodeData) -> EffectNode:
    _require_editor(user, node.initiative.programme)
    before = snapshot(node)
    if node.measurements.exists():
        # Measured values are in the indicator's unit: they would mean nothing after this.
        if data.stage not in OUTCOME_STAGES:
            raise InitiativeError(
                _("The outcome has measurements: remove them before it becomes another stage.")
            )
        if data.indicator is None or data.indicator.pk != node.indicator_id:
            raise InitiativeError(
                _(
                    "The outcome has measurements of its indicator: remove them before you "
                    "change the indicator, or add a new outcome."
                )
            )
    _apply(node, data)
    node.save()
    after = snapshot(node)
    if after != before:
        record_change(
            user=user,
            programme=node.initiative.programme_id,
            obj=node,
            action=ChangeAction.UPDATE,
            before=before,
            after=after,
        )
    _set_links(user=user, node=node, data=data)
    return node


@transaction.atomic
def delete_node(*, user: Any, node: EffectNode) -> None:
    """Remove a box with its links and measurements; all of it stays in the history."""
    _require_editor(user, node.initiative.programme)
    record_deletions(
        user=user,
        programme=node.initiative.programme_id,
        objects=[
            *EffectLink.objects.filter(Q(source=node) | Q(target=node)),
            *node.measurements.all(),
            node,
        ],
    )
    node.delete()


def _require_recorder(user: Any, initiative: Initiative) -> None:
    if not can_edit_as_partner(user, initiative.programme, initiative.owner_id):
        raise NotAllowed(
            _(
                "Outcomes are recorded by editors of the programme's owner or of the "
                "organisation that runs the initiative."
            )
        )


@transaction.atomic
def record_measurement(
    *, user: Any, outcome: EffectNode, year: int, value: float, source: str
) -> OutcomeMeasurement:
    """The measured value of the outcome's indicator in `year` (in its scale: shares 0–1); a
    second value for the same year replaces the first, and both stay in the history."""
    initiative = outcome.initiative
    _require_recorder(user, initiative)
    if outcome.stage not in OUTCOME_STAGES:
        raise InitiativeError(_("Only outcomes are measured."))
    if outcome.indicator is None:
        raise InitiativeError(_("Link the outcome to an indicator before recording values."))
    if outcome.indicator.kind == "share" and not 0.0 <= value <= 1.0:
        raise InitiativeError(_("The value must be a share between 0 and 100 %."))
    if not source.strip():
        raise InitiativeError(_("Say where the value comes from (the source)."))
    existing = OutcomeMeasurement.objects.filter(outcome=outcome, year=year).first()
    return _save_measurement(
        user=user, outcome=outcome, year=year, value=value, source=source, existing=existing
    )


def _save_measurement(
    *,
    user: Any,
    outcome: EffectNode,
    year: int,
    value: float,
    source: str,
    existing: OutcomeMeasurement | None,
) -> OutcomeMeasurement:
    initiative = outcome.initiative
    before = snapshot(existing) if existing else None
    m = existing or OutcomeMeasurement(initiative=initiative, outcome=outcome, year=year)
    m.value, m.source, m.recorded_by = value, source.strip(), acting_user(user)
    m.save()
    record_change(
        user=user,
        programme=initiative.programme_id,
        obj=m,
        action=ChangeAction.UPDATE if existing else ChangeAction.CREATE,
        before=before,
        after=snapshot(m),
    )
    return m


@dataclass(frozen=True)
class OutcomeImport:
    """What an outcome file did: rows read, values recorded, changed and left as they were."""

    rows: int
    created: int
    updated: int
    unchanged: int


@in_channel(HistoryChannel.IMPORT)  # the history says: by an import
@transaction.atomic
def import_outcome_values(
    *, user: Any, initiative: Initiative, lines: Iterable[OutcomeLine]
) -> OutcomeImport:
    """Record every line of an outcome file (outcome_files.read_outcome_values), all or
    nothing. A year that already has a value gets the file's value and source; a line equal to
    what is recorded changes nothing, so importing the same file twice changes nothing."""
    _require_recorder(user, initiative)
    lines = list(lines)
    existing = {
        (m.outcome_id, m.year): m
        for m in OutcomeMeasurement.objects.filter(
            outcome_id__in={line.outcome.pk for line in lines}
        )
    }
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for line in lines:
        outcome = line.outcome
        if outcome.initiative_id != initiative.pk or outcome.stage not in OUTCOME_STAGES:
            raise InitiativeError(_("Only the initiative's own outcomes are measured."))
        outcome.initiative = initiative
        old = existing.get((outcome.pk, line.year))
        source = line.source.strip()
        if old is not None and abs(old.value - line.value) < 1e-12 and old.source == source:
            counts["unchanged"] += 1
            continue
        _save_measurement(
            user=user,
            outcome=outcome,
            year=line.year,
            value=line.value,
            source=source,
            existing=old,
        )
        counts["updated" if old is not None else "created"] += 1
    return OutcomeImport(rows=len(lines), **counts)


@transaction.atomic
def delete_measurement(*, user: Any, measurement: OutcomeMeasurement) -> None:
    initiative = measurement.initiative
    _require_recorder(user, initiative)
    record_change(
        user=user,
        programme=initiative.programme_id,
        obj=measurement,
        action=ChangeAction.DELETE,
        before=snapshot(measurement),
        after=None,
    )
    measurement.delete()


@dataclass(frozen=True)
class TakenFromStatistics:
    recorded: int
    already_measured: int


@transaction.atomic
def take_from_statistics(
    *, user: Any, outcome: EffectNode, area_name: str, years: Iterable[Any]
) -> TakenFromStatistics:
    """Record the area's statistics (selectors.area_statistics) as the outcome's measurements
    for the years after its baseline year that have none yet; years already measured keep
    their value."""
    _require_recorder(user, outcome.initiative)
    have = set(outcome.measurements.values_list("year", flat=True))
    recorded = already = 0
    for y in years:
        if outcome.baseline_year is not None and y.year <= outcome.baseline_year:
            continue
        if y.year in have:
            already += 1
            continue
        record_measurement(
            user=user,
            outcome=outcome,
            year=y.year,
            value=y.value,
            source=f"{y.source} ({area_name})"[:300],
        )
        recorded += 1
    return TakenFromStatistics(recorded, already)


@transaction.atomic
def delete_initiative(*, user: Any, initiative: Initiative) -> None:
    """Remove an initiative with its effect logic, its outcome values and the valuations made
    of it (they are deleted with it); every one of them stays in the programme's history."""
    _require_editor(user, initiative.programme)
    record_deletions(
        user=user,
        programme=initiative.programme_id,
        objects=[
            *EffectLink.objects.filter(initiative=initiative).order_by("id"),
            *OutcomeMeasurement.objects.filter(initiative=initiative).order_by("id"),
            *EffectNode.objects.filter(initiative=initiative).order_by("id"),
            *initiative.valuations.order_by("id"),  # valuations.Valuation, on_delete=CASCADE
            initiative,
        ],
    )
    initiative.delete()
