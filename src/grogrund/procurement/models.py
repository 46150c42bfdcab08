"""Social procurement (step 2 of the model): contracts with social clauses, the suppliers'
reports of what they delivered, and the buyer's verification.

- `ClauseTemplate`: the clauses the network maintains (employment requirement, internships,
  apprenticeships, local suppliers, tenant involvement), each with its measure, unit, default
  reporting period and penalty (vite) rule; written on Upphandlingsmyndigheten's model for
  sysselsättningskrav (docs/procurement.md). Curators (editors of a network organisation)
  change them; a contract's clause is a copy, so a changed template never changes a signed
  contract.
- `Contract`: owned by the buyer (`Owned`), with a supplier (an organisation of kind supplier),
  its value, term, areas, category and, optionally, the programme it serves.
- `Clause`: what the contract asks of the supplier: measure, target, target group, reporting
  period, penalty.
- `DeliveryReport`: what the supplier delivered in one reporting period, as counts (never
  names or personal identity numbers), with evidence; the buyer verifies it or returns it.
- `Contribution`: a verified report counted toward a programme goal or an initiative's
  outcome, once.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from grogrund.accounts.models import Organisation, Owned
from grogrund.areas.models import Area


class Category(models.TextChoices):
    RENOVATION = "renovation", _("Renovation")
    CLEANING = "cleaning", _("Cleaning")
    MAINTENANCE = "maintenance", _("Maintenance")
    CONSTRUCTION = "construction", _("Construction")
    OTHER = "other", _("Other")


class ClauseKind(models.TextChoices):
    EMPLOYMENT = "employment", _("Employment requirement")
    INTERNSHIP = "internship", _("Internships and traineeships")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeships")
    LOCAL_SUPPLIERS = "local_suppliers", _("Local suppliers")
    TENANT_INVOLVEMENT = "tenant_involvement", _("Tenant involvement")


#: Clauses that put people in work: their reports count persons, hours and months.
PEOPLE_KINDS = (ClauseKind.EMPLOYMENT, ClauseKind.INTERNSHIP, ClauseKind.APPRENTICESHIP)


class Measure(models.TextChoices):
    """What a clause's target counts, and so which reported figure is its delivery."""

    PERSONS = "persons", _("Persons from the target group")
    EMPLOYMENT_MONTHS = "employment_months", _("Months of full-time employment")
    HOURS = "hours", _("Labour hours")
    SHARE_OF_HOURS = "share_of_hours", _("Share of the contract's labour hours")
    COUNT = "count", _("Number (activities, places)")
    SHARE_OF_VALUE = "share_of_value", _("Share of the contract's purchases")


#: Measures whose target and delivery are shares 0–1 (shown in percent).
SHARE_MEASURES = (Measure.SHARE_OF_HOURS, Measure.SHARE_OF_VALUE)
#: Measures reported with the people fields of a report (persons, hours, months).
PEOPLE_MEASURES = (
    Measure.PERSONS,
    Measure.EMPLOYMENT_MONTHS,
    Measure.HOURS,
    Measure.SHARE_OF_HOURS,
)


class TargetGroup(models.TextChoices):
    LONG_TERM_UNEMPLOYED = "long_term_unemployed", _("Long-term unemployed")
    YOUNG_16_24 = "young_16_24", _("Young people 16–24 without work")
    NEWLY_ARRIVED = "newly_arrived", _("Newly arrived")
    DISABILITY = "disability", _("People with a disability that reduces their capacity to work")
    OTHER = "other", _("Other (described in the clause)")


