"""Valuation pages under /program/<pk>/vardering/: list, create, results, edit (forms and
YAML), workbook download, delete and the value bank. Thin: selectors decide who sees what,
services change things, the engine validates."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from grogrund.core.numbers import format_money
from grogrund.core.page_cache import cached_page
from grogrund.engine.errors import ModelError
from grogrund.engine.xlsx import write_workbook
from grogrund.initiatives.models import Initiative
from grogrund.programmes.models import Programme
from grogrund.programmes.selectors import editable_programmes_for, programmes_for
from grogrund.valuations import selectors, services
from grogrund.valuations.forms import (
    CopyForm,
    ModelEditor,
    NewValuationForm,
    RowChange,
    YamlForm,
    kind_label,
    model_as_yaml,
)
from grogrund.valuations.issues import issue_message
from grogrund.valuations.models import Valuation
from grogrund.valuations.presentation import build_page, model_changes
from grogrund.valuations.price_index import kpi_series


def _programme(request: HttpRequest, pk: int) -> Programme:
    return get_object_or_404(programmes_for(request.user).select_related("owner"), pk=pk)


def _valuation(request: HttpRequest, pk: int, valuation: int) -> Valuation:
    return get_object_or_404(selectors.valuations_for(request.user), programme_id=pk, pk=valuation)


def _editable_valuation(request: HttpRequest, pk: int, valuation: int) -> Valuation:
    return get_object_or_404(
        selectors.editable_valuations_for(request.user), programme_id=pk, pk=valuation
    )


def _located(issue: Any) -> str:
    message = issue_message(issue)
    return f"{issue.path}: {message}" if issue.path else message


def _initiatives(programme: Programme) -> list[tuple[int, str]]:
    return [(i.pk, i.name) for i in Initiative.objects.filter(programme=programme).order_by("name")]


def _initiative(programme: Programme, initiative_id: int | None) -> Initiative | None:
    if initiative_id is None:
        return None
    return Initiative.objects.filter(programme=programme, pk=initiative_id).first()


def valuation_list(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    rows = []
    for v in selectors.valuations_for_programme(request.user, programme):
        try:
            data = services.cached_result(v)
        except ModelError:
            data = None
        rows.append((v, data))
    return render(
        request,
        "valuations/valuation_list.html",
        {
            "programme": programme,
            "rows": rows,
            "can_edit": selectors.can_edit_valuations(request.user, programme),
        },
    )


@login_required
def valuation_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(editable_programmes_for(request.user), pk=pk)
    initial = {"initiative": request.GET.get("initiative") or None}
    form = NewValuationForm(
        request.POST or None, initiatives=_initiatives(programme), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            valuation = services.create_valuation(
                user=request.user,
                programme=programme,
                name=d["name"],
                kind=d["kind"],
                initiative=_initiative(programme, d["initiative"]),
            )
        except services.InvalidModel as err:
            for issue in err.issues:
                form.add_error(None, issue_message(issue))
        except services.ValuationError as err:
            form.add_error(None, str(err))
        else:
            messages.success(
                request,
                _("The valuation was created from an example: replace its inputs with your own."),
            )
            return redirect("valuations:edit", pk=programme.pk, valuation=valuation.pk)
    return render(
        request, "valuations/valuation_create.html", {"programme": programme, "form": form}
    )


#: How many changes the valuation's page spells out input by input.
CHANGES_SHOWN = 20


@cached_page
def valuation_detail(request: HttpRequest, pk: int, valuation: int) -> HttpResponse:
    obj = _valuation(request, pk, valuation)
    history = list(selectors.valuation_history(obj))
    page = None
    errors: list[str] = []
    try:
        page = build_page(services.cached_result(obj))
    except ModelError as err:
        errors = [
            f"{i.path}: {issue_message(i)}" if i.path else issue_message(i) for i in err.issues
        ]
    return render(
        request,
        "valuations/valuation_detail.html",
        {
            "valuation": obj,
            "programme": obj.programme,
            "page": page,
            "errors": errors,
            "kind_label": kind_label(obj.kind),
            "can_edit": selectors.can_edit_valuation(request.user, obj),
            "history": history,
            "changes": [
                (c, model_changes(c.before, c.after))
                for c in history[:CHANGES_SHOWN]
                if c.action == "update"
            ],
            "draws": services.SIMULATION_DRAWS,
            "seed": services.SIMULATION_SEED,
        },
    )


@login_required
def valuation_edit(request: HttpRequest, pk: int, valuation: int) -> HttpResponse:
    """The editor. "Save and calculate" saves all or nothing; the buttons that add or remove a
    row post the form too, and get it back with the change and everything typed, unsaved
    (with htmx only the list that changed)."""
    obj = _editable_valuation(request, pk, valuation)
    programme = obj.programme
    posted = request.method == "POST"
    change = RowChange.from_post(request.POST, obj.kind) if posted else None
    editor = ModelEditor.build(
        obj.model,
        name=obj.name,
        initiative_id=obj.initiative_id,
        initiatives=_initiatives(programme),
        data=request.POST if posted else None,
        change=change,
        question=obj.question,
    )
    context: dict[str, Any] = {
        "valuation": obj,
        "programme": programme,
        "editor": editor,
        "edit_url": reverse("valuations:edit", args=[pk, obj.pk]),
        "show_errors": change is None,
    }
    if change is not None:
        if request.htmx:
            section = editor.section(change.key)
            return render(
                request, "valuations/_list_rows_htmx.html", {**context, "section": section}
            )
    elif posted and editor.is_valid():
        model = editor.build_model()
        if editor.is_valid():  # building may add errors (an effect of an unknown outcome)
            before_npv = (obj.result or {}).get("npv")
            try:
                saved = services.update_valuation(
                    user=request.user,
                    valuation=obj,
                    model=model,
                    name=editor.name,
                    initiative=_initiative(programme, editor.initiative_id),
                    question=editor.question,
                )
            except services.InvalidModel as err:
                editor.attach_issues(err.issues)
            except services.ValuationError as err:
                editor.general_errors.append(str(err))
            else:
                _saved_message(request, before_npv, saved)
                return redirect("valuations:detail", pk=pk, valuation=saved.pk)
    price_year = obj.model.get("price_year")
    return render(
        request,
        "valuations/valuation_edit.html",
        {
            **context,
            "kind_label": kind_label(obj.kind),
            "groups": _bank_groups(selectors.value_bank_rows(price_year=price_year)),
            "price_year": price_year,
            "has_errors": posted and change is None,
            "error_links": editor.error_links(
                settings_title=_("General settings"),
                block_title=_("The housing company's figures")
                if obj.kind == "property"
                else _("The contract"),
            )
            if posted and change is None
            else [],
        },
    )


def _saved_message(request: HttpRequest, before_npv: float | None, saved: Valuation) -> None:
    after = (saved.result or {}).get("npv")
    if before_npv is not None and after is not None and before_npv != after:
        messages.success(
            request,
            _("The valuation was saved. Net present value: %(before)s → %(after)s.")
            % {"before": format_money(before_npv), "after": format_money(after)},
        )
    else:
        messages.success(request, _("The valuation was saved."))


@login_required
def valuation_yaml(request: HttpRequest, pk: int, valuation: int) -> HttpResponse:
    obj = _editable_valuation(request, pk, valuation)
    form = YamlForm(request.POST or None, initial={"text": model_as_yaml(obj.model)})
    issues: list[str] = []
    if request.method == "POST" and form.is_valid():
        before_npv = (obj.result or {}).get("npv")
        model = form.cleaned_data["text"]
        try:
            saved = services.update_valuation(
                user=request.user,
                valuation=obj,
                model=model,
                name=str(model.get("name") or obj.name)[:200],
            )
        except services.InvalidModel as err:
            issues = [_located(i) for i in err.issues]
        except services.ValuationError as err:
            issues = [str(err)]
        else:
            _saved_message(request, before_npv, saved)
            return redirect("valuations:detail", pk=pk, valuation=saved.pk)
    return render(
        request,
        "valuations/valuation_yaml.html",
        {"valuation": obj, "programme": obj.programme, "form": form, "issues": issues},
    )


def valuation_xlsx(request: HttpRequest, pk: int, valuation: int) -> HttpResponse:
    """The engine's workbook with live formulas (Summary, Inputs, Flows)."""
    obj = _valuation(request, pk, valuation)
    try:
        result = services.result_for(obj)
    except ModelError as err:
        raise Http404(str(err)) from None
    tmp = tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False)
    tmp.close()
    path = Path(tmp.name)
    write_workbook(obj.model, result, path, kpi=kpi_series())
    content = path.read_bytes()
    path.unlink(missing_ok=True)
    name = slugify(obj.name) or f"vardering-{obj.pk}"
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@login_required
def valuation_copy(request: HttpRequest, pk: int, valuation: int) -> HttpResponse:
    """Copy a valuation as a scenario (GET asks for the new name)."""
    obj = _editable_valuation(request, pk, valuation)
    form = CopyForm(
        request.POST or None, initial={"name": _("%(name)s (copy)") % {"name": obj.name}}
    )
    if request.method == "POST" and form.is_valid():
        copy = services.copy_valuation(
            user=request.user, valuation=obj, name=form.cleaned_data["name"]
        )
        messages.success(request, _("The valuation was copied: change the copy's inputs."))
        return redirect("valuations:edit", pk=pk, valuation=copy.pk)
    return render(
        request,
        "valuations/valuation_copy.html",
        {"valuation": obj, "programme": obj.programme, "form": form},
    )


