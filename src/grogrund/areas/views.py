from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.translation import gettext as _

from grogrund.accounts.access import can_edit_for, editable, editor_organisations
from grogrund.areas import import_templates, selectors, services
from grogrund.areas.forms import (
    ChallengeForm,
    DatasetSharingForm,
    ImportForm,
    ImportTemplateForm,
)
from grogrund.areas.import_preview import (
    drop_pending,
    keep_pending,
    new_pending_folder,
    pending_folder,
    preview_import,
)
from grogrund.areas.map_views import map_section
from grogrund.areas.maps import has_map
from grogrund.areas.models import Area, Challenge
from grogrund.areas.profile_page import profile_figures
from grogrund.areas.readers import ReadRequest, open_records
from grogrund.core import generation
from grogrund.core.errors import user_message
from grogrund.core.numbers import format_number
from grogrund.core.page_cache import cached_page
from grogrund.core.uploads import save_upload
from grogrund.programmes.selectors import editable_programmes_for_area
from grogrund.sources.errors import SourceError
from grogrund.sources.tabular import read_header


def area_list(request: HttpRequest) -> HttpResponse:
    """Every area the visitor may see, searched by name or code, filtered by level and
    municipality, a page at a time (the registry alone holds about 9,700)."""
    from django.core.paginator import Paginator

    from grogrund.areas.search_forms import AreaListFilter

    municipalities = (
        selectors.areas_for(request.user)
        .filter(level="municipality")
        .order_by("name")
        .values_list("code", "name")
    )
    form = AreaListFilter(request.GET, municipalities=municipalities)
    data = form.cleaned_data if form.is_valid() else {}
    areas = selectors.search_areas(
        request.user,
        data.get("q", ""),
        None,
        level=data.get("level", ""),
        municipality=data.get("municipality", ""),
    ).select_related("parent")
    page = Paginator(areas, AREA_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "areas/area_list.html",
        {"form": form, "page": page, "areas": page.object_list, "query": query.urlencode()},
    )


AREA_PAGE_SIZE = 50


