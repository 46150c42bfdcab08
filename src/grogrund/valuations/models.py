"""Valuations (step 11): an engine model (grogrund.engine, see docs/valuation-model.md) kept
with a programme or one of its initiatives, edited in the browser."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from grogrund.initiatives.models import Initiative
from grogrund.programmes.models import Programme


class Valuation(models.Model):
    """`model` is the engine's model as a dict (what `engine.evaluate.load_model` reads)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="valuations", verbose_name=_("programme")
    )
    initiative = models.ForeignKey(
        Initiative,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="valuations",
        verbose_name=_("initiative"),
    )
    name = models.CharField(_("name"), max_length=200)
    model = models.JSONField(_("model"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["programme", "name"]
        verbose_name = _("valuation")
        verbose_name_plural = _("valuations")

    def __str__(self) -> str:
        return self.name
