"""Pages of the partnership (handslag): readiness record, partners and commitments, common
budget and proposed cost split. Thin: find the programme through programmes_for(user) (404
otherwise), ask access/services who may do what, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from grogrund.accounts.access import can_edit_programme, partner_ids
from grogrund.accounts.models import Organisation
from grogrund.engine.errors import ModelError
from grogrund.partnerships import selectors, services
from grogrund.partnerships.calculations import FLAG_TOLERANCE
from grogrund.partnerships.charts import budget_chart
from grogrund.partnerships.forms import (
    CommitmentForm,
    ReadinessForm,
    SignForm,
    StakeholderLinkForm,
)
from grogrund.partnerships.models import DEFAULT_HOURLY_COST_SEK
from grogrund.programmes.models import Programme
from grogrund.programmes.selectors import history_for, programmes_for


def _programme(request: HttpRequest, pk: int) -> Programme:
    return get_object_or_404(programmes_for(request.user).select_related("owner"), pk=pk)


def _refused(request: HttpRequest, programme: Programme, message: str) -> HttpResponse:
    return render(
        request,
        "partnerships/refused.html",
        {"programme": programme, "message": message},
        status=403,
    )


def partnership_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    part = selectors.partnership(request.user, programme)
    names = {str(r.organisation.pk): r.organisation.name for r in part.rows}
    return render(
        request,
        "partnerships/partnership_detail.html",
        {
            "programme": programme,
            "part": part,
            "chart": budget_chart(part.budget, names),
            "readiness": selectors.readiness_summary(programme),
            "history": selectors.programme_history(programme, "commitment"),
            "can_edit": can_edit_programme(request.user, programme),
        },
    )


def readiness(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    can_edit = can_edit_programme(request.user, programme)
    if request.method == "POST" and not can_edit:
        raise Http404
    rows = selectors.readiness_rows(programme)
    form = ReadinessForm(request.POST or None, rows=rows) if can_edit else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            changed = services.save_readiness_record(
                user=request.user, programme=programme, values=list(form.values())
            )
        except services.ProgrammeError as err:
            form.add_error(None, str(err))
        else:
            if changed:
                messages.success(request, _("The readiness record was saved."))
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect("partnerships:readiness", pk=programme.pk)
    return render(
        request,
        "partnerships/readiness.html",
        {
            "programme": programme,
            "rows": rows,
            "summary": selectors.ReadinessSummary(rows),
            "form": form,
            "history": selectors.programme_history(programme, "readinessitem"),
        },
    )


def _partner_or_404(programme: Programme, org: int) -> Organisation:
    """A partner of the programme, or an organisation that committed to it earlier."""
    ids = partner_ids(programme) | set(
        programme.commitments.values_list("organisation_id", flat=True)
    )
    if org not in ids:
        raise Http404
    return get_object_or_404(Organisation, pk=org)


def commitment(request: HttpRequest, pk: int, org: int) -> HttpResponse:
    programme = _programme(request, pk)
    organisation = _partner_or_404(programme, org)
    current = programme.commitments.filter(organisation=organisation).first()
    part = selectors.partnership(request.user, programme)
    row = next(r for r in part.rows if r.organisation.pk == organisation.pk)
    if request.method == "POST" and not row.can_edit:
        return _refused(request, programme, _not_yours(programme, organisation))
    years = sorted(
        set(range(programme.start_year, programme.end_year))
        | ({y.year for y in current.years.all()} if current else set())
    )
    form = None
    if row.can_edit:
        initial: dict[str, Any] = {}
        if current is not None:
            initial = {
                "hourly_cost_sek": current.hourly_cost_sek,
                "in_kind_description": current.in_kind_description,
                "note": current.note,
            }
            for y in current.years.all():
                initial |= {
                    f"money_{y.year}": y.money_sek,
                    f"hours_{y.year}": y.staff_hours,
                    f"inkind_{y.year}": y.in_kind_sek,
                }
        else:
            initial = {"hourly_cost_sek": DEFAULT_HOURLY_COST_SEK}
        form = CommitmentForm(request.POST or None, initial=initial, years=years)
        if request.method == "POST" and form.is_valid():
            try:
                services.save_commitment(
                    user=request.user,
                    programme=programme,
                    organisation=organisation,
                    years=form.year_inputs(),
                    hourly_cost_sek=int(form.cleaned_data["hourly_cost_sek"]),
                    in_kind_description=form.cleaned_data["in_kind_description"],
                    note=form.cleaned_data["note"],
                )
            except services.NotAllowed as err:
                return _refused(request, programme, str(err))
            except services.ProgrammeError as err:
                form.add_error(None, str(err))
            else:
                messages.success(
                    request,
                    _("The commitment of %(org)s was saved.") % {"org": organisation.name},
                )
                return redirect("partnerships:commitment", pk=programme.pk, org=organisation.pk)
    history = list(history_for(current)) if current else []
    return render(
        request,
        "partnerships/commitment.html",
        {
            "programme": programme,
            "organisation": organisation,
            "row": row,
            "commitment": current,
            "year_rows": selectors.commitment_year_rows(current) if current else [],
            "form": form,
            "history": history,
            "changes": selectors.commitment_changes(history),
            "can_delete": current is not None
            and services.can_delete_commitment(request.user, programme, organisation),
        },
    )


def _not_yours(programme: Programme, organisation: Organisation) -> str:
    return _(
        "You can record commitments only for your own organisation. The commitment of "
        "%(org)s is recorded by its editors or by the editors of %(owner)s, which leads "
        "the programme."
    ) % {"org": organisation.name, "owner": programme.owner.name}


def commitment_sign(request: HttpRequest, pk: int, org: int) -> HttpResponse:
    """GET: the statement of what is signed (partner, programme, years and amounts, total)
    and a box to tick; POST with the box ticked: sign, if the commitment is still what was
    shown. The history keeps the signature with the figures signed."""
    programme = _programme(request, pk)
    organisation = _partner_or_404(programme, org)
    current = programme.commitments.filter(organisation=organisation).first()
    if not services.can_sign(request.user, programme, organisation):
        return _refused(
            request,
            programme,
            _("Only an editor of %(org)s can sign its commitment.") % {"org": organisation.name},
        )
    back = redirect("partnerships:commitment", pk=programme.pk, org=organisation.pk)
    if current is None or not current.years.exists():
        messages.error(request, _("There is nothing to sign yet: record the commitment first."))
        return back
    if current.is_signed:
        messages.info(request, _("%(org)s has already signed.") % {"org": organisation.name})
        return back
    shown = services.signing_fingerprint(current)
    problem = ""
    form = SignForm(
        request.POST if request.method == "POST" else None,
        initial={"shown": shown},
        organisation=organisation,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.sign_commitment(
                user=request.user, commitment=current, shown=form.cleaned_data["shown"]
            )
        except services.NotAllowed as err:
            return _refused(request, programme, str(err))
        except services.ProgrammeError as err:
            # Show what the commitment says now, to be confirmed afresh.
            problem = str(err)
            form = SignForm(initial={"shown": shown}, organisation=organisation)
        else:
            messages.success(
                request, _("%(org)s has signed its commitment.") % {"org": organisation.name}
            )
            return back
    part = selectors.partnership(request.user, programme)
    row = next(r for r in part.rows if r.organisation.pk == organisation.pk)
    year_rows = selectors.commitment_year_rows(current)
    return render(
        request,
        "partnerships/commitment_sign.html",
        {
            "programme": programme,
            "organisation": organisation,
            "commitment": current,
            "row": row,
            "year_rows": year_rows,
            "first_year": year_rows[0].year if year_rows else None,
            "last_year": year_rows[-1].year if year_rows else None,
            "form": form,
            "problem": problem,
        },
    )


def commitment_delete(request: HttpRequest, pk: int, org: int) -> HttpResponse:
    """GET: what deleting the commitment removes (its years, totals and signature) and what
    the common budget becomes; POST: delete it. The history keeps what it was."""
    programme = _programme(request, pk)
    organisation = _partner_or_404(programme, org)
    current = programme.commitments.filter(organisation=organisation).first()
    if current is None:
        raise Http404
    if not services.can_delete_commitment(request.user, programme, organisation):
        return _refused(request, programme, services.not_yours_to_delete(programme, organisation))
    if request.method == "POST":
        try:
            services.delete_commitment(user=request.user, commitment=current)
        except services.NotAllowed as err:
            return _refused(request, programme, str(err))
        except services.ProgrammeError as err:
            messages.error(request, str(err))
        else:
            messages.success(
                request,
                _("The commitment of %(org)s was deleted; it stays in the history.")
                % {"org": organisation.name},
            )
        return redirect("partnerships:detail", pk=programme.pk)
    part = selectors.partnership(request.user, programme)
    row = next(r for r in part.rows if r.organisation.pk == organisation.pk)
    removed = row.totals.total_sek if row.totals else 0.0
    return render(
        request,
        "partnerships/commitment_delete.html",
        {
            "programme": programme,
            "organisation": organisation,
            "commitment": current,
            "row": row,
            "year_rows": selectors.commitment_year_rows(current),
            "budget_before": part.budget.total_sek,
            "budget_after": part.budget.total_sek - removed,
        },
    )


def cost_split(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    can_edit = can_edit_programme(request.user, programme)
    if request.method == "POST" and not can_edit:
        raise Http404
    wanted = request.POST.get("valuation") or request.GET.get("valuation")
    valuation = selectors.chosen_valuation(programme, wanted)
    part = selectors.partnership(request.user, programme)
    split = error = None
    link_form = None
    if valuation is not None:
        try:
            split = selectors.cost_split_for(programme, valuation, part)
        except ModelError as err:
            error = _("The valuation cannot be computed: %(problem)s") % {"problem": err}
    if split is not None and can_edit:
        link_form = StakeholderLinkForm(
            request.POST or None,
            links=split.links,
            partners=selectors.partners(programme),
        )
        if request.method == "POST" and link_form.is_valid():
            try:
                services.save_stakeholder_links(
                    user=request.user, programme=programme, links=link_form.chosen()
                )
            except services.ProgrammeError as err:
                link_form.add_error(None, str(err))
            else:
                messages.success(request, _("The stakeholders' partners were saved."))
                url = f"{request.path}?valuation={valuation.pk}" if valuation else request.path
                return redirect(url)
    return render(
        request,
        "partnerships/cost_split.html",
        {
            "programme": programme,
            "valuations": selectors.programme_valuations(programme),
            "valuation": valuation,
            "split": split,
            "error": error,
            "link_form": link_form,
            "part": part,
            "tolerance_points": round(FLAG_TOLERANCE * 100),
        },
    )
