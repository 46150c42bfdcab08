"""Initiatives (insatser) of a programme, step 8 of the model: who runs what, for whom, with
what budget, and (in the effect logic) how it is meant to lead to the programme's goals."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from grogrund.accounts.models import Organisation
from grogrund.areas.models import Indicator
from grogrund.programmes.models import Goal, Programme


class InitiativeStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    PILOT = "pilot", _("Pilot")
    RUNNING = "running", _("Running")
    SCALED_UP = "scaled_up", _("Scaled up")
    STOPPED = "stopped", _("Stopped")


class Initiative(models.Model):
    """An initiative under a programme; seen by whoever sees the programme."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="initiatives", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=200)
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("responsible organisation"),
    )
    target_group = models.TextField(_("target group"), blank=True)
    budget = models.DecimalField(
        _("budget (kr)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.PLANNED,
    )
    method = models.TextField(_("method"), blank=True)
    # The method of the library (grogrund.methods) the initiative uses; its benchmark counts
    # the initiative when the programme is shared with the network or the public.
    method_ref = models.ForeignKey(
        "methods.Method",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives",
        verbose_name=_("method from the library"),
    )
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["programme", "name"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    def __str__(self) -> str:
        return self.name


class Stage(models.TextChoices):
    """The stages of an effect logic, in order (RISE SHIC, seed 003); assumptions stand beside
    the chain and are not linked."""

    NEED = "need", _("Need and target group")
    ACTIVITY = "activity", _("Activities")
    OUTPUT = "output", _("Outputs")
    SHORT_TERM = "short_term", _("Short-term outcomes")
    LONG_TERM = "long_term", _("Long-term outcomes")
    IMPACT = "impact", _("Impact")
    ASSUMPTION = "assumption", _("Assumptions")


#: The linked chain, left to right; a link must not go from a later stage to an earlier one.
CHAIN = [Stage.NEED, Stage.ACTIVITY, Stage.OUTPUT, Stage.SHORT_TERM, Stage.LONG_TERM, Stage.IMPACT]
OUTCOME_STAGES = (Stage.SHORT_TERM, Stage.LONG_TERM)


class EffectNode(models.Model):
    """One box of an initiative's effect logic. Outcomes (short- and long-term) carry a
    followable indicator with a baseline and a target, in the indicator's own scale (shares
    0–1), and optionally the programme goal they contribute to."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="nodes", verbose_name=_("initiative")
    )
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    text = models.CharField(_("text"), max_length=300)
    position = models.PositiveIntegerField(_("position"), default=0)
    indicator = models.ForeignKey(
        Indicator,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("indicator"),
    )
    baseline_value = models.FloatField(_("baseline value"), null=True, blank=True)
    baseline_year = models.PositiveIntegerField(_("baseline year"), null=True, blank=True)
    target_value = models.FloatField(_("target value"), null=True, blank=True)
    target_year = models.PositiveIntegerField(_("target year"), null=True, blank=True)
    goal = models.ForeignKey(
        Goal,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributing_outcomes",
        verbose_name=_("contributes to the goal"),
    )

    class Meta:
        ordering = ["initiative", "position", "id"]
        verbose_name = _("effect logic node")
        verbose_name_plural = _("effect logic nodes")

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.text}"

    @property
    def is_outcome(self) -> bool:
        return self.stage in OUTCOME_STAGES

    @property
    def stage_index(self) -> int:
        return CHAIN.index(Stage(self.stage)) if self.stage in CHAIN else -1


class EffectLink(models.Model):
    """`source` leads to `target` in the effect logic."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="links")
    source = models.ForeignKey(
        EffectNode, on_delete=models.CASCADE, related_name="outgoing", verbose_name=_("from")
    )
    target = models.ForeignKey(
        EffectNode, on_delete=models.CASCADE, related_name="incoming", verbose_name=_("to")
    )

    class Meta:
        ordering = ["initiative", "id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="one_link_per_pair"),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="link_not_to_itself"
            ),
        ]
        verbose_name = _("effect logic link")
        verbose_name_plural = _("effect logic links")

    def __str__(self) -> str:
        return f"{self.source_id} → {self.target_id}"


class OutcomeMeasurement(models.Model):
    """The measured value of an outcome's indicator in one year (in the indicator's scale)."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="outcome_measurements"
    )
    outcome = models.ForeignKey(
        EffectNode, on_delete=models.CASCADE, related_name="measurements", verbose_name=_("outcome")
    )
    year = models.PositiveIntegerField(_("year"))
    value = models.FloatField(_("value"))
    source = models.CharField(_("source"), max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["outcome", "year"]
        constraints = [
            models.UniqueConstraint(fields=["outcome", "year"], name="one_outcome_value_per_year")
        ]
        verbose_name = _("outcome measurement")
        verbose_name_plural = _("outcome measurements")

    def __str__(self) -> str:
        return f"{self.outcome_id} {self.year}: {self.value}"
