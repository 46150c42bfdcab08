from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grogrund.core.errors import user_message
from grogrund.core.uploads import upload_on_disk
from grogrund.engine.cells import csv_row
from grogrund.initiatives import selectors, services
from grogrund.initiatives.diagram import effect_logic_svg, outcome_chart
from grogrund.initiatives.forms import (
    InitiativeForm,
    NodeForm,
    OutcomeImportForm,
    OutcomeMeasurementForm,
)
from grogrund.initiatives.models import CHAIN, OUTCOME_STAGES, EffectNode, Initiative, Stage
from grogrund.initiatives.outcome_files import TEMPLATE_HEADER, read_outcome_values
from grogrund.initiatives.portfolio_text import reason_texts, suggestion_label
from grogrund.programmes.models import Programme
from grogrund.programmes.selectors import editable_programmes_for, programmes_for
from grogrund.sources.errors import SourceError


def _programme(request: HttpRequest, pk: int) -> Programme:
    return get_object_or_404(programmes_for(request.user).select_related("owner"), pk=pk)


def _initiative(request: HttpRequest, pk: int, initiative: int) -> Initiative:
    qs = selectors.with_effect_logic(selectors.initiatives_for(request.user))
    return get_object_or_404(qs, programme_id=pk, pk=initiative)


def _editable_initiative(request: HttpRequest, pk: int, initiative: int) -> Initiative:
    qs = selectors.with_effect_logic(selectors.editable_initiatives_for(request.user))
    return get_object_or_404(qs, programme_id=pk, pk=initiative)


