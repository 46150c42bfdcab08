"""Social outcome contracts (sociala utfallskontrakt) and their ledger.

- `OutcomeContract`: owned by the commissioner (beställaren), who leads it; what it pays for
  (an initiative and its effect logic), the cohort (counts only), the term in periods, caps in
  total and per period, and the payment schedule.
- `ContractParty`: an organisation's role in it: outcome payer (with its share of every payment
  and its own cap), investor, service provider or evaluator. A party's role decides what its
  members see and do (selectors.Standing).
- `OutcomeMetric`: what is paid for, with its baseline (fixed, or a comparison from the area's
  statistics), price per unit and cap; `RatePrice`: a price from a later period on (the rate
  card).
- `Investment`: the investor's capital paid in, by date.
- `OutcomeReport`: a metric's outcome in one period, reported by the provider and verified (or
  returned) by the evaluator; `Evidence`: a file attached to it.
- `Payment`: a payment recorded as paid by a payer.
- `ContractChange`: the history of every change (who, when, before, after); never changed or
  deleted.

Money is kept in kronor with two decimals (öre); the ledger computes in whole öre
(engine/outcome_ledger.py).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from grogrund.accounts.models import Organisation, Owned, PermanentRecord
from grogrund.areas.models import Area, Direction, Indicator
from grogrund.engine.outcome_ledger import period_end, period_start
from grogrund.initiatives.models import EffectNode, Initiative

MONEY = {"max_digits": 14, "decimal_places": 2}

#: The period lengths a contract may have, in months.
PERIOD_MONTHS = [
    (1, _("Month")),
    (3, _("Quarter")),
    (6, _("Half year")),
    (12, _("Year")),
]
#: Days after verification a payment falls due unless the contract says otherwise: a
#: business's claim on a public authority falls due at most 30 days after it is made
#: (räntelagen 1975:635, 2 a §, as amended by SFS 2013:55 after the Late Payment Directive
#: 2011/7/EU).
DEFAULT_PAYMENT_DAYS = 30


class PartyRole(models.TextChoices):
    PAYER = "payer", _("Outcome payer")
    INVESTOR = "investor", _("Investor")
    PROVIDER = "provider", _("Service provider")
    EVALUATOR = "evaluator", _("Evaluator")


class BaselineKind(models.TextChoices):
    FIXED = "fixed", _("A fixed number")
    STATISTICS = "statistics", _("A comparison from the area's statistics")


class OutcomeContract(Owned):
    """A social outcome contract led by its owner, the commissioner. Its parties are kept in
    `shared_with` (visibility "partners") by the services, so that exactly the owner's and the
    parties' members find it; nothing else widens it."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("what the contract pays for"), blank=True)
    initiative = models.ForeignKey(
        Initiative,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outcome_contracts",
        verbose_name=_("initiative"),
    )
    cohort_size = models.PositiveIntegerField(_("cohort size (people)"))
    cohort_description = models.TextField(_("who is in the cohort"), blank=True)
    start_date = models.DateField(_("start date"))
    period_months = models.PositiveSmallIntegerField(
        _("length of a period"), choices=PERIOD_MONTHS, default=12
    )
    periods = models.PositiveSmallIntegerField(_("number of periods"))
    cap_total_sek = models.DecimalField(_("cap in total (kr)"), null=True, blank=True, **MONEY)
    cap_per_period_sek = models.DecimalField(
        _("cap per period (kr)"), null=True, blank=True, **MONEY
    )
    payment_days = models.PositiveSmallIntegerField(
        _("payment due (days after verification)"), default=DEFAULT_PAYMENT_DAYS
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("outcome contract")
        verbose_name_plural = _("outcome contracts")

    def __str__(self) -> str:
        return self.name

    def period_start(self, period: int) -> date:
        return period_start(self.start_date, self.period_months, period)

    def period_end(self, period: int) -> date:
        return period_end(self.start_date, self.period_months, period)

    @property
    def end_date(self) -> date:
        return self.period_end(self.periods)


class ContractParty(models.Model):
    contract = models.ForeignKey(OutcomeContract, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=16, choices=PartyRole.choices)
    # A payer's share of every payment, 0–1 (the shares of the payers add up to 1).
    share = models.DecimalField(
        _("share of the payments"), max_digits=5, decimal_places=4, null=True, blank=True
    )
    cap_sek = models.DecimalField(_("the payer's cap (kr)"), null=True, blank=True, **MONEY)

    class Meta:
        ordering = ["contract", "role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "organisation", "role"], name="one_role_per_party"
            )
        ]
        verbose_name = _("party")
        verbose_name_plural = _("parties")

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.role}"


class OutcomeMetric(models.Model):
    contract = models.ForeignKey(OutcomeContract, on_delete=models.CASCADE, related_name="metrics")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("name"), max_length=200)
    definition = models.TextField(_("when the outcome counts as achieved"), blank=True)
    direction = models.CharField(
        _("direction"),
        max_length=20,
        choices=Direction.choices,
        default=Direction.HIGHER_IS_BETTER,
    )
    baseline_kind = models.CharField(
        _("baseline"), max_length=16, choices=BaselineKind.choices, default=BaselineKind.FIXED
    )
    # The baseline in people of the cohort; for a comparison, the share in the comparison area
    # times the cohort size, computed when the metric is saved (with its source and year).
    baseline = models.FloatField(_("baseline (people)"))
    indicator = models.ForeignKey(
        Indicator,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("comparison indicator"),
    )
    area = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("comparison area"),
    )
    baseline_year = models.PositiveIntegerField(_("comparison year"), null=True, blank=True)
    baseline_share = models.FloatField(_("share in the comparison area"), null=True, blank=True)
    baseline_source = models.CharField(_("source of the baseline"), max_length=300, blank=True)
    price_sek_per_unit = models.DecimalField(_("price per person (kr)"), **MONEY)
    cap_sek = models.DecimalField(_("cap for this outcome (kr)"), null=True, blank=True, **MONEY)
    expected_per_period = models.FloatField(
        _("expected outcome per period (people)"), null=True, blank=True
    )
    savings_sek_per_unit = models.DecimalField(
        _("the payers' saving per person (kr)"), null=True, blank=True, **MONEY
    )
    effect_node = models.ForeignKey(
        EffectNode,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("outcome in the effect logic"),
    )

    class Meta:
        ordering = ["contract", "position", "id"]
        verbose_name = _("outcome metric")
        verbose_name_plural = _("outcome metrics")

    def __str__(self) -> str:
        return self.name


