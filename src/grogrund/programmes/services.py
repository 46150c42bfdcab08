"""Writes for programmes. Every change to a goal or a measurement writes a ChangeLog entry
(who, when, before and after) in the same transaction."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.translation import gettext as _

from grogrund.accounts.access import (
    can_edit_as_partner,
    can_edit_for,
    can_edit_programme,
    partner_organisations_for,
)
from grogrund.accounts.channel import current_channel, in_channel
from grogrund.accounts.models import HistoryChannel, Organisation, Visibility
from grogrund.areas.models import Area, Indicator
from grogrund.engine.errors import ModelError
from grogrund.engine.targets import goal_from_gap
from grogrund.programmes.measurement_files import MeasurementLine
from grogrund.programmes.models import (
    ChangeAction,
    ChangeLog,
    Goal,
    Measurement,
    Programme,
    StepState,
    StepStatus,
)
from grogrund.programmes.selectors import GapFacts, StatisticsPoint
from grogrund.programmes.steps import STEPS_BY_CODE


class ProgrammeError(Exception):
    """Something the user asked for that cannot be done; the message is for the user."""


class NotAllowed(ProgrammeError):
    pass


def _require_editor(
    user: Any, programme: Programme | None = None, owner: Organisation | None = None
) -> None:
    org = owner if owner is not None else programme.owner if programme is not None else None
    if org is None or not can_edit_for(user, org):
        raise NotAllowed(
            _(
                "You need the role editor or administrator in the owner "
                "organisation to change this programme."
            )
        )


def acting_user(user: Any) -> Any:
    """The user to record as author of a change: None for an anonymous or missing user."""
    return user if getattr(user, "is_authenticated", False) else None


def snapshot(obj: Any) -> dict[str, Any]:
    """The fields of a model object as JSON-safe values, for the change history."""
    data = model_to_dict(obj)
    data["id"] = obj.pk
    out: dict[str, Any] = {}
    for k, v in data.items():
        if hasattr(v, "pk"):
            continue
        if isinstance(v, list):
            v = [getattr(x, "pk", x) for x in v]
        elif isinstance(v, Decimal):
            v = str(v)
        elif isinstance(v, (date, datetime)):
            v = v.isoformat()
        out[k] = v
    return out


def record_change(
    *,
    user: Any,
    programme: Programme | int,
    obj: Any,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    goal: Goal | None = None,
    via: str = "",
) -> ChangeLog:
    """Keep one change (who, when, through what, before, after) of any object in a programme.
    Call it in the same transaction as the change; `history_for(obj)` in selectors reads it
    back. The channel is the one of the request or import under way
    (grogrund.accounts.channel); `via` only when none is."""
    return ChangeLog.objects.create(
        via=current_channel() or via,
        programme_id=programme if isinstance(programme, int) else programme.pk,
        goal=goal,
        object_type=type(obj).__name__.lower(),
        object_id=obj.pk,
        action=action,
        user=acting_user(user),
        before=before,
        after=after,
    )


def record_deletions(*, user: Any, programme: Programme | int, objects: Iterable[Any]) -> None:
    """Keep the deletion of each of `objects` (what it was, who deleted it, when); call it
    before deleting them, in the same transaction."""
    for obj in objects:
        record_change(
            user=user,
            programme=programme,
            obj=obj,
            action=ChangeAction.DELETE,
            before=snapshot(obj),
            after=None,
        )


_snapshot = snapshot


def _log(
    *,
    user: Any,
    obj: Goal | Measurement,
    goal: Goal,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> ChangeLog:
    return record_change(
        user=user,
        programme=goal.programme_id,
        obj=obj,
        goal=goal,
        action=action,
        before=before,
        after=after,
    )


@transaction.atomic
def save_programme(
    *, user: Any, programme: Programme, areas: Iterable[Area], shared_with: Iterable[Organisation]
) -> Programme:
    """Create or change a programme; the user must be an editor of its owner (and of the
    previous owner when it changes hands)."""
    before = None
    if programme.pk:
        previous = Programme.objects.get(pk=programme.pk)
        _require_editor(user, owner=previous.owner)
        before = snapshot(previous)
    _require_editor(user, owner=programme.owner)
    areas = list(areas)
    if not areas:
        raise ProgrammeError(_("A programme needs at least one area."))
    programme.save()
    programme.areas.set(areas)
    programme.shared_with.set(list(shared_with))
    programme.__dict__.pop("_grogrund_partner_ids", None)
    after = snapshot(programme)
    if before != after:
        record_change(
            user=user,
            programme=programme,
            obj=programme,
            action=ChangeAction.UPDATE if before else ChangeAction.CREATE,
            before=before,
            after=after,
        )
    return programme


@transaction.atomic
def set_visibility(*, user: Any, programme: Programme, visibility: str) -> Programme:
    """Share the programme deliberately: only its owner (private), named partners, the
    national network or everyone (public). Only editors of the owner may; the change is kept
    in the programme's history."""
    _require_editor(user, programme)
    if visibility not in Visibility.values:
        raise ProgrammeError(_("There is no such level of sharing."))
    if programme.visibility == visibility:
        return programme
    before = snapshot(programme)
    programme.visibility = visibility
    programme.save(update_fields=["visibility"])
    record_change(
        user=user,
        programme=programme,
        obj=programme,
        action=ChangeAction.UPDATE,
        before=before,
        after=snapshot(programme),
    )
    return programme


