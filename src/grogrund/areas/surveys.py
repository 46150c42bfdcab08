"""Writes for tenant surveys (hyresgästenkäter): the indicators a survey writes, created in the
catalogue when missing, and the import of its answer counts (sources.survey), all or nothing.

The web page and `grogrund import survey` both call `import_survey`, so both write the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from grogrund.accounts.access import can_edit_for
from grogrund.accounts.models import Organisation, Visibility
from grogrund.areas import services
from grogrund.areas.models import Direction, ImportKind, ImportTemplate, Indicator, IndicatorKind
from grogrund.areas.readers import ReadRequest, open_records
from grogrund.sources.errors import SourceError, gettext_noop
from grogrund.sources.records import Location
from grogrund.sources.survey import IndicatorTarget, SurveyDefinition, SurveyIndex, SurveyWarning

SURVEY_SOURCE = "Hyresgästenkät"

# What each figure of a survey is in the catalogue: kind, unit and base (Swedish, English).
_KINDS: dict[str, tuple[str, str, str, str]] = {
    "share": (IndicatorKind.SHARE, "andel", "giltiga svar", "valid answers"),
    "mean": (IndicatorKind.MEAN, "index 0–100", "giltiga svar", "valid answers"),
    "respondents": (IndicatorKind.COUNT, "svarande", "", ""),
    "response_rate": (IndicatorKind.SHARE, "andel", "inbjudna", "invited"),
}


@dataclass(frozen=True)
class SurveyImportResult:
    result: services.ImportResult
    warnings: list[SurveyWarning] = field(default_factory=list)
    created_indicators: list[Indicator] = field(default_factory=list)

    @property
    def warning_texts(self) -> list[str]:
        """The warnings in the active language."""
        return [gettext(w.msgid) % w.params for w in self.warnings]


def min_group_size(definition: SurveyDefinition, index: SurveyIndex | None) -> int:
    """The smallest group an index's figures are shown for, counted in valid answers.

    The profile hides a figure whose denominator (valid answers) is below the indicator's
    min_group_size. Each respondent gives at most one valid answer per question, so an index
    pooling k questions has fewer than k × 5 valid answers whenever it has fewer than 5
    respondents: min_group_size = k × min_respondents hides every group under 5 respondents.
    """
    if index is None:
        return 0
    return definition.min_respondents * len(index.questions)


def ensure_survey_indicators(
    definition: SurveyDefinition,
) -> tuple[list[Indicator], list[SurveyWarning]]:
    """Create the survey's indicators that the catalogue lacks; refuse a code that names an
    indicator of another kind. Returns the created indicators and warnings."""
    created: list[Indicator] = []
    warnings: list[SurveyWarning] = []
    for what, target, index in definition.targets():
        kind, unit, base_sv, base_en = _KINDS[what]
        smallest = min_group_size(definition, index)
        existing = Indicator.objects.filter(code=target.code).first()
        if existing is None:
            created.append(
                Indicator.objects.create(
                    code=target.code,
                    name_sv=target.name_sv or _default_name(target, what, "sv"),
                    name_en=target.name_en or _default_name(target, what, "en"),
                    unit=unit,
                    kind=kind,
                    direction=Direction.HIGHER_IS_BETTER,
                    source=definition.source or SURVEY_SOURCE,
                    description=_description(index),
                    base_label_sv=base_sv,
                    base_label_en=base_en,
                    min_group_size=smallest,
                )
            )
            continue
        if existing.kind != kind:
            raise SourceError(
                gettext_noop(
                    "The indicator %(code)s already exists as a %(existing)s, but the survey "
                    "writes a %(wanted)s to it. Give the survey figure another indicator code."
                ),
                {"code": target.code, "existing": existing.kind, "wanted": kind},
                Location(file=target.code),
                code="indicator_kind",
            )
        if existing.min_group_size < smallest:
            warnings.append(
                SurveyWarning(
                    gettext_noop(
                        "The indicator %(code)s hides groups under %(existing)s valid answers; "
                        "to hide every group under %(respondents)s respondents it needs "
                        "%(needed)s (Indicators, smallest group shown)."
                    ),
                    {
                        "code": target.code,
                        "existing": existing.min_group_size,
                        "respondents": definition.min_respondents,
                        "needed": smallest,
                    },
                    "min_group_size",
                )
            )
    return created, warnings


def _default_name(target: IndicatorTarget, what: str, language: str) -> str:
    # Stored in both languages, so not translated: the code names the figure the user chose.
    suffix = {
        "share": ("", ""),
        "mean": (" (medelvärde 0–100)", " (mean 0–100)"),
        "respondents": ("", ""),
        "response_rate": ("", ""),
    }[what]
    return target.code + (suffix[0] if language == "sv" else suffix[1])


def _description(index: SurveyIndex | None) -> str:
    if index is None:
        return ""
    return "Hyresgästenkät: " + ", ".join(index.questions)


def import_survey(
    *,
    request: ReadRequest,
    owner: Organisation,
    dataset_name: str = "",
    source: str = "",
    user: Any = None,
    visibility: str = Visibility.PRIVATE,
    on_progress: Callable[[int], None] | None = None,
) -> SurveyImportResult:
    """Import a survey file as its definition says, creating missing indicators; all or
    nothing (a refused file leaves no new indicator behind). `user` None: a trusted caller."""
    services.check_editor(user, owner)
    request.kind = "survey"
    if source:
        request.source = source
    definition = SurveyDefinition.from_dict(
        {**(request.mapping or {}), **({"source": source} if source else {})},
        file=request.mapping_name,
    )
    plan = open_records(request)
    with transaction.atomic():
        created, warnings = ensure_survey_indicators(definition)
        result = services.import_observations(
            records=plan.records,
            owner=owner,
            dataset_name=dataset_name or plan.dataset_name,
            source=source or plan.source,
            user=user,
            visibility=visibility,
            on_progress=on_progress,
        )
    return SurveyImportResult(result, [*plan.warnings, *warnings], created)


def save_survey_template(
    *, user: Any, owner: Organisation, name: str, definition: SurveyDefinition
) -> ImportTemplate:
    """Save (or replace) a survey definition as the owner's import template `name`."""
    if not can_edit_for(user, owner):
        raise services.NotAllowed(
            gettext_noop(
                "You may not save templates for %(organisation)s: you need the role editor or "
                "administrator in that organisation."
            ),
            {"organisation": owner.name},
            code="not_allowed",
        )
    template, _created = ImportTemplate.objects.update_or_create(
        owner=owner,
        name=name,
        defaults={
            "kind": ImportKind.SURVEY,
            "mapping": definition.model_dump(mode="json", exclude_defaults=True),
            "created_by": user,
        },
    )
    return template
