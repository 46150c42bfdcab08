"""Valuation routes for tests/accounts/test_every_route_is_guarded.py: each points at a
valuation of A's private programme, which outsiders must never reach."""

from __future__ import annotations

from typing import Any

from route_registry import Case, PrivateWorld, programme_of

SECRETS = ("Hemlig värdering Alfa",)


def valuation_of(w: PrivateWorld) -> Any:
    """A's private valuation (an SROI from the starting point) in A's private programme."""
    from grogrund.valuations.models import Valuation
    from grogrund.valuations.services import starter_model

    programme = programme_of(w)
    valuation, _created = Valuation.objects.get_or_create(
        programme=programme,
        name="Hemlig värdering Alfa",
        defaults={
            "model": starter_model(
                "sroi", start_year=2024, horizon_years=10, name="Hemlig värdering Alfa"
            )
        },
    )
    return valuation


def _programme(w: PrivateWorld) -> int:
    return programme_of(w).pk


def _valuation(w: PrivateWorld) -> int:
    return valuation_of(w).pk


ON_VALUATION = {"pk": _programme, "valuation": _valuation}

ROUTES: dict[str, Case] = {
    "valuations:list": Case(private=True, kwargs={"pk": _programme}),
    "valuations:create": Case(private=True, kwargs={"pk": _programme}),
    "valuations:value_bank": Case(private=True, kwargs={"pk": _programme}),
    "valuations:detail": Case(private=True, kwargs=ON_VALUATION),
    "valuations:edit": Case(private=True, kwargs=ON_VALUATION),
    "valuations:yaml": Case(private=True, kwargs=ON_VALUATION),
    "valuations:xlsx": Case(private=True, kwargs=ON_VALUATION),
    "valuations:copy": Case(private=True, kwargs=ON_VALUATION),
    "valuations:delete": Case(private=True, kwargs=ON_VALUATION),
    "api:valuation-list": Case(),
    "api:valuation-detail": Case(private=True, kwargs={"pk": _valuation}),
}
