"""Areas, indicators, observations and challenges (model step 1: Samhällsutmaningar)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from grogrund.accounts.models import Organisation, Owned


class AreaLevel(models.TextChoices):
    COUNTRY = "country", _("Country")
    COUNTY = "county", _("County")
    MUNICIPALITY = "municipality", _("Municipality")
    REGSO = "regso", _("RegSO")
    DESO = "deso", _("DeSO")
    CUSTOM = "custom", _("Custom area")


class Area(models.Model):
    """A geographical unit. Official areas carry SCB codes; custom areas are made of others.

    DeSO 2025 and RegSO 2025 codes keep SCB's suffix (`0114C1010_DeSO2025`) so vintages
    never mix.
    """

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=16, choices=AreaLevel.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("part of"),
    )
    kolada_code = models.CharField(_("Kolada code"), max_length=20, blank=True)
    vintage = models.CharField(_("vintage"), max_length=16, blank=True)
    # SCB's DeSO class: A (mainly rural), B (mainly small towns), C (mainly larger towns).
    deso_class = models.CharField(_("DeSO class"), max_length=1, blank=True)
    # Shipped with Grogrund from SCB's lists (the area registry), not made by a user.
    in_registry = models.BooleanField(_("from SCB's area lists"), default=False)
    # A custom area (a housing area, a district) belongs to an organisation and is made of
    # official areas; its figures are computed from theirs.
    owner = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="areas",
        verbose_name=_("owner"),
    )
    members = models.ManyToManyField(
        "self",
        blank=True,
        symmetrical=False,
        related_name="in_custom_areas",
        verbose_name=_("made of"),
    )
    # Whether other organisations may see a custom area's definition (official areas always).
    is_public = models.BooleanField(_("definition visible to everyone"), default=False)
    is_fictional = models.BooleanField(_("fictional (demo data)"), default=False)
    # Version stamp for cached profiles: saving the area or changing its members moves it.
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def is_custom(self) -> bool:
        return self.level == AreaLevel.CUSTOM


class PoliceCategory(models.TextChoices):
    UTSATT = "utsatt", _("Vulnerable area")
    RISK = "risk", _("Risk area")
    SARSKILT_UTSATT = "sarskilt_utsatt", _("Particularly vulnerable area")


class PoliceClassification(models.Model):
    """The police's list of vulnerable areas, by year."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="police_classifications")
    year = models.PositiveIntegerField(_("year"))
    category = models.CharField(_("category"), max_length=20, choices=PoliceCategory.choices)
    source = models.CharField(_("source"), max_length=300, default="Polisen")

    class Meta:
        ordering = ["area", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["area", "year"], name="one_police_class_per_year")
        ]
        verbose_name = _("police classification")
        verbose_name_plural = _("police classifications")

    def __str__(self) -> str:
        return f"{self.area.name} {self.year}: {self.get_category_display()}"


class IndicatorKind(models.TextChoices):
    COUNT = "count", _("Count")
    SHARE = "share", _("Share")
    RATE = "rate", _("Rate")
    MEAN = "mean", _("Mean")
    INDEX = "index", _("Index")
    MONEY = "money", _("Money")


class Direction(models.TextChoices):
    HIGHER_IS_BETTER = "higher_is_better", _("Higher is better")
    LOWER_IS_BETTER = "lower_is_better", _("Lower is better")


