"""Pages of the social procurement register. Thin: find the contract through
selectors.contracts_for (404 otherwise), ask selectors what the visitor is to it, call a
service, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from grogrund.areas.search_forms import searching
from grogrund.areas.selectors import areas_for
from grogrund.procurement import calculations as calc
from grogrund.procurement import selectors, services
from grogrund.procurement.forms import (
    ClauseForm,
    ContractForm,
    CountTowardForm,
    ReportForm,
    ReviewForm,
    TemplateChoiceForm,
    TemplateForm,
    clause_from_template,
    period_label,
    period_value,
    report_initial,
)
from grogrund.procurement.history import history_rows
from grogrund.procurement.models import (
    Clause,
    ClauseTemplate,
    Contract,
    DeliveryReport,
    ReportStatus,
)
from grogrund.programmes.selectors import programmes_for


def _contract(request: HttpRequest, pk: int) -> Contract:
    qs = selectors.contracts_for(request.user).select_related("owner", "supplier", "programme")
    return get_object_or_404(qs, pk=pk)


def _refused(request: HttpRequest, message: str, contract: Contract | None = None) -> HttpResponse:
    return render(
        request, "procurement/refused.html", {"message": message, "contract": contract}, status=403
    )


# --- the register -----------------------------------------------------------------------------


@login_required
def contract_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.contract_rows(request.user, selectors.contracts_for(request.user))
    return render(
        request,
        "procurement/contract_list.html",
        {
            "rows": rows,
            "can_create": selectors.buyer_organisations(request.user).exists(),
            "in_network": selectors.in_network(request.user),
        },
    )


@login_required
def programme_register(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 2 of a programme: its contracts with committed against delivered."""
    programme = get_object_or_404(programmes_for(request.user).select_related("owner"), pk=pk)
    contracts = selectors.programme_contracts(request.user, programme)
    return render(
        request,
        "procurement/programme_register.html",
        {
            "programme": programme,
            "rows": selectors.contract_rows(request.user, contracts),
            "can_create": selectors.buyer_organisations(request.user).exists(),
        },
    )


@login_required
def compare(request: HttpRequest) -> HttpResponse:
    """The network's view: clauses compared across companies."""
    return render(
        request,
        "procurement/compare.html",
        {
            "rows": selectors.network_comparison(request.user),
            "in_network": selectors.in_network(request.user),
        },
    )


# --- contracts --------------------------------------------------------------------------------


def _contract_form(request: HttpRequest, contract: Contract) -> HttpResponse:
    user = request.user
    initial = {}
    programme_id = request.GET.get("programme", "")
    if contract.pk is None and programme_id.isdigit():
        initial["programme"] = int(programme_id)
    form = ContractForm(
        request.POST or None,
        instance=contract,
        initial=initial,
        buyers=selectors.buyer_organisations(user),
        suppliers=selectors.suppliers(),
        areas=areas_for(user).order_by("level", "name"),
        programmes=programmes_for(user).order_by("name"),
    )
    if request.method == "POST" and searching(form):
        form.errors.clear()
    elif request.method == "POST" and form.is_valid():
        unsaved = form.save(commit=False)
        try:
            saved = services.save_contract(
                user=user,
                contract=unsaved,
                areas=form.cleaned_data["areas"],
                shared_with=form.cleaned_data["shared_with"],
            )
        except services.NotAllowed as err:
            return _refused(request, str(err), contract if contract.pk else None)
        except services.ProcurementError as err:
            form.add_error(None, str(err))
        else:
            messages.success(request, _("The contract was saved."))
            return redirect("procurement:detail", pk=saved.pk)
    return render(request, "procurement/contract_form.html", {"form": form, "contract": contract})


@login_required
def contract_create(request: HttpRequest) -> HttpResponse:
    if not selectors.buyer_organisations(request.user).exists():
        return _refused(
            request,
            _("Only editors of a buyer (a housing company, a municipality…) register contracts."),
        )
    return _contract_form(request, Contract())


@login_required
def contract_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contract = _contract(request, pk)
    if not selectors.standing(request.user, contract).buyer_editor:
        raise Http404
    return _contract_form(request, contract)


