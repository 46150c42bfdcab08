"""Initiatives (insatser) of a programme, step 8 of the model: who runs what, for whom, with
what budget, and (in the effect logic) how it is meant to lead to the programme's goals."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from grogrund.accounts.models import Organisation
from grogrund.programmes.models import Programme


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
