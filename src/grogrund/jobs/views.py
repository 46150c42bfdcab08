"""Job pages: a job's progress, result or error, and the list of the organisation's jobs;
the form that starts a municipality's fetch in the background."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from grogrund.areas.fetch import enqueue_municipality_fetch
from grogrund.core.errors import user_message
from grogrund.jobs.forms import FetchMunicipalityForm, municipalities
from grogrund.jobs.selectors import jobs_for
from grogrund.sources import SourceError


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = jobs_for(request.user)[:100]
    return render(request, "jobs/job_list.html", {"jobs": jobs})


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(jobs_for(request.user), pk=pk)
    template = (
        "jobs/_job_status.html" if getattr(request, "htmx", False) else "jobs/job_detail.html"
    )
    return render(request, template, {"job": job})


@login_required
def fetch_municipality(request: HttpRequest) -> HttpResponse:
    form = FetchMunicipalityForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            job = enqueue_municipality_fetch(
                user=request.user,
                owner=data["owner"],
                municipality_code=data["municipality"].code,
                periods=data["periods"],
                visibility=data["visibility"],
            )
        except SourceError as err:
            form.add_error(None, user_message(err))
        else:
            return redirect("jobs:detail", pk=job.pk)
    return render(
        request,
        "jobs/fetch_form.html",
        {"form": form, "municipalities": municipalities()},
    )
