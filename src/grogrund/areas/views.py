from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from grogrund.accounts.access import editable
from grogrund.areas import selectors, services
from grogrund.areas.forms import ChallengeForm, ImportForm
from grogrund.areas.models import Area, Challenge
from grogrund.areas.profile_page import profile_figures
from grogrund.core.errors import user_message
from grogrund.programmes.selectors import editable_programmes_for_area
from grogrund.sources.errors import SourceError
from grogrund.sources.tabular import ColumnMapping, read_header, read_table


def area_list(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "").strip()
    areas = selectors.search_areas(request.user, text).select_related("parent")
    return render(request, "areas/area_list.html", {"areas": areas, "q": text})


def area_profile(request: HttpRequest, code: str) -> HttpResponse:
    area = get_object_or_404(
        selectors.areas_for(request.user).select_related("parent__parent__parent__parent", "owner"),
        code=code,
    )
    chain = selectors.comparison_chain(area)
    goal_programmes = list(editable_programmes_for_area(request.user, area))
    # The figures are cached until the data they show changes (see profile_page); what
    # depends on the visitor's own rights below is read every time.
    figures = profile_figures(
        area=area, chain=chain, user=request.user, goal_programmes=goal_programmes
    )
    police = list(area.police_classifications.order_by("-year")[:5])
    challenges = (
        selectors.challenges_for(request.user)
        .filter(area=area)
        .select_related("owner")
        .prefetch_related("indicators", "shared_with")
    )
    return render(
        request,
        "areas/area_profile.html",
        {
            "area": area,
            "chain": chain,
            "figures": figures,
            "police": police,
            "challenges": challenges,
            "members": area.members.all() if area.is_custom else [],
        },
    )


def indicator_list(request: HttpRequest) -> HttpResponse:
    indicators = selectors.indicators().annotate(n=Count("observations"))
    return render(request, "areas/indicator_list.html", {"indicators": indicators})


@login_required
def challenge_list(request: HttpRequest) -> HttpResponse:
    challenges = selectors.challenges_for(request.user).select_related("area", "owner")
    return render(request, "areas/challenge_list.html", {"challenges": challenges})


@login_required
def challenge_create(request: HttpRequest, code: str) -> HttpResponse:
    area = get_object_or_404(selectors.areas_for(request.user), code=code)
    challenge = Challenge(area=area)
    return _challenge_form(request, area, challenge)


@login_required
def challenge_edit(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = get_object_or_404(
        editable(selectors.challenges_for(request.user), request.user), pk=pk
    )
    return _challenge_form(request, challenge.area, challenge)


def _challenge_form(request: HttpRequest, area: Area, challenge: Challenge) -> HttpResponse:
    profile_indicators = (
        list(
            selectors.observations_for(request.user)
            .filter(area=area)
            .values_list("indicator_id", flat=True)
            .distinct()
        )
        if not area.is_custom
        else None
    )
    form = ChallengeForm(
        request.POST or None,
        instance=challenge,
        user=request.user,
        indicator_ids=profile_indicators,
    )
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        try:
            services.save_challenge(
                user=request.user,
                challenge=obj,
                indicators=form.cleaned_data["indicators"],
                shared_with=form.cleaned_data["shared_with"],
            )
        except SourceError as err:
            form.add_error(None, user_message(err))
        else:
            messages.success(request, _("The challenge was saved."))
            return redirect("areas:profile", code=area.code)
    return render(
        request, "areas/challenge_form.html", {"form": form, "area": area, "challenge": challenge}
    )


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    result = None
    error = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        mapping_fields = {
            "area_code": data["area_column"],
            "indicator_code": data["indicator_column"],
            "period": data["period_column"],
            "value": data["value_column"] or None,
            "numerator": data["numerator_column"] or None,
            "denominator": data["denominator_column"] or None,
            "source": data["source"],
        }
        # Saved under its own name in a private temp folder so messages name the user's file.
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / (Path(upload.name).name or "upload.csv")
            with path.open("wb") as fh:
                for chunk in upload.chunks():
                    fh.write(chunk)
            try:
                mapping = ColumnMapping.from_dict(
                    _fit_defaults(mapping_fields, form, read_header(path)),
                    file=_("column mapping"),
                )
                result = services.import_observations(
                    records=read_table(path, mapping),
                    owner=data["owner"],
                    dataset_name=data["dataset"],
                    source=data["source"],
                    user=request.user,
                    visibility=data["visibility"],
                )
            except SourceError as err:
                error = user_message(err)
    status = 400 if error else 200
    return render(
        request,
        "areas/import.html",
        {"form": form, "result": result, "error": error},
        status=status,
    )


def _fit_defaults(
    fields: dict[str, str | None], form: ImportForm, header: list[str]
) -> dict[str, str | None]:
    """Drop figure columns left at their default name that the file does not have.

    The form suggests `value`, `numerator` and `denominator`; a file with only a value, or
    only a numerator and a denominator, then imports without the user clearing fields.
    """
    present = {name.strip().lower() for name in header}
    fitted = dict(fields)
    for key, form_field in (
        ("value", "value_column"),
        ("numerator", "numerator_column"),
        ("denominator", "denominator_column"),
    ):
        default = form.fields[form_field].initial
        if fitted[key] == default and default.lower() not in present:
            fitted[key] = None
    return fitted