@transaction.atomic
def set_step_status(
    *, user: Any, programme: Programme, step: str, status: str, note: str = ""
) -> StepStatus:
    _require_editor(user, programme)
    if step not in STEPS_BY_CODE:
        raise ProgrammeError(_("There is no such step."))
    row, created = StepStatus.objects.get_or_create(programme=programme, step=step)
    before = None if created else snapshot(row)
    row.status = StepState(status)
    row.note = note
    row.marked_by = user
    row.marked_at = timezone.now()
    row.save()
    record_change(
        user=user,
        programme=programme,
        obj=row,
        action=ChangeAction.CREATE if created else ChangeAction.UPDATE,
        before=before,
        after=snapshot(row),
    )
    return row


@transaction.atomic
def create_goal(
    *,
    user: Any,
    programme: Programme,
    area: Area,
    indicator: Indicator,
    facts: GapFacts,
    deadline_year: int,
    share_of_gap: float | None = None,
    fixed_count: int | None = None,
) -> Goal:
    """A goal from the gap to the reference area (handslag arithmetic, engine.targets):
    close `share_of_gap` (0–1) of the gap in people, or a fixed number of people, by
    `deadline_year`, starting from the facts of the baseline year. Facts without a
    comparison value allow only a fixed number (the goal then has no reference and no gap)."""
    _require_editor(user, programme)
    if not programme.areas.filter(pk=area.pk).exists():
        raise ProgrammeError(_("The area is not part of this programme."))
    if deadline_year <= facts.year:
        raise ProgrammeError(_("The deadline year must come after the baseline year."))
    if (share_of_gap is None) == (fixed_count is None):
        raise ProgrammeError(_("Give either a part of the gap or a fixed number of people."))
    if not facts.has_comparison and fixed_count is None:
        raise ProgrammeError(
            _(
                "There is no comparison value, so there is no gap to close a part of: give a "
                "fixed number of people, or import the comparison area's figure."
            )
        )
    try:
        result = goal_from_gap(
            facts.area_share,
            facts.reference_share,
            facts.base,
            indicator.direction,
            share_of_gap=share_of_gap,
            fixed_count=fixed_count,
        )
    except ModelError as err:
        # The engine refuses what the form lets through: a share or a target outside 0–100 %.
        raise ProgrammeError(_("The goal would take the share outside 0–100 %.")) from err
    goal = Goal.objects.create(
        programme=programme,
        area=area,
        indicator=indicator,
        reference_area=facts.reference_area,
        direction=indicator.direction,
        baseline_year=facts.year,
        deadline_year=deadline_year,
        baseline_share=facts.area_share,
        reference_share=facts.reference_share,
        base=facts.base,
        people_needed=result.people_needed,
        share_of_gap=result.share_of_gap,
        fixed_count=fixed_count,
        target_count=result.count,
        target_share=result.target_share,
        created_by=acting_user(user),
    )
    _log(
        user=user,
        obj=goal,
        goal=goal,
        action=ChangeAction.CREATE,
        before=None,
        after=_snapshot(goal),
    )
    return goal


