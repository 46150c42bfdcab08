"""The twelve steps of the model (mission.md, "The twelve steps"): the spine of a programme.

A fixed list, not a wizard: a programme records a status per step, in any order.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Step:
    number: int
    code: str
    name_sv: str
    name_en: str
    explanation: str | Promise
    checklist: tuple[str | Promise, ...]

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "sv").startswith("en") else self.name_sv


STEPS: tuple[Step, ...] = (
    Step(
        1,
        "utmaningar",
        "Samhällsutmaningar",
        "Societal challenges",
        _("The municipality and the company inventory shared challenges and opportunities."),
        (
            _("The area profile has been read: every indicator against the city, ranked gaps."),
            _("The challenges are recorded and linked to indicators."),
            _("The municipality and the company agree on the list."),
        ),
    ),
    Step(
        2,
        "upphandling",
        "Social upphandling",
        "Social procurement",
        _("Choose areas and functions for social procurement."),
        (
            _("Contracts suited for social clauses are listed (e.g. renovations)."),
            _("Clauses are chosen: jobs or internships for the long-term unemployed."),
            _("What is committed and what is delivered will be followed up."),
        ),
    ),
    Step(
        3,
        "benchmark",
        "Benchmark",
        "Benchmark",
        _("Learn from companies and municipalities that have done it."),
        (
            _("Comparable areas and programmes are identified."),
            _("Methods with results from other programmes are reviewed."),
            _("Contacts with at least one company or municipality that has done it."),
        ),
    ),
    Step(
        4,
        "utbildning",
        "Utbildning",
        "Training",
        _("Find knowledge gaps; train the company, its board and the municipality."),
        (
            _("Knowledge gaps are listed per method."),
            _("Board, management and municipality have been trained."),
        ),
    ),
    Step(
        5,
        "forutsattningar",
        "Förutsättningar",
        "Preconditions",
        _("The municipality prioritises the work; the owner gives directives."),
        (
            _("Municipal will is documented."),
            _("Board and management stand behind the programme."),
            _("Dialogue with tenants has started."),
            _("An owner directive exists."),
        ),
    ),
    Step(
        6,
        "malsattningar",
        "Målsättningar",
        "Goals",
        _(
            "Goals for the company, the tenants and the municipality, derived from the gap "
            "between the area and the city."
        ),
        (
            _("Each goal is set from a gap in the area profile, in people."),
            _("Each goal has a baseline year, a deadline year and a yearly trajectory."),
            _("The partners agree on the goals."),
        ),
    ),
    Step(
        7,
        "tidsperspektiv",
        "Tidsperspektiv",
        "Time horizon",
        _("Social investments pay off over at least 10 years."),
        (
            _("The programme's horizon is at least 10 years."),
            _("Goals with a shorter horizon are deliberate and explained."),
        ),
    ),
    Step(
        8,
        "losningar",
        "Lösningar",
        "Solutions",
        _("Long-term solutions: initiatives, each with an effect logic."),
        (
            _("Initiatives are chosen for the goals."),
            _("Each initiative has an effect logic from activity to outcome."),
        ),
    ),
    Step(
        9,
        "partners",
        "Samarbetspartners",
        "Partners",
        _("Find the partners who gain from the results."),
        (
            _("Partners who gain are named."),
            _("A partnership (handshake) with commitments is signed."),
        ),
    ),
    Step(
        10,
        "finansiering",
        "Finansiering",
        "Financing",
        _("The partners who gain carry the extra cost."),
        (
            _("A common budget exists."),
            _("The cost split follows each party's share of the benefits."),
        ),
    ),
    Step(
        11,
        "finansiell-analys",
        "Finansiell analys",
        "Financial analysis",
        _("Property value and socio-economic calculation."),
        (
            _("Property economics are calculated (value, vacancies, turnover)."),
            _("A socio-economic calculation per stakeholder is done."),
            _("Uncertainty is shown."),
        ),
    ),
    Step(
        12,
        "uppfoljning",
        "Uppföljning, återkoppling, resultatspridning",
        "Follow-up, feedback and spreading results",
        _("Follow up against the goals, feed back, and spread what works."),
        (
            _("Measurements are recorded against each goal's trajectory."),
            _("Results are fed back to partners and tenants."),
            _("Good examples are published to the method library."),
        ),
    ),
)

STEPS_BY_CODE: dict[str, Step] = {s.code: s for s in STEPS}
