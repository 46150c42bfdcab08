"""Pages of outcome contracts. Thin: find the contract through selectors.contract_for (404 for
anyone who is not its commissioner or a party), take the user's standing in it, call a
service, render. A role that may not do something gets a page saying who may (403)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from grogrund.accounts.access import editor_organisations
from grogrund.accounts.models import Organisation
from grogrund.engine.errors import ModelError
from grogrund.initiatives.models import Initiative
from grogrund.outcome_contracts import selectors, services
from grogrund.outcome_contracts.forms import (
    ContractForm,
    InvestmentCorrectionForm,
    InvestmentForm,
    MetricForm,
    PartiesForm,
    PaymentCorrectionForm,
    PaymentForm,
    RatePriceForm,
    RemovalForm,
    ReportForm,
    VerifyForm,
)
from grogrund.outcome_contracts.history import history_rows
from grogrund.outcome_contracts.models import OutcomeContract, OutcomeReport, ReportStatus
from grogrund.outcome_contracts.selectors import Standing
from grogrund.programmes.selectors import programmes_for


def _contract(
    request: HttpRequest, pk: int, *, people: bool = False
) -> tuple[OutcomeContract, Standing]:
    contract = selectors.contract_for(request.user, pk, people=people)
    if contract is None:
        raise Http404
    return contract, selectors.standing(request.user, contract)


def _refused(request: HttpRequest, contract: OutcomeContract, message: str) -> HttpResponse:
    return render(
        request,
        "outcome_contracts/refused.html",
        {"contract": contract, "message": message},
        status=403,
    )


def _not_commissioner(contract: OutcomeContract) -> str:
    return _(
        "Only an editor or administrator of %(org)s, the commissioner, changes the terms of "
        "this contract."
    ) % {"org": contract.owner.name}


def _visible_initiatives(request: HttpRequest) -> Any:
    return (
        Initiative.objects.filter(programme__in=programmes_for(request.user))
        .select_related("programme")
        .order_by("programme__name", "name")
    )


def _period_or_404(contract: OutcomeContract, period: int) -> int:
    if not 1 <= period <= contract.periods:
        raise Http404
    return period


# --- lists ------------------------------------------------------------------------------------


@login_required
def contract_list(request: HttpRequest) -> HttpResponse:
    rows = []
    for contract in selectors.contracts_with_ledgers(request.user):
        st = selectors.standing(request.user, contract)
        rows.append((contract, st, selectors.contract_ledger(contract)))
    return render(
        request,
        "outcome_contracts/contract_list.html",
        {"rows": rows, "can_create": editor_organisations(request.user).exists()},
    )


@login_required
def programme_contracts(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programmes_for(request.user).filter(pk=pk).first()
    if programme is None:
        raise Http404
    rows = []
    contracts = selectors.contracts_with_ledgers(request.user).filter(
        initiative__programme=programme
    )
    for contract in contracts:
        st = selectors.standing(request.user, contract)
        rows.append((contract, st, selectors.contract_ledger(contract)))
    return render(
        request,
        "outcome_contracts/contract_list.html",
        {
            "rows": rows,
            "programme": programme,
            "can_create": editor_organisations(request.user).exists(),
        },
    )


# --- the contract -----------------------------------------------------------------------------


@login_required
def contract_create(request: HttpRequest) -> HttpResponse:
    owners = editor_organisations(request.user).order_by("name")
    form = ContractForm(
        request.POST or None, owners=owners, initiatives=_visible_initiatives(request)
    )
    if request.method == "POST" and form.is_valid():
        try:
            contract = services.create_contract(
                user=request.user, owner=form.cleaned_data["owner"], terms=form.terms()
            )
        except services.ContractError as err:
            form.add_error(None, str(err))
        else:
            messages.success(
                request, _("The contract was created. Name its parties and its outcomes next.")
            )
            return redirect("outcome_contracts:parties", pk=contract.pk)
    return render(request, "outcome_contracts/contract_form.html", {"form": form, "contract": None})


@login_required
def contract_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contract, st = _contract(request, pk)
    if not st.can_edit_terms:
        return _refused(request, contract, _not_commissioner(contract))
    form = ContractForm(
        request.POST or None, initiatives=_visible_initiatives(request), contract=contract
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.update_contract(
                user=request.user, contract=contract, terms=form.terms()
            )
        except services.ContractError as err:
            form.add_error(None, str(err))
        else:
            if changed:
                messages.success(request, _("The terms were saved."))
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect("outcome_contracts:detail", pk=contract.pk)
    return render(
        request, "outcome_contracts/contract_form.html", {"form": form, "contract": contract}
    )


@login_required
def contract_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contract, st = _contract(request, pk)
    ledger = selectors.contract_ledger(contract)
    return render(
        request,
        "outcome_contracts/contract_detail.html",
        {
            "contract": contract,
            "st": st,
            "ledger": ledger,
            "payer_rows": ledger.payer_rows(st),
            "period_views": ledger.period_views(st),
            "parties": sorted(contract.parties.all(), key=lambda p: (p.role, p.organisation.name)),
            "history": history_rows(selectors.history(contract, st)),
        },
    )


@login_required
def parties(request: HttpRequest, pk: int) -> HttpResponse:
    contract, st = _contract(request, pk)
    if not st.can_edit_terms:
        return _refused(request, contract, _not_commissioner(contract))
    form = PartiesForm(request.POST or None, contract=contract)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.set_parties(
                user=request.user, contract=contract, parties=form.parties()
            )
        except services.ContractError as err:
            form.add_error(None, str(err))
        else:
            messages.success(
                request, _("The parties were saved.") if changed else _("Nothing was changed.")
            )
            return redirect("outcome_contracts:detail", pk=contract.pk)
    return render(request, "outcome_contracts/parties.html", {"form": form, "contract": contract})


@login_required
def metric_form(request: HttpRequest, pk: int, metric: int | None = None) -> HttpResponse:
    contract, st = _contract(request, pk)
    if not st.can_edit_terms:
        return _refused(request, contract, _not_commissioner(contract))
    current = None
    if metric is not None:
        current = next((m for m in contract.metrics.all() if m.pk == metric), None)
        if current is None:
            raise Http404
    form = MetricForm(request.POST or None, contract=contract, metric=current)
    if request.method == "POST" and "delete" in request.POST and current is not None:
        try:
            services.delete_metric(user=request.user, metric=current)
        except services.ContractError as err:
            messages.error(request, str(err))
            return redirect("outcome_contracts:metric_edit", pk=contract.pk, metric=current.pk)
        messages.success(request, _("The outcome was removed."))
        return redirect("outcome_contracts:detail", pk=contract.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_metric(
                user=request.user, contract=contract, given=form.metric_input(), metric=current
            )
        except services.ContractError as err:
            form.add_error(None, str(err))
        else:
            messages.success(request, _("The outcome was saved."))
            return redirect(
                reverse("outcome_contracts:detail", kwargs={"pk": contract.pk}) + "#metrics"
            )
    return render(
        request,
        "outcome_contracts/metric_form.html",
        {"form": form, "contract": contract, "metric": current},
    )


@login_required
def rate_card(request: HttpRequest, pk: int) -> HttpResponse:
    contract, st = _contract(request, pk)
    metrics = sorted(contract.metrics.all(), key=lambda m: (m.position, m.pk))
    form = None
    if st.can_edit_terms:
        form = RatePriceForm(request.POST or None, contract=contract)
        if request.method == "POST" and "delete" in request.POST:
            entry = next(
                (e for m in metrics for e in m.prices.all() if str(e.pk) == request.POST["delete"]),
                None,
            )
            if entry is None:
                raise Http404
            try:
                services.delete_rate_price(user=request.user, entry=entry)
            except services.ContractError as err:
                messages.error(request, str(err))
            else:
                messages.success(request, _("The price was removed from the rate card."))
            return redirect("outcome_contracts:rate_card", pk=contract.pk)
        if request.method == "POST" and form.is_valid():
            try:
                services.set_rate_price(
                    user=request.user,
                    metric=form.cleaned_data["metric"],
                    from_period=form.cleaned_data["from_period"],
                    price_sek_per_unit=form.cleaned_data["price_sek_per_unit"],
                )
            except services.ContractError as err:
                form.add_error(None, str(err))
            else:
                messages.success(request, _("The rate card was saved."))
                return redirect("outcome_contracts:rate_card", pk=contract.pk)
    elif request.method == "POST":
        return _refused(request, contract, _not_commissioner(contract))
    ledger = selectors.contract_ledger(contract)
    return render(
        request,
        "outcome_contracts/rate_card.html",
        {"contract": contract, "st": st, "form": form, "ledger": ledger, "metrics": metrics},
    )


@login_required
def investments(request: HttpRequest, pk: int) -> HttpResponse:
    contract, st = _contract(request, pk)
    if not st.sees_investor:
        return _refused(
            request,
            contract,
            _("The investor's figures are shown to the investor and the commissioner only."),
        )
    form = InvestmentForm(request.POST or None) if st.can_record_investment else None
    if request.method == "POST" and form is None:
        return _refused(
            request,
            contract,
            _("Only the investor's or the commissioner's editors record the investment."),
        )
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.record_investment(
                user=request.user,
                contract=contract,
                day=form.cleaned_data["date"],
                amount_sek=form.cleaned_data["amount_sek"],
                note=form.cleaned_data["note"],
            )
        except services.ContractError as err:
            form.add_error(None, str(err))
        else:
            messages.success(request, _("The investment was recorded."))
            return redirect("outcome_contracts:investments", pk=contract.pk)
    ledger = selectors.contract_ledger(contract)
    return render(
        request,
        "outcome_contracts/investments.html",
        {"contract": contract, "st": st, "form": form, "ledger": ledger},
    )


# --- the ledger, period by period -------------------------------------------------------------


@login_required
def period_detail(request: HttpRequest, pk: int, period: int) -> HttpResponse:
    contract, st = _contract(request, pk, people=True)
    _period_or_404(contract, period)
    ledger = selectors.contract_ledger(contract)
    row = ledger.period(period)
    assert row is not None
    evidence = selectors.evidence_of_period(contract, period) if st.sees_evidence else {}
    cells = [(c, evidence.get(c.report.pk, []) if c.report else []) for c in row.cells]
    payers = [
        (
            p,
            row.due_by_payer.get(p.organisation_id, 0.0),
            row.paid_by_payer.get(p.organisation_id, 0.0),
            row.left_for(p.organisation_id),
        )
        for p in ledger.payers
        if st.sees_payments_of(p.organisation_id) or st.investor
    ]
    return render(
        request,
        "outcome_contracts/period.html",
        {
            "contract": contract,
            "st": st,
            "ledger": ledger,
            "row": row,
            "cells": cells,
            "payers": payers if st.sees_payments else [],
            "payments": [
                (p, selectors.may_correct_payment(st, p))
                for p in selectors.payments_of_period(st, contract, period)
            ],
            "can_pay": bool(st.payer_editor_ids) and row is not None and row.due_sek > 0,
            "can_report_here": st.can_report
            and row is not None
            and row.ended
            and any(
                c.report is None or c.report.status != ReportStatus.VERIFIED for c in row.cells
            ),
        },
    )


@login_required
def report(request: HttpRequest, pk: int, period: int) -> HttpResponse:
    contract, st = _contract(request, pk)
    _period_or_404(contract, period)
    if not st.can_report:
        message = _(
            "Only an editor of the service provider reports outcomes. The evaluator verifies "
            "them but does not report them."
        )
        return _refused(request, contract, message)
    ledger = selectors.contract_ledger(contract)
    row = ledger.period(period)
    assert row is not None
    open_cells = [
        (c.metric, c.report.value if c.report else None)
        for c in row.cells
        if c.report is None or c.report.status != ReportStatus.VERIFIED
    ]
    form = ReportForm(
        request.POST or None,
        request.FILES or None,
        metrics=open_cells,
        size=contract.cohort_size,
    )
    if request.method == "POST" and form.is_valid():
        files = [form.cleaned_data["evidence"]] if form.cleaned_data["evidence"] else []
        try:
            with transaction.atomic():
                for i, (metric, value) in enumerate(form.values()):
                    services.report_outcome(
                        user=request.user,
                        contract=contract,
                        metric=metric,
                        period=period,
                        value=value,
                        note=form.cleaned_data["note"],
                        files=files if i == 0 else [],
                    )
        except services.NotAllowed as err:
            return _refused(request, contract, str(err))
        except services.ContractError as err:
            form.add_error(None, str(err))
        else:
            messages.success(
                request, _("The outcome was reported: the evaluator verifies it next.")
            )
            return redirect("outcome_contracts:period", pk=contract.pk, period=period)
    return render(
        request,
        "outcome_contracts/report_form.html",
        {"contract": contract, "row": row, "form": form, "period": period},
    )


@login_required
def verify(request: HttpRequest, pk: int, report: int) -> HttpResponse:
    contract, st = _contract(request, pk, people=True)
    found: OutcomeReport | None = next((r for r in contract.reports.all() if r.pk == report), None)
    if found is None:
        raise Http404
    if not st.can_verify:
        return _refused(
            request,
            contract,
            _("Only an editor of the evaluator verifies outcomes. Nothing was saved."),
        )
    form = VerifyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        files = [d["evidence"]] if d["evidence"] else []
        try:
            if d["decision"] == "return":
                services.return_report(user=request.user, report=found, comment=d["comment"])
                messages.success(request, _("The report was returned to the provider."))
            else:
                services.verify_outcome(
                    user=request.user,
                    report=found,
                    verified_value=d["verified_value"],
                    comment=d["comment"],
                    files=files,
                )
                messages.success(request, _("The outcome was verified: it is now due for payment."))
        except services.NotAllowed as err:
            return _refused(request, contract, str(err))
        except services.ContractError as err:
            form.add_error(None, str(err))
        else:
            return redirect("outcome_contracts:period", pk=contract.pk, period=found.period)
    evidence = selectors.evidence_of_period(contract, found.period).get(found.pk, [])
    return render(
        request,
        "outcome_contracts/verify_form.html",
        {"contract": contract, "report": found, "form": form, "evidence": evidence},
    )


@login_required
def pay(request: HttpRequest, pk: int, period: int) -> HttpResponse:
    contract, st = _contract(request, pk)
    _period_or_404(contract, period)
    if not st.payer_editor_ids:
        return _refused(request, contract, _("Only the payers' editors record their payments."))
    ledger = selectors.contract_ledger(contract)
    row = ledger.period(period)
    assert row is not None
    payers = Organisation.objects.filter(pk__in=st.payer_editor_ids).order_by("name")
    left = (
        row.left_for(next(iter(sorted(st.payer_editor_ids))))
        if len(st.payer_editor_ids) == 1
        else None
    )
    form = PaymentForm(
        request.POST or None,
        payers=payers,
        left=left,
        initial={"paid_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.record_payment(
                user=request.user,
                contract=contract,
                payer=d["payer"],
                period=period,
                amount_sek=d["amount_sek"],
                paid_on=d["paid_on"],
                reference=d["reference"],
            )
        except services.NotAllowed as err:
            return _refused(request, contract, str(err))
        except services.ContractError as err:
            form.add_error(None, str(err))
        else:
            messages.success(request, _("The payment was recorded."))
            return redirect("outcome_contracts:period", pk=contract.pk, period=period)
    return render(
        request,
        "outcome_contracts/pay_form.html",
        {
            "contract": contract,
            "row": row,
            "form": form,
            "period": period,
            "payers": [
                (
                    p,
                    row.due_by_payer.get(p.organisation_id, 0.0),
                    row.paid_by_payer.get(p.organisation_id, 0.0),
                    row.left_for(p.organisation_id),
                )
                for p in ledger.payers
                if p.organisation_id in st.payer_editor_ids
            ],
        },
    )


@login_required
def evidence(request: HttpRequest, pk: int, evidence: int) -> HttpResponse:
    found = selectors.evidence_for(request.user, evidence)
    if found is None or found.report.contract_id != pk:
        raise Http404
    response = HttpResponse(bytes(found.data), content_type=found.content_type)
    stem, _dot, suffix = found.name.rpartition(".")
    name = f"{slugify(stem) or 'bevis'}.{suffix.lower()}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- statements and exports -------------------------------------------------------------------


def _statement(request: HttpRequest, pk: int, period: int) -> tuple[OutcomeContract, Any]:
    from grogrund.outcome_contracts.statements import statement

    contract, st = _contract(request, pk, people=True)
    _period_or_404(contract, period)
    return contract, statement(selectors.contract_ledger(contract), st, period)


def _filename(contract: OutcomeContract, period: int, suffix: str) -> str:
    return f"utfallskontrakt-{slugify(contract.name) or contract.pk}-period-{period}.{suffix}"


@login_required
def statement_xlsx(request: HttpRequest, pk: int, period: int) -> HttpResponse:
    from grogrund.outcome_contracts.statements import statement_xlsx as write

    contract, s = _statement(request, pk, period)
    response = HttpResponse(
        write(s),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{_filename(contract, period, "xlsx")}"'
    )
    return response


@login_required
def statement_pdf(request: HttpRequest, pk: int, period: int) -> HttpResponse:
    from grogrund.reports.pdf import render_pdf

    contract, s = _statement(request, pk, period)
    language = (get_language() or "sv")[:2]
    title = _("Statement for period %(period)s: %(contract)s") % {
        "period": period,
        "contract": contract.name,
    }
    pdf = render_pdf(
        "outcome_contracts/statement_pdf.html",
        {
            "s": s,
            "document_title": title,
            "document_author": contract.owner.name,
            "document_date": date.today(),
        },
        title=title,
        language=language,
        author=contract.owner.name,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(contract, period, "pdf")}"'
    return response


@login_required
def indigo(request: HttpRequest, pk: int) -> HttpResponse:
    from grogrund.outcome_contracts.indigo import project

    contract, st = _contract(request, pk)
    if not st.commissioner:
        return _refused(
            request,
            contract,
            _("The export holds every party's payments: the commissioner makes it."),
        )
    data = project(selectors.contract_ledger(contract))
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    name = f"indigo-{slugify(contract.name) or contract.pk}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def valuation(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the engine's valuation of the contract (the `outcome_contract` kind) from its own
    data; POST: keep it as a valuation of the contract's initiative in the valuations app."""
    from grogrund.engine.evaluate import evaluate
    from grogrund.outcome_contracts.valuation import engine_model

    contract, st = _contract(request, pk)
    if not st.sees_investor:
        return _refused(
            request,
            contract,
            _(
                "The valuation shows the investor's returns: it is for the commissioner and "
                "the investor."
            ),
        )
    ledger = selectors.contract_ledger(contract)
    model = engine_model(ledger)
    result = error = None
    if model["metrics"]:
        try:
            result = evaluate(model)
        except ModelError as err:
            error = str(err)
    else:
        error = _(
            "Add outcomes with an expected outcome per period, or report outcomes, to value "
            "the contract."
        )
    programme = contract.initiative.programme if contract.initiative else None
    from grogrund.valuations.selectors import can_edit_valuations

    can_keep = (
        programme is not None
        and result is not None
        and can_edit_valuations(request.user, programme)
    )
    if request.method == "POST":
        if not can_keep or programme is None:
            return _refused(
                request,
                contract,
                _("Only the programme's editors keep valuations of its initiatives."),
            )
        from grogrund.valuations import services as valuation_services

        try:
            kept = valuation_services.create_valuation(
                user=request.user,
                programme=programme,
                name=_("Outcome contract: %(name)s") % {"name": contract.name},
                model=model,
                initiative=contract.initiative,
            )
        except valuation_services.ValuationError as err:
            messages.error(request, str(err))
            return redirect("outcome_contracts:valuation", pk=contract.pk)
        messages.success(request, _("The valuation was kept with the initiative."))
        return redirect("valuations:detail", pk=programme.pk, valuation=kept.pk)
    return render(
        request,
        "outcome_contracts/valuation.html",
        {
            "contract": contract,
            "ledger": ledger,
            "model": model,
            "result": result,
            "error": error,
            "can_keep": can_keep,
            "by_period": (result.details.get("by_period") if result else None) or [],
        },
    )


