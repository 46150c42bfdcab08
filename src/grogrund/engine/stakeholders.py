"""Stakeholder ids known to the engine, with Swedish and English names. Models may add their
own ids (partners) with names in ``stakeholders:``."""

from __future__ import annotations

STAKEHOLDERS: dict[str, tuple[str, str]] = {
    "municipality": ("Kommunen", "Municipality"),
    "arbetsformedlingen": ("Arbetsförmedlingen", "Public employment service"),
    "forsakringskassan": ("Försäkringskassan", "Social insurance agency"),
    "region": ("Regionen", "Region (health care)"),
    "justice": ("Rättsväsendet", "Justice system"),
    "individual": ("Individen", "The individual"),
    "production": ("Produktion/samhället", "Production/society"),
    "other": ("Övriga", "Other"),
    "housing_company": ("Bostadsbolaget", "Housing company"),
    "investor": ("Investeraren", "Investor"),
}


def stakeholder_name(stakeholder_id: str, custom: dict[str, str]) -> str:
    if stakeholder_id in custom:
        return custom[stakeholder_id]
    known = STAKEHOLDERS.get(stakeholder_id)
    return known[1] if known else stakeholder_id
