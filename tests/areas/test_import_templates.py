"""Import templates: saved by editors of their organisation, shared like other data, used from
the web and from the command line (`--template`)."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from builders import make_org, make_user
from grogrund.accounts.models import Role, Visibility
from grogrund.areas import import_templates
from grogrund.areas.models import ImportTemplate, Observation
from grogrund.sources.errors import SourceError

MAPPING = {"area_code": "area", "indicator_code": "indicator", "period": "period", "value": "v"}


@pytest.fixture
def orgs(db):
    return make_org("Bostadsbolaget"), make_org("Kommunen")


def _make(owner, **kwargs):
    return import_templates.create_template(
        user=None,
        owner=owner,
        name=kwargs.pop("name", "Mall"),
        kind="csv",
        mapping=MAPPING,
        **kwargs,
    )


def test_an_editor_creates_updates_and_deletes_a_template(orgs) -> None:
    owner, _other = orgs
    editor = make_user(owner)
    template = import_templates.create_template(
        user=editor, owner=owner, name="SCB sysselsättning", kind="csv", mapping=MAPPING
    )
    assert template.created_by == editor
    import_templates.update_template(user=editor, template=template, mapping={**MAPPING, "v": 1})
    assert ImportTemplate.objects.get().mapping["v"] == 1
    import_templates.delete_template(user=editor, template=template)
    assert not ImportTemplate.objects.exists()


def test_a_viewer_or_another_organisation_may_not_change_a_template(orgs) -> None:
    owner, other = orgs
    template = _make(owner)
    for user in (make_user(owner, Role.VIEWER), make_user(other)):
        with pytest.raises(SourceError):
            import_templates.update_template(user=user, template=template, name="Ny")
        with pytest.raises(SourceError):
            import_templates.delete_template(user=user, template=template)


def test_two_templates_of_one_organisation_cannot_share_a_name(orgs) -> None:
    _make(orgs[0])
    with pytest.raises(SourceError) as caught:
        _make(orgs[0])
    assert caught.value.code == "duplicate_template"


def test_another_organisations_private_template_is_invisible_and_unusable(orgs, client) -> None:
    owner, other = orgs
    template = _make(owner, name="Hemlig")
    outsider = make_user(other)
    assert not import_templates.templates_for(outsider).exists()
    client.force_login(outsider)
    assert client.get(f"/omraden/import/mallar/{template.pk}/").status_code == 404
    assert "Hemlig" not in client.get("/omraden/import/mallar/").content.decode()
    assert (
        import_templates.template_for_organisation(organisation=other, name="Hemlig", kind="csv")
        is None
    )


def test_a_template_shared_with_a_partner_is_usable_by_it(orgs) -> None:
    owner, other = orgs
    _make(owner, name="Delad", visibility=Visibility.PARTNERS, shared_with=[other])
    assert import_templates.templates_for(make_user(other)).get().name == "Delad"
    found = import_templates.template_for_organisation(organisation=other, name="Delad", kind="csv")
    assert found is not None


def test_the_command_line_imports_with_a_template(orgs, tmp_path: Path) -> None:
    from builders import make_area, make_indicator

    owner, other = orgs
    make_area("9901A0010")
    make_indicator("employment")
    _make(owner, name="Egen mall")
    path = tmp_path / "f.csv"
    path.write_text("area;indicator;period;v\n9901A0010;employment;2024;0,5\n", encoding="utf-8")
    command = ["grogrund_import", "csv", str(path), "--template", "Egen mall"]
    call_command(*command, "--org", owner.slug)
    assert Observation.objects.get().value == 0.5
    with pytest.raises(CommandError):
        call_command(*command, "--org", other.slug)


def _import_and_save_template(client, owner, path, **fields):
    with path.open("rb") as fh:
        return client.post(
            "/omraden/import/",
            {
                "kind": "csv",
                "file": fh,
                "owner": owner.pk,
                "visibility": "private",
                "scale": "unit",
                "action": "save_template",
                **fields,
            },
        )


def test_the_web_import_saves_its_settings_as_a_template(orgs, client, tmp_path) -> None:
    owner, _other = orgs
    client.force_login(make_user(owner))
    path = tmp_path / "f.csv"
    path.write_text("Region;Kön;Antal 2023\nStockholm;totalt;5\n", encoding="utf-8")
    response = _import_and_save_template(
        client,
        owner,
        path,
        dataset="Folkmängd",
        source="SCB",
        area_column="Region",
        indicator="population",
        period_columns="auto",
        filters="Kön = totalt",
        template_name="Folkmängd SCB",
    )
    assert response.status_code == 302
    template = ImportTemplate.objects.get(name="Folkmängd SCB")
    assert template.mapping["period_columns"] == "auto"
    assert template.mapping["filters"] == {"Kön": "totalt"}
    assert client.get(f"/omraden/import/mallar/{template.pk}/").status_code == 200


def test_the_web_import_takes_a_quarter_column_beside_the_year(orgs, client, tmp_path) -> None:
    """Försäkringskassan's files give the year and the quarter in columns of their own."""
    owner, _other = orgs
    client.force_login(make_user(owner))
    path = tmp_path / "f.csv"
    path.write_text("Region;ar;kvartal;v\nStockholm;2005;3;5\n", encoding="utf-8")
    response = _import_and_save_template(
        client,
        owner,
        path,
        dataset="Sjukpenning",
        source="Försäkringskassan",
        area_column="Region",
        indicator="population",
        period_column="ar",
        quarter_column="kvartal",
        value_column="v",
        template_name="Kvartal",
    )
    assert response.status_code == 302
    mapping = ImportTemplate.objects.get(name="Kvartal").mapping
    assert (mapping["period"], mapping["quarter"]) == ("ar", "kvartal")
