"""This app's part of the demo programme (called from grogrund.programmes.demo): the readiness
record, each partner's commitment for 2022–2026 and the stakeholder links of the cost split,
for "Handslag Norrbacka (fiktivt)". Every figure is fictional."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from grogrund.accounts.models import Organisation, User
from grogrund.engine.errors import ModelError
from grogrund.partnerships.models import (
    Commitment,
    CommitmentYear,
    ReadinessItem,
    ReadinessStatus,
    ReadinessTopic,
    StakeholderLink,
)
from grogrund.partnerships.selectors import (
    default_partner,
    partners,
    programme_valuations,
    valuation_result,
)
from grogrund.partnerships.services import commitment_snapshot
from grogrund.programmes.models import ChangeAction, Programme
from grogrund.programmes.services import record_change, snapshot

YEARS = range(2022, 2027)

READINESS = [
    (
        ReadinessTopic.MUNICIPAL_WILL,
        ReadinessStatus.IN_PLACE,
        date(2021, 11, 15),
        "Kommunstyrelsen prioriterar Norrbacka i handlingsplanen för social hållbarhet "
        "(fiktivt beslut).",
    ),
    (
        ReadinessTopic.BOARD,
        ReadinessStatus.IN_PLACE,
        date(2021, 12, 9),
        "Styrelsen beslutade att delta i handslaget och avsätta medel 2022–2026.",
    ),
    (
        ReadinessTopic.MANAGEMENT,
        ReadinessStatus.IN_PLACE,
        date(2022, 1, 20),
        "Ledningsgruppen har utsett en ansvarig för social hållbarhet och ett områdesteam.",
    ),
    (
        ReadinessTopic.TENANT_DIALOGUE,
        ReadinessStatus.IN_PLACE,
        date(2022, 2, 14),
        "Dialogmöten med Hyresgästföreningen Norrbacka varje kvartal.",
    ),
    (
        ReadinessTopic.OWNER_DIRECTIVE,
        ReadinessStatus.IN_PLACE,
        date(2022, 4, 25),
        "Ägardirektivet 2022 ger bolaget i uppdrag att bidra till social hållbarhet i "
        "utsatta områden.",
    ),
    (
        ReadinessTopic.KNOWLEDGE_GAPS,
        ReadinessStatus.IN_PLACE,
        date(2022, 3, 1),
        "Kunskapsglapp: styrelsen och kommunens analytiker saknar vana vid socioekonomisk "
        "kalkyl och effektlogik.",
    ),
    (
        ReadinessTopic.TRAINING,
        ReadinessStatus.IN_PROGRESS,
        date(2022, 9, 15),
        "Utbildning i socioekonomisk kalkyl för styrelse och analytiker planerad hösten 2022.",
    ),
]

# slug: (hourly cost, in-kind description, money/year, hours/year, in kind/year, signer,
# signed on; None = not signed)
COMMITMENTS: dict[str, tuple[int, str, int, float, int, str | None, date | None]] = {
    "grobo-bostader": (
        450,
        "Lokal för mötesplatsen i Norrbacka",
        1_500_000,
        1_200.0,
        300_000,
        "anna",
        date(2022, 3, 10),
    ),
    "grobo-kommun": (500, "", 1_200_000, 800.0, 0, "karin", date(2022, 3, 10)),
    "exempel-fastigheter": (450, "", 300_000, 200.0, 0, "per", date(2022, 3, 24)),
    "norrbacka-hgf": (250, "Möteslokal och fika vid dialogmöten", 0, 400.0, 20_000, None, None),
    "idrott-for-alla": (
        300,
        "Idrottshallen på lovdagar",
        50_000,
        600.0,
        50_000,
        "",
        date(2022, 4, 2),
    ),
}

NOTES = {
    "idrott-for-alla": "Signerat på papper vid handslagsträffen (fiktivt).",
    "norrbacka-hgf": "Föreningen har lovat timmarna muntligt; underskrift väntar på årsmötet.",
}

#: The cost split of the demo: who stands for which stakeholder of the programme valuation.
LINKS = {"municipality": "grobo-kommun", "housing_company": "grobo-bostader"}


def build(programme: Programme) -> None:
    """Add this app's demo objects to the demo programme; running it twice changes nothing."""
    author = User.objects.filter(username="anna").first()
    _readiness(programme, author)
    _commitments(programme, author)
    _links(programme, author)


def _readiness(programme: Programme, author: Any) -> None:
    for topic, status, when, note in READINESS:
        item, created = ReadinessItem.objects.get_or_create(
            programme=programme,
            topic=topic,
            defaults={"status": status, "date": when, "note": note, "recorded_by": author},
        )
        if created:
            record_change(
                user=author,
                programme=programme,
                obj=item,
                action=ChangeAction.CREATE,
                before=None,
                after=snapshot(item),
            )


def _commitments(programme: Programme, author: Any) -> None:
    orgs = {o.slug: o for o in Organisation.objects.filter(slug__in=COMMITMENTS)}
    users = {u.username: u for u in User.objects.filter(username__in=["anna", "karin", "per"])}
    for slug, (
        hourly,
        in_kind_text,
        money,
        hours,
        in_kind,
        signer,
        signed_on,
    ) in COMMITMENTS.items():
        org = orgs.get(slug)
        if org is None or Commitment.objects.filter(programme=programme, organisation=org):
            continue
        commitment = Commitment.objects.create(
            programme=programme,
            organisation=org,
            hourly_cost_sek=hourly,
            in_kind_description=in_kind_text,
            note=NOTES.get(slug, ""),
            signed_by=users.get(signer or ""),
            signed_at=(
                datetime(signed_on.year, signed_on.month, signed_on.day, 10, tzinfo=UTC)
                if signed_on
                else None
            ),
        )
        for year in YEARS:
            CommitmentYear.objects.create(
                commitment=commitment,
                year=year,
                money_sek=money,
                staff_hours=hours,
                in_kind_sek=in_kind,
            )
        record_change(
            user=author,
            programme=programme,
            obj=commitment,
            action=ChangeAction.CREATE,
            before=None,
            after=commitment_snapshot(commitment),
        )


def _links(programme: Programme, author: Any) -> None:
    """The demo's links, and "no partner" said out loud for the valuation's stakeholders no
    partner stands for (the state's agencies, the individual)."""
    orgs = {o.slug: o for o in Organisation.objects.filter(slug__in=LINKS.values())}
    wanted: dict[str, Organisation | None] = {s: orgs.get(slug) for s, slug in LINKS.items()}
    valuation = programme_valuations(programme).filter(initiative__isnull=True).first()
    if valuation is not None:
        try:
            stakeholders = [s["id"] for s in valuation_result(valuation).stakeholders]
        except ModelError:
            stakeholders = []
        everyone = partners(programme)
        for s in stakeholders:
            wanted.setdefault(s, default_partner(s, everyone))
    for stakeholder, org in wanted.items():
        link, created = StakeholderLink.objects.get_or_create(
            programme=programme, stakeholder=stakeholder, defaults={"organisation": org}
        )
        if created:
            record_change(
                user=author,
                programme=programme,
                obj=link,
                action=ChangeAction.CREATE,
                before=None,
                after=snapshot(link),
            )
