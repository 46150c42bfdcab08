"""The initiatives app's routes in the access registry (tests/route_registry.py): every page
of an initiative of A's private programme is refused to outsiders."""

from __future__ import annotations

from typing import Any

from route_registry import Case, PrivateWorld, programme_of

SECRETS = ("Hemlig insats Alfa", "Hemlig aktivitet Alfa", "Hemligt utfall Alfa")


def initiative_of(w: PrivateWorld) -> Any:
    """A's private initiative with an activity and an outcome with one measurement."""
    from grogrund.initiatives.models import EffectNode, Initiative, OutcomeMeasurement

    programme = programme_of(w)
    initiative, created = Initiative.objects.get_or_create(
        programme=programme, name="Hemlig insats Alfa", defaults={"owner": programme.owner}
    )
    if created:
        EffectNode.objects.create(
            initiative=initiative, stage="activity", text="Hemlig aktivitet Alfa"
        )
        outcome = EffectNode.objects.create(
            initiative=initiative,
            stage="short_term",
            text="Hemligt utfall Alfa",
            indicator=w.indicator,
            baseline_value=0.4,
            baseline_year=2024,
            target_value=0.5,
            target_year=2028,
        )
        OutcomeMeasurement.objects.create(
            initiative=initiative,
            outcome=outcome,
            year=2025,
            value=0.42,
            source="Hemlig källa Alfa",
        )
    return initiative


def activity_of(w: PrivateWorld) -> Any:
    return initiative_of(w).nodes.get(stage="activity")


def outcome_of(w: PrivateWorld) -> Any:
    return initiative_of(w).nodes.get(stage="short_term")


def measurement_of(w: PrivateWorld) -> Any:
    return outcome_of(w).measurements.get()


def _pk(w: PrivateWorld) -> int:
    return programme_of(w).pk


def _i(w: PrivateWorld) -> int:
    return initiative_of(w).pk


ROUTES: dict[str, Case] = {
    "initiatives:list": Case(private=True, kwargs={"pk": _pk}),
    "initiatives:create": Case(private=True, kwargs={"pk": _pk}),
    "initiatives:portfolio": Case(private=True, kwargs={"pk": _pk}),
    "initiatives:portfolio_export": Case(private=True, kwargs={"pk": _pk, "fmt": lambda w: "csv"}),
    "initiatives:detail": Case(private=True, kwargs={"pk": _pk, "initiative": _i}),
    "initiatives:edit": Case(private=True, kwargs={"pk": _pk, "initiative": _i}),
    "initiatives:delete": Case(private=True, kwargs={"pk": _pk, "initiative": _i}),
    "initiatives:outcome_import": Case(private=True, kwargs={"pk": _pk, "initiative": _i}),
    "initiatives:outcome_import_template": Case(private=True, kwargs={"pk": _pk, "initiative": _i}),
    "initiatives:node_create": Case(
        private=True,
        kwargs={"pk": _pk, "initiative": _i},
        method="post",
        data={"stage": "output", "text": "Ny prestation"},
        member_status=302,
    ),
    "initiatives:node_edit": Case(
        private=True, kwargs={"pk": _pk, "initiative": _i, "node": lambda w: activity_of(w).pk}
    ),
    "initiatives:node_delete": Case(
        private=True, kwargs={"pk": _pk, "initiative": _i, "node": lambda w: activity_of(w).pk}
    ),
    "initiatives:outcome": Case(
        private=True, kwargs={"pk": _pk, "initiative": _i, "node": lambda w: outcome_of(w).pk}
    ),
    "initiatives:measurement_create": Case(
        private=True, kwargs={"pk": _pk, "initiative": _i, "node": lambda w: outcome_of(w).pk}
    ),
    "initiatives:measurement_delete": Case(
        private=True,
        kwargs={
            "pk": _pk,
            "initiative": _i,
            "node": lambda w: outcome_of(w).pk,
            "measurement": lambda w: measurement_of(w).pk,
        },
        method="post",
        member_status=302,
    ),
    "initiatives:take_from_statistics": Case(
        private=True,
        kwargs={"pk": _pk, "initiative": _i, "node": lambda w: outcome_of(w).pk},
        method="post",
        member_status=302,
    ),
    "api:initiative-list": Case(),
    "api:initiative-detail": Case(private=True, kwargs={"pk": _i}),
    "api:outcome-measurement-list": Case(),
    "api:outcome-measurement-detail": Case(
        private=True, kwargs={"pk": lambda w: measurement_of(w).pk}
    ),
}
