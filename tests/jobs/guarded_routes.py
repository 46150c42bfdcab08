"""The jobs app's routes (tests/route_registry.py): a job is seen by its organisation only."""

from route_registry import Case, PrivateWorld

SECRETS = ("Hemligt jobbresultat Alfa",)


def job_of(w: PrivateWorld) -> int:
    """A's finished job, whose result names a secret, made when a route first asks for it."""
    from grogrund.jobs.models import Job

    job, _ = Job.objects.get_or_create(
        owner=w.area.owner,
        idempotency_key="hemligt-jobb-alfa",
        defaults={
            "kind": "fetch_municipality",
            "status": "done",
            "parameters": {"municipality": "9901"},
            "result": {"datasets": ["Hemligt jobbresultat Alfa"], "rows": 1},
        },
    )
    return job.pk


ROUTES: dict[str, Case] = {
    "jobs:list": Case(),
    "jobs:fetch_municipality": Case(),
    "jobs:detail": Case(private=True, kwargs={"pk": job_of}),
}