@login_required
def contract_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contract = _contract(request, pk)
    standing = selectors.standing(request.user, contract)
    contract = selectors.with_clauses(Contract.objects.filter(pk=contract.pk)).get()
    rows = selectors.clause_rows(contract)
    programme_visible = (
        contract.programme_id is not None
        and programmes_for(request.user).filter(pk=contract.programme_id).exists()
    )
    return render(
        request,
        "procurement/contract_detail.html",
        {
            "contract": contract,
            "standing": standing,
            "rows": rows,
            "areas": contract.areas.filter(pk__in=areas_for(request.user).values("pk")),
            "programme_visible": programme_visible,
            "history": history_rows(selectors.contract_history(contract))
            if standing.sees_internal
            else None,
            "contributions": selectors.contributions_of(contract)
            if standing.sees_internal
            else None,
        },
    )


# --- clauses ----------------------------------------------------------------------------------


def _buyer_contract(request: HttpRequest, pk: int) -> Contract:
    contract = _contract(request, pk)
    if not selectors.standing(request.user, contract).buyer_editor:
        raise Http404
    return contract


@login_required
def clause_create(request: HttpRequest, pk: int) -> HttpResponse:
    contract = _buyer_contract(request, pk)
    services.ensure_clause_templates()
    templates = selectors.clause_templates()
    chooser = TemplateChoiceForm(request.GET or None, templates=templates)
    template: ClauseTemplate | None = None
    code = request.POST.get("template") or request.GET.get("template")
    if code:
        template = templates.filter(code=code).first()
    clause = Clause(contract=contract, template=template)
    if template is not None and request.method != "POST":
        form = ClauseForm(initial=clause_from_template(template), instance=clause)
    else:
        form = ClauseForm(request.POST or None, instance=clause)
    if request.method == "POST" and form.is_valid():
        unsaved = form.save(commit=False)
        unsaved.contract, unsaved.template = contract, template
        try:
            services.save_clause(user=request.user, clause=unsaved)
        except services.NotAllowed as err:
            return _refused(request, str(err), contract)
        except services.ProcurementError as err:
            form.add_error(None, str(err))
        else:
            messages.success(request, _("The clause was added."))
            return redirect("procurement:detail", pk=contract.pk)
    return render(
        request,
        "procurement/clause_form.html",
        {
            "contract": contract,
            "form": form,
            "chooser": chooser,
            "template": template,
            "clause": None,
        },
    )


def _clause(contract: Contract, clause_pk: int) -> Clause:
    clause: Clause = get_object_or_404(Clause, pk=clause_pk, contract=contract)
    clause.contract = contract
    return clause


@login_required
def clause_edit(request: HttpRequest, pk: int, clause: int) -> HttpResponse:
    contract = _buyer_contract(request, pk)
    obj = _clause(contract, clause)
    form = ClauseForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_clause(user=request.user, clause=form.save(commit=False))
        except services.NotAllowed as err:
            return _refused(request, str(err), contract)
        except services.ProcurementError as err:
            form.add_error(None, str(err))
        else:
            messages.success(request, _("The clause was saved."))
            return redirect("procurement:detail", pk=contract.pk)
    return render(
        request,
        "procurement/clause_form.html",
        {"contract": contract, "form": form, "clause": obj, "chooser": None, "template": None},
    )


@login_required
def clause_delete(request: HttpRequest, pk: int, clause: int) -> HttpResponse:
    contract = _buyer_contract(request, pk)
    obj = _clause(contract, clause)
    error = ""
    if request.method == "POST":
        try:
            services.delete_clause(user=request.user, clause=obj)
        except services.ProcurementError as err:
            error = str(err)
        else:
            messages.success(request, _("The clause was removed."))
            return redirect("procurement:detail", pk=contract.pk)
    return render(
        request,
        "procurement/clause_delete.html",
        {"contract": contract, "clause": obj, "error": error, "reported": obj.reports.exists()},
    )


# --- reports ----------------------------------------------------------------------------------


def _supplier_clause(request: HttpRequest, pk: int, clause_pk: int) -> tuple[Contract, Clause]:
    contract = _contract(request, pk)
    if not selectors.standing(request.user, contract).supplier_editor:
        raise Http404
    return contract, _clause(contract, clause_pk)