# --- corrections of payments and investments --------------------------------------------------


def _payment_or_404(request: HttpRequest, pk: int, payment: int) -> tuple[Any, Standing, Any]:
    contract, st = _contract(request, pk)
    found = selectors.payment_for(st, contract, payment)
    if found is None:
        raise Http404
    return contract, st, found


def _correction_page(
    request: HttpRequest,
    contract: OutcomeContract,
    *,
    kind: str,
    obj: Any,
    form: Any,
    removal: Any,
    back: str,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "outcome_contracts/correction_form.html",
        {
            "contract": contract,
            "kind": kind,
            "obj": obj,
            "form": form,
            "removal": removal,
            "back": back,
        },
        status=status,
    )


PAYMENT_REFUSAL = gettext_lazy(
    "Only an editor of the payer or of the commissioner corrects a payment."
)
INVESTMENT_REFUSAL = gettext_lazy(
    "Only the investor's or the commissioner's editors correct the investment."
)


def _correct(
    request: HttpRequest,
    contract: Any,
    *,
    kind: str,
    found: Any,
    back: str,
    form: Any,
    save: Callable[[dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    """The correction page of a payment or an investment: `save` the form's figures with
    the reason; a refusal or a contract rule says why, and nothing is saved."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except services.NotAllowed as err:
            return _refused(request, contract, str(err))
        except services.ContractError as err:
            form.add_error(None, str(err))
        else:
            messages.success(request, done)
            return redirect(back)
    return _correction_page(
        request,
        contract,
        kind=kind,
        obj=found,
        form=form,
        removal=RemovalForm(prefix="remove"),
        back=back,
    )


def _remove(
    request: HttpRequest,
    contract: Any,
    *,
    kind: str,
    found: Any,
    back: str,
    remove: Callable[[str], Any],
    done: str,
) -> HttpResponse:
    """Remove a payment or an investment recorded by mistake, with a reason."""
    removal = RemovalForm(request.POST or None, prefix="remove")
    if request.method == "POST" and removal.is_valid():
        try:
            remove(removal.cleaned_data["reason"])
        except services.NotAllowed as err:
            return _refused(request, contract, str(err))
        except services.ContractError as err:
            removal.add_error(None, str(err))
        else:
            messages.success(request, done)
            return redirect(back)
    return _correction_page(
        request, contract, kind=kind, obj=found, form=None, removal=removal, back=back
    )


@login_required
def payment_correct(request: HttpRequest, pk: int, payment: int) -> HttpResponse:
    """Correct a recorded payment (amount, date, reference) with a reason."""
    contract, st, found = _payment_or_404(request, pk, payment)
    if not selectors.may_correct_payment(st, found):
        return _refused(request, contract, str(PAYMENT_REFUSAL))
    initial = {
        "amount_sek": found.amount_sek,
        "paid_on": found.paid_on,
        "reference": found.reference,
    }
    return _correct(
        request,
        contract,
        kind="payment",
        found=found,
        back=_period_url(contract, found),
        form=PaymentCorrectionForm(request.POST or None, initial=initial),
        save=lambda d: services.correct_payment(
            user=request.user,
            payment=found,
            amount_sek=d["amount_sek"],
            paid_on=d["paid_on"],
            reference=d["reference"],
            reason=d["reason"],
        ),
        done=_("The payment was corrected."),
    )


@login_required
def payment_remove(request: HttpRequest, pk: int, payment: int) -> HttpResponse:
    """Remove a payment recorded by mistake, with a reason."""
    contract, st, found = _payment_or_404(request, pk, payment)
    if not selectors.may_correct_payment(st, found):
        return _refused(request, contract, str(PAYMENT_REFUSAL))
    return _remove(
        request,
        contract,
        kind="payment",
        found=found,
        back=_period_url(contract, found),
        remove=lambda reason: services.remove_payment(
            user=request.user, payment=found, reason=reason
        ),
        done=_("The payment was removed; the history keeps it."),
    )


def _period_url(contract: Any, payment: Any) -> str:
    return reverse("outcome_contracts:period", kwargs={"pk": contract.pk, "period": payment.period})


def _investment_or_404(request: HttpRequest, pk: int, investment: int) -> tuple[Any, Standing, Any]:
    contract, st = _contract(request, pk)
    found = selectors.investment_for(st, contract, investment)
    if found is None:
        raise Http404
    return contract, st, found


@login_required
def investment_correct(request: HttpRequest, pk: int, investment: int) -> HttpResponse:
    """Correct capital paid in (date, amount, note) with a reason."""
    contract, st, found = _investment_or_404(request, pk, investment)
    if not st.can_record_investment:
        return _refused(request, contract, str(INVESTMENT_REFUSAL))
    initial = {"date": found.date, "amount_sek": found.amount_sek, "note": found.note}
    return _correct(
        request,
        contract,
        kind="investment",
        found=found,
        back=reverse("outcome_contracts:investments", kwargs={"pk": contract.pk}),
        form=InvestmentCorrectionForm(request.POST or None, initial=initial),
        save=lambda d: services.correct_investment(
            user=request.user,
            investment=found,
            day=d["date"],
            amount_sek=d["amount_sek"],
            note=d["note"],
            reason=d["reason"],
        ),
        done=_("The investment was corrected."),
    )


@login_required
def investment_remove(request: HttpRequest, pk: int, investment: int) -> HttpResponse:
    """Remove an investment recorded by mistake, with a reason."""
    contract, st, found = _investment_or_404(request, pk, investment)
    if not st.can_record_investment:
        return _refused(request, contract, str(INVESTMENT_REFUSAL))
    return _remove(
        request,
        contract,
        kind="investment",
        found=found,
        back=reverse("outcome_contracts:investments", kwargs={"pk": contract.pk}),
        remove=lambda reason: services.remove_investment(
            user=request.user, investment=found, reason=reason
        ),
        done=_("The investment was removed; the history keeps it."),
    )
