"""A contract in the fields of the INDIGO impact-bond data standard (International Network for
Data on Impact and Government Outcomes, Government Outcomes Lab, University of Oxford), where
Grogrund's data maps onto them.

Source: INDIGO-Initiative/indigo-data-standard on GitHub, schema/project.json and
schema/organisation.json (branch 3.0); the data dictionary at
https://indigo-data-standard.readthedocs.io. Every value is an object `{"value": …}` as the
schema has it. Organisations are referred to by an org-id identifier (SE-ON-NNNNNN-NNNN, the
Swedish organisation number list of org-id.guide) when their organisation number is known,
else by a local identifier `XI-GROGRUND-<short name>`: INDIGO's own INDIGO-ORG identifiers are
assigned by GO Lab when a project is published there. The mapping, field by field, is in
docs/outcome-contracts.md.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from grogrund.accounts.models import Organisation, OrganisationKind
from grogrund.outcome_contracts.models import BaselineKind, OutcomeContract, PartyRole, ReportStatus
from grogrund.outcome_contracts.selectors import ContractLedger

STANDARD = "INDIGO data standard, project and organisation schemas (indigo-data-standard 3.0)"
CURRENCY = "SEK"


def v(value: Any) -> dict[str, Any]:
    return {"value": value}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def org_ref(org: Organisation) -> str:
    digits = "".join(ch for ch in org.org_number if ch.isdigit())
    if len(digits) == 10:
        return f"SE-ON-{digits[:6]}-{digits[6:]}"
    return f"XI-GROGRUND-{org.slug}"


NON_PROFIT = "Registered non-profit organisation, charity or foundation"
COMPANY = "Registered company, partnership or commercial association"
#: Grogrund's kinds of organisation as INDIGO's organisation types (others: COMPANY).
ORG_TYPES = {
    OrganisationKind.MUNICIPALITY: "Government body",
    OrganisationKind.REGION: "Government body",
    OrganisationKind.STATE_AGENCY: "Government body",
    OrganisationKind.CIVIL_SOCIETY: NON_PROFIT,
    OrganisationKind.TENANT_ASSOCIATION: NON_PROFIT,
    OrganisationKind.NETWORK: NON_PROFIT,
}
#: … and as the role categories of payers, investors and providers.
ROLE_CATEGORIES = {
    OrganisationKind.MUNICIPALITY: "Government/Public Sector/Public Bank",
    OrganisationKind.REGION: "Government/Public Sector/Public Bank",
    OrganisationKind.STATE_AGENCY: "Government/Public Sector/Public Bank",
    OrganisationKind.HOUSING_COMPANY: "Government/Public Sector/Public Bank",
    OrganisationKind.CIVIL_SOCIETY: "Nonprofit/NGO",
    OrganisationKind.TENANT_ASSOCIATION: "Nonprofit/NGO",
    OrganisationKind.NETWORK: "Nonprofit/NGO",
    OrganisationKind.INVESTOR: "Impact Investor",
}


def _category(org: Organisation, role: str) -> str:
    found = ROLE_CATEGORIES.get(OrganisationKind(org.kind))
    if found:
        return found
    return "For-profit" if role == PartyRole.PROVIDER else "Other"


def organisation(org: Organisation) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": org_ref(org),
        "name": v(org.name),
        "type": v(ORG_TYPES.get(OrganisationKind(org.kind), COMPANY)),
        "country": v("SE"),
        "jurisdiction": v("SE"),
    }
    if org.org_number:
        out["org-ids"] = {"primary": v(org_ref(org))}
    return out


def _stage(contract: OutcomeContract, today: date) -> str:
    if today < contract.start_date:
        return "Contracted"
    if today <= contract.end_date:
        return "Implementation"
    verified = {
        (r.metric_id, r.period) for r in contract.reports.all() if r.status == ReportStatus.VERIFIED
    }
    everything = {(m.pk, n) for m in contract.metrics.all() for n in range(1, contract.periods + 1)}
    return "Complete" if everything <= verified else "Service delivery complete"


def _money(amount: float | None) -> dict[str, Any]:
    return {"currency": v(CURRENCY), "amount": v(amount)}


def project(ledger: ContractLedger) -> dict[str, Any]:
    """The contract as an INDIGO project and its organisations (`{"project", "organisations"}`),
    with everything the commissioner sees."""
    contract = ledger.contract
    today = ledger.today
    parties = list(contract.parties.all())

    def of(role: str) -> list[Organisation]:
        return [p.organisation for p in parties if p.role == role]

    orgs = {contract.owner_id: contract.owner} | {
        p.organisation_id: p.organisation for p in parties
    }
    investors, providers, evaluators = (
        of(PartyRole.INVESTOR),
        of(PartyRole.PROVIDER),
        of(PartyRole.EVALUATOR),
    )
    recipient = investors[0] if investors else (providers[0] if providers else None)
    invested = sum(float(i.amount_sek) for i in contract.investments.all())
    invested_to_date = sum(
        float(i.amount_sek) for i in contract.investments.all() if i.date <= today
    )
    paid_total = sum(float(p.amount_sek) for p in contract.payments.all())
    metric_id = {m.pk: f"metric-{m.pk}" for m in ledger.metrics}

    data: dict[str, Any] = {
        "status": "PRIVATE",
        "name": v(contract.name),
        "stage_development": v(_stage(contract, today)),
        "dates": {
            "start_date_of_service_provision": v(_iso(contract.start_date)),
            "anticipated_end_date_of_service_provision": v(_iso(contract.end_date)),
        },
        "jurisdiction": {"jurisdiction": v("SE")},
        "overall_project_finance": {
            "total_investment_commitment": {
                "currency": v(CURRENCY),
                "amount": {"exact": v(invested or None)},
            },
            "maximum_potential_outcome_payment_v2": _money(
                float(contract.cap_total_sek) if contract.cap_total_sek is not None else None
            ),
            "total_outcome_payments_made": _money(paid_total),
        },
        "purpose_and_classifications": {
            "intervention": v(
                contract.initiative.name if contract.initiative else contract.description
            ),
            "social_challenge": v(contract.description),
        },
        "service_and_beneficiaries": {
            "target_population": v(contract.cohort_description),
            "targeted_number_service_users_or_beneficiaries_total": v(contract.cohort_size),
            "unit_type_targeted_service_users_or_beneficiaries": v("Individual"),
        },
    }
    if ledger.investor is not None:
        inv = ledger.investor
        data["investment_details"] = {
            "total_funds_invested": {
                "latest": {
                    "currency": v(CURRENCY),
                    "amount": v(invested_to_date),
                    "date": v(_iso(today)),
                }
            },
            "internal_rate_of_return": {
                "latest": v(None if inv.irr_to_date is None else f"{inv.irr_to_date * 100:.2f}%"),
                "date": v(_iso(today)),
            },
        }
    if contract.initiative is not None:
        data["delivery_locations"] = [
            {
                "location_name": v(area.name),
                "location_country": v("SE"),
                "adminstrative_geography_name": v(area.name),
                "adminstrative_geography_code_type": v(f"SCB {area.get_level_display()}"),
                "adminstrative_geography_code": v(area.code),
            }
            for area in contract.initiative.programme.areas.all()
        ]
    data["service_provisions"] = [
        {
            "id": f"provision-{org.pk}",
            "organisation_id": v(org_ref(org)),
            "organisation_role_category": v(_category(org, PartyRole.PROVIDER)),
            "intervention": v(contract.initiative.name if contract.initiative else contract.name),
            "planned_service": {
                "start_date": v(_iso(contract.start_date)),
                "end_date": v(_iso(contract.end_date)),
            },
        }
        for org in providers
    ]
    data["outcome_payment_commitments"] = [
        {
            "organisation_id": v(org_ref(p.organisation)),
            "organisation_role_category": v(_category(p.organisation, PartyRole.PAYER)),
            "maximum_potential_outcome_payment": _money(
                float(p.cap_sek) if p.cap_sek is not None else None
            ),
            "total_outcome_payments": _money(ledger.payer_paid_sek(p.organisation_id)),
            "notes": f"share {float(p.share or 0) * 100:.2f}%",
        }
        for p in ledger.payers
    ]
    data["investments"] = [
        {
            "id": f"investment-{org.pk}",
            "organisation_id": v(org_ref(org)),
            "organisation_role_category": v(_category(org, PartyRole.INVESTOR)),
            "investment_commitment": {
                "currency": v(CURRENCY),
                "amount": {"exact": v(invested or None)},
            },
        }
        for org in investors
    ]
    data["intermediary_services"] = []
    data["outcome_metrics"] = [
        {
            "id": metric_id[m.pk],
            "definition": v(m.definition or m.name),
            "target_population": v(contract.cohort_description),
            "targeted_number_of_service_users_or_beneficiaries_total": v(contract.cohort_size),
            "unit_type_of_targeted_service_users_or_beneficiaries": v("Individual"),
            "outcome_metric_target": v(
                None if m.expected_per_period is None else f"{m.expected_per_period:g} per period"
            ),
            "outcome_validation_method": v("Historical comparison"),
            "data_source_for_outcome_validation": v(
                m.baseline_source
                if m.baseline_kind == BaselineKind.STATISTICS
                else "Provider's report, verified by the evaluator"
            ),
            "notes": f"baseline {m.baseline:g} people; {m.get_direction_display()}",
        }
        for m in ledger.metrics
    ]
    data["outcome_pricings"] = [
        {
            "outcome_metric_id": v(metric_id[m.pk]),
            "currency": v(CURRENCY),
            "price_per_unit": {"amount": v(float(m.price_sek_per_unit))},
            "maximum_price_if_all_targets_achieved": {
                "amount": v(None if m.cap_sek is None else f"{float(m.cap_sek):.2f}")
            },
            "contracted_increases_to_outcome_pricing": v(
                "; ".join(
                    f"from period {e.from_period}: {float(e.price_sek_per_unit):.2f} SEK"
                    for e in sorted(m.prices.all(), key=lambda e: e.from_period)
                )
                or None
            ),
        }
        for m in ledger.metrics
    ]
    results = []
    for row in ledger.periods:
        for cell in row.cells:
            r = cell.report
            if r is None or r.status != ReportStatus.VERIFIED:
                continue
            results.append(
                {
                    "outcome_metric_id": v(metric_id[cell.metric.pk]),
                    "result_level": v("Outcome level"),
                    "result_type": v("Final" if row.number == contract.periods else "Interim"),
                    "period": {"start_date": v(_iso(row.start)), "end_date": v(_iso(row.end))},
                    "number_engaged_in_impact_bond": v(contract.cohort_size),
                    "number_with_positive_social_outcomes": v(r.verified_value),
                    "outcomes_validator_organisation_ids": v(
                        ",".join(org_ref(o) for o in evaluators)
                    ),
                }
            )
    data["results"] = results
    payments: list[dict[str, Any]] = []
    by_claim = {p.claim.key: p for p in ledger.result.payments}
    for row in ledger.periods:
        for cell in row.cells:
            r = cell.report
            found = by_claim.get(str(r.pk)) if r is not None else None
            if found is None:
                continue
            for payer_id, amount in found.by_payer.items():
                payments.append(
                    {
                        "outcome_metric_id": v(metric_id[cell.metric.pk]),
                        "period": {"start_date": v(_iso(row.start)), "end_date": v(_iso(row.end))},
                        "payer_organisation_id": v(org_ref(orgs[int(payer_id)])),
                        "recipient_organisation_id": v(org_ref(recipient) if recipient else None),
                        "type": v("Planned"),
                        "money": _money(amount / 100),
                    }
                )
    for p in contract.payments.all():
        payments.append(
            {
                "period": {
                    "start_date": v(_iso(contract.period_start(p.period))),
                    "end_date": v(_iso(contract.period_end(p.period))),
                },
                "payer_organisation_id": v(org_ref(orgs[p.payer_id])),
                "recipient_organisation_id": v(org_ref(recipient) if recipient else None),
                "type": v("Actual"),
                "money": _money(float(p.amount_sek)),
            }
        )
    data["outcome_payments"] = payments
    transactions = [
        {
            "date": v(_iso(p.paid_on)),
            "sending_organisation_id": v(org_ref(orgs[p.payer_id])),
            "receiving_organisation_id": v(org_ref(recipient) if recipient else None),
            "transaction_type": v("Outcome Payment"),
            "money": _money(float(p.amount_sek)),
        }
        for p in contract.payments.all()
    ]
    for i in contract.investments.all():
        if investors:
            transactions.append(
                {
                    "investment_id": v(f"investment-{investors[0].pk}"),
                    "date": v(_iso(i.date)),
                    "sending_organisation_id": v(org_ref(investors[0])),
                    "receiving_organisation_id": v(org_ref(providers[0]) if providers else None),
                    "transaction_type": v("Other"),
                    "money": _money(float(i.amount_sek)),
                    "notes": "capital paid in" if i.date <= today else "capital planned",
                }
            )
    data["transactions"] = sorted(transactions, key=lambda t: t["date"]["value"] or "")
    return {
        "standard": STANDARD,
        "generated": timezone.now().isoformat(timespec="seconds"),
        "project": data,
        "organisations": [organisation(o) for o in sorted(orgs.values(), key=lambda o: o.name)],
    }