@login_required
def valuation_delete(request: HttpRequest, pk: int, valuation: int) -> HttpResponse:
    obj = _editable_valuation(request, pk, valuation)
    if request.method == "POST":
        services.delete_valuation(user=request.user, valuation=obj)
        messages.success(request, _("The valuation was deleted; its history is kept."))
        return redirect("valuations:list", pk=pk)
    return render(
        request, "valuations/valuation_delete.html", {"valuation": obj, "programme": obj.programme}
    )


def _bank_groups(rows: list[Any]) -> dict[str, list[Any]]:
    groups: dict[str, list[Any]] = {}
    for row in rows:
        groups.setdefault(selectors.bank_group_label(row.group), []).append(row)
    return groups


def value_bank(request: HttpRequest, pk: int) -> HttpResponse:
    """The value bank, searchable, with amounts indexed to a price year (KPI)."""
    programme = _programme(request, pk)
    query = request.GET.get("q", "")[:100]
    try:
        price_year = int(request.GET.get("price_year") or 0) or None
    except ValueError:
        price_year = None
    groups = _bank_groups(selectors.value_bank_rows(query, price_year))
    return render(
        request,
        "valuations/value_bank.html",
        {
            "programme": programme,
            "groups": groups,
            "query": query,
            "price_year": price_year,
            "version": selectors.value_bank_version(),
        },
    )
