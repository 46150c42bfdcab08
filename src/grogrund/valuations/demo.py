"""This app's part of the demo programme (called from grogrund.programmes.demo).

Four valuations of "Handslag Norrbacka", with value-bank figures (Nilsson & Wadeskog, Luleå
2013, Skandia 2017, crime costs) and the company's own (fictional) figures, each input with its
source: a socio-economic calculation of people in work instead of on economic assistance (the
jobs track), an SROI of homework help (the school initiative), the property effects of lower
vacancy, fewer move-outs and less vandalism (the safety initiative), and a socio-economic
calculation of the programme as a whole, whose stakeholders the partnership's cost split reads.
The initiatives are looked up by name; a valuation whose initiative is missing is attached to
the programme instead. All figures are illustrative.
"""

from __future__ import annotations

from typing import Any

from grogrund.accounts.models import User
from grogrund.initiatives.models import Initiative
from grogrund.programmes.models import Programme
from grogrund.valuations import services
from grogrund.valuations.models import Valuation

#: Who records the demo valuations: an editor of the owner (made by grogrund.areas.demo).
AUTHORS = ("edvin", "anna")
PRICE_YEAR = 2023
OWN = "Grobo Bostäders egna siffror 2023 (fiktiva demovärden)"


def _jobs(start: int) -> dict[str, Any]:
    return {
        "kind": "socioeconomic",
        "description": (
            "Vad det är värt att boende i Norrbacka går från försörjningsstöd till arbete: "
            "undvikna kostnader för utanförskap per betalare och individens inkomst."
        ),
        "start_year": start,
        "horizon_years": 12,
        "price_year": PRICE_YEAR,
        "discounting": {"rate": 3.5, "first_year_discounted": False},
        "outcomes": [
            {
                "id": "till_arbete",
                "name": "Från försörjningsstöd till arbete",
                "persons": {"low": 45, "likely": 60, "high": 70, "distribution": "pert"},
                "success_rate": {"low": 25, "likely": 35, "high": 45, "distribution": "pert"},
                "duration_years": 8,
                "drop_off": 5,
                "start_year": start + 1,
                "effects_from": "exclusion_person_year",
                "effects": [
                    {
                        "stakeholder": "individual",
                        "amount_sek_per_person_year": 60000,
                        "source": (
                            "Lön efter skatt för ett heltidsarbete på ingångsnivå minus "
                            "försörjningsstöd för ett hushåll (fiktiv uppskattning)"
                        ),
                    }
                ],
                "source": (
                    "60 deltagare per år i jobbspåret; andel i arbete efter ett år enligt "
                    "jobbcoachernas uppföljning 2023 (fiktiv)"
                ),
            }
        ],
        "costs": [
            {
                "id": "jobbcoacher",
                "name": "Jobbcoacher på plats",
                "payer": "municipality",
                "amount_sek": 1_800_000,
                "start_year": start,
                "years": 4,
                "source": "Kommunens budget för arbetsmarknadsinsatser (fiktiv)",
            },
            {
                "id": "lokaler",
                "name": "Lokal och samordning i området",
                "payer": "housing_company",
                "amount_sek": 600_000,
                "start_year": start,
                "years": 4,
                "source": OWN,
            },
            {
                "id": "lonestod",
                "name": "Lönestöd",
                "payer": "arbetsformedlingen",
                "by_year": {start + 1: 800_000, start + 2: 800_000},
                "source": "Arbetsförmedlingens beslut om lönestöd (fiktivt)",
            },
        ],
    }


