"""Valuations (step 11): an engine model (grogrund.engine, see docs/valuation-model.md) kept
with a programme or one of its initiatives, edited in the browser."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from grogrund.initiatives.models import Initiative
from grogrund.programmes.models import Programme


class ValuationKind(models.TextChoices):
    """The engine's calculation kinds that give money figures (goals live in programmes)."""

    SROI = "sroi", _("SROI (social return on investment)")
    SOCIOECONOMIC = "socioeconomic", _("Socio-economic calculation")
    PROPERTY = "property", _("Property economics")
    OUTCOME_CONTRACT = "outcome_contract", _("Social outcome contract")


class Valuation(models.Model):
    """`model` is the engine's model as a dict (what `engine.evaluate.load_model` reads).

    `result` caches the engine's result for the model whose fingerprint is `result_key`
    (services.result_for recomputes it when the model, the value bank or the cache format
    changes), so the results page does not run the Monte Carlo simulation on every visit."""

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
    #: The question the valuation answers for whoever decides, in the editor's own words; the
    #: valuation report asks its kind's usual question when it is empty.
    question = models.TextField(_("question for the decision"), blank=True)
    model = models.JSONField(_("model"), default=dict)
    result = models.JSONField(_("cached result"), null=True, blank=True, editable=False)
    result_key = models.CharField(max_length=64, blank=True, editable=False)
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

    @property
    def kind(self) -> str:
        return str(self.model.get("kind", ""))

    def get_kind_display(self) -> str:
        return str(dict(ValuationKind.choices).get(self.kind, self.kind))
