"""Tenant surveys (hyresgästenkäter) as counts of answers per scale step → ObservationRecords.

Housing companies get their survey results per area and question as the number of answers at
each step of the scale (AktivBo's four-point scales, SCB's ten-point scale, Hyresgästföreningen's
seven-point scale…), with "vet ej" / "ej svar" kept apart. From the counts this reader computes,
per area and index (one question, or several pooled as a safety or service index does):

- the top-box index: numerator = Σ answers in the top steps (default: the top two),
  denominator = Σ valid answers ("vet ej" and "ej svar" are not valid answers), value = share;
- the mean rescaled to 0–100: each answer scores (step − 1) / (points − 1) × 100 (SCB's
  betygsindex and Hyresgästföreningen's 0–100 scale use the same rescaling), numerator =
  Σ scores, denominator = valid answers, value = numerator / denominator;
- respondents (a count) and the response rate (respondents / invited) where given.

Indices of several questions pool the counts (Σ top over the questions / Σ valid over the
questions), never average the questions' indices. The records keep numerator and denominator,
so an area made of several (a custom area of DeSOs) adds counts too: the index of the union is
Σ top / Σ valid, not the mean of the parts' indices.

Layouts, one row per area (and period) and question:
- long: columns area, question, step, count (one row per step);
- wide: columns area, question, then one column per step ("1", "2", "3", "4", "Vet ej").
A step is named by its number ("4", "4 Mycket nöjd"), by a label the definition maps to a
number ("Mycket nöjd": 4), or by a don't-know label. An empty count is 0; "-" (SCB: nothing to
report) is 0; ".." (not available) is refused, since the index cannot be computed without it.

No Django here: warnings (few respondents, a question without answers) are collected as
msgid + params for the caller to translate.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .decimals import parse_number
from .errors import SourceError, gettext_noop
from .personal_numbers import check_row, column_labels, find_personal_number
from .records import Location, ObservationRecord
from .regions import normalise_area_code
from .tabular import _blank, _text, csv_rows, empty_file, missing_cell, open_sheet

# Groups smaller than this are not shown (mission.md: "suppress groups under 5 respondents";
# Hyresgästföreningen's DinVärd shows no answers from fewer than five respondents).
MIN_RESPONDENTS = 5
DEFAULT_DONT_KNOW = ("Vet ej", "Ej svar", "Ingen åsikt", "Ej aktuellt", "Ej aktuellt/ingen åsikt")
_LEADING_STEP = re.compile(r"^(\d{1,2})(?:[\s.:)\-–].*)?$")
_ZERO_SYMBOLS = frozenset({"", "-", "–", "—", "0"})


class IndicatorTarget(BaseModel):
    """Where a computed figure goes: an indicator code, and names for creating it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str = Field(min_length=1, max_length=60)
    name_sv: str = Field(default="", max_length=200)
    name_en: str = Field(default="", max_length=200)

    @model_validator(mode="before")
    @classmethod
    def _from_code(cls, data: Any) -> Any:
        return {"code": data} if isinstance(data, str) else data


class SurveyQuestion(BaseModel):
    """Scale and top steps of one question, where they differ from the survey's defaults."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    points: int | None = Field(default=None, ge=2, le=11)
    top_steps: list[int] | None = None


class SurveyIndex(BaseModel):
    """An index of one or more questions, pooled, and the indicators it is written to."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    questions: list[str] = Field(min_length=1)
    share: IndicatorTarget | None = None  # top-box index, a share 0–1
    mean: IndicatorTarget | None = None  # mean rescaled to 0–100

    @model_validator(mode="after")
    def _writes_something(self) -> SurveyIndex:
        if self.share is None and self.mean is None:
            raise ValueError("an index needs a share or a mean indicator (or both)")
        return self