def _homework(start: int) -> dict[str, Any]:
    return {
        "kind": "sroi",
        "description": "Social avkastning av läxhjälp och lovaktiviteter för elever i årskurs 7–9.",
        "start_year": start,
        "horizon_years": 10,
        "price_year": PRICE_YEAR,
        "discounting": {"rate": 3.5, "first_year_discounted": False},
        "outcomes": [
            {
                "id": "behoriga",
                "name": "Fler elever behöriga till gymnasiet",
                "stakeholder": "production",
                "quantity": {"low": 4, "likely": 8, "high": 12, "distribution": "pert"},
                "value_bank": "upper_secondary_eligibility_person_year",
                "deadweight": 25,
                "displacement": 0,
                "attribution": 30,
                "duration_years": 10,
                "drop_off": 5,
                "start_year": start + 1,
                "source": (
                    "Skolans uppföljning: behöriga bland eleverna i läxhjälpen jämfört med "
                    "årskursen (fiktiv); dödvikt och tillskrivning enligt skolans bedömning"
                ),
            },
            {
                "id": "lovjobb",
                "name": "Unga i arbete efter lovjobb",
                "stakeholder": "municipality",
                "quantity": 6,
                "value_bank": "exclusion_person_year.municipality",
                "deadweight": {"low": 20, "likely": 35, "high": 50, "distribution": "triangular"},
                "attribution": 20,
                "duration_years": 5,
                "drop_off": 10,
                "start_year": start + 1,
                "source": "Uppföljning av lovjobbare ett år efter lovjobbet (fiktiv)",
            },
        ],
        "costs": [
            {
                "id": "laxhjalp",
                "name": "Läxhjälpare och lokal",
                "payer": "housing_company",
                "amount_sek": 450_000,
                "start_year": start,
                "years": 5,
                "source": OWN,
            },
            {
                "id": "lovjobb_loner",
                "name": "Lön till lovjobbare",
                "payer": "municipality",
                "amount_sek": 300_000,
                "start_year": start,
                "years": 5,
                "source": "Kommunens feriepraktikbudget (fiktiv)",
            },
        ],
    }


def _safety(start: int) -> dict[str, Any]:
    return {
        "kind": "property",
        "description": (
            "Bostadsbolagets driftnetto när vakanserna, omflyttningen och skadegörelsen "
            "minskar i ett tryggare område, och fastighetsvärdet när direktavkastningen sjunker."
        ),
        "start_year": start,
        "horizon_years": 10,
        "price_year": PRICE_YEAR,
        "discounting": {"rate": 3.5, "first_year_discounted": False},
        "stakeholder": "housing_company",
        "property": {
            "units": 850,
            "rent_sek_per_unit_year": 88_000,
            "other_operating_cost_sek_per_year": 26_000_000,
            "cost_per_move_sek": 35_000,
            "baseline": {
                "vacancy_rate": 3.5,
                "moves_per_year": 130,
                "vandalism_sek_per_year": 1_800_000,
                "yield": 5.75,
            },
            "improved": {
                "vacancy_rate": {"low": 1.8, "likely": 2.2, "high": 3.0},
                "moves_per_year": {"low": 90, "likely": 105, "high": 125},
                "vandalism_sek_per_year": {"low": 800_000, "likely": 1_000_000, "high": 1_500_000},
                "yield": {"low": 5.4, "likely": 5.5, "high": 5.75},
            },
            "improvement_start_year": start + 1,
            "ramp_up_years": 3,
            "dcf_rate": 6.0,
            "source": OWN + "; direktavkastning enligt värderingsmannens bedömning (fiktiv)",
        },
        "costs": [
            {
                "id": "trygghetsvardar",
                "name": "Trygghetsvärdar och hyresgästdialog",
                "payer": "housing_company",
                "amount_sek": 1_600_000,
                "start_year": start,
                "years": 5,
                "source": OWN,
            },
            {
                "id": "entreer",
                "name": "Belysning, entréer och lås",
                "payer": "housing_company",
                "by_year": {start: 2_500_000},
                "source": "Entreprenörens offert (fiktiv)",
            },
        ],
    }


