"""The partnership's routes in the access registry (tests/route_registry.py): each points at
organisation A's private programme, or A's commitment to it."""

from __future__ import annotations

from typing import Any

from route_registry import Case, PrivateWorld, programme_of

SECRETS = ("Hemligt åtagande Alfa",)


def commitment_of(w: PrivateWorld) -> Any:
    """A's commitment to its private programme, with one year so that it can be signed."""
    from grogrund.partnerships.models import Commitment, CommitmentYear

    programme = programme_of(w)
    commitment, created = Commitment.objects.get_or_create(
        programme=programme, organisation=programme.owner, defaults={"note": SECRETS[0]}
    )
    if created:
        CommitmentYear.objects.create(commitment=commitment, year=2024, money_sek=1000)
    return commitment


def _pk(w: PrivateWorld) -> int:
    return programme_of(w).pk


def _owner(w: PrivateWorld) -> int:
    return programme_of(w).owner_id


ROUTES: dict[str, Case] = {
    "partnerships:detail": Case(private=True, kwargs={"pk": _pk}),
    "partnerships:budget_export": Case(private=True, kwargs={"pk": _pk, "fmt": lambda w: "csv"}),
    "partnerships:readiness": Case(private=True, kwargs={"pk": _pk}),
    "partnerships:cost_split": Case(private=True, kwargs={"pk": _pk}),
    "partnerships:commitment": Case(private=True, kwargs={"pk": _pk, "org": _owner}),
    # A's editor is shown what signing A's commitment means and asked to confirm.
    "partnerships:sign": Case(
        private=True, kwargs={"pk": _pk, "org": lambda w: commitment_of(w).organisation_id}
    ),
    # A's editor is asked to confirm the deletion of A's commitment.
    "partnerships:delete": Case(
        private=True, kwargs={"pk": _pk, "org": lambda w: commitment_of(w).organisation_id}
    ),
    "api:commitment-list": Case(),
    "api:commitment-detail": Case(private=True, kwargs={"pk": lambda w: commitment_of(w).pk}),
    "api:commitment-sign": Case(
        private=True, kwargs={"pk": lambda w: commitment_of(w).pk}, method="post"
    ),
}
