"""The areas app's routes added after the foundation (tests/route_registry.py has the rest)."""

from typing import Any

from route_registry import Case, PrivateWorld


def template_of(w: PrivateWorld) -> Any:
    """A's private import template, made when a route first asks for it."""
    from grogrund.areas.models import ImportTemplate

    return ImportTemplate.objects.get_or_create(
        owner=w.area.owner,
        name="Hemlig mall Alfa",
        defaults={"kind": "csv", "mapping": {"area_code": "Hemlig källa Alfa"}},
    )[0].pk


ROUTES: dict[str, Case] = {
    "areas:datasets": Case(),
    # Searching for A's private custom area by its name must not find it for outsiders.
    "areas:search": Case(data={"q": "Hemligområdet"}),
    "areas:survey_import": Case(),
    "areas:import_confirm": Case(method="post", member_status=302),
    "areas:import_templates": Case(),
    "areas:import_template_new": Case(),
    "areas:import_template": Case(private=True, kwargs={"pk": template_of}),
    "areas:import_template_delete": Case(private=True, kwargs={"pk": template_of}),
    "areas:dataset": Case(private=True, kwargs={"pk": lambda w: w.observation.dataset_id}),
    # Exports (issue 12): the profile's figures of A's private area; CSV, so that a secret
    # would show in the body.
    "areas:profile_export": Case(
        private=True, kwargs={"code": lambda w: w.area.code, "fmt": lambda w: "csv"}
    ),
    "api:area-profile": Case(private=True, kwargs={"code": lambda w: w.area.code}),
    # Maps (issue 13): the map of A's private area, its editor, the boundary files.
    "areas:map": Case(private=True, kwargs={"code": lambda w: w.area.code}),
    "areas:custom_area_edit": Case(private=True, kwargs={"code": lambda w: w.area.code}),
    "areas:custom_area_new": Case(),
    "areas:boundaries": Case(),
}