def _programme(start: int) -> dict[str, Any]:
    return {
        "kind": "socioeconomic",
        "description": (
            "Hela handslaget: fler i arbete, fler behöriga till gymnasiet och färre brott, med "
            "alla parters kostnader. Underlag för förslaget till kostnadsfördelning (steg 10)."
        ),
        "start_year": start,
        "horizon_years": 10,
        "price_year": PRICE_YEAR,
        "discounting": {"rate": 3.5, "first_year_discounted": False},
        "stakeholders": {"exempel_fastigheter": "Exempel Fastigheter AB"},
        "outcomes": [
            {
                "id": "i_arbete",
                "name": "Fler i arbete i stället för försörjningsstöd",
                "persons": {"low": 80, "likely": 110, "high": 140},
                "success_rate": {"low": 50, "likely": 70, "high": 85},
                "duration_years": 8,
                "drop_off": 5,
                "start_year": start + 1,
                "effects_from": "exclusion_person_year",
                "source": "Handslagets mål: halva gapet i förvärvsarbete till staden (fiktivt)",
            },
            {
                "id": "behoriga",
                "name": "Fler elever behöriga till gymnasiet",
                "persons": 12,
                "success_rate": 100,
                "duration_years": 10,
                "start_year": start + 2,
                "effects": [
                    {
                        "stakeholder": "production",
                        "value_bank": "upper_secondary_eligibility_person_year",
                    }
                ],
                "source": "Handslagets mål för behörighet (fiktivt)",
            },
            {
                "id": "farre_misshandel",
                "name": "Färre misshandelsfall",
                "persons": {"low": 2, "likely": 4, "high": 6},
                "success_rate": 100,
                "duration_years": 6,
                "start_year": start + 1,
                "effects": [
                    {
                        "stakeholder": "justice",
                        "value_bank": "crime_assault",
                        "share": 60,
                        "source": "Antagen fördelning av brottets kostnad (fiktiv)",
                    },
                    {"stakeholder": "region", "value_bank": "crime_assault", "share": 40},
                ],
                "source": "Polisens lägesbild för området (fiktiv)",
            },
            {
                "id": "lagre_vakans",
                "name": "Lägre vakans och mindre skadegörelse",
                "persons": 1,
                "success_rate": 100,
                "duration_years": 9,
                "start_year": start + 1,
                "effects": [
                    {
                        "stakeholder": "housing_company",
                        "amount_sek_per_person_year": 1_900_000,
                        "source": "Driftnettoförbättringen i fastighetskalkylen för trygghet",
                    },
                    {
                        "stakeholder": "exempel_fastigheter",
                        "amount_sek_per_person_year": 400_000,
                        "source": "Exempel Fastigheters egen uppskattning (fiktiv)",
                    },
                ],
            },
        ],
        "costs": [
            {
                "id": "bostadsbolaget",
                "name": "Bostadsbolagets insatser",
                "payer": "housing_company",
                "amount_sek": 3_000_000,
                "start_year": start,
                "years": 5,
                "source": OWN,
            },
            {
                "id": "kommunen",
                "name": "Kommunens insatser",
                "payer": "municipality",
                "amount_sek": 2_500_000,
                "start_year": start,
                "years": 5,
                "source": "Kommunens budget (fiktiv)",
            },
            {
                "id": "exempel_fastigheter",
                "name": "Exempel Fastigheters insatser",
                "payer": "exempel_fastigheter",
                "amount_sek": 300_000,
                "start_year": start,
                "years": 5,
                "source": "Handslagets åtagande (fiktivt)",
            },
        ],
    }


#: (name, initiative name, model builder).
DEMO_VALUATIONS = (
    (
        "Från försörjningsstöd till arbete – samhällsekonomisk kalkyl",
        "Lokalt jobbspår Norrbacka",
        _jobs,
    ),
    ("Läxhjälp och lovjobb – SROI", "Läxhjälp och lovaktiviteter", _homework),
    (
        "Trygghet, lägre vakans och mindre skadegörelse – fastighetsekonomi",
        "Trygga entréer och hyresgästdialog",
        _safety,
    ),
    ("Handslag Norrbacka – samhällsekonomisk kalkyl", None, _programme),
)


def build(programme: Programme) -> None:
    """Add this app's demo objects to the demo programme; running it twice changes nothing."""
    author = User.objects.filter(username__in=AUTHORS).order_by("username").first()
    if author is None:
        return
    for name, initiative_name, make in DEMO_VALUATIONS:
        initiative = None
        if initiative_name:
            initiative = Initiative.objects.filter(
                programme=programme, name=initiative_name
            ).first()
        model = {"name": name, **make(programme.start_year)}
        existing = Valuation.objects.filter(programme=programme, name=name).first()
        if existing is None:
            services.create_valuation(
                user=author, programme=programme, name=name, model=model, initiative=initiative
            )
        elif existing.model != services.validate_model(model) or (
            existing.initiative_id != (initiative.pk if initiative else None)
        ):
            services.update_valuation(
                user=author, valuation=existing, model=model, name=name, initiative=initiative
            )