# Kept while no area, figure, challenge, membership or programme changes: a goal measurement
# leaves it (tests/core/test_pages_read_only_their_scopes.py checks what it reads).
@cached_page(scopes=(generation.ACCOUNTS, generation.STATISTICS, generation.PROGRAMMES))
def area_profile(request: HttpRequest, code: str) -> HttpResponse:
    area = get_object_or_404(
        selectors.areas_for(request.user)
        .select_related("parent__parent__parent__parent", "owner")
        .annotate(has_map=has_map()),
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
            # The map of the municipality's DeSO or RegSO (areas.maps); None for a county.
            "map": map_section(request, area, chain, boundaries=area.has_map),
            "may_edit_area": area.is_custom and can_edit_for(request.user, area.owner_id or 0),
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
        {
            "dataset": dataset,
            "form": form,
            "partners": dataset.shared_with.order_by("name"),
            # The source's notes on the figures (SCB's mandatory notes), by indicator.
            "notes": dataset.notes.select_related("indicator").order_by(
                "-mandatory", "indicator__code", "id"
            ),
        },
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
    """The import form. "Förhandsgranska" reads the file and shows what would be stored
    (nothing is written; the file waits on disk for "Importera"); "Importera" imports at once;
    "Spara som mall" saves the settings as an import template."""
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    result = None
    error = None
    preview = None
    token = ""
    folder_kept = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        action = request.POST.get("action", "import")
        # Kept after the request: a large file's import runs on in a thread, which removes it;
        # a previewed file waits for its confirmation.
        token, folder = new_pending_folder()
        path = save_upload(upload, folder, "upload.csv")
        try:
            read_request = _read_request(form, path)
            if action == "save_template":
                template = _save_template(request, form, read_request)
                drop_pending(token)
                messages.success(request, _("The import template was saved."))
                return redirect("areas:import_template", pk=template.pk)
            if action == "preview":
                preview = preview_import(request=read_request, user=request.user)
                if not preview.error:
                    keep_pending(token, folder)
                request.session[f"import:{token}"] = _pending_state(form, read_request)
            else:
                run = _runner(request, form.cleaned_data, read_request)
                if upload.size >= STREAM_FROM_BYTES:
                    # The import's thread removes the folder when it is done.
                    folder_kept = True
                    return StreamingHttpResponse(_import_with_progress(request, run, str(folder)))
                result = run()
        except SourceError as err:
            error = user_message(err)
        finally:
            if not folder_kept and (preview is None or preview.error):
                drop_pending(token)
                token = ""
    status = 400 if error else 200
    return render(
        request,
        "areas/import.html",
        {"form": form, "result": result, "error": error, "preview": preview, "token": token},
        status=status,
    )


@login_required
def import_confirm(request: HttpRequest) -> HttpResponse:
    """After a preview, "Importera" stores the same file with the same settings."""
    if request.method != "POST":
        return redirect("areas:import")
    token = request.POST.get("token", "")
    state = request.session.pop(f"import:{token}", None)
    folder = pending_folder(token)
    if state is None or folder is None:
        messages.error(request, _("The previewed file is no longer kept. Upload it again."))
        return redirect("areas:import")
    read_request = ReadRequest(
        kind=state["kind"],
        files=[folder / name for name in state["files"]],
        mapping=state["mapping"],
        mapping_name=state["mapping_name"],
        source=state["source"],
        options=state["options"],
    )
    owner = editor_organisations(request.user).filter(pk=state["owner"]).first()
    result = error = None
    try:
        if owner is None:
            raise PermissionDenied
        settings_ = {**state, "owner": owner}
        run = _runner(request, settings_, read_request)
        if sum(p.stat().st_size for p in read_request.files) >= STREAM_FROM_BYTES:
            return StreamingHttpResponse(_import_with_progress(request, run, str(folder)))
        result = run()
    except SourceError as err:
        error = user_message(err)
    finally:
        if result is not None or error is not None:
            drop_pending(token)
    form = ImportForm(user=request.user)
    return render(
        request,
        "areas/import.html",
        {"form": form, "result": result, "error": error},
        status=400 if error else 200,
    )


def _read_request(form: ImportForm, path: Path) -> ReadRequest:
    """The form as the one description of an import the command line uses too."""
    data = form.cleaned_data
    kind = data.get("kind") or "csv"
    if kind == "csv" and path.suffix.lower() in {".xlsx", ".xlsm"}:
        kind = "xlsx"
    options: dict[str, Any] = {}
    if data.get("region"):
        options["region"] = data["region"].strip()
    if kind == "kolada":
        options["gender"] = data.get("gender") or "T"
    read_request = ReadRequest(kind=kind, files=[path], source=data["source"], options=options)
    template = data.get("template")
    if template is not None:
        read_request.mapping, read_request.mapping_name = dict(template.mapping), template.name
    elif data.get("mapping_yaml"):
        read_request.mapping, read_request.mapping_name = data["mapping_yaml"], _("mapping")
    elif kind in {"csv", "xlsx"}:
        header = read_header(path, sheet=data.get("sheet") or None)
        read_request.mapping = form.table_mapping(header)
        read_request.mapping_name = _("column mapping")
    return read_request


def _pending_state(form: ImportForm, read_request: ReadRequest) -> dict[str, Any]:
    d = form.cleaned_data
    return {
        "kind": read_request.kind,
        "files": [p.name for p in read_request.files],
        "mapping": read_request.mapping,
        "mapping_name": read_request.mapping_name,
        "source": read_request.source,
        "options": read_request.options,
        "owner": d["owner"].pk,
        "dataset": d["dataset"],
        "visibility": d["visibility"],
    }


def _runner(
    request: HttpRequest, settings_: dict[str, Any], read_request: ReadRequest
) -> Callable[..., services.ImportResult]:
    def run(on_progress: Callable[[int], None] | None = None) -> services.ImportResult:
        plan = open_records(read_request)
        return services.import_observations(
            records=plan.records,
            owner=settings_["owner"],
            dataset_name=settings_["dataset"],
            source=settings_["source"] or plan.source,
            user=request.user,
            visibility=settings_["visibility"],
            on_progress=on_progress,
        )

    return run


def _save_template(request: HttpRequest, form: ImportForm, read_request: ReadRequest) -> Any:
    name = request.POST.get("template_name", "").strip() or form.cleaned_data["dataset"]
    kind = "csv" if read_request.kind in {"csv", "xlsx"} else read_request.kind
    mapping = dict(read_request.mapping or {})
    if kind == "kolada":
        mapping = {**mapping, "gender": read_request.options.get("gender", "T")}
    return import_templates.create_template(
        user=request.user,
        owner=form.cleaned_data["owner"],
        name=name,
        kind=kind,
        mapping=mapping,
        visibility=form.cleaned_data["visibility"],
    )


@login_required
def import_template_list(request: HttpRequest) -> HttpResponse:
    templates = import_templates.templates_for(request.user)
    editable_ids = set(
        import_templates.editable_templates_for(request.user).values_list("pk", flat=True)
    )
    return render(
        request,
        "areas/import_template_list.html",
        {"templates": templates, "editable_ids": editable_ids},
    )


@login_required
def import_template_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Create (pk None) or edit a template: its mapping shown as fields and as YAML."""
    template = None
    if pk is not None:
        template = get_object_or_404(import_templates.templates_for(request.user), pk=pk)
    may_edit = (
        template is None
        or import_templates.editable_templates_for(request.user).filter(pk=template.pk).exists()
    )
    form = ImportTemplateForm(request.POST or None, instance=template, user=request.user)
    error = None
    if request.method == "POST":
        if not may_edit:
            return HttpResponseForbidden()
        if form.is_valid():
            d = form.cleaned_data
            try:
                if template is None:
                    template = import_templates.create_template(
                        user=request.user,
                        owner=d["owner"],
                        name=d["name"],
                        kind=d["kind"],
                        mapping=d["mapping_yaml"],
                        description=d["description"],
                        visibility=d["visibility"],
                        shared_with=d["shared_with"],
                    )
                else:
                    import_templates.update_template(
                        user=request.user,
                        template=template,
                        name=d["name"],
                        mapping=d["mapping_yaml"],
                        description=d["description"],
                        visibility=d["visibility"],
                        shared_with=d["shared_with"],
                    )
            except SourceError as err:
                error = user_message(err)
            else:
                messages.success(request, _("The import template was saved."))
                return redirect("areas:import_template", pk=template.pk)
    return render(
        request,
        "areas/import_template_form.html",
        {"form": form, "template": template, "may_edit": may_edit, "error": error},
        status=400 if error else 200,
    )


@login_required
def import_template_delete(request: HttpRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(import_templates.editable_templates_for(request.user), pk=pk)
    if request.method == "POST":
        import_templates.delete_template(user=request.user, template=template)
        messages.success(request, _("The import template was deleted."))
        return redirect("areas:import_templates")
    return render(request, "areas/import_template_delete.html", {"template": template})


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
            # The work folder is named by the upload's token: removed here and, for a
            # confirmed preview, from the shared storage.
            drop_pending(Path(tmp).name)
            connection.close()

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
