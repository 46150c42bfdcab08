"""Builders for programme test data (see tests/builders.py for the shared ones)."""

from __future__ import annotations

from typing import Any

from django.test import Client

from grogrund.accounts.models import Visibility
from grogrund.programmes.models import Programme


def make_programme(
    owner: Any,
    areas: list[Any],
    *,
    name: str = "Handslag Testby",
    visibility: str = Visibility.PARTNERS,
    partners: list[Any] = (),
    start_year: int = 2024,
    horizon_years: int = 10,
) -> Programme:
    p = Programme.objects.create(
        owner=owner,
        name=name,
        visibility=visibility,
        start_year=start_year,
        horizon_years=horizon_years,
    )
    p.areas.set(areas)
    p.shared_with.set(list(partners))
    return p


class ClientsMixin:
    """For the programme test worlds: `world.client(user)` is a test client signed in as
    `user` (anonymous for None)."""

    def client(self, user: Any | None) -> Client:
        c = Client()
        if user is not None:
            c.force_login(user)
        return c
