"""Pages of the method library (under /metoder/): the library, a method with its benchmark,
the evidence ladder, proposing and curating, starting or linking an initiative, participants
and results of an initiative, and areas like mine. Thin: selectors decide what is seen,
services what may change."""

from __future__ import annotations

from hashlib import sha256
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grogrund.accounts.access import org_ids_with_role
from grogrund.accounts.models import Role
from grogrund.areas.models import Area, AreaLevel
from grogrund.areas.selectors import areas_for, search_areas
from grogrund.core.generation import current
from grogrund.core.page_cache import cached_page
from grogrund.initiatives.models import CHAIN, Initiative, Stage
from grogrund.initiatives.selectors import initiatives_for
from grogrund.methods import benchmark as bench
from grogrund.methods import evidence, selectors, services, similar
from grogrund.methods.forms import (
    AreaSearch,
    CommentForm,
    LibraryFilter,
    LinkForm,
    MethodForm,
    ParticipationForm,
    ReviewForm,
    StartForm,
)
from grogrund.methods.models import Method, MethodStatus
from grogrund.programmes.services import ProgrammeError


def _method(request: HttpRequest, slug: str) -> Method:
    return get_object_or_404(selectors.with_details(selectors.methods_for(request.user)), slug=slug)


@cached_page
def method_list(request: HttpRequest) -> HttpResponse:
    form = LibraryFilter(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_valid():
        filters = {
            "text": form.cleaned_data.get("q") or "",
            "step": form.cleaned_data.get("step") or "",
            "evidence": form.cleaned_data.get("evidence"),
        }
    methods = list(selectors.library(request.user, **filters))
    usage = bench.usage_counts(request.user, [m.pk for m in methods])
    return render(
        request,
        "methods/method_list.html",
        {
            "form": form,
            "rows": [(m, usage.get(m.pk, 0)) for m in methods],
            "own": selectors.own_methods(request.user),
            "review": selectors.awaiting_review(request.user),
            "withdrawn": selectors.withdrawn_methods(),
            "can_propose": request.user.is_authenticated
            and selectors.proposing_organisations(request.user).exists(),
            "audience_note": bench.visibility_note(bench.audience_of(request.user)),
        },
    )


@cached_page
def evidence_ladder(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "methods/evidence.html",
        {"ladder": evidence.LADDER, "references": evidence.REFERENCES},
    )


def _template_by_stage(method: Method) -> list[tuple[str, list[Any]]]:
    nodes = list(method.template_nodes.all())
    out = []
    for stage in [*CHAIN, Stage.ASSUMPTION]:
        found = [n for n in nodes if n.stage == stage]
        if found:
            out.append((Stage(stage).label, found))
    return out


#: The body of a method page (everything but what depends on the visitor's rights to the
#: method) is kept per method, audience of the benchmark and language under the data
#: generation: any change makes a new key at once, in every process; the expiry only frees
#: memory (as the programme dashboard does, grogrund.programmes.views).
BODY_CACHE_SECONDS = 3600


def _body(request: HttpRequest, method: Method, generation: int) -> str:
    audience = bench.audience_of(request.user)
    parts = ("methods:body", method.pk, audience, get_language() or "", generation)
    key = "methods:body:" + sha256("|".join(map(str, parts)).encode()).hexdigest()
    body = cache.get(key)
    if body is None:
        full = selectors.with_details_of(method)
        body = render_to_string(
            "methods/_method_body.html",
            {
                "method": full,
                "template": _template_by_stage(full),
                "steps": selectors.steps_of(full),
                "values": selectors.value_entries_of(full),
                "rung": evidence.RUNGS.get(full.evidence_level),
                "benchmark": bench.benchmark(full, request.user, generation=generation)
                if full.status in selectors.PUBLIC_STATUSES
                else None,
                "audience_note": bench.visibility_note(audience),
                "history": selectors.method_history(full),
            },
        )
        cache.set(key, body, BODY_CACHE_SECONDS)
    return str(body)


#: The placeholder the kept page carries where a form's CSRF token goes: the token is the
#: visitor's own, put in when the page is served.
CSRF_PLACEHOLDER = "grogrund-methods-csrf-placeholder"


def _rights(request: HttpRequest, method: Method) -> tuple[dict[str, bool], tuple[Any, ...]]:
    """What a method page shows a visitor besides the method and its benchmark depends only
    on these: the visitor's actions (the flags), whether they are logged in, the audience of
    the benchmark and the organisations they edit for (their own initiatives). Returns the
    flags and the parts of the keys the page is kept under."""
    user = request.user
    authenticated = bool(user.is_authenticated)
    flags = {
        "can_edit": selectors.can_edit(user, method),
        "can_propose": selectors.can_propose(user, method),
        "can_review": selectors.can_review(user, method),
        "can_withdraw": selectors.can_withdraw(user, method),
        "can_republish": selectors.can_republish(user, method),
        "can_delete": selectors.can_delete(user, method),
        # The start page says so when the user has no programme to start in.
        "can_start": method.status == MethodStatus.PUBLISHED and authenticated,
    }
    editor_of = org_ids_with_role(user, Role.EDITOR) if authenticated else []
    parts = (
        method.pk,
        bench.audience_of(user),
        get_language() or "",
        authenticated,
        ",".join(k for k, v in flags.items() if v),
        ",".join(map(str, editor_of)),
    )
    return flags, parts


def _key(*parts: Any) -> str:
    # repr keeps the parts apart (a name or an address may hold any character).
    return "methods:page:" + sha256(repr(parts).encode()).hexdigest()


def _page(
    request: HttpRequest,
    method: Method,
    generation: int,
    flags: dict[str, bool],
    parts: tuple[Any, ...],
) -> str:
    """Everything below the title bar of a method page, kept under the visitor's rights
    (`_rights`) and the data generation: visitors with the same rights share it, and any
    change makes a new key in every process. The forms carry CSRF_PLACEHOLDER."""
    user = request.user
    key = _key("content", generation, *parts)
    page = cache.get(key)
    if page is None:
        page = render_to_string(
            "methods/_method_page.html",
            {
                "method": method,
                "body": mark_safe(_body(request, method, generation)),  # our own template
                "authenticated": bool(user.is_authenticated),
                "own_initiatives": list(selectors.own_initiatives_using(user, method))
                if user.is_authenticated
                else [],
                "missing": services.missing_for_proposal(method) if flags["can_propose"] else [],
                "csrf_token": CSRF_PLACEHOLDER,
                **flags,
            },
        )
        cache.set(key, page, BODY_CACHE_SECONDS)
    return str(page)


@cached_page
def method_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A method with its benchmark. What is below the title bar is kept for visitors with the
    same rights (`_rights`) until the data changes, and the whole page per visitor: a
    visitor's first sight of a page someone with the same rights has seen costs reading their
    rights and drawing the title bar, not the method and its benchmark. The forms' CSRF token
    is the visitor's own, put in on the way out. A page with messages waiting shows them and
    is not kept."""
    user = request.user
    generation = current()
    selectors.is_curator(user)  # with in_network, in one query (accounts.access)
    method = selectors.method_for_slug(user, slug, generation=generation)
    if method is None:
        raise Http404
    flags, parts = _rights(request, method)
    # The title bar is the visitor's own (name, organisations, links for their roles): the
    # whole page is kept per visitor; what is costly below it is shared by rights (`_page`).
    visitor = user.pk if user.is_authenticated else ""
    keep = not len(get_messages(request))  # counting leaves the messages to be shown
    key = _key("whole", generation, *parts, request.get_full_path(), visitor)
    page = cache.get(key) if keep else None
    if page is None:
        page = render_to_string(
            "methods/method_detail.html",
            {
                "method": method,
                "content": mark_safe(_page(request, method, generation, flags, parts)),
                "csrf_token": CSRF_PLACEHOLDER,
            },
            request=request,
        )
        if keep:
            cache.set(key, page, BODY_CACHE_SECONDS)
    return HttpResponse(str(page).replace(CSRF_PLACEHOLDER, get_token(request)))


# --- proposing and editing --------------------------------------------------------------------


@login_required
def method_create(request: HttpRequest) -> HttpResponse:
    if not selectors.proposing_organisations(request.user).exists():
        raise Http404
    return _method_form(request, Method())


@login_required
def method_edit(request: HttpRequest, slug: str) -> HttpResponse:
    method = _method(request, slug)
    if not selectors.can_edit(request.user, method):
        raise Http404
    return _method_form(request, method)


def _method_form(request: HttpRequest, method: Method) -> HttpResponse:
    form = MethodForm(request.POST or None, method=method, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_method(
                user=request.user,
                method=form.apply(method),
                nodes=form.nodes(),
                sources=form.sources(),
            )
        except services.MethodError as err:
            form.add_error(None, str(err))
        else:
            messages.success(request, _("The method was saved."))
            return redirect("methods:detail", slug=saved.slug)
    return render(request, "methods/method_form.html", {"form": form, "method": method})


@login_required
@require_POST
def method_propose(request: HttpRequest, slug: str) -> HttpResponse:
    method = _method(request, slug)
    try:
        services.propose_method(user=request.user, method=method)
    except services.NotAllowed:
        raise Http404 from None
    except services.MethodError as err:
        messages.error(request, str(err))
    else:
        messages.success(request, _("The method was sent to the curators for review."))
    return redirect("methods:detail", slug=method.slug)


@login_required
def method_review(request: HttpRequest, slug: str) -> HttpResponse:
    """A curator publishes a proposal at an evidence level, or returns it with a comment."""
    method = _method(request, slug)
    if not selectors.can_review(request.user, method):
        raise Http404
    form = ReviewForm(request.POST or None, initial={"evidence_level": method.evidence_level})
    if request.method == "POST" and form.is_valid():
        comment = form.cleaned_data.get("comment") or ""
        try:
            if "return" in request.POST:
                services.return_method(user=request.user, method=method, comment=comment)
                messages.success(request, _("The proposal was returned with your comment."))
            else:
                services.publish_method(
                    user=request.user,
                    method=method,
                    evidence_level=form.cleaned_data["evidence_level"],
                    comment=comment,
                )
                messages.success(request, _("The method is published in the library."))
        except services.MethodError as err:
            form.add_error("comment" if "return" in request.POST else None, str(err))
        else:
            return redirect("methods:detail", slug=method.slug)
    return render(
        request,
        "methods/method_review.html",
        {"method": method, "form": form, "ladder": evidence.LADDER},
    )


@login_required
def method_withdraw(request: HttpRequest, slug: str) -> HttpResponse:
    method = _method(request, slug)
    if not selectors.can_withdraw(request.user, method):
        raise Http404
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw_method(
                user=request.user, method=method, comment=form.cleaned_data["comment"]
            )
        except services.MethodError as err:
            form.add_error("comment", str(err))
        else:
            messages.success(request, _("The method was withdrawn from the library."))
            return redirect("methods:detail", slug=method.slug)
    return render(request, "methods/method_withdraw.html", {"method": method, "form": form})


@login_required
@require_POST
def method_republish(request: HttpRequest, slug: str) -> HttpResponse:
    method = _method(request, slug)
    if not selectors.can_republish(request.user, method):
        raise Http404
    services.republish_method(user=request.user, method=method)
    messages.success(request, _("The method is published in the library again."))
    return redirect("methods:detail", slug=method.slug)


@login_required
def method_delete(request: HttpRequest, slug: str) -> HttpResponse:
    method = _method(request, slug)
    if not selectors.can_delete(request.user, method):
        raise Http404
    if request.method == "POST":
        try:
            services.delete_draft(user=request.user, method=method)
        except services.MethodError as err:
            messages.error(request, str(err))
            return redirect("methods:detail", slug=method.slug)
        messages.success(request, _("The draft “%(name)s” was deleted.") % {"name": method.name})
        return redirect("methods:list")
    return render(request, "methods/method_confirm_delete.html", {"method": method})


# --- initiatives from a method ----------------------------------------------------------------


@login_required
def method_start(request: HttpRequest, slug: str) -> HttpResponse:
    """Start an initiative from the method: its template copied into a chosen programme."""
    method = _method(request, slug)
    if method.status != MethodStatus.PUBLISHED:
        raise Http404
    programmes = selectors.programmes_to_start_in(request.user)
    form = StartForm(request.POST or None, programmes=programmes, initial={"name": method.name})
    if request.method == "POST" and form.is_valid():
        try:
            initiative = services.start_initiative(
                user=request.user,
                method=method,
                programme=form.cleaned_data["programme"],
                name=form.cleaned_data["name"],
            )
        except services.MethodError as err:
            form.add_error(None, str(err))
        except ProgrammeError as err:
            form.add_error(None, str(err))
        else:
            messages.success(
                request,
                _(
                    "The initiative was started from the method: set the baselines and targets "
                    "of its outcomes."
                ),
            )
            return redirect(
                "initiatives:detail", pk=initiative.programme_id, initiative=initiative.pk
            )
    return render(
        request,
        "methods/method_start.html",
        {"method": method, "form": form, "has_programmes": programmes.exists()},
    )


@login_required
def method_link(request: HttpRequest, slug: str) -> HttpResponse:
    """Say that one of the user's existing initiatives uses the method."""
    method = _method(request, slug)
    if method.status != MethodStatus.PUBLISHED:
        raise Http404
    initiatives = selectors.initiatives_to_link(request.user)
    form = LinkForm(request.POST or None, initiatives=initiatives)
    if request.method == "POST" and form.is_valid():
        initiative = form.cleaned_data["initiative"]
        try:
            services.link_initiative(user=request.user, initiative=initiative, method=method)
        except ProgrammeError as err:
            form.add_error(None, str(err))
        except services.MethodError as err:
            form.add_error(None, str(err))
        else:
            messages.success(
                request,
                _("“%(initiative)s” now uses the method.") % {"initiative": initiative.name},
            )
            return redirect("methods:detail", slug=method.slug)
    return render(
        request,
        "methods/method_link.html",
        {"method": method, "form": form, "has_initiatives": initiatives.exists()},
    )


# --- participants and results of an initiative -----------------------------------------------


def _initiative(request: HttpRequest, initiative: int) -> Initiative:
    qs = initiatives_for(request.user).select_related("programme__owner", "method_ref", "owner")
    return get_object_or_404(qs, pk=initiative)


def participation(request: HttpRequest, initiative: int) -> HttpResponse:
    """The participants and results an initiative reports per year (GET), and recording a
    year (POST, editors of the programme's owner or of the organisation running it)."""
    obj = _initiative(request, initiative)
    can_record = selectors.can_record_participation(request.user, obj)
    form = ParticipationForm(request.POST or None) if can_record else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.record_participation(
                    user=request.user,
                    initiative=obj,
                    year=d["year"],
                    participants=d["participants"],
                    reached_outcome=d.get("reached_outcome"),
                    cost_sek=d.get("cost_sek"),
                    source=d["source"],
                )
            except services.MethodError as err:
                form.add_error(None, str(err))
            else:
                messages.success(
                    request, _("The figures for %(year)s were saved.") % {"year": d["year"]}
                )
                return redirect("methods:participation", initiative=obj.pk)
    return render(
        request,
        "methods/participation.html",
        {
            "initiative": obj,
            "programme": obj.programme,
            "rows": selectors.participation_of(obj),
            "form": form,
            "can_record": can_record,
            "history": selectors.participation_history(obj),
        },
    )


@login_required
@require_POST
def participation_delete(request: HttpRequest, initiative: int, year: int) -> HttpResponse:
    obj = _initiative(request, initiative)
    if not selectors.can_record_participation(request.user, obj):
        raise Http404
    row = get_object_or_404(obj.participation, year=year)
    services.delete_participation(user=request.user, participation=row)
    messages.success(request, _("The figures for %(year)s were deleted.") % {"year": year})
    return redirect("methods:participation", initiative=obj.pk)


# --- areas like mine --------------------------------------------------------------------------


def similar_search(request: HttpRequest) -> HttpResponse:
    """Find the DeSO or RegSO to compare; one match goes straight to its comparison."""
    form = AreaSearch(request.GET or None)
    matches: list[Area] = []
    if form.is_valid():
        text = form.cleaned_data["q"]
        matches = [
            a
            for a in search_areas(request.user, text, limit=40)
            if a.level in similar.COMPARED_LEVELS
        ][:20]
        if len(matches) == 1:
            return redirect("methods:similar", code=matches[0].code)
    return render(
        request,
        "methods/similar_search.html",
        {"form": form, "matches": matches, "searched": form.is_bound},
    )


@cached_page
def similar_areas(request: HttpRequest, code: str) -> HttpResponse:
    area = get_object_or_404(
        areas_for(request.user).select_related("parent__parent"),
        code=code,
        level__in=[AreaLevel.DESO, AreaLevel.REGSO],
    )
    result = similar.areas_like(request.user, area)
    return render(
        request,
        "methods/similar_areas.html",
        {"area": area, "result": result, "form": AreaSearch()},
    )
