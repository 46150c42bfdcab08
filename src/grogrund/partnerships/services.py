"""Writes for the partnership: readiness record, commitments and their signatures, and the
stakeholder links of the cost split. Every change is kept with record_change, in the same
transaction as the change itself."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grogrund.accounts.access import (
    can_edit_as_partner,
    can_edit_for,
    can_edit_programme,
    partner_ids,
)
from grogrund.accounts.models import Organisation
from grogrund.partnerships.models import (
    Commitment,
    CommitmentYear,
    ReadinessItem,
    ReadinessStatus,
    ReadinessTopic,
    StakeholderLink,
)
from grogrund.programmes.models import ChangeAction, Programme
from grogrund.programmes.services import (
    NotAllowed,
    ProgrammeError,
    acting_user,
    record_change,
    snapshot,
)

__all__ = ["NotAllowed", "ProgrammeError"]


def _require_programme_editor(user: Any, programme: Programme) -> None:
    if not can_edit_programme(user, programme):
        raise NotAllowed(
            _(
                "Only editors and administrators of %(owner)s, which leads the programme, "
                "can change this."
            )
            % {"owner": programme.owner.name}
        )


# --- readiness ------------------------------------------------------------------------------


@transaction.atomic
def save_readiness(
    *,
    user: Any,
    programme: Programme,
    topic: str,
    status: str,
    date: date | None,
    note: str,
) -> ReadinessItem | None:
    """Record where the programme stands on one readiness topic; a save that changes nothing
    writes nothing (and returns None)."""
    _require_programme_editor(user, programme)
    if topic not in ReadinessTopic.values:
        raise ProgrammeError(_("There is no such readiness topic."))
    if status not in ReadinessStatus.values:
        raise ProgrammeError(_("Choose missing, in progress or in place."))
    item = ReadinessItem.objects.filter(programme=programme, topic=topic).first()
    if item is None and status == ReadinessStatus.MISSING and date is None and not note:
        return None
    if item is not None and (item.status, item.date, item.note) == (status, date, note):
        return None
    before = snapshot(item) if item else None
    item = item or ReadinessItem(programme=programme, topic=topic)
    item.status, item.date, item.note = status, date, note
    item.recorded_by = acting_user(user)
    item.save()
    record_change(
        user=user,
        programme=programme,
        obj=item,
        action=ChangeAction.UPDATE if before else ChangeAction.CREATE,
        before=before,
        after=snapshot(item),
    )
    return item


@transaction.atomic
def save_readiness_record(
    *, user: Any, programme: Programme, values: list[tuple[str, str, date | None, str]]
) -> int:
    """Save every topic of the record at once (topic, status, date, note); all or nothing.
    Returns how many topics changed."""
    changed = 0
    for topic, status, when, note in values:
        item = save_readiness(
            user=user, programme=programme, topic=topic, status=status, date=when, note=note
        )
        changed += item is not None
    return changed


# --- commitments ----------------------------------------------------------------------------


@dataclass(frozen=True)
class YearInput:
    year: int
    money_sek: int = 0
    staff_hours: float = 0.0
    in_kind_sek: int = 0

    @property
    def is_empty(self) -> bool:
        return not (self.money_sek or self.staff_hours or self.in_kind_sek)


def commitment_snapshot(commitment: Commitment) -> dict[str, Any]:
    """The commitment with its years, for the history."""
    data = snapshot(commitment)
    data.pop("updated_at", None)
    data["organisation"] = commitment.organisation_id
    data["years"] = [
        {
            "year": y.year,
            "money_sek": y.money_sek,
            "staff_hours": y.staff_hours,
            "in_kind_sek": y.in_kind_sek,
        }
        for y in commitment.years.order_by("year")
    ]
    return data


def _refuse_other_partner(user: Any, programme: Programme, organisation: Organisation) -> None:
    if organisation.pk not in partner_ids(programme):
        raise NotAllowed(
            _("%(org)s is not a partner in this programme.") % {"org": organisation.name}
        )
    if not can_edit_as_partner(user, programme, organisation):
        raise NotAllowed(
            _(
                "You can record commitments only for your own organisation. The commitment of "
                "%(org)s is recorded by its editors or by the editors of %(owner)s, which leads "
                "the programme."
            )
            % {"org": organisation.name, "owner": programme.owner.name}
        )


@transaction.atomic
def save_commitment(
    *,
    user: Any,
    programme: Programme,
    organisation: Organisation,
    years: list[YearInput],
    hourly_cost_sek: int,
    in_kind_description: str = "",
    note: str = "",
) -> Commitment:
    """Create or change what `organisation` commits, year by year (years with nothing are
    dropped). A partner's editor changes only its own organisation's commitment; the owner's
    editors change any partner's. Changing a signed commitment withdraws the signature."""
    _refuse_other_partner(user, programme, organisation)
    if hourly_cost_sek < 0:
        raise ProgrammeError(_("The hourly cost cannot be negative."))
    seen: set[int] = set()
    for y in years:
        if y.year in seen:
            raise ProgrammeError(_("The year %(year)s is given twice.") % {"year": y.year})
        seen.add(y.year)
        if y.money_sek < 0 or y.staff_hours < 0 or y.in_kind_sek < 0:
            raise ProgrammeError(
                _("%(year)s: amounts and hours cannot be negative.") % {"year": y.year}
            )
    commitment = (
        Commitment.objects.select_for_update()
        .filter(programme=programme, organisation=organisation)
        .first()
    )
    before = commitment_snapshot(commitment) if commitment else None
    if commitment is None:
        commitment = Commitment(programme=programme, organisation=organisation)
    commitment.hourly_cost_sek = hourly_cost_sek
    commitment.in_kind_description = in_kind_description
    commitment.note = note
    commitment.save()
    kept = [y for y in years if not y.is_empty]
    commitment.years.exclude(year__in=[y.year for y in kept]).delete()
    for y in kept:
        CommitmentYear.objects.update_or_create(
            commitment=commitment,
            year=y.year,
            defaults={
                "money_sek": y.money_sek,
                "staff_hours": y.staff_hours,
                "in_kind_sek": y.in_kind_sek,
            },
        )
    after = commitment_snapshot(commitment)
    if before is not None and _same(before, after):
        return commitment
    if commitment.is_signed:
        # What was signed is no longer what is committed: the partner signs again.
        commitment.signed_by = None
        commitment.signed_at = None
        commitment.save(update_fields=["signed_by", "signed_at", "updated_at"])
        after = commitment_snapshot(commitment)
    record_change(
        user=user,
        programme=programme,
        obj=commitment,
        action=ChangeAction.UPDATE if before else ChangeAction.CREATE,
        before=before,
        after=after,
    )
    return commitment


