"""The network's clause templates are loaded from clause_templates.yaml (written on
Upphandlingsmyndigheten's model for sysselsättningskrav); curators (editors of a network
organisation) change them, nobody else does; a contract's clause is a copy, so changing a
template never changes a contract."""

from __future__ import annotations

from django.urls import reverse

from grogrund.procurement import services
from grogrund.procurement.models import ClauseTemplate


def test_the_templates_cover_the_kinds_of_clause(db):
    services.ensure_clause_templates()
    kinds = set(ClauseTemplate.objects.values_list("kind", flat=True))
    assert kinds == {
        "employment",
        "internship",
        "apprenticeship",
        "local_suppliers",
        "tenant_involvement",
    }
    months = ClauseTemplate.objects.get(code="sysselsattning-heltidsmanader")
    assert months.measure == "employment_months" and months.penalty_kind == "per_missing_unit"
    assert "11554" in months.source
    assert "månader på heltid" in months.wording
    assert services.ensure_clause_templates() == 0  # never loaded twice


def test_a_curator_edits_a_template_and_contracts_keep_their_copy(world):
    services.ensure_clause_templates()
    template = ClauseTemplate.objects.get(code="sysselsattning-heltidsmanader")
    url = reverse("procurement:clause_create", args=[world.contract.pk])
    page = world.client(world.a_editor).get(url, {"template": template.code})
    assert "månader på heltid" in page.content.decode()
    page = world.client(world.a_editor).post(
        url,
        {
            "template": template.code,
            "name": "Sysselsättningskrav",
            "kind": "employment",
            "measure": "employment_months",
            "unit": "heltidsmånader",
            "target": "12",
            "target_group": "long_term_unemployed",
            "reporting_period": "quarter",
            "penalty_kind": "none",
            "wording": template.wording,
        },
    )
    assert page.status_code == 302
    copied = world.contract.clauses.get(template=template)

    edit = reverse("procurement:template_edit", args=[template.pk])
    data = {
        "code": template.code,
        "name_sv": "Nytt namn",
        "name_en": "New name",
        "kind": "employment",
        "measure": "employment_months",
        "unit": "heltidsmånader",
        "default_reporting_period": "quarter",
        "penalty_kind": "per_missing_unit",
        "wording": "Ny lydelse.",
        "source": template.source,
        "is_active": "on",
    }
    assert world.client(world.a_editor).post(edit, data).status_code == 404
    assert world.client(world.curator).post(edit, data).status_code == 302
    template.refresh_from_db()
    assert template.name_sv == "Nytt namn"
    copied.refresh_from_db()
    assert copied.wording != "Ny lydelse."


def test_only_curators_see_the_edit_links(world):
    services.ensure_clause_templates()
    url = reverse("procurement:templates")
    assert "villkorsmallar/ny/" not in world.client(world.a_editor).get(url).content.decode()
    assert "villkorsmallar/ny/" in world.client(world.curator).get(url).content.decode()
