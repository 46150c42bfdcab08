"""The areas app's routes added after the foundation (tests/route_registry.py has the rest)."""

from route_registry import Case

ROUTES: dict[str, Case] = {
    "areas:datasets": Case(),
    "areas:dataset": Case(private=True, kwargs={"pk": lambda w: w.observation.dataset_id}),
}