def _report_form(
    request: HttpRequest, contract: Contract, clause: Clause, report: DeliveryReport | None
) -> HttpResponse:
    periods = calc.periods(contract.start_date, contract.end_date, clause.reporting_period)
    reported = {r.period_start: r for r in clause.reports.exclude(pk=report.pk if report else None)}
    open_periods = [p for p in periods if p.start not in reported]
    if report is not None:
        initial = report_initial(report)
    else:
        wanted = request.GET.get("period", "")
        first_open = next(
            (p for p in open_periods if period_value(p) == wanted),
            next((p for p in open_periods if p.end < selectors.today()), None),
        )
        initial = {"period": period_value(first_open)} if first_open else {}
    form = ReportForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        clause=clause,
        periods=open_periods,
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.submit_report(
                user=request.user,
                clause=clause,
                data=form.report_input(),
                evidence=form.cleaned_data.get("evidence"),
                report=report,
            )
        except services.NotAllowed as err:
            return _refused(request, str(err), contract)
        except services.ProcurementError as err:
            form.add_error(None, str(err))
        else:
            messages.success(
                request,
                _("The report was sent to %(buyer)s for verification.")
                % {"buyer": contract.owner.name},
            )
            return redirect("procurement:report", pk=contract.pk, report=saved.pk)
    return render(
        request,
        "procurement/report_form.html",
        {
            "contract": contract,
            "clause": clause,
            "form": form,
            "report": report,
            "no_periods": not open_periods,
        },
    )


@login_required
def report_create(request: HttpRequest, pk: int, clause: int) -> HttpResponse:
    contract, obj = _supplier_clause(request, pk, clause)
    return _report_form(request, contract, obj, None)


def _report(request: HttpRequest, pk: int, report_pk: int) -> tuple[Contract, DeliveryReport]:
    contract = _contract(request, pk)
    if not selectors.standing(request.user, contract).sees_reports:
        raise Http404
    report = get_object_or_404(
        DeliveryReport.objects.select_related("clause", "submitted_by", "reviewed_by"),
        pk=report_pk,
        clause__contract=contract,
    )
    report.clause.contract = contract
    return contract, report


@login_required
def report_edit(request: HttpRequest, pk: int, report: int) -> HttpResponse:
    contract, obj = _report(request, pk, report)
    if not selectors.standing(request.user, contract).supplier_editor:
        raise Http404
    if obj.status == ReportStatus.VERIFIED:
        return _refused(
            request,
            _("The report is verified by the buyer and final. Ask %(buyer)s if it is wrong.")
            % {"buyer": contract.owner.name},
            contract,
        )
    return _report_form(request, contract, obj.clause, obj)


@login_required
def report_detail(request: HttpRequest, pk: int, report: int) -> HttpResponse:
    contract, obj = _report(request, pk, report)
    standing = selectors.standing(request.user, contract)
    form = None
    if standing.buyer_editor and obj.status == ReportStatus.SUBMITTED:
        form = ReviewForm(request.POST or None)
    if request.method == "POST":
        if form is None:
            # Only the buyer's editors verify; the supplier (or a viewer) is told so.
            try:
                services.verify_report(user=request.user, report=obj)
            except services.NotAllowed as err:
                return _refused(request, str(err), contract)
            except services.ProcurementError as err:
                return _refused(request, str(err), contract)
            return redirect("procurement:report", pk=contract.pk, report=obj.pk)
        if form.is_valid():
            decide = (
                services.verify_report
                if form.cleaned_data["decision"] == ReviewForm.VERIFY
                else services.return_report
            )
            try:
                decide(user=request.user, report=obj, comment=form.cleaned_data["comment"])
            except services.NotAllowed as err:
                return _refused(request, str(err), contract)
            except services.ProcurementError as err:
                form.add_error(None, str(err))
            else:
                if form.cleaned_data["decision"] == ReviewForm.VERIFY:
                    messages.success(request, _("The report was verified."))
                else:
                    messages.success(
                        request,
                        _("The report was returned to %(supplier)s.")
                        % {"supplier": contract.supplier.name},
                    )
                return redirect("procurement:report", pk=contract.pk, report=obj.pk)
    return render(
        request,
        "procurement/report_detail.html",
        {
            "contract": contract,
            "clause": obj.clause,
            "report": obj,
            "period": period_label(calc.Period(obj.period_start, obj.period_end)),
            "standing": standing,
            "form": form,
            "history": history_rows(selectors.report_history(obj)),
        },
    )


