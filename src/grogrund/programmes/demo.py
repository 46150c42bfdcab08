"""The demo programme: "Handslag Norrbacka", modelled on the handslag example in the seed
documents (mission.md). This module makes the programme with its partners, goals and
measurements; each app adds its own part through its `demo.build(programme)`."""

from __future__ import annotations

from importlib import import_module

from grogrund.accounts.models import Organisation, Visibility
from grogrund.areas.models import Area
from grogrund.programmes.models import Programme

DEMO_PROGRAMME = "Handslag Norrbacka (fiktivt)"
OWNER = "grobo-bostader"
PARTNERS = ("grobo-kommun", "exempel-fastigheter", "norrbacka-hgf", "idrott-for-alla")
#: The order matters: valuations belong to initiatives, the cost split reads the valuations.
APPS = ("initiatives", "valuations", "partnerships")


def build_demo_programme(district: Area) -> Programme:
    """Create (or refresh) the demo programme for the fictional district."""
    owner = Organisation.objects.get(slug=OWNER)
    programme, _created = Programme.objects.update_or_create(
        name=DEMO_PROGRAMME,
        owner=owner,
        defaults={
            "description": (
                "Bostadsbolaget, kommunen och partner sluter ett handslag för att halvera "
                "gapet till staden i Norrbacka (fiktivt exempel)."
            ),
            "start_year": 2022,
            "horizon_years": 10,
            "visibility": Visibility.PARTNERS,
        },
    )
    programme.areas.set([district])
    programme.shared_with.set(Organisation.objects.filter(slug__in=PARTNERS))
    for app in APPS:
        import_module(f"grogrund.{app}.demo").build(programme)
    return programme