@transaction.atomic
def change_deadline(*, user: Any, goal: Goal, deadline_year: int) -> Goal:
    _require_editor(user, goal.programme)
    if deadline_year <= goal.baseline_year:
        raise ProgrammeError(_("The deadline year must come after the baseline year."))
    before = _snapshot(goal)
    goal.deadline_year = deadline_year
    goal.save(update_fields=["deadline_year"])
    _log(
        user=user,
        obj=goal,
        goal=goal,
        action=ChangeAction.UPDATE,
        before=before,
        after=_snapshot(goal),
    )
    return goal


def _require_partner_editor(user: Any, programme: Programme, organisation_id: int) -> None:
    if not can_edit_as_partner(user, programme, organisation_id):
        raise NotAllowed(
            _(
                "You may record measurements only for your own organisation, as an editor or "
                "administrator of the programme's owner or of one of its partners."
            )
        )


def default_organisation(user: Any, programme: Programme) -> Organisation | None:
    """The organisation a measurement is recorded for when none is named: the owner for the
    owner's editors, else the one partner organisation the user edits for."""
    if can_edit_programme(user, programme):
        return programme.owner
    choices = list(partner_organisations_for(user, programme))
    return choices[0] if len(choices) == 1 else None


def _share(value: float | None, numerator: float | None, denominator: float | None) -> float:
    if value is None:
        if numerator is None or not denominator:
            raise ProgrammeError(_("Give a value, or a numerator and a denominator."))
        value = numerator / denominator
    if not 0.0 <= value <= 1.0:
        raise ProgrammeError(_("The value must be a share between 0 and 100 %."))
    return value


def _record(
    *,
    user: Any,
    goal: Goal,
    year: int,
    value: float,
    numerator: float | None,
    denominator: float | None,
    source: str,
    organisation_id: int,
    existing: Measurement | None,
) -> tuple[Measurement, str]:
    """Write one measurement the caller has checked; returns it and what happened
    ("created", "updated" or "unchanged")."""
    m = existing or Measurement(goal=goal, year=year)
    before = _snapshot(existing) if existing else None
    m.value, m.numerator, m.denominator, m.source = value, numerator, denominator, source
    m.organisation_id = organisation_id
    if existing is not None:
        after = _snapshot(m)
        if before == after:
            return existing, "unchanged"
    m.recorded_by = acting_user(user)
    m.save()
    _log(
        user=user,
        obj=m,
        goal=goal,
        action=ChangeAction.UPDATE if existing else ChangeAction.CREATE,
        before=before,
        after=_snapshot(m),
    )
    return m, "updated" if existing else "created"


def _lock_goals(goal_ids: Iterable[int]) -> None:
    """Hold the goals' rows until the transaction ends, so two processes recording the same
    goal and year one after the other see each other's measurement (the second replaces the
    first) instead of both inserting and one failing on the (goal, year) uniqueness.
    PostgreSQL locks the rows; SQLite has one writer at a time anyway."""
    list(Goal.objects.select_for_update().filter(pk__in=sorted(goal_ids)).values_list("pk"))


def _check_replace(user: Any, goal: Goal, existing: Measurement | None, year: int) -> None:
    """A partner may not overwrite another organisation's measurement of the same year."""
    if existing is not None and not can_edit_as_partner(
        user, goal.programme, existing.organisation_id
    ):
        raise NotAllowed(
            _(
                "%(organisation)s already recorded the measurement for %(year)s; only they or "
                "the programme's owner may change it."
            )
            % {"organisation": existing.organisation.name, "year": year}
        )