class SurveyColumns(BaseModel):
    """Column names in the file's header row (matched case-insensitively)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    area: str = "area"
    question: str = "question"
    step: str | None = None  # long layout
    count: str | None = None  # long layout
    period: str | None = None
    invited: str | None = None
    respondents: str | None = None


class SurveyDefinition(BaseModel):
    """How to read a survey file and what to compute from it (a YAML file or an import
    template of kind "survey"; see docs/import.md, "Hyresgästenkäter")."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    layout: Literal["long", "wide"] = "wide"
    columns: SurveyColumns = SurveyColumns()
    period: str | None = None  # fixed period, unless columns.period
    source: str = ""
    points: int = Field(default=4, ge=2, le=11)
    top_steps: list[int] | None = None  # default: the top two steps of each question's scale
    dont_know: list[str] = Field(default_factory=lambda: list(DEFAULT_DONT_KNOW))
    step_labels: dict[str, int] = Field(default_factory=dict)
    questions: dict[str, SurveyQuestion] = Field(default_factory=dict)
    indices: list[SurveyIndex] = Field(min_length=1)
    respondents: IndicatorTarget | None = None
    response_rate: IndicatorTarget | None = None
    invited: int | dict[str, int] | None = None  # one number, or one per area code
    min_respondents: int = Field(default=MIN_RESPONDENTS, ge=1)
    ignore_columns: list[str] = Field(default_factory=list)
    sheet: str | None = None

    @field_validator("questions", mode="before")
    @classmethod
    def _questions(cls, value: Any) -> Any:
        return {str(k): ({} if v is None else v) for k, v in (value or {}).items()}

    @model_validator(mode="after")
    def _complete(self) -> SurveyDefinition:
        if self.layout == "long" and not (self.columns.step and self.columns.count):
            raise ValueError("a long layout needs columns.step and columns.count")
        if (self.period is None) == (self.columns.period is None):
            raise ValueError("give either period (fixed) or columns.period")
        for step in self.top_steps or []:
            if not 1 <= step <= self.points:
                raise ValueError(f"top step {step} is outside the scale 1–{self.points}")
        for code in self.questions:
            points = self.points_of(code)
            for step in self.top_of(code):
                if not 1 <= step <= points:
                    raise ValueError(
                        f"question {code}: top step {step} is outside its scale 1–{points}"
                    )
        for label, step in self.step_labels.items():
            if not 1 <= step <= 11:
                raise ValueError(f"step label {label!r} maps to {step}, not a scale step")
        if self.response_rate is not None and (
            self.invited is None and self.columns.invited is None
        ):
            raise ValueError("a response rate needs invited (a number) or columns.invited")
        codes = [t.code for i in self.indices for t in (i.share, i.mean) if t is not None] + [
            t.code for t in (self.respondents, self.response_rate) if t is not None
        ]
        repeated = sorted({c for c in codes if codes.count(c) > 1})
        if repeated:
            raise ValueError(f"indicator code(s) used twice: {', '.join(repeated)}")
        return self

    # -- per question ------------------------------------------------------------------

    def _question(self, code: str) -> SurveyQuestion | None:
        wanted = code.strip().casefold()
        for name, question in self.questions.items():
            if name.strip().casefold() == wanted:
                return question
        return None

    def points_of(self, code: str) -> int:
        question = self._question(code)
        return question.points if question and question.points else self.points

    def top_of(self, code: str) -> list[int]:
        question = self._question(code)
        if question is not None and question.top_steps is not None:
            return question.top_steps
        if self.top_steps is not None:
            return self.top_steps
        points = self.points_of(code)
        return [points - 1, points]

    def used_questions(self) -> list[str]:
        seen: dict[str, str] = {}
        for index in self.indices:
            for q in index.questions:
                seen.setdefault(q.strip().casefold(), q.strip())
        return list(seen.values())

    def targets(self) -> list[tuple[str, IndicatorTarget, SurveyIndex | None]]:
        """Every indicator the survey writes: (what, target, index) with what in share, mean,
        respondents, response_rate."""
        out: list[tuple[str, IndicatorTarget, SurveyIndex | None]] = []
        for index in self.indices:
            if index.share is not None:
                out.append(("share", index.share, index))
            if index.mean is not None:
                out.append(("mean", index.mean, index))
        if self.respondents is not None:
            out.append(("respondents", self.respondents, None))
        if self.response_rate is not None:
            out.append(("response_rate", self.response_rate, None))
        return out

    def texts(self) -> list[str]:
        """Free text the user gave (checked for personal numbers)."""
        texts = [self.source, self.period or "", *self.dont_know, *self.step_labels]
        texts += [t for _w, target, _i in self.targets() for t in (target.name_sv, target.name_en)]
        return texts

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, file: str = "<survey>") -> SurveyDefinition:
        try:
            definition = cls.model_validate(data)
        except ValidationError as exc:
            reason = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or 'definition'}: {e['msg']}"
                for e in exc.errors()
            )
            raise SourceError(
                gettext_noop(
                    "The survey definition %(file)s is invalid: %(reason)s. Correct it (see "
                    "docs/import.md, Hyresgästenkäter)."
                ),
                {"reason": reason},
                Location(file=file),
                code="invalid_mapping",
            ) from exc
        for text in definition.texts():
            found = find_personal_number(text)
            if found is not None:
                raise SourceError(
                    gettext_noop(
                        "The survey definition %(file)s is refused: it contains a Swedish "
                        "personal identity number or coordination number (%(masked)s). Remove "
                        "it."
                    ),
                    {"masked": found.masked},
                    Location(file=file),
                    code="personal_number",
                )
        return definition


