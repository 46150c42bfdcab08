"""What an effect logic still lacks, with where: the checks behind the list on the initiative
page, the highlights in the diagram and the completeness on the programme page.

Errors make the effect logic incomplete; warnings are advice. The checks read plain node and
link objects (the models, or anything with the same attributes) and make no queries.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from grogrund.engine.targets import Direction
from grogrund.initiatives.models import CHAIN, OUTCOME_STAGES, Stage

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Issue:
    severity: str  # ERROR or WARNING
    code: str
    message: str
    node_id: int | None = None
    link_ids: tuple[int, ...] = ()


@dataclass
class Validation:
    issues: list[Issue] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == WARNING]

    @property
    def complete(self) -> bool:
        return not self.errors

    def for_node(self, node_id: int) -> list[Issue]:
        return [i for i in self.issues if i.node_id == node_id]

    @property
    def problem_links(self) -> set[int]:
        return {link for i in self.issues for link in i.link_ids}


def _stage_names() -> dict[str, str]:
    return {
        Stage.NEED: _("No need and target group described yet."),
        Stage.ACTIVITY: _("No activity yet."),
        Stage.OUTPUT: _("No output yet."),
        Stage.SHORT_TERM: _("No short-term outcome yet."),
        Stage.LONG_TERM: _("No long-term outcome yet."),
        Stage.IMPACT: _("No impact yet."),
    }


def _reach(start: int, outgoing: dict[int, list[int]]) -> set[int]:
    seen: set[int] = set()
    todo = list(outgoing.get(start, []))
    while todo:
        n = todo.pop()
        if n not in seen:
            seen.add(n)
            todo.extend(outgoing.get(n, []))
    return seen


def validate(nodes: Sequence[Any], links: Iterable[Any]) -> Validation:
    """Check an effect logic: every stage present; every outcome with an indicator, a baseline
    and a target (a target that improves on the baseline, in a later year); every activity
    leading to an outcome; every impact reached; links only forwards and without loops;
    long-term outcomes tied to a programme goal (a warning)."""
    result = Validation()
    add = result.issues.append
    chain = [n for n in nodes if n.stage in CHAIN]
    by_id = {n.pk: n for n in chain}
    links = [link for link in links if link.source_id in by_id and link.target_id in by_id]
    if not chain:
        add(Issue(ERROR, "empty", _("The effect logic is empty: start with the need.")))
        return result
    present = {n.stage for n in chain}
    for stage, message in _stage_names().items():
        if stage not in present:
            add(Issue(ERROR, f"missing_{stage}", message))

    outgoing: dict[int, list[int]] = {}
    incoming: dict[int, list[int]] = {}
    for link in links:
        outgoing.setdefault(link.source_id, []).append(link.target_id)
        incoming.setdefault(link.target_id, []).append(link.source_id)

    for link in links:
        a, b = by_id[link.source_id], by_id[link.target_id]
        if CHAIN.index(Stage(b.stage)) < CHAIN.index(Stage(a.stage)):
            add(
                Issue(
                    ERROR,
                    "backwards",
                    _("The link from “%(a)s” to “%(b)s” goes backwards (%(sa)s → %(sb)s).")
                    % {
                        "a": a.text,
                        "b": b.text,
                        "sa": a.get_stage_display(),
                        "sb": b.get_stage_display(),
                    },
                    node_id=a.pk,
                    link_ids=(link.pk,),
                )
            )

    reach = {n.pk: _reach(n.pk, outgoing) for n in chain}
    in_loop = sorted(n.pk for n in chain if n.pk in reach[n.pk])
    done: set[int] = set()
    for pk in in_loop:
        if pk in done:
            continue
        loop = [m for m in in_loop if m in reach[pk] and pk in reach[m]]
        done.update(loop)
        loop_links = tuple(
            link.pk for link in links if link.source_id in loop and link.target_id in loop
        )
        add(
            Issue(
                ERROR,
                "cycle",
                _("These steps lead in a circle: %(nodes)s.")
                % {"nodes": " → ".join(f"“{by_id[m].text}”" for m in loop)},
                node_id=pk,
                link_ids=loop_links,
            )
        )

    outcome_ids = {n.pk for n in chain if n.stage in OUTCOME_STAGES}
    for n in chain:
        if n.stage == Stage.ACTIVITY and not (reach[n.pk] & outcome_ids):
            add(
                Issue(
                    ERROR,
                    "activity_leads_nowhere",
                    _("The activity “%(text)s” leads to no outcome: link it to an output.")
                    % {"text": n.text},
                    node_id=n.pk,
                )
            )
        elif n.stage == Stage.OUTPUT and not (reach[n.pk] & outcome_ids):
            add(
                Issue(
                    WARNING,
                    "output_leads_nowhere",
                    _("The output “%(text)s” leads to no outcome.") % {"text": n.text},
                    node_id=n.pk,
                )
            )
        elif n.stage == Stage.IMPACT and not incoming.get(n.pk):
            add(
                Issue(
                    ERROR,
                    "impact_unreached",
                    _("Nothing leads to the impact “%(text)s”: link a long-term outcome to it.")
                    % {"text": n.text},
                    node_id=n.pk,
                )
            )
        elif n.pk in outcome_ids:
            result.issues.extend(_outcome_issues(n))
    return result


def _outcome_issues(n: Any) -> list[Issue]:
    out = []
    where = {"text": n.text}
    if n.indicator_id is None:
        out.append(
            Issue(
                ERROR,
                "outcome_without_indicator",
                _("The outcome “%(text)s” has no indicator to follow it with.") % where,
                node_id=n.pk,
            )
        )
    if n.baseline_value is None or n.baseline_year is None:
        out.append(
            Issue(
                ERROR,
                "outcome_without_baseline",
                _("The outcome “%(text)s” has no baseline (value and year).") % where,
                node_id=n.pk,
            )
        )
    if n.target_value is None or n.target_year is None:
        out.append(
            Issue(
                ERROR,
                "outcome_without_target",
                _("The outcome “%(text)s” has no target (value and year).") % where,
                node_id=n.pk,
            )
        )
    if not out:
        if n.target_year <= n.baseline_year:
            out.append(
                Issue(
                    ERROR,
                    "target_year_not_after_baseline",
                    _("The outcome “%(text)s”: the target year must come after the baseline year.")
                    % where,
                    node_id=n.pk,
                )
            )
        sign = 1 if n.indicator.direction == Direction.HIGHER_IS_BETTER else -1
        if sign * (n.target_value - n.baseline_value) <= 0:
            out.append(
                Issue(
                    ERROR,
                    "target_not_better",
                    _(
                        "The outcome “%(text)s”: the target does not improve on the baseline "
                        "(for this indicator %(direction)s)."
                    )
                    % {**where, "direction": n.indicator.get_direction_display().lower()},
                    node_id=n.pk,
                )
            )
    if (
        n.goal_id is not None
        and n.indicator_id is not None
        and n.goal.indicator_id != n.indicator_id
    ):
        out.append(
            Issue(
                WARNING,
                "goal_indicator_differs",
                _(
                    "The outcome “%(text)s” is followed with another indicator than the goal "
                    "it contributes to (%(goal)s)."
                )
                % {**where, "goal": n.goal.indicator.name},
                node_id=n.pk,
            )
        )
    if n.stage == Stage.LONG_TERM and n.goal_id is None:
        out.append(
            Issue(
                WARNING,
                "long_term_without_goal",
                _("The long-term outcome “%(text)s” is not tied to a goal of the programme.")
                % where,
                node_id=n.pk,
            )
        )
    return out