def initiative_list(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    rows = selectors.table_rows(programme)
    return render(
        request,
        "initiatives/initiative_list.html",
        {
            "programme": programme,
            "rows": rows,
            "can_edit": selectors.can_edit_initiatives(request.user, programme),
            "deleted": selectors.deleted_initiatives(programme)[:20],
        },
    )


@login_required
def initiative_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(editable_programmes_for(request.user), pk=pk)
    return _initiative_form(request, programme, Initiative(programme=programme))


@login_required
def initiative_edit(request: HttpRequest, pk: int, initiative: int) -> HttpResponse:
    obj = _editable_initiative(request, pk, initiative)
    return _initiative_form(request, obj.programme, obj)


def _initiative_form(request: HttpRequest, programme: Programme, obj: Initiative) -> HttpResponse:
    if obj.pk is None and not obj.owner_id:
        obj.owner = programme.owner
    form = InitiativeForm(
        request.POST or None, instance=obj, owners=selectors.owner_choices(programme)
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_initiative(user=request.user, initiative=form.save(commit=False))
        except services.InitiativeError as err:
            form.add_error(None, str(err))
        else:
            messages.success(request, _("The initiative was saved."))
            return redirect("initiatives:detail", pk=programme.pk, initiative=saved.pk)
    return render(
        request,
        "initiatives/initiative_form.html",
        {"programme": programme, "initiative": obj, "form": form},
    )


@login_required
def initiative_delete(request: HttpRequest, pk: int, initiative: int) -> HttpResponse:
    """GET shows what goes with the initiative; POST removes it (kept in the history)."""
    obj = _editable_initiative(request, pk, initiative)
    if request.method == "POST":
        name = obj.name
        services.delete_initiative(user=request.user, initiative=obj)
        messages.success(request, _("The initiative “%(name)s” was deleted.") % {"name": name})
        return redirect("initiatives:list", pk=pk)
    return render(
        request,
        "initiatives/initiative_confirm_delete.html",
        {
            "programme": obj.programme,
            "initiative": obj,
            "removal": selectors.removal_of(obj),
        },
    )


def _detail_context(
    request: HttpRequest, initiative: Initiative, node_form: NodeForm | None = None
) -> dict[str, Any]:
    can_edit = selectors.can_edit(request.user, initiative)
    validation = selectors.validation_of(initiative)
    nodes = list(initiative.nodes.all())
    if can_edit and node_form is None:
        node_form = NodeForm(
            initiative=initiative,
            goals=selectors.goal_choices(initiative.programme),
            initial={"stage": _next_stage(nodes)},
        )
    stages = [(Stage(s), [n for n in nodes if n.stage == s]) for s in [*CHAIN, Stage.ASSUMPTION]]
    return {
        "programme": initiative.programme,
        "initiative": initiative,
        "validation": validation,
        "diagram": effect_logic_svg(initiative, validation),
        "stages": stages,
        "outcomes": selectors.outcome_rows(initiative),
        "can_edit": can_edit,
        "can_record": selectors.can_record_outcomes(request.user, initiative),
        "node_form": node_form if can_edit else None,
        "history": selectors.initiative_history(initiative),
        "valuations": initiative.valuations.order_by("name"),
    }


def _next_stage(nodes: list[EffectNode]) -> str:
    """The first stage of the chain that has no box yet: where the editor most likely goes."""
    present = {n.stage for n in nodes}
    return next((s for s in CHAIN if s not in present), Stage.ACTIVITY)


def initiative_detail(request: HttpRequest, pk: int, initiative: int) -> HttpResponse:
    obj = _initiative(request, pk, initiative)
    return render(request, "initiatives/initiative_detail.html", _detail_context(request, obj))


def _back_to_editor(initiative: Initiative) -> HttpResponse:
    url = reverse(
        "initiatives:detail",
        kwargs={"pk": initiative.programme_id, "initiative": initiative.pk},
    )
    return redirect(f"{url}#effect-logic")


@login_required
def node_create(request: HttpRequest, pk: int, initiative: int) -> HttpResponse:
    obj = _editable_initiative(request, pk, initiative)
    if request.method != "POST":
        return _back_to_editor(obj)
    form = NodeForm(request.POST, initiative=obj, goals=selectors.goal_choices(obj.programme))
    if form.is_valid():
        try:
            services.create_node(user=request.user, initiative=obj, data=form.node_data())
        except services.InitiativeError as err:
            form.add_error(None, str(err))
        else:
            messages.success(request, _("The effect logic was saved."))
            return _back_to_editor(obj)
    obj = _editable_initiative(request, pk, initiative)
    return render(
        request, "initiatives/initiative_detail.html", _detail_context(request, obj, form)
    )


def _editable_node(request: HttpRequest, pk: int, initiative: int, node: int) -> EffectNode:
    obj = _editable_initiative(request, pk, initiative)
    found = next((n for n in obj.nodes.all() if n.pk == node), None)
    if found is None:
        raise Http404
    found.initiative = obj
    return found


@login_required
def node_edit(request: HttpRequest, pk: int, initiative: int, node: int) -> HttpResponse:
    obj = _editable_node(request, pk, initiative, node)
    form = NodeForm(
        request.POST or None,
        initiative=obj.initiative,
        goals=selectors.goal_choices(obj.initiative.programme),
        node=obj,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_node(user=request.user, node=obj, data=form.node_data())
        except services.InitiativeError as err:
            form.add_error(None, str(err))
        else:
            messages.success(request, _("The effect logic was saved."))
            return _back_to_editor(obj.initiative)
    return render(
        request,
        "initiatives/node_form.html",
        {
            "programme": obj.initiative.programme,
            "initiative": obj.initiative,
            "node": obj,
            "form": form,
        },
    )


@login_required
def node_delete(request: HttpRequest, pk: int, initiative: int, node: int) -> HttpResponse:
    obj = _editable_node(request, pk, initiative, node)
    if request.method == "POST":
        services.delete_node(user=request.user, node=obj)
        messages.success(request, _("The box was removed from the effect logic."))
        return _back_to_editor(obj.initiative)
    return render(
        request,
        "initiatives/node_confirm_delete.html",
        {"programme": obj.initiative.programme, "initiative": obj.initiative, "node": obj},
    )


def _outcome(initiative: Initiative, node: int) -> EffectNode:
    found = next(
        (n for n in initiative.nodes.all() if n.pk == node and n.stage in OUTCOME_STAGES), None
    )
    if found is None:
        raise Http404
    found.initiative = initiative
    return found


def outcome_detail(request: HttpRequest, pk: int, initiative: int, node: int) -> HttpResponse:
    obj = _initiative(request, pk, initiative)
    outcome = _outcome(obj, node)
    return render(
        request,
        "initiatives/outcome_detail.html",
        {
            "programme": obj.programme,
            "initiative": obj,
            "outcome": outcome,
            "rows": selectors.measurement_rows(outcome),
            "chart": outcome_chart(outcome),
            "can_record": selectors.can_record_outcomes(request.user, obj),
            "history": selectors.outcome_history(outcome),
            "statistics": selectors.area_statistics(request.user, outcome),
        },
    )


@require_POST
@login_required
def take_from_statistics(request: HttpRequest, pk: int, initiative: int, node: int) -> HttpResponse:
    obj = _initiative(request, pk, initiative)
    if not selectors.can_record_outcomes(request.user, obj):
        raise Http404
    outcome = _outcome(obj, node)
    series = {str(s.area.pk): s for s in selectors.area_statistics(request.user, outcome)}
    chosen = series.get(request.POST.get("area", ""))
    if chosen is None:
        messages.error(request, _("Choose an area with statistics for the indicator."))
    else:
        result = services.take_from_statistics(
            user=request.user, outcome=outcome, area_name=chosen.area.name, years=chosen.years
        )
        messages.success(
            request,
            _(
                "%(recorded)s years recorded from the statistics of %(area)s; "
                "%(kept)s years already had a value and were kept."
            )
            % {
                "recorded": result.recorded,
                "area": chosen.area.name,
                "kept": result.already_measured,
            },
        )
    return redirect("initiatives:outcome", pk=pk, initiative=obj.pk, node=outcome.pk)


@login_required
def measurement_create(request: HttpRequest, pk: int, initiative: int, node: int) -> HttpResponse:
    obj = _initiative(request, pk, initiative)
    if not selectors.can_record_outcomes(request.user, obj):
        raise Http404
    outcome = _outcome(obj, node)
    form = OutcomeMeasurementForm(
        request.POST or None, indicator=outcome.indicator, outcome=outcome
    )
    if outcome.indicator is None:
        form = None
    elif request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.record_measurement(
                user=request.user,
                outcome=outcome,
                year=d["year"],
                value=d["value"],
                source=d["source"],
            )
        except services.InitiativeError as err:
            form.add_error(None, str(err))
        else:
            messages.success(request, _("The measurement was saved."))
            return redirect("initiatives:outcome", pk=pk, initiative=obj.pk, node=outcome.pk)
    return render(
        request,
        "initiatives/measurement_form.html",
        {"programme": obj.programme, "initiative": obj, "outcome": outcome, "form": form},
    )


@require_POST
@login_required
def measurement_delete(
    request: HttpRequest, pk: int, initiative: int, node: int, measurement: int
) -> HttpResponse:
    obj = _initiative(request, pk, initiative)
    if not selectors.can_record_outcomes(request.user, obj):
        raise Http404
    outcome = _outcome(obj, node)
    m = get_object_or_404(outcome.measurements, pk=measurement)
    services.delete_measurement(user=request.user, measurement=m)
    messages.success(request, _("The measurement was removed."))
    return redirect("initiatives:outcome", pk=pk, initiative=obj.pk, node=outcome.pk)


def _recordable_initiative(request: HttpRequest, pk: int, initiative: int) -> Initiative:
    obj = _initiative(request, pk, initiative)
    if not selectors.can_record_outcomes(request.user, obj):
        raise Http404
    return obj


@login_required
def outcome_import(request: HttpRequest, pk: int, initiative: int) -> HttpResponse:
    """The initiative's outcome values from a CSV or XLSX file, all or nothing."""
    obj = _recordable_initiative(request, pk, initiative)
    outcomes = selectors.outcomes_of(obj)
    form = OutcomeImportForm(request.POST or None, request.FILES or None)
    result = error = None
    lines: list[Any] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        with upload_on_disk(upload, "utfall.csv") as path:
            try:
                lines = read_outcome_values(
                    path, outcomes, default_source=form.cleaned_data["source"]
                )
                result = services.import_outcome_values(
                    user=request.user, initiative=obj, lines=lines
                )
            except SourceError as err:
                error = user_message(err)
                lines = []
            except services.ProgrammeError as err:
                error = str(err)
                lines = []
    return render(
        request,
        "initiatives/outcome_import.html",
        {
            "programme": obj.programme,
            "initiative": obj,
            "outcomes": outcomes,
            "form": form,
            "result": result,
            "lines": lines[:200],
            "error": error,
            "example": selectors.template_rows(obj)[:2],
        },
        status=400 if error else 200,
    )


@login_required
def outcome_import_template(request: HttpRequest, pk: int, initiative: int) -> HttpResponse:
    """A CSV to fill in: the import's header and one row per outcome with an indicator."""
    obj = _recordable_initiative(request, pk, initiative)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(TEMPLATE_HEADER)
    # Effect-logic texts are written by people: none may become a formula in the spreadsheet.
    writer.writerows(csv_row(row) for row in selectors.template_rows(obj))
    # A byte order mark, so that Excel reads the file as UTF-8.
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    name = slugify(obj.name) or "insats"
    response["Content-Disposition"] = f'attachment; filename="utfall-{name}.csv"'
    return response


def portfolio(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    rows, review = selectors.portfolio(programme)
    items = [
        {
            "initiative": r.initiative,
            "review": r.review,
            "suggestion": suggestion_label(r.review.suggestion),
            "reasons": reason_texts(r.review),
            "outcomes": [
                (r.nodes.get(k), o, r.latest.get(k)) for k, o in enumerate(r.review.outcomes)
            ],
        }
        for r in rows
    ]
    return render(
        request,
        "initiatives/portfolio.html",
        {"programme": programme, "items": items, "median": review.median_cost_per_percent},
    )