# ---------------------------------------------------------------------------------------
# Computation (pure, on counts)


@dataclass(frozen=True, slots=True)
class Tally:
    """The answers to one or more questions, pooled."""

    top: int = 0  # answers in the top steps
    valid: int = 0  # answers on the scale (don't know excluded)
    score: float = 0.0  # Σ answers × (step − 1) / (points − 1) × 100
    dont_know: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.top + other.top,
            self.valid + other.valid,
            self.score + other.score,
            self.dont_know + other.dont_know,
        )

    @property
    def share(self) -> float | None:
        return self.top / self.valid if self.valid else None

    @property
    def mean_0_100(self) -> float | None:
        return self.score / self.valid if self.valid else None


def rescaled(step: int, points: int) -> float:
    """A step of a `points`-point scale on 0–100: (step − 1) / (points − 1) × 100."""
    return (step - 1) / (points - 1) * 100


def tally(
    counts: Mapping[int, int], *, points: int, top_steps: Sequence[int], dont_know: int = 0
) -> Tally:
    """The tally of one question from its counts per step (1…points)."""
    top = set(top_steps)
    return Tally(
        top=sum(n for step, n in counts.items() if step in top),
        valid=sum(counts.values()),
        score=sum(n * rescaled(step, points) for step, n in counts.items()),
        dont_know=dont_know,
    )


# ---------------------------------------------------------------------------------------
# Reading


@dataclass(frozen=True, slots=True)
class SurveyWarning:
    """Something the user should know, though the import goes on (msgid + params)."""

    msgid: str
    params: dict[str, object]
    code: str


@dataclass
class _Question:
    counts: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    dont_know: int = 0
    rows: dict[str, int] = field(default_factory=dict)  # step key → first row (duplicates)


@dataclass
class _Group:
    """One area in one period."""

    row: int
    questions: dict[str, _Question] = field(default_factory=dict)
    invited: tuple[int, int] | None = None  # (count, row)
    respondents: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class _Step:
    number: int | None  # None: don't know
    label: str