class Indicator(models.Model):
    """A key figure. Shares are stored as fractions 0–1 with numerator and denominator."""

    code = models.CharField(_("code"), max_length=60, unique=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=IndicatorKind.choices)
    direction = models.CharField(_("direction"), max_length=20, choices=Direction.choices)
    source = models.CharField(_("source"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    # What the denominator counts, so a gap in a share can be expressed in people.
    base_label_sv = models.CharField(_("base (Swedish)"), max_length=120, blank=True)
    base_label_en = models.CharField(_("base (English)"), max_length=120, blank=True)
    # Figures from groups smaller than this are not shown (tenant surveys: 5 respondents).
    min_group_size = models.PositiveIntegerField(_("smallest group shown"), default=0)
    changed_at = models.DateTimeField(auto_now=True)  # version stamp for cached profiles

    class Meta:
        ordering = ["code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "sv").startswith("en") else self.name_sv

    @property
    def base_label(self) -> str:
        return (
            self.base_label_en if (get_language() or "sv").startswith("en") else self.base_label_sv
        )

    @property
    def is_ratio(self) -> bool:
        return self.kind in {IndicatorKind.SHARE, IndicatorKind.RATE}


class Dataset(Owned):
    """A body of observations imported together from one source, owned and shared as a whole."""

    name = models.CharField(_("name"), max_length=200)
    source = models.CharField(_("source"), max_length=300)
    licence = models.CharField(_("licence"), max_length=100, blank=True)
    retrieved_at = models.DateTimeField(_("retrieved"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # When its figures last changed (an import that wrote something, an edit through the
    # API): the version stamp of every cached page showing them. Not `updated_at`, which
    # follows the dataset's own fields.
    changed_at = models.DateTimeField(_("figures changed"), default=timezone.now)

    class Meta:
        ordering = ["owner", "name"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="dataset_name_unique_per_owner")
        ]
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")

    def __str__(self) -> str:
        return f"{self.name} ({self.owner})"


class Observation(models.Model):
    """One figure for one area, indicator and period, from one dataset."""

    # No separate indexes on dataset and area: the unique constraint starts with dataset and
    # the (area, indicator, period) index with area, so both already serve those look-ups and
    # every extra index slows imports down.
    dataset = models.ForeignKey(
        Dataset, on_delete=models.CASCADE, related_name="observations", db_index=False
    )
    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="observations", db_index=False
    )
    # Nor on indicator: pages look an indicator up together with an area, which the
    # (area, indicator, period) index serves, and the index cost a tenth of a large import.
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="observations", db_index=False
    )
    period = models.CharField(_("period"), max_length=16)
    value = models.FloatField(_("value"), null=True, blank=True)
    numerator = models.FloatField(_("numerator"), null=True, blank=True)
    denominator = models.FloatField(_("denominator"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    retrieved_at = models.DateTimeField(_("retrieved"))
    # Why a figure is missing: the source's own status symbol (SCB "..", Kolada status) or
    # "missing"; empty for a figure that is there. Missing is never zero.
    status = models.CharField(_("status"), max_length=40, blank=True, default="", db_default="")

    class Meta:
        ordering = ["indicator", "area", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "area", "indicator", "period"], name="one_value_per_cell"
            )
        ]
        indexes = [models.Index(fields=["area", "indicator", "period"])]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")

    def __str__(self) -> str:
        return f"{self.indicator_id}/{self.area_id}/{self.period}={self.value}"


class DatasetNote(models.Model):
    """A note the source publishes with its figures (SCB's mandatory notes, footnotes of a
    .px file), kept with the dataset and shown beside the figures it concerns."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="notes")
    # None: the note concerns every figure of the dataset.
    indicator = models.ForeignKey(
        Indicator, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField(_("note"))
    mandatory = models.BooleanField(_("must be shown"), default=False)
    # Where it came from: a table id, a file name.
    origin = models.CharField(_("from"), max_length=200, blank=True)

    class Meta:
        ordering = ["dataset", "id"]
        verbose_name = _("note on figures")
        verbose_name_plural = _("notes on figures")

    def __str__(self) -> str:
        return self.text[:60]


class ImportKind(models.TextChoices):
    CSV = "csv", _("CSV or Excel file")
    SCB = "scb", _("SCB table")
    KOLADA = "kolada", _("Kolada")
    SURVEY = "survey", _("Tenant survey")


class ImportTemplate(Owned):
    """A named, reusable import mapping, used from the web and the command line alike and
    shared like other data."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=ImportKind.choices)
    description = models.TextField(_("description"), blank=True)
    # The mapping as the readers take it (sources.tabular / scb / survey mapping models).
    mapping = models.JSONField(_("mapping"), default=dict)
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["owner", "name"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="import_template_name_per_owner")
        ]
        verbose_name = _("import template")
        verbose_name_plural = _("import templates")

    def __str__(self) -> str:
        return self.name


class PriceIndexValue(models.Model):
    """One value of a price index series (KPI, 1980=100): an annual mean ("2024") or a
    month ("2024M09"), as SCB publishes it. Valuations index amounts with it."""

    series = models.CharField(_("series"), max_length=40, default="KPI")
    period = models.CharField(_("period"), max_length=16)
    value = models.FloatField(_("value"))
    source = models.CharField(_("source"), max_length=300)
    retrieved_at = models.DateTimeField(_("retrieved"))

    class Meta:
        ordering = ["series", "period"]
        constraints = [
            models.UniqueConstraint(fields=["series", "period"], name="one_price_index_value")
        ]
        verbose_name = _("price index value")
        verbose_name_plural = _("price index values")

    def __str__(self) -> str:
        return f"{self.series} {self.period} = {self.value}"


class ChallengeKind(models.TextChoices):
    CHALLENGE = "challenge", _("Challenge")
    OPPORTUNITY = "opportunity", _("Opportunity")


class Priority(models.IntegerChoices):
    HIGH = 1, _("High")
    MEDIUM = 2, _("Medium")
    LOW = 3, _("Low")


class Challenge(Owned):
    """A societal challenge or opportunity recorded for an area (model step 1)."""

    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="challenges", verbose_name=_("area")
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=ChallengeKind.choices, default=ChallengeKind.CHALLENGE
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.MEDIUM
    )
    indicators = models.ManyToManyField(
        Indicator, blank=True, related_name="challenges", verbose_name=_("indicators")
    )
    created_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["priority", "title"]
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")

    def __str__(self) -> str:
        return self.title


