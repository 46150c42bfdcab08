"""The method library's routes in the access registry (tests/route_registry.py): A's draft
method is refused to outsiders; the published method A's private initiative uses is public,
but its benchmark never shows that initiative or its programme to anyone else."""

from __future__ import annotations

from typing import Any

from route_registry import Case, PrivateWorld

SECRETS = ("Hemlig metod Alfa", "Hemligt metodproblem Alfa", "Hemlig deltagarkälla Alfa")


def draft_of(w: PrivateWorld) -> Any:
    """A's draft method, made when a route first asks for it."""
    from grogrund.methods.models import Method, MethodStatus

    owner = w.area.owner
    method, created = Method.objects.get_or_create(
        slug="hemlig-metod-alfa",
        defaults={
            "name": "Hemlig metod Alfa",
            "summary": "Ett utkast.",
            "problem": "Hemligt metodproblem Alfa",
            "owner": owner,
            "status": MethodStatus.DRAFT,
        },
    )
    if created:
        method.template_nodes.create(stage="need", text="Behov", position=0)
    return method


def published_of(w: PrivateWorld) -> Any:
    """A published method (public), used by A's private initiative."""
    from grogrund.methods.models import Method, MethodStatus
    from initiatives.guarded_routes import initiative_of

    method, created = Method.objects.get_or_create(
        slug="publicerad-metod",
        defaults={
            "name": "Publicerad metod",
            "summary": "En publicerad metod.",
            "owner": w.area.owner,
            "status": MethodStatus.PUBLISHED,
        },
    )
    if created:
        method.template_nodes.create(stage="activity", text="Aktivitet", position=0)
        initiative = initiative_of(w)
        initiative.method_ref = method
        initiative.save()
    return method


def participation_of(w: PrivateWorld) -> Any:
    from grogrund.methods.models import Participation
    from initiatives.guarded_routes import initiative_of

    return Participation.objects.get_or_create(
        initiative=initiative_of(w),
        year=2024,
        defaults={"participants": 42, "reached_outcome": 7, "source": "Hemlig deltagarkälla Alfa"},
    )[0]


def _draft(w: PrivateWorld) -> str:
    return str(draft_of(w).slug)


def _published(w: PrivateWorld) -> str:
    return str(published_of(w).slug)


def _initiative(w: PrivateWorld) -> int:
    return int(participation_of(w).initiative_id)


ROUTES: dict[str, Case] = {
    "methods:list": Case(),
    "methods:evidence": Case(),
    "methods:create": Case(),
    "methods:similar_search": Case(),
    "methods:similar": Case(kwargs={"code": lambda w: w.observation.area.code}),
    "methods:detail": Case(private=True, kwargs={"slug": _draft}),
    "methods:edit": Case(private=True, kwargs={"slug": _draft}),
    "methods:propose": Case(
        private=True, kwargs={"slug": _draft}, method="post", member_status=302
    ),
    # Curators only: a member of A is no curator.
    "methods:review": Case(private=True, kwargs={"slug": _draft}, member_status=404),
    "methods:withdraw": Case(private=True, kwargs={"slug": _draft}, member_status=404),
    "methods:republish": Case(
        private=True, kwargs={"slug": _draft}, method="post", member_status=404
    ),
    "methods:delete": Case(private=True, kwargs={"slug": _draft}),
    "methods:start": Case(kwargs={"slug": _published}),
    "methods:link": Case(kwargs={"slug": _published}),
    "methods:participation": Case(private=True, kwargs={"initiative": _initiative}),
    "methods:participation_delete": Case(
        private=True,
        kwargs={"initiative": _initiative, "year": lambda w: participation_of(w).year},
        method="post",
        member_status=302,
    ),
    "api:method-list": Case(),
    "api:method-detail": Case(private=True, kwargs={"slug": _draft}),
    "api:method-benchmark": Case(kwargs={"slug": _published}),
    "api:areas-like-mine-detail": Case(kwargs={"code": lambda w: w.observation.area.code}),
}