@transaction.atomic
def record_measurement(
    *,
    user: Any,
    goal: Goal,
    year: int,
    value: float | None = None,
    numerator: float | None = None,
    denominator: float | None = None,
    source: str,
    organisation: Organisation | int | None = None,
) -> Measurement:
    """Record the area's value for `year` (a share 0–1, or numerator/denominator) for
    `organisation` (default: see `default_organisation`); a second measurement for the same
    year replaces the first, and both are kept in the history. Partners' editors record for
    their own organisation only, the owner's editors for any partner."""
    programme = goal.programme
    _lock_goals([goal.pk])
    existing = (
        Measurement.objects.select_related("organisation").filter(goal=goal, year=year).first()
    )
    if organisation is None and existing is not None:
        organisation = existing.organisation_id  # a correction stays the recorder's measurement
    if organisation is None:
        organisation = default_organisation(user, programme)
        if organisation is None:
            _require_editor(user, programme)
    org_id = organisation.pk if isinstance(organisation, Organisation) else int(organisation)
    _require_partner_editor(user, programme, org_id)
    value = _share(value, numerator, denominator)
    _check_replace(user, goal, existing, year)
    m, _what = _record(
        user=user,
        goal=goal,
        year=year,
        value=value,
        numerator=numerator,
        denominator=denominator,
        source=source,
        organisation_id=org_id,
        existing=existing,
    )
    return m


@transaction.atomic
def delete_measurement(*, user: Any, measurement: Measurement) -> None:
    goal = measurement.goal
    _require_partner_editor(user, goal.programme, measurement.organisation_id)
    before = _snapshot(measurement)
    _log(
        user=user, obj=measurement, goal=goal, action=ChangeAction.DELETE, before=before, after=None
    )
    measurement.delete()


@dataclass(frozen=True)
class MeasurementImport:
    created: int
    updated: int
    unchanged: int

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged


@in_channel(HistoryChannel.IMPORT)  # the history says: by an import
@transaction.atomic
def import_measurements(
    *,
    user: Any,
    programme: Programme,
    lines: Iterable[MeasurementLine],
    organisation: Organisation,
) -> MeasurementImport:
    """Record every line of a measurement file for `organisation`, all or nothing: the first
    line that may not be written stops the import and nothing is kept."""
    _require_partner_editor(user, programme, organisation.pk)
    lines = list(lines)
    _lock_goals({line.goal.pk for line in lines})
    existing = {
        (m.goal_id, m.year): m
        for m in Measurement.objects.select_related("organisation").filter(
            goal__programme=programme, goal_id__in={line.goal.pk for line in lines}
        )
    }
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for line in lines:
        if line.goal.programme_id != programme.pk:
            raise ProgrammeError(_("The goal is not part of this programme."))
        old = existing.get((line.goal.pk, line.year))
        if old is not None and not can_edit_as_partner(user, programme, old.organisation_id):
            raise NotAllowed(
                _(
                    "%(file)s, row %(row)s: %(organisation)s already recorded the measurement of "
                    "this goal for %(year)s; only they or the programme's owner may change it. "
                    "Delete the row and import again."
                )
                % {
                    "file": line.location.file,
                    "row": line.location.row,
                    "organisation": old.organisation.name,
                    "year": line.year,
                }
            )
        line.goal.programme = programme
        _m, what = _record(
            user=user,
            goal=line.goal,
            year=line.year,
            value=_share(line.value, line.numerator, line.denominator),
            numerator=line.numerator,
            denominator=line.denominator,
            source=line.source,
            organisation_id=organisation.pk,
            existing=old,
        )
        counts[what] += 1
    return MeasurementImport(**counts)


@transaction.atomic
def record_from_statistics(
    *,
    user: Any,
    goal: Goal,
    points: Iterable[StatisticsPoint],
    organisation: Organisation,
) -> MeasurementImport:
    """Record the chosen figures of the area's statistics (selectors.statistics_for_goal) as
    measurements, each with its source and year; the user confirmed them first."""
    programme = goal.programme
    _require_partner_editor(user, programme, organisation.pk)
    points = list(points)
    _lock_goals([goal.pk])
    existing = {
        m.year: m
        for m in Measurement.objects.select_related("organisation").filter(
            goal=goal, year__in=[p.year for p in points]
        )
    }
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for p in points:
        old = existing.get(p.year)
        _check_replace(user, goal, old, p.year)
        _m, what = _record(
            user=user,
            goal=goal,
            year=p.year,
            value=_share(p.value, None, None),
            numerator=p.numerator,
            denominator=p.denominator,
            source=p.label,
            organisation_id=organisation.pk,
            existing=old,
        )
        counts[what] += 1
    return MeasurementImport(**counts)
