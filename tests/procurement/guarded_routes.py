"""Social procurement's routes in the access registry (tests/route_registry.py): each points
at organisation A's private contract with supplier S, its clause, its report (with a small
evidence file), or A's private programme. A's editor is the buyer: the supplier's own pages
(reporting) and the curators' template forms are 404 for A as for everyone else."""

from __future__ import annotations

from datetime import date
from typing import Any

from route_registry import Case, PrivateWorld, programme_of

SECRETS = (
    "Hemligt avtal Alfa",
    "Hemlig avtalsanteckning Alfa",
    "Hemlig leverantörskommentar Alfa",
)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
EVIDENCE = "procurement/evidence/route-guard.png"


def contract_of(w: PrivateWorld) -> Any:
    """A's private contract with supplier S, linked to A's private programme."""
    from grogrund.accounts.models import Organisation
    from grogrund.procurement.models import Contract

    owner = w.area.owner
    found = Contract.objects.filter(owner=owner, name=SECRETS[0]).first()
    if found is not None:
        return found
    supplier, _created = Organisation.objects.get_or_create(
        slug="leverantor-alfa", defaults={"name": "Leverantör Alfa", "kind": "supplier"}
    )
    return Contract.objects.create(
        owner=owner,
        supplier=supplier,
        name=SECRETS[0],
        internal_note=SECRETS[1],
        value_sek=1_000_000,
        start_date=date(2025, 1, 1),
        end_date=date(2025, 12, 31),
        category="renovation",
        programme=programme_of(w),
    )


def clause_of(w: PrivateWorld) -> Any:
    from grogrund.procurement.models import Clause

    contract = contract_of(w)
    return contract.clauses.first() or Clause.objects.create(
        contract=contract,
        kind="employment",
        name="Sysselsättningskrav",
        measure="employment_months",
        unit="heltidsmånader",
        target=6,
        reporting_period="quarter",
    )


def report_of(w: PrivateWorld) -> Any:
    """A submitted report of the clause, with a small evidence file in the default storage."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from grogrund.procurement.models import DeliveryReport

    clause = clause_of(w)
    if not default_storage.exists(EVIDENCE):
        default_storage.save(EVIDENCE, ContentFile(PNG))
    report, _created = DeliveryReport.objects.get_or_create(
        clause=clause,
        period_start=date(2025, 1, 1),
        defaults={
            "period_end": date(2025, 3, 31),
            "persons": 1,
            "new_persons": 1,
            "hours": 300,
            "employment_months": 2,
            "comment": SECRETS[2],
            "status": "submitted",
            "evidence": EVIDENCE,
            "evidence_name": "bild.png",
        },
    )
    return report


def template_of(w: PrivateWorld) -> Any:
    from grogrund.procurement.models import ClauseTemplate
    from grogrund.procurement.services import ensure_clause_templates

    ensure_clause_templates()
    return ClauseTemplate.objects.order_by("position").first()


def _pk(w: PrivateWorld) -> int:
    return contract_of(w).pk


def _report_kwargs() -> dict[str, Any]:
    return {"pk": _pk, "report": lambda w: report_of(w).pk}


ROUTES: dict[str, Case] = {
    "procurement:list": Case(),
    "procurement:create": Case(),
    "procurement:compare": Case(),
    "procurement:templates": Case(),
    "procurement:template_create": Case(member_status=404),
    "procurement:template_edit": Case(
        kwargs={"template": lambda w: template_of(w).pk}, member_status=404
    ),
    "procurement:programme": Case(private=True, kwargs={"pk": lambda w: programme_of(w).pk}),
    "procurement:detail": Case(private=True, kwargs={"pk": _pk}),
    "procurement:edit": Case(private=True, kwargs={"pk": _pk}),
    "procurement:count": Case(private=True, kwargs={"pk": _pk}),
    "procurement:clause_create": Case(private=True, kwargs={"pk": _pk}),
    "procurement:clause_edit": Case(
        private=True, kwargs={"pk": _pk, "clause": lambda w: clause_of(w).pk}
    ),
    "procurement:clause_delete": Case(
        private=True, kwargs={"pk": _pk, "clause": lambda w: clause_of(w).pk}
    ),
    # Only the supplier's editors report: A, the buyer, is refused as outsiders are.
    "procurement:report_create": Case(
        private=True, kwargs={"pk": _pk, "clause": lambda w: clause_of(w).pk}, member_status=404
    ),
    "procurement:report": Case(private=True, kwargs=_report_kwargs()),
    "procurement:report_edit": Case(private=True, kwargs=_report_kwargs(), member_status=404),
    "procurement:evidence": Case(private=True, kwargs=_report_kwargs()),
    "api:procurement-contract-list": Case(),
    "api:procurement-contract-detail": Case(private=True, kwargs={"pk": _pk}),
    "api:procurement-report-list": Case(),
    "api:procurement-report-detail": Case(private=True, kwargs={"pk": lambda w: report_of(w).pk}),
    # Only the supplier's editors attach evidence: A, the buyer, is told so (403).
    "api:procurement-report-evidence": Case(
        private=True, kwargs={"pk": lambda w: report_of(w).pk}, method="post", member_status=403
    ),
    # A's editor is the buyer: it verifies the submitted report, and returns it with a comment.
    "api:procurement-report-verify": Case(
        private=True, kwargs={"pk": lambda w: report_of(w).pk}, method="post"
    ),
    "api:procurement-report-return": Case(
        private=True,
        kwargs={"pk": lambda w: report_of(w).pk},
        method="post",
        data={"comment": "Rätta antalet månader"},
    ),
    "api:clause-template-list": Case(),
    "api:clause-template-detail": Case(kwargs={"code": lambda w: template_of(w).code}),
}
