"""The method library (model step 3, Benchmark, and step 12, spreading results): methods with
their effect-logic template, costs, value-bank entries, sources and evidence level, proposed by
any member and published by the national network's curators; and the participants and results
initiatives using a method report, which the method's benchmark counts.

Access: see grogrund.methods.selectors (published methods are public; drafts belong to the
organisation that proposes them; curators are editors of an organisation of kind network).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from grogrund.accounts.models import Organisation
from grogrund.areas.models import Indicator
from grogrund.initiatives.models import Initiative, Stage


class MethodStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PROPOSED = "proposed", _("Proposed for the library")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class EvidenceLevel(models.IntegerChoices):
    """The evidence ladder, explained with its sources on the page `methods:evidence`
    (grogrund.methods.evidence)."""

    IDEA = 1, _("Idea")
    TRIED_LOCALLY = 2, _("Tried locally with follow-up")
    COMPARISON_GROUP = 3, _("Evaluated against a comparison group")
    SEVERAL_EVALUATIONS = 4, _("Effect shown in several evaluations")


class Method(models.Model):
    """A way of working against a societal challenge that programmes can use: what it is,
    for whom, how it is meant to work (the effect-logic template), what it costs, what it is
    worth (value-bank entries) and how well that is known (sources, evidence level)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name in the address"), max_length=80, unique=True)
    summary = models.TextField(_("summary"))
    problem = models.TextField(_("problem it addresses"), blank=True)
    target_group = models.TextField(_("target group"), blank=True)
    #: Codes of the model's twelve steps the method serves (grogrund.programmes.steps).
    steps = models.JSONField(_("steps of the model"), default=list, blank=True)
    cost_per_participant_sek = models.PositiveIntegerField(
        _("typical cost per participant (kr)"), null=True, blank=True
    )
    months_to_effect = models.PositiveSmallIntegerField(
        _("typical time to effect (months)"), null=True, blank=True
    )
    #: Ids of value-bank entries (grogrund.engine.valuebank) that fit the method's outcomes.
    value_bank_entries = models.JSONField(_("value-bank entries"), default=list, blank=True)
    evidence_level = models.PositiveSmallIntegerField(
        _("evidence level"), choices=EvidenceLevel.choices, default=EvidenceLevel.IDEA
    )
    evidence_note = models.TextField(_("why this evidence level"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=MethodStatus.choices, default=MethodStatus.DRAFT
    )
    #: The organisation that proposed the method; its members edit it until it is published.
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="methods",
        verbose_name=_("proposed by"),
    )
    #: The curators' latest comment: why it was returned, or withdrawn.
    review_comment = models.TextField(_("comment from the curators"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("method")
        verbose_name_plural = _("methods")

    def __str__(self) -> str:
        return self.name

    @property
    def is_public(self) -> bool:
        return self.status in (MethodStatus.PUBLISHED, MethodStatus.WITHDRAWN)


class TemplateNode(models.Model):
    """One box of the method's effect-logic template; copied into an initiative that starts
    from the method, each box linked to the boxes of the next stage of the chain."""

    method = models.ForeignKey(
        Method, on_delete=models.CASCADE, related_name="template_nodes", verbose_name=_("method")
    )
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    text = models.CharField(_("text"), max_length=300)
    #: A suggested indicator to follow an outcome with (outcomes only).
    indicator = models.ForeignKey(
        Indicator,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("suggested indicator"),
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["method", "position", "id"]
        verbose_name = _("template box")
        verbose_name_plural = _("template boxes")

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.text}"


class SourceKind(models.TextChoices):
    EVALUATION = "evaluation", _("Evaluation")
    REPORT = "report", _("Report")
    RESEARCH = "research", _("Research")
    OTHER = "other", _("Other")


class MethodSource(models.Model):
    """An evaluation, report or study the method's description and evidence level rest on."""

    method = models.ForeignKey(
        Method, on_delete=models.CASCADE, related_name="sources", verbose_name=_("method")
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=SourceKind.choices, default=SourceKind.REPORT
    )
    title = models.CharField(_("title"), max_length=300)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    year = models.PositiveIntegerField(_("year"), null=True, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["method", "position", "id"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.title


class Participation(models.Model):
    """What an initiative reports for one year: how many took part, how many reached the
    outcome the method aims at (in work, eligible for upper-secondary school…) and what the
    year cost. Only aggregate counts: never who. The method's benchmark counts these for
    initiatives of shared programmes."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="participation",
        verbose_name=_("initiative"),
    )
    year = models.PositiveIntegerField(_("year"))
    participants = models.PositiveIntegerField(_("participants"))
    reached_outcome = models.PositiveIntegerField(
        _("participants who reached the outcome"), null=True, blank=True
    )
    cost_sek = models.PositiveIntegerField(_("cost of the year (kr)"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["initiative", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "year"], name="one_participation_per_year"
            )
        ]
        verbose_name = _("participants and results")
        verbose_name_plural = _("participants and results")

    def __str__(self) -> str:
        return f"{self.initiative_id} {self.year}: {self.participants}"
