from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from grogrund.accounts.access import can_edit_for
from grogrund.areas.selectors import areas_for
from grogrund.engine.targets import goal_from_gap
from grogrund.programmes import selectors, services
from grogrund.programmes.charts import goal_chart
from grogrund.programmes.forms import (
    DeadlineForm,
    GoalForm,
    MeasurementForm,
    ProgrammeForm,
    StepStatusForm,
)
from grogrund.programmes.models import MIN_HORIZON_YEARS, Programme
from grogrund.programmes.steps import STEPS_BY_CODE


def programme_list(request: HttpRequest) -> HttpResponse:
    programmes = selectors.programmes_for(request.user).select_related("owner")
    return render(request, "programmes/programme_list.html", {"programmes": programmes})


@login_required
def programme_create(request: HttpRequest) -> HttpResponse:
    return _programme_form(request, Programme())


@login_required
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(selectors.editable_programmes_for(request.user), pk=pk)
    return _programme_form(request, programme)


def _programme_form(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = ProgrammeForm(
        request.POST or None,
        instance=programme,
        user=request.user,
        areas=areas_for(request.user).order_by("level", "name"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_programme(
                user=request.user,
                programme=form.save(commit=False),
                areas=form.cleaned_data["areas"],
                shared_with=form.cleaned_data["shared_with"],
            )
        except services.ProgrammeError as err:
            form.add_error(None, str(err))
        else:
            messages.success(request, _("The programme was saved."))
            return redirect("programmes:detail", pk=saved.pk)
    return render(request, "programmes/programme_form.html", {"form": form, "programme": programme})


def _visible_programme(request: HttpRequest, pk: int) -> Programme:
    return get_object_or_404(selectors.programmes_for(request.user).select_related("owner"), pk=pk)


def _can_edit(request: HttpRequest, programme: Programme) -> bool:
    return can_edit_for(request.user, programme.owner_id)


def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _visible_programme(request, pk)
    goals = selectors.goals_for(request.user).filter(programme=programme)
    return render(
        request,
        "programmes/programme_detail.html",
        {
            "programme": programme,
            "steps": selectors.step_rows(programme),
            "goals": goals,
            "areas": selectors.programme_areas_for(request.user, programme),
            "can_edit": _can_edit(request, programme),
        },
    )


def step_detail(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    programme = _visible_programme(request, pk)
    step = STEPS_BY_CODE.get(code)
    if step is None:
        raise Http404
    row = next(r for r in selectors.step_rows(programme) if r.step.code == code)
    can_edit = _can_edit(request, programme)
    form = None
    if can_edit:
        initial = {"status": row.state, "note": row.status.note if row.status else ""}
        form = StepStatusForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            services.set_step_status(
                user=request.user,
                programme=programme,
                step=code,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("The step status was saved."))
            return redirect("programmes:step", pk=programme.pk, code=code)
    elif request.method == "POST":
        raise Http404
    return render(
        request,
        "programmes/step_detail.html",
        {"programme": programme, "row": row, "step": step, "form": form},
    )


@login_required
def goal_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(selectors.editable_programmes_for(request.user), pk=pk)
    areas = selectors.programme_areas_for(request.user, programme)
    # The choice of area and indicator comes by GET (from the area profile's links) so the gap
    # can be shown before the goal is set; everything is checked again on POST.
    source = request.POST if request.method == "POST" else request.GET
    form = GoalForm(source or None, areas=areas)
    facts = preview = None
    no_facts = False
    if source:
        form.is_valid()
        data: dict[str, Any] = getattr(form, "cleaned_data", {})
        if data.get("area") and data.get("indicator"):
            facts = selectors.gap_facts(
                request.user, data["area"], data["indicator"].pk, data.get("baseline_year")
            )
            no_facts = facts is None
        if request.method == "GET":
            form.errors.clear()  # a preview is not a failed submission
    if facts is not None:
        preview = goal_from_gap(
            facts.area_share,
            facts.reference_share,
            facts.base,
            data["indicator"].direction,
            share_of_gap=1.0,
        )
    if request.method == "POST" and facts is not None and form.is_valid():
        share = form.cleaned_data["share_of_gap_percent"]
        try:
            goal = services.create_goal(
                user=request.user,
                programme=programme,
                area=form.cleaned_data["area"],
                indicator=form.cleaned_data["indicator"],
                facts=facts,
                deadline_year=form.cleaned_data["deadline_year"],
                share_of_gap=None if share is None else share / 100,
                fixed_count=form.cleaned_data["fixed_count"],
            )
        except services.ProgrammeError as err:
            form.add_error(None, str(err))
        else:
            messages.success(request, _("The goal was saved."))
            return redirect("programmes:goal", pk=programme.pk, goal=goal.pk)
    return render(
        request,
        "programmes/goal_form.html",
        {
            "programme": programme,
            "form": form,
            "facts": facts,
            "preview": preview,
            "no_facts": no_facts,
            "min_horizon": MIN_HORIZON_YEARS,
        },
    )


def _visible_goal(request: HttpRequest, pk: int, goal: int) -> Any:
    return get_object_or_404(selectors.goals_for(request.user), programme_id=pk, pk=goal)


def goal_detail(request: HttpRequest, pk: int, goal: int) -> HttpResponse:
    obj = _visible_goal(request, pk, goal)
    can_edit = _can_edit(request, obj.programme)
    deadline_form = None
    if can_edit:
        deadline_form = DeadlineForm(
            request.POST or None, initial={"deadline_year": obj.deadline_year}
        )
        if request.method == "POST" and deadline_form.is_valid():
            try:
                services.change_deadline(
                    user=request.user,
                    goal=obj,
                    deadline_year=deadline_form.cleaned_data["deadline_year"],
                )
            except services.ProgrammeError as err:
                deadline_form.add_error(None, str(err))
            else:
                messages.success(request, _("The goal was saved."))
                return redirect("programmes:goal", pk=pk, goal=obj.pk)
    elif request.method == "POST":
        raise Http404
    path = selectors.goal_trajectory(obj)
    rows = selectors.measurement_rows(obj)
    return render(
        request,
        "programmes/goal_detail.html",
        {
            "goal": obj,
            "programme": obj.programme,
            "trajectory": path,
            "rows": rows,
            "chart": goal_chart(obj, path, rows),
            "history": selectors.goal_history(obj),
            "can_edit": can_edit,
            "deadline_form": deadline_form,
        },
    )


@login_required
def measurement_create(request: HttpRequest, pk: int, goal: int) -> HttpResponse:
    obj = get_object_or_404(selectors.editable_goals_for(request.user), programme_id=pk, pk=goal)
    form = MeasurementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.record_measurement(
                user=request.user,
                goal=obj,
                year=d["year"],
                value=None if d["value_percent"] is None else d["value_percent"] / 100,
                numerator=d["numerator"],
                denominator=d["denominator"],
                source=d["source"],
            )
        except services.ProgrammeError as err:
            form.add_error(None, str(err))
        else:
            messages.success(request, _("The measurement was saved."))
            return redirect("programmes:goal", pk=pk, goal=obj.pk)
    return render(
        request,
        "programmes/measurement_form.html",
        {"goal": obj, "programme": obj.programme, "form": form},
    )