class ReportingPeriod(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    HALF_YEAR = "half_year", _("Half-year")
    YEAR = "year", _("Year")


class PenaltyKind(models.TextChoices):
    NONE = "none", _("No penalty")
    PER_MISSING_UNIT = "per_missing_unit", _("An amount per missing unit at the end of the term")


class ClauseTemplate(models.Model):
    """A clause the network maintains; contracts copy it (grogrund/procurement/clause_templates.yaml
    holds the first set, written on Upphandlingsmyndigheten's model)."""

    code = models.SlugField(_("short name"), max_length=60, unique=True)
    kind = models.CharField(_("kind of clause"), max_length=24, choices=ClauseKind.choices)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    wording = models.TextField(_("wording in the contract (Swedish)"))
    measure = models.CharField(_("measure"), max_length=24, choices=Measure.choices)
    unit = models.CharField(_("unit"), max_length=40)
    default_target = models.FloatField(_("suggested target"), null=True, blank=True)
    default_target_group = models.CharField(
        _("target group"), max_length=32, choices=TargetGroup.choices, blank=True
    )
    default_reporting_period = models.CharField(
        _("reporting period"),
        max_length=16,
        choices=ReportingPeriod.choices,
        default=ReportingPeriod.QUARTER,
    )
    penalty_kind = models.CharField(
        _("penalty (vite)"), max_length=24, choices=PenaltyKind.choices, default=PenaltyKind.NONE
    )
    default_penalty_sek_per_unit = models.PositiveIntegerField(
        _("suggested penalty per missing unit (kr)"), null=True, blank=True
    )
    default_penalty_cap_sek = models.PositiveBigIntegerField(
        _("suggested penalty cap (kr)"), null=True, blank=True
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_active = models.BooleanField(_("offered for new clauses"), default=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("clause template")
        verbose_name_plural = _("clause templates")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        from django.utils.translation import get_language

        return self.name_en if (get_language() or "sv").startswith("en") else self.name_sv


class Contract(Owned):
    """A procurement contract; `owner` is the buyer. The supplier's members see it too, without
    the buyer's internal note (selectors.contracts_for)."""

    name = models.CharField(_("name"), max_length=200)
    supplier = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("supplier"),
    )
    value_sek = models.PositiveBigIntegerField(_("contract value (kr)"))
    start_date = models.DateField(_("start of the term"))
    end_date = models.DateField(_("end of the term"))
    areas = models.ManyToManyField(Area, blank=True, related_name="+", verbose_name=_("areas"))
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    programme = models.ForeignKey(
        "programmes.Programme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("programme"),
    )
    description = models.TextField(_("description (the supplier sees it)"), blank=True)
    internal_note = models.TextField(_("internal note (only the buyer sees it)"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="procurement_term_in_order",
            )
        ]
        verbose_name = _("procurement contract")
        verbose_name_plural = _("procurement contracts")

    def __str__(self) -> str:
        return self.name


class Clause(models.Model):
    """A social clause of a contract, copied from a template and set for this contract."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="clauses")
    template = models.ForeignKey(
        ClauseTemplate,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("template"),
    )
    kind = models.CharField(_("kind of clause"), max_length=24, choices=ClauseKind.choices)
    name = models.CharField(_("name"), max_length=200)
    wording = models.TextField(_("wording in the contract"), blank=True)
    measure = models.CharField(_("measure"), max_length=24, choices=Measure.choices)
    unit = models.CharField(_("unit"), max_length=40)
    target = models.FloatField(_("target"))
    target_group = models.CharField(
        _("target group"), max_length=32, choices=TargetGroup.choices, blank=True
    )
    target_group_note = models.CharField(
        _("target group, as the contract says"), max_length=300, blank=True
    )
    reporting_period = models.CharField(
        _("reporting period"), max_length=16, choices=ReportingPeriod.choices
    )
    penalty_kind = models.CharField(
        _("penalty (vite)"), max_length=24, choices=PenaltyKind.choices, default=PenaltyKind.NONE
    )
    penalty_sek_per_unit = models.PositiveIntegerField(
        _("penalty per missing unit (kr)"), null=True, blank=True
    )
    penalty_cap_sek = models.PositiveBigIntegerField(_("penalty cap (kr)"), null=True, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["contract", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target__gte=0), name="procurement_target_not_negative"
            )
        ]
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")

    def __str__(self) -> str:
        return self.name

    @property
    def is_share(self) -> bool:
        return self.measure in SHARE_MEASURES

    @property
    def counts_people(self) -> bool:
        return self.measure in PEOPLE_MEASURES


class ReportStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting verification")
    RETURNED = "returned", _("Returned for correction")
    VERIFIED = "verified", _("Verified")


def evidence_path(instance: DeliveryReport, filename: str) -> str:
    """Stored under a random name: the file's own name (kept in `evidence_name`) may say more
    than it should, and names must not collide."""
    import uuid
    from pathlib import PurePath

    suffix = PurePath(filename).suffix.lower()[:8]
    return f"procurement/evidence/{uuid.uuid4().hex}{suffix}"


class DeliveryReport(models.Model):
    """What the supplier delivered under one clause in one reporting period: counts only.

    Persons are counted as follows, so that nothing is counted twice over the periods:
    `persons` were employed (or placed) through the clause at some time in the period, a
    person who continues from the previous period included; `new_persons` of them started in
    this period; `target_group_persons` and `area_persons` are counted among the new persons,
    so their sums over the periods count different people."""

    clause = models.ForeignKey(Clause, on_delete=models.CASCADE, related_name="reports")
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    persons = models.PositiveIntegerField(_("persons employed in the period"), default=0)
    new_persons = models.PositiveIntegerField(_("of whom started in the period"), default=0)
    target_group_persons = models.PositiveIntegerField(
        _("of those who started: from the target group"), default=0
    )
    area_persons = models.PositiveIntegerField(
        _("of those who started: living in the area"), default=0
    )
    hours = models.FloatField(_("hours worked"), default=0.0)
    employment_months = models.FloatField(_("months of full-time employment"), default=0.0)
    total_hours = models.FloatField(_("all labour hours in the contract"), null=True, blank=True)
    quantity = models.FloatField(_("delivered"), null=True, blank=True)
    base = models.FloatField(_("out of"), null=True, blank=True)
    comment = models.TextField(_("comment from the supplier"), blank=True)
    evidence = models.FileField(_("evidence"), upload_to=evidence_path, blank=True, max_length=200)
    evidence_name = models.CharField(_("evidence file"), max_length=200, blank=True)
    evidence_size = models.PositiveIntegerField(_("evidence size (bytes)"), default=0)
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.SUBMITTED
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reported by"),
    )
    submitted_at = models.DateTimeField(_("reported at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_comment = models.TextField(_("comment from the buyer"), blank=True)

    class Meta:
        ordering = ["clause", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["clause", "period_start"], name="procurement_one_report_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="procurement_report_period_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(new_persons__lte=models.F("persons")),
                name="procurement_new_within_persons",
            ),
            models.CheckConstraint(
                condition=models.Q(hours__gte=0) & models.Q(employment_months__gte=0),
                name="procurement_hours_not_negative",
            ),
        ]
        verbose_name = _("delivery report")
        verbose_name_plural = _("delivery reports")

    def __str__(self) -> str:
        return f"{self.clause_id} {self.period_start}–{self.period_end}"

    @property
    def is_verified(self) -> bool:
        return self.status == ReportStatus.VERIFIED


class Contribution(models.Model):
    """A verified report counted toward a programme goal or an initiative's outcome: one row
    per report and target, so counting again never adds the same people twice."""

    report = models.ForeignKey(
        DeliveryReport, on_delete=models.CASCADE, related_name="contributions"
    )
    goal = models.ForeignKey(
        "programmes.Goal", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    outcome = models.ForeignKey(
        "initiatives.EffectNode",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    year = models.PositiveIntegerField(_("year"))
    persons = models.PositiveIntegerField(_("persons"))
    counted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    counted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["year", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "goal"],
                condition=models.Q(goal__isnull=False),
                name="procurement_counted_once_per_goal",
            ),
            models.UniqueConstraint(
                fields=["report", "outcome"],
                condition=models.Q(outcome__isnull=False),
                name="procurement_counted_once_per_outcome",
            ),
            models.CheckConstraint(
                condition=(models.Q(goal__isnull=False) & models.Q(outcome__isnull=True))
                | (models.Q(goal__isnull=True) & models.Q(outcome__isnull=False)),
                name="procurement_one_target",
            ),
        ]
        verbose_name = _("counted contribution")
        verbose_name_plural = _("counted contributions")

    def __str__(self) -> str:
        return f"{self.report_id} → {self.goal_id or self.outcome_id} {self.year}"


class CountedValue(models.Model):
    """A goal's measurement or an outcome's value that counting wrote, with the source it wrote.
    A value whose source has changed since was replaced by someone else (the area's statistics,
    a value typed by hand): counting never writes over it."""

    goal = models.ForeignKey(
        "programmes.Goal", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    outcome = models.ForeignKey(
        "initiatives.EffectNode",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    year = models.PositiveIntegerField(_("year"))
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        ordering = ["year", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "year"],
                condition=models.Q(goal__isnull=False),
                name="procurement_value_once_per_goal_year",
            ),
            models.UniqueConstraint(
                fields=["outcome", "year"],
                condition=models.Q(outcome__isnull=False),
                name="procurement_value_once_per_outcome_year",
            ),
        ]
        verbose_name = _("value written by counting")
        verbose_name_plural = _("values written by counting")

    def __str__(self) -> str:
        return f"{self.goal_id or self.outcome_id} {self.year}"
