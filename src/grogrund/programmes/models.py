"""Programmes (issue 4): the twelve steps, goals from gaps, measurements and their history."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from grogrund.accounts.models import HistoryChannel, Organisation, Owned, PermanentRecord
from grogrund.areas.models import Area, Direction, Indicator
from grogrund.programmes.steps import STEPS, STEPS_BY_CODE, Step

#: Social investments pay off over at least 10 years (mission.md, step 7 Tidsperspektiv).
MIN_HORIZON_YEARS = 10


class Programme(Owned):
    """A programme of one organisation for one or more areas; partners are `shared_with`."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    areas = models.ManyToManyField(Area, related_name="programmes", verbose_name=_("areas"))
    start_year = models.PositiveIntegerField(_("start year"))
    horizon_years = models.PositiveIntegerField(_("horizon (years)"), default=MIN_HORIZON_YEARS)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.name

    @property
    def end_year(self) -> int:
        return self.start_year + self.horizon_years

    @property
    def short_horizon(self) -> bool:
        return self.horizon_years < MIN_HORIZON_YEARS


class StepState(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class StepStatus(models.Model):
    """Where a programme stands on one of the twelve steps; no row means not started."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="step_statuses")
    step = models.CharField(_("step"), max_length=40, choices=[(s.code, s.name_sv) for s in STEPS])
    status = models.CharField(
        _("status"), max_length=16, choices=StepState.choices, default=StepState.NOT_STARTED
    )
    note = models.TextField(_("note"), blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("marked by"),
    )
    marked_at = models.DateTimeField(_("marked at"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "step"], name="one_status_per_step")
        ]
        verbose_name = _("step status")
        verbose_name_plural = _("step statuses")

    def __str__(self) -> str:
        return f"{self.programme} {self.step}: {self.status}"

    @property
    def step_info(self) -> Step:
        return STEPS_BY_CODE[self.step]


class Goal(models.Model):
    """A numeric goal for an area (step 6), from the gap to a reference area (handslag).

    Shares are 0–1. `target_count` people close `share_of_gap` of the gap, or a fixed number;
    the trajectory runs from `baseline_share` in `baseline_year` to `target_share` in
    `deadline_year`. A goal of a fixed number of people may have no comparison
    (`reference_area` and `reference_share` None): there is then no gap (`people_needed`
    None); a goal without comparison must be a fixed number (`clean`, and a check
    constraint).
    """

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="goals")
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("indicator")
    )
    reference_area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("compared with"),
    )
    direction = models.CharField(_("direction"), max_length=20, choices=Direction.choices)
    baseline_year = models.PositiveIntegerField(_("baseline year"))
    deadline_year = models.PositiveIntegerField(_("deadline year"))
    baseline_share = models.FloatField(_("area value in the baseline year"))
    reference_share = models.FloatField(
        _("reference value in the baseline year"), null=True, blank=True
    )
    base = models.FloatField(_("base (people)"))
    people_needed = models.FloatField(_("gap in people"), null=True, blank=True)
    share_of_gap = models.FloatField(_("part of the gap to close"), null=True, blank=True)
    fixed_count = models.PositiveIntegerField(_("fixed number of people"), null=True, blank=True)
    target_count = models.PositiveIntegerField(_("goal in people"))
    target_share = models.FloatField(_("target value"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["programme", "id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        reference_area__isnull=False,
                        reference_share__isnull=False,
                        people_needed__isnull=False,
                    )
                    | models.Q(
                        reference_area__isnull=True,
                        reference_share__isnull=True,
                        people_needed__isnull=True,
                        fixed_count__isnull=False,
                    )
                ),
                name="goal_without_comparison_is_a_fixed_number",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.name}, {self.area.name}: {self.target_count}"

    def clean(self) -> None:
        super().clean()
        if self.reference_share is None or self.reference_area_id is None:
            if self.fixed_count is None:
                raise ValidationError(
                    _(
                        "A goal without a comparison value must be a fixed number of people: "
                        "import the comparison area's figure, or give a fixed number."
                    )
                )

    @property
    def has_comparison(self) -> bool:
        """False for a goal of a fixed number of people set without a comparison value."""
        return self.reference_share is not None and self.reference_area_id is not None

    @property
    def horizon_years(self) -> int:
        return self.deadline_year - self.baseline_year

    @property
    def short_horizon(self) -> bool:
        return self.horizon_years < MIN_HORIZON_YEARS


class Measurement(models.Model):
    """The area's value of the goal's indicator in one year, recorded for follow-up.

    Recorded by or for one organisation, the programme's owner or a partner: a partner's
    editors add and change only their own organisation's measurements, the owner's editors all
    (grogrund.accounts.access.can_edit_as_partner)."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="measurements")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded for"),
    )
    year = models.PositiveIntegerField(_("year"))
    value = models.FloatField(_("value (share 0–1)"))
    numerator = models.FloatField(_("numerator"), null=True, blank=True)
    denominator = models.FloatField(_("denominator"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["goal", "year"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "year"], name="one_measurement_per_year")
        ]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")

    def __str__(self) -> str:
        return f"{self.goal_id} {self.year}: {self.value}"


class ChangeAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    DELETE = "delete", _("Deleted")


class ChangeLog(PermanentRecord):
    """Every change to goals and measurements: who, when, before and after (written by
    services, never by views)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="changes")
    goal = models.ForeignKey(Goal, null=True, on_delete=models.SET_NULL, related_name="changes")
    object_type = models.CharField(max_length=40)
    object_id = models.PositiveIntegerField()
    action = models.CharField(_("action"), max_length=16, choices=ChangeAction.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    # Through what the change came: the site, the API, the admin, an import, the command
    # line (grogrund.accounts.channel); "" for entries from before channels were kept.
    via = models.CharField(
        _("through"), max_length=8, choices=HistoryChannel.choices, blank=True, default=""
    )
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("change")
        verbose_name_plural = _("changes")

    def __str__(self) -> str:
        return f"{self.object_type} {self.object_id} {self.action}"
