"""Partnership (handslag), readiness record and budget: steps 4–5 and 9–10 of the model.

- `ReadinessItem`: one row per topic of the readiness record (steps 4 Utbildning and 5
  Förutsättningar): municipal will, board decision, management, tenant dialogue, owner
  directive, knowledge gaps, training. No row means "missing".
- `Commitment` and `CommitmentYear`: what one partner organisation commits to a programme,
  per year, in money, staff hours (valued at the commitment's hourly cost) and in kind; signed
  by an editor of that organisation.
- `StakeholderLink`: which partner organisation stands for which stakeholder of the valuation
  engine (grogrund.engine.stakeholders) when the cost split is proposed (step 10).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from grogrund.accounts.models import Organisation
from grogrund.programmes.models import Programme

#: The hourly cost a staff hour is valued at unless the partner gives its own: an assumption
#: of about 400 kr — an average monthly salary of ≈ 38 000 kr (SCB, lönestrukturstatistik
#: 2023) plus statutory employer contributions of 31,42 % over ≈ 125 productive hours a month.
DEFAULT_HOURLY_COST_SEK = 400


class ReadinessTopic(models.TextChoices):
    MUNICIPAL_WILL = "municipal_will", _("Municipal will and priority")
    BOARD = "board", _("Board decision")
    MANAGEMENT = "management", _("Management support")
    TENANT_DIALOGUE = "tenant_dialogue", _("Tenant dialogue")
    OWNER_DIRECTIVE = "owner_directive", _("Owner directive")
    KNOWLEDGE_GAPS = "knowledge_gaps", _("Knowledge gaps identified")
    TRAINING = "training", _("Training planned")


#: What each topic asks, shown beside it on the readiness page.
TOPIC_HELP = {
    ReadinessTopic.MUNICIPAL_WILL: _(
        "The municipality has said it wants this and gives the area priority."
    ),
    ReadinessTopic.BOARD: _("The company's board has decided to take part."),
    ReadinessTopic.MANAGEMENT: _("The management team backs the programme with time and people."),
    ReadinessTopic.TENANT_DIALOGUE: _("Tenants and their association are in the dialogue."),
    ReadinessTopic.OWNER_DIRECTIVE: _(
        "The owner directive (ägardirektiv) gives the company a mandate for social investment."
    ),
    ReadinessTopic.KNOWLEDGE_GAPS: _(
        "What the company, the board and the municipality need to learn is written down."
    ),
    ReadinessTopic.TRAINING: _("Training to close the knowledge gaps is planned, with dates."),
}


class ReadinessStatus(models.TextChoices):
    MISSING = "missing", _("Missing")
    IN_PROGRESS = "in_progress", _("In progress")
    IN_PLACE = "in_place", _("In place")


class ReadinessItem(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="readiness_items"
    )
    topic = models.CharField(_("topic"), max_length=32, choices=ReadinessTopic.choices)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ReadinessStatus.choices,
        default=ReadinessStatus.MISSING,
    )
    date = models.DateField(_("date"), null=True, blank=True)
    note = models.TextField(_("evidence or note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        ordering = ["programme", "topic"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "topic"], name="one_readiness_per_topic")
        ]
        verbose_name = _("readiness item")
        verbose_name_plural = _("readiness items")

    def __str__(self) -> str:
        return f"{self.programme_id} {self.topic}: {self.status}"


class Commitment(models.Model):
    """What one organisation commits to a programme; the yearly amounts are in `years`.

    A change to a signed commitment withdraws the signature: the partner signs again what it
    now commits."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="commitments")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("partner"),
    )
    hourly_cost_sek = models.PositiveIntegerField(
        _("hourly cost of staff time (kr)"), default=DEFAULT_HOURLY_COST_SEK
    )
    in_kind_description = models.CharField(_("what is given in kind"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("signed by"),
    )
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["programme", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation"], name="one_commitment_per_partner"
            )
        ]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self) -> str:
        return f"{self.organisation} → {self.programme}"

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None


class CommitmentYear(models.Model):
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveIntegerField(_("year"))
    money_sek = models.PositiveBigIntegerField(_("money (kr)"), default=0)
    staff_hours = models.FloatField(_("staff hours"), default=0.0)
    in_kind_sek = models.PositiveBigIntegerField(_("in kind, value (kr)"), default=0)

    class Meta:
        ordering = ["commitment", "year"]
        constraints = [
            models.UniqueConstraint(fields=["commitment", "year"], name="one_commitment_year"),
            models.CheckConstraint(
                condition=models.Q(staff_hours__gte=0), name="staff_hours_not_negative"
            ),
        ]
        verbose_name = _("commitment for a year")
        verbose_name_plural = _("commitments per year")

    def __str__(self) -> str:
        return f"{self.commitment_id} {self.year}"


class StakeholderLink(models.Model):
    """The partner organisation that stands for an engine stakeholder in this programme's cost
    split; `organisation` empty says deliberately "no partner" (e.g. the state)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="stakeholder_links"
    )
    stakeholder = models.CharField(_("stakeholder"), max_length=80)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("partner"),
    )

    class Meta:
        ordering = ["programme", "stakeholder"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "stakeholder"], name="one_link_per_stakeholder"
            )
        ]
        verbose_name = _("stakeholder link")
        verbose_name_plural = _("stakeholder links")

    def __str__(self) -> str:
        return f"{self.stakeholder} → {self.organisation_id}"