class SurveyReader:
    """Reads one survey file; `records()` yields the figures, `warnings` fills as it reads."""

    def __init__(self, path: str | Path, definition: SurveyDefinition) -> None:
        self.path = Path(path)
        self.definition = definition
        self.warnings: list[SurveyWarning] = []
        self.file = self.path.name
        self._dont_know = {label.strip().casefold() for label in definition.dont_know}
        self._labels = {k.strip().casefold(): v for k, v in definition.step_labels.items()}
        self._used = {q.casefold(): q for q in definition.used_questions()}
        invited = definition.invited
        self._invited_by_area = (
            {normalise_area_code(k): v for k, v in invited.items()}
            if isinstance(invited, dict)
            else {}
        )

    # -- rows of the file ------------------------------------------------------------

    def _rows(self) -> Iterator[tuple[int, Sequence[object]]]:
        if self.path.suffix.lower() in {".xlsx", ".xlsm"}:
            with open_sheet(self.path, self.definition.sheet) as sheet:
                self.file = f"{self.path.name} ({sheet.title})"
                yield from enumerate(sheet.iter_rows(values_only=True), start=1)
            return
        if self.path.stat().st_size == 0:
            raise empty_file(self.file)
        yield from csv_rows(self.path)

    # -- cells -------------------------------------------------------------------------

    def _step(self, text: str, where: Location) -> _Step:
        key = text.strip().casefold()
        if key in self._dont_know:
            return _Step(None, text)
        if key in self._labels:
            return _Step(self._labels[key], text)
        match = _LEADING_STEP.match(text.strip())
        if match:
            return _Step(int(match.group(1)), text)
        raise SourceError(
            gettext_noop(
                "Unknown answer step '%(step)s' in %(file)s, row %(row)s, column %(column)s. A "
                "step is a number on the scale (1, 2, 3, 4), a label mapped to a number in the "
                "survey definition (step_labels), or a don't-know label (%(dont_know)s). Add it "
                "to the definition, or list the column among the columns to ignore."
            ),
            {"step": text[:40], "dont_know": ", ".join(self.definition.dont_know) or "-"},
            where,
            code="unknown_step",
        )

    def _count(self, raw: object, where: Location, what: str = "count") -> int:
        if isinstance(raw, bool):
            raw = _text(raw)
        if isinstance(raw, int | float):
            number = float(raw)
        else:
            text = _text(raw)
            if text in _ZERO_SYMBOLS:
                return 0
            try:
                number = parse_number(text)
            except ValueError:
                raise SourceError(
                    gettext_noop(
                        "The count '%(value)s' in %(file)s, row %(row)s, column %(column)s is "
                        "not a number of answers. Write a whole number such as 12 (empty or - "
                        "means none)."
                    ),
                    {"value": text[:40], "what": what},
                    where,
                    code="not_a_number",
                ) from None
        if number != number or number in (float("inf"), float("-inf")):
            raise SourceError(
                gettext_noop(
                    "The count in %(file)s, row %(row)s, column %(column)s is not a number "
                    "of answers. Write a whole number such as 12."
                ),
                {"what": what},
                where,
                code="not_a_number",
            )
        if number < 0:
            raise SourceError(
                gettext_noop(
                    "Negative count %(value)s in %(file)s, row %(row)s, column %(column)s. "
                    "Counts of answers are zero or more."
                ),
                {"value": _text(raw)[:40], "what": what},
                where,
                code="negative_count",
            )
        if not number.is_integer():
            raise SourceError(
                gettext_noop(
                    "The count %(value)s in %(file)s, row %(row)s, column %(column)s is not a "
                    "whole number. Give the number of answers, not a percentage or a weighted "
                    "figure."
                ),
                {"value": _text(raw)[:40], "what": what},
                where,
                code="not_whole",
            )
        return int(number)

    # -- the file into groups -----------------------------------------------------------

    def _header(self, cells: Sequence[object]) -> tuple[list[str], dict[str, int], list[int]]:
        d = self.definition
        names = [_text(c) for c in cells]
        labels = column_labels(names)
        lookup: dict[str, int] = {}
        for i, name in enumerate(names):
            lookup.setdefault(name.casefold(), i)
        wanted = {
            key: name
            for key, name in d.columns.model_dump().items()
            if name is not None and (d.layout == "long" or key not in {"step", "count"})
        }
        missing = [n for n in wanted.values() if n.strip().casefold() not in lookup]
        if missing:
            raise SourceError(
                gettext_noop(
                    "The file %(file)s lacks the column(s) %(columns)s in its header row (row "
                    "1). The header has: %(found)s. Rename the columns in the file or change the "
                    "survey definition."
                ),
                {
                    "columns": ", ".join(f"'{c}'" for c in missing),
                    "found": ", ".join(f"'{n}'" for n in names if n) or "-",
                },
                Location(file=self.file, row=1),
                code="missing_columns",
            )
        index = {key: lookup[name.strip().casefold()] for key, name in wanted.items()}
        steps: list[int] = []
        if d.layout == "wide":
            taken = set(index.values())
            ignored = {c.strip().casefold() for c in d.ignore_columns}
            for i, name in enumerate(names):
                if i in taken or not name or name.casefold() in ignored:
                    continue
                self._step(name, Location(self.file, 1, labels[i], "step"))  # checks the header
                steps.append(i)
            if not steps:
                raise SourceError(
                    gettext_noop(
                        "The file %(file)s has no answer-step columns (such as 1, 2, 3, 4, Vet "
                        "ej) beside the area and question columns. For one row per step, use "
                        "the long layout with a step and a count column."
                    ),
                    {},
                    Location(file=self.file, row=1),
                    code="missing_columns",
                )
        return labels, index, steps

    def _groups(self) -> dict[tuple[str, str], _Group]:
        d = self.definition
        groups: dict[tuple[str, str], _Group] = {}
        labels: list[str] | None = None
        index: dict[str, int] = {}
        steps: list[int] = []
        names: list[str] = []
        data_rows = 0

        def cell(cells: Sequence[object], i: int) -> object:
            return cells[i] if i < len(cells) else None

        for row, cells in self._rows():
            if _blank(cells):
                continue
            check_row(cells, file=self.file, row=row, columns=labels)
            if labels is None:
                labels, index, steps = self._header(cells)
                names = [_text(c) for c in cells]
                continue
            data_rows += 1

            def where(i: int, what: str, row: int = row, labels: list[str] = labels) -> Location:
                return Location(self.file, row, labels[i] if i < len(labels) else None, what)

            area = normalise_area_code(_text(cell(cells, index["area"])))
            question = _text(cell(cells, index["question"]))
            for key, text in (("area", area), ("question", question)):
                if not text:
                    raise missing_cell(where(index[key], key))
            if "period" in index:
                period = _text(cell(cells, index["period"]))
                if not period:
                    raise missing_cell(where(index["period"], "period"))
            else:
                period = d.period or ""
            group = groups.setdefault((area, period), _Group(row=row))
            for key in ("invited", "respondents"):
                if key in index:
                    raw = cell(cells, index[key])
                    if _text(raw) == "":
                        continue
                    value = self._count(raw, where(index[key], key), key)
                    before = getattr(group, key)
                    if before is not None and before[0] != value:
                        raise SourceError(
                            gettext_noop(
                                "%(file)s, row %(row)s, column %(column)s gives %(value)s for "
                                "area %(area)s, where row %(first)s gave %(before)s. Give the "
                                "same figure on every row of an area, or leave it empty."
                            ),
                            {
                                "value": value,
                                "before": before[0],
                                "first": before[1],
                                "area": area,
                            },
                            where(index[key], key),
                            code="inconsistent_total",
                        )
                    setattr(group, key, (value, row))
            used = self._used.get(question.casefold())
            if used is None:
                continue  # a question no index uses: checked for personal numbers, not read
            answers = group.questions.setdefault(used, _Question())
            points = d.points_of(used)
            if d.layout == "long":
                step_i, count_i = index["step"], index["count"]
                step_text = _text(cell(cells, step_i))
                if not step_text:
                    raise missing_cell(where(step_i, "step"))
                pairs = [(step_text, step_i, cell(cells, count_i), count_i)]
            else:
                pairs = [(names[i], i, cell(cells, i), i) for i in steps]
            for step_text, step_i, raw, count_i in pairs:
                step = self._step(step_text, where(step_i, "step"))
                count = self._count(
                    self._missing(raw, where(count_i, "count")), where(count_i, "count")
                )
                key = "dk:" + step.label.casefold() if step.number is None else str(step.number)
                if key in answers.rows and d.layout == "long":
                    raise SourceError(
                        gettext_noop(
                            "%(file)s, row %(row)s repeats area %(area)s, question "
                            "%(question)s and step %(step)s (first given on row %(first)s). "
                            "Keep one row per area, question and step."
                        ),
                        {
                            "area": area,
                            "question": question,
                            "step": step_text,
                            "first": answers.rows[key],
                        },
                        where(step_i, "step"),
                        code="duplicate_row",
                    )
                if key in answers.rows and d.layout == "wide":
                    raise SourceError(
                        gettext_noop(
                            "%(file)s, row %(row)s repeats area %(area)s and question "
                            "%(question)s (first given on row %(first)s). Keep one row per area "
                            "and question."
                        ),
                        {"area": area, "question": question, "first": answers.rows[key]},
                        where(index["question"], "question"),
                        code="duplicate_row",
                    )
                answers.rows[key] = row
                if step.number is None:
                    answers.dont_know += count
                    continue
                if not 1 <= step.number <= points:
                    if count == 0:
                        continue  # an empty column of a longer scale in a wide file
                    raise SourceError(
                        gettext_noop(
                            "Step %(step)s in %(file)s, row %(row)s, column %(column)s is beyond "
                            "the scale of question %(question)s (1–%(points)s). Correct the "
                            "count, or give the question's scale (points) in the survey "
                            "definition."
                        ),
                        {"step": step_text, "question": question, "points": points},
                        where(count_i if d.layout == "wide" else step_i, "step"),
                        code="step_beyond_scale",
                    )
                answers.counts[step.number] += count
        if labels is None or data_rows == 0:
            raise empty_file(self.file)
        return groups

    def _missing(self, raw: object, where: Location) -> object:
        if _text(raw) in {"..", "."}:
            raise SourceError(
                gettext_noop(
                    "The count in %(file)s, row %(row)s, column %(column)s is missing "
                    "('%(value)s'). The index needs every count: give the number of answers "
                    "(0 if none)."
                ),
                {"value": _text(raw)},
                where,
                code="missing_count",
            )
        return raw

    # -- figures -----------------------------------------------------------------------

    def _invited(self, area: str, group: _Group) -> int | None:
        if group.invited is not None:
            return group.invited[0]
        invited = self.definition.invited
        if isinstance(invited, dict):
            return self._invited_by_area.get(area)
        return invited

    def records(self) -> Iterator[ObservationRecord]:
        d = self.definition
        groups = self._groups()
        source = d.source or self.path.name
        for (area, period), group in sorted(groups.items()):
            where = Location(self.file, group.row, None, None)
            tallies: dict[str, Tally] = {}
            totals: list[int] = []
            for code, answers in group.questions.items():
                tallies[code] = tally(
                    answers.counts,
                    points=d.points_of(code),
                    top_steps=d.top_of(code),
                    dont_know=answers.dont_know,
                )
                totals.append(sum(answers.counts.values()) + answers.dont_know)
            respondents = group.respondents[0] if group.respondents else max(totals, default=0)
            if respondents < d.min_respondents:
                self.warnings.append(
                    SurveyWarning(
                        gettext_noop(
                            "Area %(area)s (%(period)s) has %(respondents)s respondents, fewer "
                            "than %(minimum)s: its survey figures are stored but not shown on "
                            "their own (they count in areas made of several)."
                        ),
                        {
                            "area": area,
                            "period": period,
                            "respondents": respondents,
                            "minimum": d.min_respondents,
                        },
                        "few_respondents",
                    )
                )
            for survey_index in d.indices:
                parts = [tallies.get(q.strip()) for q in survey_index.questions]
                lacking = [
                    q for q, t in zip(survey_index.questions, parts, strict=True) if t is None
                ]
                pooled: Tally | None = None
                if lacking:
                    self.warnings.append(
                        SurveyWarning(
                            gettext_noop(
                                "Area %(area)s (%(period)s) has no answers to %(questions)s: "
                                "%(indicator)s is stored as missing there."
                            ),
                            {
                                "area": area,
                                "period": period,
                                "questions": ", ".join(lacking),
                                "indicator": ", ".join(
                                    t.code
                                    for t in (survey_index.share, survey_index.mean)
                                    if t is not None
                                ),
                            },
                            "missing_question",
                        )
                    )
                else:
                    pooled = sum((t for t in parts if t is not None), Tally())
                if survey_index.share is not None:
                    yield self._figure(
                        area,
                        survey_index.share.code,
                        period,
                        pooled.share if pooled else None,
                        pooled.top if pooled else None,
                        pooled.valid if pooled else None,
                        source,
                        where,
                    )
                if survey_index.mean is not None:
                    yield self._figure(
                        area,
                        survey_index.mean.code,
                        period,
                        pooled.mean_0_100 if pooled else None,
                        pooled.score if pooled else None,
                        pooled.valid if pooled else None,
                        source,
                        where,
                    )
            if d.respondents is not None:
                yield ObservationRecord(
                    area,
                    d.respondents.code,
                    period,
                    float(respondents),
                    None,
                    None,
                    source,
                    Location(self.file, group.row, None, d.respondents.code),
                )
            if d.response_rate is not None:
                invited = self._invited(area, group)
                if invited is not None and respondents > invited:
                    raise SourceError(
                        gettext_noop(
                            "Area %(area)s (%(period)s) in %(file)s has %(respondents)s "
                            "respondents but only %(invited)s invited. Correct the number "
                            "invited."
                        ),
                        {
                            "area": area,
                            "period": period,
                            "respondents": respondents,
                            "invited": invited,
                        },
                        Location(
                            self.file,
                            group.invited[1] if group.invited else group.row,
                            None,
                            "invited",
                        ),
                        code="numerator_above_denominator",
                    )
                yield self._figure(
                    area,
                    d.response_rate.code,
                    period,
                    respondents / invited if invited else None,
                    float(respondents) if invited is not None else None,
                    float(invited) if invited is not None else None,
                    source,
                    where,
                )

    def _figure(
        self,
        area: str,
        indicator: str,
        period: str,
        value: float | None,
        numerator: float | None,
        denominator: float | None,
        source: str,
        where: Location,
    ) -> ObservationRecord:
        return ObservationRecord(
            area,
            indicator,
            period,
            value,
            None if numerator is None else float(numerator),
            None if denominator is None else float(denominator),
            source,
            Location(where.file, where.row, None, indicator),
            status="" if value is not None else "missing",
        )


def read_survey(path: str | Path, definition: SurveyDefinition) -> Iterator[ObservationRecord]:
    """The survey's figures as ObservationRecords (warnings are dropped: use SurveyReader)."""
    return SurveyReader(path, definition).records()
