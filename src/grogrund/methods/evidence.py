"""The evidence ladder of the method library, and what it is modelled on.

Four levels, from a described idea to an effect shown in several evaluations. The ladder asks
what is usually asked of social interventions: first a clear account of how the method is
meant to work (an effect logic), then follow-up data showing change, then a comparison that
lets the change be attributed to the method, then replication. It follows the levels of:

* Nesta's Standards of Evidence (Puttick & Ludlow 2012): 1 account of impact, 2 correlation,
  3 causation, 4 independent replication, 5 scaled. Our levels 1–4 are Nesta's 1–4; Nesta's
  level 5 (manuals and systems so others deliver it at scale) is left out: what is known about
  a method's spread shows on its page, in the benchmark.
* The Early Intervention Foundation's evidence ratings: level 2 "preliminary evidence" (change
  without a causal claim), level 3 one rigorous evaluation with a comparison group, level 4
  multiple rigorous evaluations and lasting effects.
* SBU's and Socialstyrelsen's use of GRADE, which grades the certainty of the body of evidence
  (high, moderate, low, very low), not single studies, by risk of bias, consistency,
  transferability, precision and publication bias: why level 4 asks for several evaluations
  pointing the same way, and why an evaluation made elsewhere is weighed for how well it
  transfers to Swedish residential areas.

The references are shown on the page methods:evidence; a curator sets a method's level when
publishing it and says why in `Method.evidence_note`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from grogrund.methods.models import EvidenceLevel


@dataclass(frozen=True)
class Rung:
    level: int
    name: str | Promise
    criteria: str | Promise
    not_yet: str | Promise  # what the level does not show
    to_climb: str | Promise  # what is needed for the next level ("" at the top)
    compares_to: str | Promise  # the matching levels of the frameworks it is modelled on


LADDER: tuple[Rung, ...] = (
    Rung(
        EvidenceLevel.IDEA,
        EvidenceLevel.IDEA.label,
        _(
            "The method is described with its effect logic: the need, what is done, for whom, "
            "and why that should lead to the outcomes."
        ),
        _("Nothing yet shows that the method changes anything."),
        _("Try it in at least one area and follow up its outcomes against a baseline."),
        _("Nesta level 1 (account of impact)."),
    ),
    Rung(
        EvidenceLevel.TRIED_LOCALLY,
        EvidenceLevel.TRIED_LOCALLY.label,
        _(
            "The method has been used in at least one area, and the outcomes of its effect "
            "logic were measured before and after, with the figures and their sources kept."
        ),
        _("The change may have other causes: the whole area or city may have moved the same way."),
        _(
            "Compare the participants or the area with a similar group or similar areas that "
            "did not get the method."
        ),
        _("Nesta level 2 (correlation); EIF level 2 (preliminary evidence)."),
    ),
    Rung(
        EvidenceLevel.COMPARISON_GROUP,
        EvidenceLevel.COMPARISON_GROUP.label,
        _(
            "At least one evaluation compared those who got the method with a comparison group "
            "(or comparable areas) and found a better outcome that can be attributed to it."
        ),
        _("One evaluation in one place: the effect may not hold elsewhere or over time."),
        _(
            "Repeat the evaluation in other places or by an independent evaluator, following "
            "the outcomes for at least a year."
        ),
        _("Nesta level 3 (causation); EIF level 3 (one rigorous evaluation)."),
    ),
    Rung(
        EvidenceLevel.SEVERAL_EVALUATIONS,
        EvidenceLevel.SEVERAL_EVALUATIONS.label,
        _(
            "Several evaluations with comparison groups, in different places or by independent "
            "evaluators, point the same way, and the effect lasts at least a year."
        ),
        _(
            "Even a well-evaluated method can fail where the conditions differ: follow it up "
            "wherever it is used."
        ),
        "",
        _(
            "Nesta level 4 (independent replication); EIF level 4 (multiple rigorous "
            "evaluations, lasting effects); moderate or high certainty in GRADE."
        ),
    ),
)

RUNGS = {rung.level: rung for rung in LADDER}


@dataclass(frozen=True)
class Reference:
    title: str
    publisher: str
    year: int | None  # None: the page gives no date
    url: str
    taken: str | Promise  # what the ladder takes from it


REFERENCES: tuple[Reference, ...] = (
    Reference(
        "Standards of Evidence for Impact Investing (Puttick, R. & Ludlow, J.)",
        "Nesta",
        2012,
        "https://www.nesta.org.uk/feature/innovation-methods/standards-evidence/",
        _(
            "Five levels from a clear account of how a service should work to evidence that it "
            "works at scale; our levels 1–4 follow its first four."
        ),
    ),
    Reference(
        "EIF evidence standards",
        "Early Intervention Foundation",
        None,
        "https://guidebook.eif.org.uk/eif-evidence-standards",
        _(
            "Preliminary evidence without a causal claim (level 2), one rigorous evaluation "
            "with a comparison group (level 3), multiple rigorous evaluations (level 4)."
        ),
    ),
    Reference(
        "Så graderas tillförlitligheten i det samlade vetenskapliga underlaget (GRADE)",
        "SBU, Statens beredning för medicinsk och social utvärdering",
        None,
        "https://www.sbu.se/sv/publikationer/nya-vetenskap-och-praxis/"
        "sa-graderas-tillforlitligheten-i-det-samlade-vetenskapliga-underlaget/",
        _(
            "The certainty of a body of evidence, graded high, moderate, low or very low by "
            "risk of bias, consistency, transferability, precision and publication bias."
        ),
    ),
    Reference(
        "Om metodguiden, bedömningsmetoder och insatsers effekter",
        "Socialstyrelsen",
        None,
        "https://www.socialstyrelsen.se/kunskapsstod-och-regler/omraden/"
        "evidensbaserad-praktik/metodguiden/om-metodguiden/",
        _(
            "Methods described by target group, purpose and use, with what is known of their "
            "effects; a method in the guide is information, not a recommendation."
        ),
    ),
)