class RatePrice(models.Model):
    """The rate card: the metric's price per person from `from_period` on (until a later
    entry); before the first entry the metric's own price applies."""

    metric = models.ForeignKey(OutcomeMetric, on_delete=models.CASCADE, related_name="prices")
    from_period = models.PositiveSmallIntegerField(_("from period"))
    price_sek_per_unit = models.DecimalField(_("price per person (kr)"), **MONEY)

    class Meta:
        ordering = ["metric", "from_period"]
        constraints = [
            models.UniqueConstraint(fields=["metric", "from_period"], name="one_price_per_period")
        ]
        verbose_name = _("price on the rate card")
        verbose_name_plural = _("rate card")

    def __str__(self) -> str:
        return f"{self.metric_id} from {self.from_period}: {self.price_sek_per_unit}"


class Investment(models.Model):
    """Capital the investor pays in (or plans to) on a date."""

    contract = models.ForeignKey(
        OutcomeContract, on_delete=models.CASCADE, related_name="investments"
    )
    date = models.DateField(_("date"))
    amount_sek = models.DecimalField(_("amount (kr)"), **MONEY)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["contract", "date", "id"]
        verbose_name = _("investment")
        verbose_name_plural = _("investments")

    def __str__(self) -> str:
        return f"{self.date}: {self.amount_sek}"


class ReportStatus(models.TextChoices):
    REPORTED = "reported", _("Reported, awaiting verification")
    VERIFIED = "verified", _("Verified")
    RETURNED = "returned", _("Returned to the provider")


class OutcomeReport(models.Model):
    """A metric's outcome in one period: how many people of the cohort achieved it. A
    verified report is final; a returned one is reported again."""

    contract = models.ForeignKey(OutcomeContract, on_delete=models.CASCADE, related_name="reports")
    metric = models.ForeignKey(OutcomeMetric, on_delete=models.PROTECT, related_name="reports")
    period = models.PositiveSmallIntegerField(_("period"))
    value = models.PositiveIntegerField(_("outcome (people)"))
    note = models.TextField(_("note"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported_at = models.DateTimeField(_("reported"))
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.REPORTED
    )
    verified_value = models.PositiveIntegerField(_("verified outcome (people)"), null=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(_("verified"), null=True)
    comment = models.TextField(_("the evaluator's comment"), blank=True)

    class Meta:
        ordering = ["contract", "period", "metric__position", "metric_id"]
        constraints = [
            models.UniqueConstraint(fields=["metric", "period"], name="one_report_per_period")
        ]
        indexes = [models.Index(fields=["contract", "status", "verified_at"])]
        verbose_name = _("outcome report")
        verbose_name_plural = _("outcome reports")

    def __str__(self) -> str:
        return f"{self.metric_id} period {self.period}: {self.value}"


class Evidence(models.Model):
    """A file attached to a report by the provider or the evaluator. The file is kept in the
    database, so it is written in the same transaction as the report and goes with backups."""

    report = models.ForeignKey(OutcomeReport, on_delete=models.PROTECT, related_name="evidence")
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    data = models.BinaryField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "uploaded_at", "id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.name


class Payment(models.Model):
    """A payment a payer has made for a period's verified outcomes."""

    contract = models.ForeignKey(OutcomeContract, on_delete=models.CASCADE, related_name="payments")
    payer = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("payer")
    )
    period = models.PositiveSmallIntegerField(_("period"))
    amount_sek = models.DecimalField(_("amount (kr)"), **MONEY)
    paid_on = models.DateField(_("paid on"))
    reference = models.CharField(_("reference (invoice or voucher)"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["contract", "period", "paid_on", "id"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")

    def __str__(self) -> str:
        return f"{self.payer_id} period {self.period}: {self.amount_sek}"


class ChangeAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    DELETE = "delete", _("Deleted")
    REPORT = "report", _("Reported")
    VERIFY = "verify", _("Verified")
    RETURN = "return", _("Returned")
    PAY = "pay", _("Paid")


class ContractChange(PermanentRecord):
    """One change in a contract: who, when, before and after. `organisation` is the party
    the change concerns (a payer's payment), for showing it only to those who may see it."""

    contract = models.ForeignKey(OutcomeContract, on_delete=models.PROTECT, related_name="changes")
    object_type = models.CharField(max_length=40)
    object_id = models.PositiveIntegerField()
    action = models.CharField(_("action"), max_length=16, choices=ChangeAction.choices)
    organisation = models.ForeignKey(
        Organisation, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    #: Why a recorded payment or investment was corrected or removed.
    reason = models.TextField(_("reason"), blank=True, default="")

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("change")
        verbose_name_plural = _("changes")

    def __str__(self) -> str:
        return f"{self.object_type} {self.object_id} {self.action}"


def sek(value: Decimal | float | int | None) -> Decimal | None:
    """An amount as the models keep it: kronor with two decimals."""
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"))