@login_required
def evidence(request: HttpRequest, pk: int, report: int) -> HttpResponse:
    """The report's evidence, for the buyer's and the supplier's members only."""
    _contract_obj, obj = _report(request, pk, report)
    if not obj.evidence:
        raise Http404
    try:
        handle = obj.evidence.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=obj.evidence_name or "underlag")


# --- counting toward the programme ------------------------------------------------------------


def _count_choices(contract: Contract) -> list[tuple[str, str]]:
    from grogrund.initiatives.models import OUTCOME_STAGES, EffectNode
    from grogrund.programmes.models import Goal

    choices: list[tuple[str, str]] = []
    if contract.programme_id is None:
        return choices
    for goal in Goal.objects.filter(programme_id=contract.programme_id).select_related(
        "indicator", "area"
    ):
        text = _("Goal: %(indicator)s, %(area)s") % {
            "indicator": goal.indicator.name,
            "area": goal.area.name,
        }
        choices.append((f"goal:{goal.pk}", text))
    outcomes = EffectNode.objects.filter(
        initiative__programme_id=contract.programme_id,
        stage__in=OUTCOME_STAGES,
        indicator__kind="count",
    ).select_related("initiative")
    for node in outcomes:
        text = _("Outcome: %(outcome)s (%(initiative)s)") % {
            "outcome": node.text,
            "initiative": node.initiative.name,
        }
        choices.append((f"outcome:{node.pk}", text))
    return choices


@login_required
def count_toward(request: HttpRequest, pk: int) -> HttpResponse:
    """Count the contract's verified persons toward a goal or an outcome of its programme."""
    from grogrund.initiatives.models import EffectNode
    from grogrund.programmes.models import Goal

    contract = _buyer_contract(request, pk)
    choices = _count_choices(contract)
    form = CountTowardForm(request.POST or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        kind, _sep, ident = form.cleaned_data["target"].partition(":")
        target: dict[str, Any] = {}
        if kind == "goal":
            target["goal"] = get_object_or_404(Goal, pk=int(ident))
        else:
            target["outcome"] = get_object_or_404(
                EffectNode.objects.select_related("initiative", "indicator"), pk=int(ident)
            )
        try:
            done = services.count_toward(
                user=request.user,
                contract=contract,
                write_measurements=form.cleaned_data["write_measurements"],
                **target,
            )
        except services.NotAllowed as err:
            return _refused(request, str(err), contract)
        except services.ProcurementError as err:
            form.add_error(None, str(err))
        else:
            if done.counted:
                messages.success(
                    request,
                    _(
                        "%(reports)s verified reports were counted: %(persons)s persons. "
                        "Reports counted before were not counted again (%(already)s)."
                    )
                    % {"reports": done.counted, "persons": done.persons, "already": done.already},
                )
            else:
                messages.info(
                    request,
                    _("Nothing new to count: every verified report is counted already."),
                )
            return redirect("procurement:detail", pk=contract.pk)
    return render(
        request,
        "procurement/count_form.html",
        {
            "contract": contract,
            "form": form,
            "reports": selectors.countable_reports(contract).order_by("period_start"),
            "contributions": selectors.contributions_of(contract),
        },
    )


# --- clause templates -------------------------------------------------------------------------


@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    services.ensure_clause_templates()
    return render(
        request,
        "procurement/template_list.html",
        {
            "templates": selectors.clause_templates(active_only=False),
            "is_curator": selectors.is_curator(request.user),
        },
    )


def _template_form(request: HttpRequest, template: ClauseTemplate) -> HttpResponse:
    if not selectors.is_curator(request.user):
        raise Http404
    form = TemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_template(user=request.user, template=form.save(commit=False))
        except services.NotAllowed as err:
            return _refused(request, str(err))
        except services.ProcurementError as err:
            form.add_error(None, str(err))
        else:
            messages.success(request, _("The clause template was saved."))
            return redirect("procurement:templates")
    return render(request, "procurement/template_form.html", {"form": form, "template": template})


@login_required
def template_create(request: HttpRequest) -> HttpResponse:
    return _template_form(request, ClauseTemplate())


@login_required
def template_edit(request: HttpRequest, template: int) -> HttpResponse:
    return _template_form(request, get_object_or_404(ClauseTemplate, pk=template))