class AreaBoundary(models.Model):
    """An official area's boundary, from SCB's boundary files (areas.boundaries).

    Stored as WKB in SWEREF 99 TM (EPSG:3006, metres): the geometry as the file gave it, and
    a copy simplified for maps (shapely `simplify`, `tolerance_m` chosen from the size of the
    map the area is drawn on: half a pixel of its municipality's map for a DeSO or RegSO, of
    its county's for a municipality), so a page never simplifies while it is asked for.
    """

    area = models.OneToOneField(
        Area, on_delete=models.CASCADE, related_name="boundary", verbose_name=_("area")
    )
    # The area whose map this one is drawn on (its municipality for a DeSO or RegSO, its
    # county for a municipality), set at import: a map reads its areas by one index.
    map_area = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("drawn on the map of"),
    )
    geometry = models.BinaryField(_("boundary (WKB, SWEREF 99 TM)"))
    simplified = models.BinaryField(_("boundary simplified for maps (WKB, SWEREF 99 TM)"))
    tolerance_m = models.FloatField(_("simplification tolerance (metres)"))
    # A municipality's boundary simplified once more for a map of the whole country
    # (areas.boundaries.NATIONAL_TOLERANCE_M), so such a map never simplifies while it is
    # asked for; empty for other levels and for boundaries imported before it was kept.
    national = models.BinaryField(
        _("boundary simplified for a map of Sweden (WKB, SWEREF 99 TM)"), blank=True, default=b""
    )
    # The simplified boundary's extent, so a map's frame is known without reading geometries.
    min_x = models.FloatField()
    min_y = models.FloatField()
    max_x = models.FloatField()
    max_y = models.FloatField()
    vertices = models.PositiveIntegerField(_("points of the simplified boundary"))
    source = models.CharField(_("source"), max_length=300)
    file_name = models.CharField(_("file"), max_length=200, blank=True)
    retrieved_on = models.DateField(_("retrieved"))
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["area"]
        verbose_name = _("area boundary")
        verbose_name_plural = _("area boundaries")

    def __str__(self) -> str:
        return f"{self.area_id}: {self.source}"