def _same(before: Mapping[str, Any], after: Mapping[str, Any]) -> bool:
    return dict(before) == dict(after)


def can_sign(user: Any, programme: Programme, organisation: Organisation | int) -> bool:
    """A partner signs its own commitment: an editor of that organisation, which must be the
    owner or a partner of the programme (the owner's editors do not sign for others)."""
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    return org_id in partner_ids(programme) and can_edit_for(user, org_id)


def signing_fingerprint(commitment: Commitment) -> str:
    """A digest of what a signature covers (the years and amounts, the hourly cost, what is
    given in kind, the note): the confirmation page sends it back, so that a person signs
    exactly what was shown to them."""
    data = commitment_snapshot(commitment)
    for key in ("signed_by", "signed_at", "id"):
        data.pop(key, None)
    encoded = json.dumps(data, sort_keys=True, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()


@transaction.atomic
def sign_commitment(*, user: Any, commitment: Commitment, shown: str | None = None) -> Commitment:
    """Sign `commitment` for its organisation. `shown`: the signing_fingerprint of what the
    person read on the confirmation page; refused when the commitment has changed since."""
    programme = commitment.programme
    if not can_sign(user, programme, commitment.organisation_id):
        raise NotAllowed(
            _("Only an editor of %(org)s can sign its commitment.")
            % {"org": commitment.organisation.name}
        )
    if not commitment.years.exists():
        raise ProgrammeError(_("There is nothing to sign yet: record the commitment first."))
    if commitment.is_signed:
        return commitment
    if shown is not None:
        # Read again under a lock: a change saved while the person read must not be signed.
        locked = Commitment.objects.select_for_update().get(pk=commitment.pk)
        if signing_fingerprint(locked) != shown:
            raise ProgrammeError(
                _(
                    "The commitment changed while you read it. Read what it says now and "
                    "confirm again."
                )
            )
    before = commitment_snapshot(commitment)
    commitment.signed_by = user
    commitment.signed_at = timezone.now()
    commitment.save(update_fields=["signed_by", "signed_at", "updated_at"])
    record_change(
        user=user,
        programme=programme,
        obj=commitment,
        action=ChangeAction.UPDATE,
        before=before,
        after=commitment_snapshot(commitment),
    )
    return commitment


def can_delete_commitment(
    user: Any, programme: Programme, organisation: Organisation | int
) -> bool:
    """The owner's editors delete any commitment to the programme (also one of an organisation
    that is no longer a partner); a partner's editor only its own organisation's."""
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    return can_edit_programme(user, programme) or can_edit_as_partner(user, programme, org_id)


def not_yours_to_delete(programme: Programme, organisation: Organisation) -> str:
    return _(
        "You can delete commitments only for your own organisation. The commitment of "
        "%(org)s is deleted by its editors or by the editors of %(owner)s, which leads "
        "the programme."
    ) % {"org": organisation.name, "owner": programme.owner.name}


@transaction.atomic
def delete_commitment(*, user: Any, commitment: Commitment) -> None:
    """Delete a commitment with its years (and its signature). What it was is kept in the
    programme's history, so the common budget and the cost split no longer count it but the
    record of it stays."""
    programme = commitment.programme
    organisation = commitment.organisation
    if not can_delete_commitment(user, programme, organisation):
        raise NotAllowed(not_yours_to_delete(programme, organisation))
    locked = Commitment.objects.select_for_update().filter(pk=commitment.pk).first()
    if locked is None:
        raise ProgrammeError(
            _("The commitment of %(org)s has already been deleted.") % {"org": organisation.name}
        )
    record_change(
        user=user,
        programme=programme,
        obj=locked,
        action=ChangeAction.DELETE,
        before=commitment_snapshot(locked),
        after=None,
    )
    locked.delete()


# --- stakeholder links ----------------------------------------------------------------------


@transaction.atomic
def save_stakeholder_links(
    *, user: Any, programme: Programme, links: Mapping[str, Organisation | None]
) -> None:
    """Which partner stands for which stakeholder of the valuation (None: no partner). Only the
    owner's editors decide it; the organisations must be partners of the programme."""
    _require_programme_editor(user, programme)
    allowed = partner_ids(programme)
    for stakeholder, org in links.items():
        if org is not None and org.pk not in allowed:
            raise ProgrammeError(
                _("%(org)s is not a partner in this programme.") % {"org": org.name}
            )
        link = StakeholderLink.objects.filter(programme=programme, stakeholder=stakeholder).first()
        if link is not None and link.organisation_id == (org.pk if org else None):
            continue
        before = snapshot(link) if link else None
        link = link or StakeholderLink(programme=programme, stakeholder=stakeholder)
        link.organisation = org
        link.save()
        record_change(
            user=user,
            programme=programme,
            obj=link,
            action=ChangeAction.UPDATE if before else ChangeAction.CREATE,
            before=before,
            after=snapshot(link),
        )
