from __future__ import annotations

import queue
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.translation import gettext as _

from grogrund.accounts.access import editable
from grogrund.areas import selectors, services
from grogrund.areas.forms import ChallengeForm, DatasetSharingForm, ImportForm
from grogrund.areas.models import Area, Challenge
from grogrund.areas.profile_page import profile_figures
from grogrund.core.errors import user_message
from grogrund.core.numbers import format_number
from grogrund.core.page_cache import cached_page
from grogrund.core.uploads import save_upload
from grogrund.programmes.selectors import editable_programmes_for_area
from grogrund.sources.errors import SourceError
from grogrund.sources.tabular import ColumnMapping, read_header, read_table


def area_list(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "").strip()
    areas = selectors.search_areas(request.user, text).select_related("parent")
    return render(request, "areas/area_list.html", {"areas": areas, "q": text})


@cached_page
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
def dataset_list(request: HttpRequest) -> HttpResponse:
    datasets = selectors.datasets_for(request.user).select_related("owner").order_by("name")
    return render(request, "areas/dataset_list.html", {"datasets": datasets})


@login_required
def dataset_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dataset = get_object_or_404(selectors.datasets_for(request.user).select_related("owner"), pk=pk)
    form = None
    if selectors.editable_datasets_for(request.user).filter(pk=pk).exists():
        form = DatasetSharingForm(request.POST or None, instance=dataset)
        if request.method == "POST" and form.is_valid():
            services.share_dataset(
                user=request.user,
                dataset=dataset,
                visibility=form.cleaned_data["visibility"],
                shared_with=form.cleaned_data["shared_with"],
            )
            messages.success(request, _("Who may see the dataset was saved."))
            return redirect("areas:dataset", pk=dataset.pk)
    elif request.method == "POST":
        return HttpResponseForbidden(_("Only editors of the dataset's organisation may share it."))
    return render(
        request,
        "areas/dataset_detail.html",
        {"dataset": dataset, "form": form, "partners": dataset.shared_with.order_by("name")},
    )


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


# Files from this size on are imported with a page that shows progress while it works (about
# 30,000 rows); smaller ones answer at once.
STREAM_FROM_BYTES = 1_000_000
PROGRESS_MARK = "<!--import-progress-->"


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
        # Kept after the request: a large file's import runs on in a thread, which removes it.
        tmp = tempfile.mkdtemp(prefix="grogrund-import-")
        path = save_upload(upload, Path(tmp), "upload.csv")

        mapping_label = _("column mapping")  # here: a large file's import runs in a thread

        def run(on_progress: Callable[[int], None] | None = None) -> services.ImportResult:
            mapping = ColumnMapping.from_dict(
                _fit_defaults(mapping_fields, form, read_header(path)), file=mapping_label
            )
            return services.import_observations(
                records=read_table(path, mapping),
                owner=data["owner"],
                dataset_name=data["dataset"],
                source=data["source"],
                user=request.user,
                visibility=data["visibility"],
                on_progress=on_progress,
            )

        if upload.size >= STREAM_FROM_BYTES:
            return StreamingHttpResponse(_import_with_progress(request, run, tmp))
        try:
            result = run()
        except SourceError as err:
            error = user_message(err)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    status = 400 if error else 200
    return render(
        request,
        "areas/import.html",
        {"form": form, "result": result, "error": error},
        status=status,
    )


def _import_with_progress(
    request: HttpRequest, run: Callable[[Callable[[int], None]], Any], tmp: str
) -> Iterator[str]:
    """A page streamed while a large file imports: the rows read so far, then the outcome.

    The import runs in a thread of its own (with its own database connection) and reports
    through a queue; this generator turns the reports into HTML as they come. The status is
    200 even when the file is refused: it was sent before the outcome was known.
    """
    page = render_to_string("areas/import_progress.html", {}, request=request)
    head, tail = page.split(PROGRESS_MARK)
    reports: queue.Queue[tuple[str, Any]] = queue.Queue()

    def work() -> None:
        try:
            reports.put(("done", run(lambda n: reports.put(("rows", n)))))
        except SourceError as err:
            reports.put(("error", err))
        except Exception as err:  # shown as a failure, then raised again below
            reports.put(("crash", err))
        finally:
            connection.close()
            shutil.rmtree(tmp, ignore_errors=True)

    worker = threading.Thread(target=work, name="grogrund-import", daemon=True)
    worker.start()
    yield head
    rows = 0
    started = time.monotonic()
    while True:
        kind, payload = reports.get()
        if kind == "rows":
            rows += payload
            text = _("%(rows)s rows read and checked (%(seconds)s s)") % {
                "rows": format_number(rows, 0),
                "seconds": format_number(time.monotonic() - started, 0),
            }
            yield f'<p class="progress-step">{escape(text)}</p>\n'
            continue
        worker.join()
        yield render_to_string(
            "areas/_import_outcome.html",
            {
                "result": payload if kind == "done" else None,
                "error": user_message(payload) if kind == "error" else None,
                "crashed": kind == "crash",
            },
            request=request,
        )
        yield tail
        if kind == "crash":
            raise payload
        return


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
