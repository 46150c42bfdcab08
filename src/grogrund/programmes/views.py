from __future__ import annotations

import secrets
from hashlib import sha256
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grogrund.accounts.access import (
    can_edit_as_partner,
    can_edit_for,
    partner_ids,
    partner_organisations_for,
)
from grogrund.accounts.models import Visibility
from grogrund.areas.search_forms import searching
from grogrund.areas.selectors import areas_for, comparison_chain
from grogrund.core.errors import user_message
from grogrund.core.generation import current
from grogrund.core.page_cache import cached_page
from grogrund.core.uploads import upload_on_disk
from grogrund.engine.targets import goal_from_gap
from grogrund.programmes import links, selectors, services
from grogrund.programmes.charts import goal_chart, goal_sparkline, status_labels
from grogrund.programmes.forms import (
    ConfirmImportForm,
    DeadlineForm,
    GoalForm,
    GoalKind,
    MeasurementForm,
    MeasurementImportForm,
    ProgrammeForm,
    StatisticsForm,
    StepStatusForm,
    VisibilityForm,
)
from grogrund.programmes.goal_obstacles import explain
from grogrund.programmes.measurement_files import MeasurementLine, read_measurements
from grogrund.programmes.models import MIN_HORIZON_YEARS, Goal, Measurement, Programme
from grogrund.programmes.plausibility import Question, questions_of
from grogrund.programmes.steps import STEPS_BY_CODE
from grogrund.sources.errors import SourceError
from grogrund.sources.records import Location


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
    # The area search's button (without JavaScript) sends the form back to show matches.
    if request.method == "POST" and searching(form):
        form.errors.clear()  # a search is not a failed save
    elif request.method == "POST" and form.is_valid():
        unsaved = form.save(commit=False)
        if unsaved.pk is None:
            # Named partners see a new programme; wider sharing is a deliberate act (share page).
            unsaved.visibility = Visibility.PARTNERS
        try:
            saved = services.save_programme(
                user=request.user,
                programme=unsaved,
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
    return get_object_or_404(
        selectors.visible_programmes(request.user).select_related("owner"), pk=pk
    )


def _can_edit(request: HttpRequest, programme: Programme) -> bool:
    return can_edit_for(request.user, programme.owner_id)


@cached_page
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _visible_programme(request, pk)
    goals = selectors.goal_follow_ups(programme)
    return render(
        request,
        "programmes/programme_detail.html",
        {
            "programme": programme,
            "steps": selectors.step_rows(programme),
            "goals": goals,
            "areas": selectors.programme_areas_for(request.user, programme),
            "can_edit": _can_edit(request, programme),
            "history": selectors.programme_history(programme),
            "can_record": _can_record(request, programme),
        },
    )


def _can_record(request: HttpRequest, programme: Programme) -> bool:
    """May the user record measurements (for the owner or their own partner organisation)?"""
    if not request.user.is_authenticated:
        return False
    return any(can_edit_as_partner(request.user, programme, org) for org in partner_ids(programme))


#: The dashboard's body is shared by the visitors with the same rights to it, under a key
#: holding the data generation (grogrund.core.generation, one cheap query after the access
#: check): any change to the data, a renamed indicator or area included, makes a new key at
#: once, in every process. The expiry only frees the memory of bodies no longer asked for.
DASHBOARD_CACHE_SECONDS = 3600


@cached_page
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 12: every goal against its trajectory, counts by status, the twelve steps."""
    programme = _visible_programme(request, pk)
    can_record, can_edit = _can_record(request, programme), _can_edit(request, programme)
    parts = [programme.pk, current(), get_language() or "", can_record, can_edit]
    key = "programmes:dashboard:" + sha256("|".join(map(str, parts)).encode()).hexdigest()
    body = cache.get(key)
    if body is None:
        body = _dashboard_body(request, programme, can_record=can_record, can_edit=can_edit)
        cache.set(key, body, DASHBOARD_CACHE_SECONDS)
    return render(
        request,
        "programmes/dashboard.html",
        {"programme": programme, "body": mark_safe(body)},
    )


def _dashboard_body(
    request: HttpRequest, programme: Programme, *, can_record: bool, can_edit: bool
) -> str:
    data = selectors.dashboard(programme)
    labels = status_labels()
    goals = [
        {
            "f": f,
            "chart": goal_sparkline(f.goal, f.path, f.rows, labels),
            "expected": f.latest.expected_share if f.latest else None,
        }
        for f in data.goals
    ]
    return render_to_string(
        "programmes/_dashboard_body.html",
        {
            "programme": programme,
            "data": data,
            "goals": goals,
            "counts": data.counts,
            "pages": links.app_pages(programme.pk),
            "can_record": can_record,
            "can_edit": can_edit,
        },
        request=request,
    )


@login_required
def programme_share(request: HttpRequest, pk: int) -> HttpResponse:
    """Who sees the programme: the owner's editors choose, with an explicit action."""
    programme = get_object_or_404(
        selectors.editable_programmes_for(request.user).select_related("owner"), pk=pk
    )
    if request.method == "POST":
        form = VisibilityForm(request.POST)
        if form.is_valid():
            services.set_visibility(
                user=request.user, programme=programme, visibility=form.cleaned_data["visibility"]
            )
            messages.success(request, _("Who sees the programme was saved."))
            return redirect("programmes:share", pk=programme.pk)
    return render(
        request,
        "programmes/programme_share.html",
        {
            "programme": programme,
            "partners": programme.shared_with.order_by("name"),
            "levels": Visibility,
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
    workspaces = links.step_workspaces(
        programme.pk,
        code,
        areas=selectors.programme_areas_for(request.user, programme),
        can_edit=can_edit,
        signed_in=request.user.is_authenticated,
    )
    return render(
        request,
        "programmes/step_detail.html",
        {
            "programme": programme,
            "row": row,
            "step": step,
            "form": form,
            "workspace": workspaces[0] if workspaces else None,
            "workspaces": workspaces,
        },
    )


@login_required
def goal_create(request: HttpRequest, pk: int, kind: str = "") -> HttpResponse:
    """The goal form: close a part of the gap to the comparison area, or a fixed number of
    people; the latter also where the comparison has no value (`kind` "fixed": the area
    profile's link for such rows)."""
    programme = get_object_or_404(selectors.editable_programmes_for(request.user), pk=pk)
    areas = selectors.programme_areas_for(request.user, programme)
    # The choice of area and indicator comes by GET (from the area profile's links) so the gap
    # can be shown before the goal is set; everything is checked again on POST.
    source = request.POST if request.method == "POST" else request.GET
    form = GoalForm(source or None, areas=areas)
    facts = preview = explanation = own_facts = None
    no_facts = False
    if source:
        form.is_valid()
        data: dict[str, Any] = getattr(form, "cleaned_data", {})
        if data.get("area") and data.get("indicator"):
            found = selectors.goal_check(
                request.user, data["area"], data["indicator"].pk, data.get("baseline_year")
            )
            if isinstance(found, selectors.GoalBlocked):
                no_facts = True
                own_facts = found.facts  # a fixed number of people is still possible
                explanation = explain(
                    found,
                    indicator=data["indicator"],
                    area=data["area"],
                    chain=comparison_chain(data["area"]),
                )
            else:
                facts = found
        if request.method == "GET":
            # A preview is not a failed submission; the kind of goal is chosen beforehand:
            # a fixed number where there is no comparison (or the link asked for one).
            wanted = source.get("kind") or (
                GoalKind.FIXED
                if kind == GoalKind.FIXED or own_facts is not None
                else GoalKind.GAP
                if facts is not None
                else ""
            )
            if wanted and wanted != source.get("kind"):
                source = source.copy()
                source["kind"] = wanted
                form = GoalForm(source, areas=areas)
                form.is_valid()
            form.errors.clear()
    form.set_comparison(facts.reference_area.name if facts and facts.reference_area else None)
    if facts is not None:
        preview = goal_from_gap(
            facts.area_share,
            facts.reference_share,
            facts.base,
            data["indicator"].direction,
            share_of_gap=1.0,
        )
    # Without a comparison value only a fixed number of people makes a goal (chosen, or the
    # only figure given); a part of the gap is refused at the choice, with the way out.
    usable = facts or own_facts
    if (
        request.method == "POST"
        and facts is None
        and own_facts is not None
        and form.is_valid()
        and form.cleaned_data["kind"] != GoalKind.FIXED
    ):
        form.add_error(
            "kind",
            _(
                "There is no comparison value, so there is no gap to close a part of: give a "
                "fixed number of people, or import the comparison area's figure."
            ),
        )
    if request.method == "POST" and usable is not None and form.is_valid():
        share = form.cleaned_data["share_of_gap_percent"]
        try:
            goal = services.create_goal(
                user=request.user,
                programme=programme,
                area=form.cleaned_data["area"],
                indicator=form.cleaned_data["indicator"],
                facts=usable,
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
            "own_facts": own_facts,
            "preview": preview,
            "no_facts": no_facts,
            "explanation": explanation,
            "min_horizon": MIN_HORIZON_YEARS,
        },
    )


def _visible_goal(request: HttpRequest, pk: int, goal: int) -> Any:
    programme = _visible_programme(request, pk)
    return get_object_or_404(selectors.goals_of(programme), pk=goal)


@cached_page
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
    rows = selectors.measurement_rows(obj, request.user)
    latest = rows[-1] if rows else None
    return render(
        request,
        "programmes/goal_detail.html",
        {
            "goal": obj,
            "programme": obj.programme,
            "trajectory": path,
            "rows": rows,
            "latest": latest,
            "chart": goal_chart(obj, path, rows),
            "history": selectors.goal_history(obj),
            "can_edit": can_edit,
            "can_record": _can_record(request, obj.programme),
            "deadline_form": deadline_form,
        },
    )


def _recordable_goal(request: HttpRequest, pk: int, goal: int) -> tuple[Goal, Any]:
    """A goal the user sees, and the organisations they may record measurements for; 404 when
    there are none (viewers, outsiders)."""
    obj = _visible_goal(request, pk, goal)
    organisations = partner_organisations_for(request.user, obj.programme)
    if not organisations.exists():
        raise Http404
    return obj, organisations


@login_required
def measurement_create(request: HttpRequest, pk: int, goal: int) -> HttpResponse:
    obj, organisations = _recordable_goal(request, pk, goal)
    initial: dict[str, Any] = {
        "organisation": services.default_organisation(request.user, obj.programme)
    }
    year = request.GET.get("year", "")
    if year.isdigit():
        # "Change" on the goal page: the form starts from the recorded measurement.
        existing = obj.measurements.filter(year=int(year)).first()
        if existing is not None:
            initial.update(
                organisation=existing.organisation_id,
                year=existing.year,
                value_percent=None
                if existing.numerator is not None
                else round(existing.value * 100, 4),
                numerator=existing.numerator,
                denominator=existing.denominator,
                source=existing.source,
            )
    form = MeasurementForm(
        request.POST or None, organisations=organisations, initial=initial, goal=obj
    )
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
                organisation=d["organisation"],
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


@login_required
@require_POST
def measurement_delete(request: HttpRequest, pk: int, goal: int, year: int) -> HttpResponse:
    obj, _organisations = _recordable_goal(request, pk, goal)
    measurement = get_object_or_404(
        Measurement.objects.select_related("organisation"), goal=obj, year=year
    )
    try:
        services.delete_measurement(user=request.user, measurement=measurement)
    except services.NotAllowed:
        raise Http404 from None
    messages.success(request, _("The measurement was deleted; it stays in the history."))
    return redirect("programmes:goal", pk=pk, goal=obj.pk)


def _organisation(request: HttpRequest, programme: Programme, form: Any) -> Any:
    """The organisation chosen in the form, else the user's own (services.default_organisation)."""
    chosen = form.cleaned_data.get("organisation")
    if chosen is None:
        chosen = services.default_organisation(request.user, programme)
    if chosen is None:
        raise services.ProgrammeError(_("Choose the organisation the measurements are for."))
    return chosen


#: Where a questioned measurement file waits for its confirmation: in the user's session (the
#: database, so any process of the site finds it), one file per programme.
PENDING_IMPORT = "grogrund.programmes.pending_import.%s"


def _keep_lines(request: HttpRequest, programme: Programme, lines: list[Any], org: Any) -> str:
    token = secrets.token_urlsafe(16)
    request.session[PENDING_IMPORT % programme.pk] = {
        "token": token,
        "organisation": org.pk,
        "lines": [
            {
                "goal": line.goal.pk,
                "year": line.year,
                "value": line.value,
                "numerator": line.numerator,
                "denominator": line.denominator,
                "source": line.source,
                "file": line.location.file,
                "row": line.location.row,
            }
            for line in lines
        ],
    }
    return token


def _kept_lines(
    request: HttpRequest, programme: Programme, token: str, goals: list[Goal], organisations: Any
) -> tuple[list[MeasurementLine], Any] | None:
    """The lines kept under `token`, tied again to the programme's goals; None when they are
    gone (another file was chosen since, the session ended, or a goal was deleted)."""
    kept = request.session.get(PENDING_IMPORT % programme.pk)
    if not kept or not secrets.compare_digest(str(kept.get("token", "")), token):
        return None
    by_pk = {g.pk: g for g in goals}
    if any(x["goal"] not in by_pk for x in kept["lines"]):
        return None
    organisation = organisations.filter(pk=kept["organisation"]).first()
    if organisation is None:
        return None
    lines = [
        MeasurementLine(
            goal=by_pk[x["goal"]],
            year=x["year"],
            value=x["value"],
            numerator=x["numerator"],
            denominator=x["denominator"],
            source=x["source"],
            location=Location(file=x["file"], row=x["row"]),
        )
        for x in kept["lines"]
    ]
    return lines, organisation


@login_required
def measurement_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Measurements of the programme's goals from a CSV or XLSX file, all or nothing. Rows
    whose value is far from the goal's values so far are listed with the measurement form's
    question ("Did you mean 5,5 %?"); the file is then imported only when the user confirms
    them all ("Yes, the values are right"), else nothing is."""
    programme = _visible_programme(request, pk)
    organisations = partner_organisations_for(request.user, programme)
    if not organisations.exists():
        raise Http404
    confirming = request.method == "POST" and "pending" in request.POST
    form = MeasurementImportForm(
        None if confirming else (request.POST or None),
        None if confirming else (request.FILES or None),
        organisations=organisations,
        initial={"organisation": services.default_organisation(request.user, programme)},
    )
    goals = list(
        Goal.objects.filter(programme=programme).select_related("indicator", "area").order_by("id")
    )
    result = error = None
    questions: list[Question] = []
    confirm_form = None
    lines: list[MeasurementLine] | None = None
    organisation = None
    if confirming:
        confirm_form = ConfirmImportForm(request.POST)
        confirm_form.is_valid()
        # Only a well-formed token is looked up (compare_digest takes ASCII only).
        token = confirm_form.cleaned_data.get("pending")
        kept = _kept_lines(request, programme, token, goals, organisations) if token else None
        if kept is None:
            confirm_form = None
            error = _("The file is no longer kept for confirmation: choose it again.")
        else:
            lines, organisation = kept
            if not confirm_form.is_valid():
                questions = questions_of(lines)
                lines = None
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        with upload_on_disk(upload, "matningar.csv") as path:
            try:
                lines = read_measurements(path, goals, default_source=form.cleaned_data["source"])
                organisation = _organisation(request, programme, form)
            except SourceError as err:
                error = user_message(err)
            except services.ProgrammeError as err:
                error = str(err)
        if lines is not None:
            questions = questions_of(lines)
            if questions:
                token = _keep_lines(request, programme, lines, organisation)
                confirm_form = ConfirmImportForm(initial={"pending": token})
                lines = None
    if lines is not None and organisation is not None:
        try:
            result = services.import_measurements(
                user=request.user, programme=programme, lines=lines, organisation=organisation
            )
        except services.ProgrammeError as err:
            error = str(err)
        else:
            request.session.pop(PENDING_IMPORT % programme.pk, None)
            confirm_form = None
    return render(
        request,
        "programmes/measurement_import.html",
        {
            "programme": programme,
            "form": form,
            "goals": goals,
            "result": result,
            "error": error,
            "questions": questions,
            "confirm_form": confirm_form,
        },
        status=400 if error else 200,
    )


@login_required
def measurement_statistics(request: HttpRequest, pk: int, goal: int) -> HttpResponse:
    """The area's statistics for the goal's indicator, shown with source and year; the user
    chooses which years to record as measurements."""
    obj, organisations = _recordable_goal(request, pk, goal)
    points = selectors.statistics_for_goal(request.user, obj)
    recorded = {m.year: m for m in obj.measurements.select_related("organisation")}
    # Years not yet recorded, or recorded with another figure, are proposed.
    proposed = [
        p.year
        for p in points
        if p.year not in recorded or abs(recorded[p.year].value - p.value) > 1e-12
    ]
    # Figures already recorded for one organisation stay that organisation's by default.
    recorders = {m.organisation_id for m in recorded.values()}
    default = services.default_organisation(request.user, obj.programme)
    if len(recorders) == 1 and organisations.filter(pk__in=recorders).exists():
        default = recorders.pop()
    form = StatisticsForm(
        request.POST or None,
        organisations=organisations,
        years=[p.year for p in points],
        initial={"years": proposed, "organisation": default},
    )
    if request.method == "POST" and form.is_valid():
        chosen = set(form.cleaned_data["years"])
        try:
            result = services.record_from_statistics(
                user=request.user,
                goal=obj,
                points=[p for p in points if p.year in chosen],
                organisation=_organisation(request, obj.programme, form),
            )
        except services.ProgrammeError as err:
            form.add_error(None, str(err))
        else:
            messages.success(
                request,
                _(
                    "%(created)s measurements recorded, %(updated)s changed, "
                    "%(unchanged)s unchanged."
                )
                % {
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                },
            )
            return redirect("programmes:goal", pk=pk, goal=obj.pk)
    rows = [{"point": p, "recorded": recorded.get(p.year)} for p in points]
    return render(
        request,
        "programmes/measurement_statistics.html",
        {"goal": obj, "programme": obj.programme, "form": form, "rows": rows},
    )
