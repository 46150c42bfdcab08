"""This app's part of the demo (called at the end of grogrund.areas.demo.build.load_demo): a
fictional social outcome contract for the demo programme's jobs initiative, "Lokalt jobbspår
Norrbacka", made through the same services as in the browser.

Grobo kommun commissions it and pays 60 %, Grobo Bostäder pays 40 %; Sociala Investeringar AB
pre-finances it; Jobbvägen Norrbacka provides the service and Utvärdera Exempel AB verifies
the outcomes (all fictional, with a demo user each: ivar, petra, eva). Half-year periods from
July 2023: periods 1 and 2 are verified and paid (Grobo Bostäder still owes part of period 2),
period 3 is reported and awaits the evaluator. The employment outcome's baseline is the
district's employment rate in 2022 from the demo statistics, applied to the cohort.
Running it again changes nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from grogrund.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from grogrund.areas.models import Area, Indicator
from grogrund.initiatives.models import Initiative
from grogrund.outcome_contracts import selectors, services
from grogrund.outcome_contracts.models import BaselineKind, OutcomeContract, PartyRole
from grogrund.programmes.models import Programme

DEMO_CONTRACT = "Utfallskontrakt Jobbspår Norrbacka (fiktivt)"
DEMO_PASSWORD = "grogrund-demo"
INITIATIVE = "Lokalt jobbspår Norrbacka"
DISTRICT = "grobo-norrbacka"

#: (slug, name, kind) of the organisations this demo adds; the investor is the demo's own.
ORGANISATIONS = (
    ("jobbvagen-norrbacka", "Jobbvägen Norrbacka AB (fiktivt)", OrganisationKind.COMPANY),
    ("utvardera-exempel", "Utvärdera Exempel AB (fiktivt)", OrganisationKind.COMPANY),
)
#: (username, full name, organisation slug) — editors.
USERS = (
    ("ivar", "Ivar Investerare", "sociala-investeringar"),
    ("petra", "Petra Projektledare", "jobbvagen-norrbacka"),
    ("eva", "Eva Utvärderare", "utvardera-exempel"),
)
COHORT = 200


def _org(slug: str) -> Organisation:
    return Organisation.objects.get(slug=slug)


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _moment(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, 0, tzinfo=UTC)


def _organisations_and_users() -> None:
    for slug, name, kind in ORGANISATIONS:
        Organisation.objects.update_or_create(
            slug=slug, defaults={"name": name, "kind": kind, "is_fictional": True}
        )
    for username, full_name, slug in USERS:
        first, _space, last = full_name.partition(" ")
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last, "language": "sv"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        Membership.objects.update_or_create(
            user=user, organisation=_org(slug), defaults={"role": Role.EDITOR}
        )


def build(programme: Programme) -> OutcomeContract | None:
    """Create the demo contract once; None when the demo has no jobs initiative."""
    _organisations_and_users()
    existing = OutcomeContract.objects.filter(name=DEMO_CONTRACT).first()
    if existing is not None:
        return existing
    initiative = Initiative.objects.filter(programme=programme, name=INITIATIVE).first()
    if initiative is None:
        return None
    karin, anna = _user("karin"), _user("anna")
    commune, company = _org("grobo-kommun"), _org("grobo-bostader")
    contract = services.create_contract(
        user=karin,
        owner=commune,
        terms=services.Terms(
            name=DEMO_CONTRACT,
            description=(
                "Kommunen och bostadsbolaget betalar för varje boende i kohorten som får arbete "
                "utöver jämförelsenivån, och för varje hushåll som lämnar ekonomiskt bistånd. "
                "En social investerare förfinansierar jobbspåret (fiktivt exempel)."
            ),
            initiative=initiative,
            cohort_size=COHORT,
            cohort_description=(
                "200 boende 20–64 år i Norrbacka som skrevs in i jobbspåret 2023 (endast antal)."
            ),
            start_date=date(2023, 7, 1),
            period_months=6,
            periods=8,
            cap_total_sek=Decimal("6000000"),
            cap_per_period_sek=None,
            payment_days=30,
        ),
    )
    services.set_parties(
        user=karin,
        contract=contract,
        parties=[
            services.PartyInput(commune, PartyRole.PAYER, share_percent=60),
            services.PartyInput(company, PartyRole.PAYER, share_percent=40, cap_sek=2_000_000),
            services.PartyInput(_org("sociala-investeringar"), PartyRole.INVESTOR),
            services.PartyInput(_org("jobbvagen-norrbacka"), PartyRole.PROVIDER),
            services.PartyInput(_org("utvardera-exempel"), PartyRole.EVALUATOR),
        ],
    )
    contract = selectors.contract_for_ledger(contract.pk)
    in_work_node = initiative.nodes.filter(indicator__code="employment_20_64").first()
    in_work = services.save_metric(
        user=karin,
        contract=contract,
        given=services.MetricInput(
            name="I arbete",
            definition=(
                "Kohortens deltagare som har en anställning eller eget företag i periodens sista "
                "månad, enligt arbetsgivarintyg (antal personer)."
            ),
            direction="higher_is_better",
            baseline_kind=BaselineKind.STATISTICS,
            indicator=Indicator.objects.get(code="employment_20_64"),
            area=Area.objects.get(code=DISTRICT),
            baseline_year=2022,
            price_sek_per_unit=50_000,
            cap_sek=4_000_000,
            expected_per_period=135,
            savings_sek_per_unit=90_000,
            effect_node=in_work_node,
        ),
    )
    assistance = services.save_metric(
        user=karin,
        contract=contract,
        given=services.MetricInput(
            name="På ekonomiskt bistånd",
            definition="Kohortens hushåll som fått ekonomiskt bistånd under periodens sista månad.",
            direction="lower_is_better",
            baseline_kind=BaselineKind.FIXED,
            baseline=28,
            price_sek_per_unit=30_000,
            expected_per_period=20,
            savings_sek_per_unit=60_000,
        ),
    )
    services.set_rate_price(user=karin, metric=in_work, from_period=5, price_sek_per_unit=55_000)
    ivar, petra, eva = _user("ivar"), _user("petra"), _user("eva")
    for day, amount, note in (
        (date(2023, 7, 1), 2_500_000, "Första utbetalningen till jobbspåret"),
        (date(2024, 7, 1), 1_000_000, "Andra utbetalningen"),
        (date(2025, 2, 1), 500_000, "Tredje utbetalningen"),
    ):
        services.record_investment(
            user=ivar, contract=contract, day=day, amount_sek=amount, note=note
        )
    # Period n: (in work, on assistance, reported on, verified on or None).
    outcomes = (
        (1, 124, 26, date(2024, 1, 20), date(2024, 2, 10)),
        (2, 131, 23, date(2024, 7, 18), date(2024, 8, 12)),
        (3, 135, 22, date(2025, 1, 22), None),
    )
    for period, work, help_, reported, verified in outcomes:
        contract = selectors.contract_for_ledger(contract.pk)
        for metric, value in ((in_work, work), (assistance, help_)):
            report = services.report_outcome(
                user=petra,
                contract=contract,
                metric=metric,
                period=period,
                value=value,
                note="Underlag: arbetsgivarintyg och kommunens register, sammanställda som antal.",
                at=_moment(reported),
            )
            if verified is not None:
                services.verify_outcome(
                    user=eva,
                    report=report,
                    comment=(
                        "Stickprov på 20 intyg stämmer; antalen överensstämmer med kommunens "
                        "register (fiktivt)."
                    ),
                    at=_moment(verified),
                )
    contract = selectors.contract_for_ledger(contract.pk)
    ledger = selectors.contract_ledger(contract)
    payments = (
        (karin, commune, 1, date(2024, 3, 8), 1.0),
        (anna, company, 1, date(2024, 3, 11), 1.0),
        (karin, commune, 2, date(2024, 9, 10), 1.0),
        (anna, company, 2, date(2024, 9, 12), 0.5),
    )
    for user, payer, period, day, part in payments:
        row = ledger.period(period)
        assert row is not None
        amount = round(row.due_by_payer.get(payer.pk, 0.0) * part, 2)
        if amount > 0:
            services.record_payment(
                user=user,
                contract=contract,
                payer=payer,
                period=period,
                amount_sek=amount,
                paid_on=day,
                reference=f"Faktura {2024}-{period:02d}-{payer.slug[:5]}",
            )
    return contract
