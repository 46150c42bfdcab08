"""The account page (password, API tokens), an organisation's history of changes, the
lockout page and password reset."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grogrund.accounts import history_page, tokens
from grogrund.accounts.access import administered_organisations
from grogrund.accounts.forms import ApiTokenForm
from grogrund.core.numbers import format_number


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """The user's organisations, a link to change the password, and their API tokens: a new
    token's secret is shown on the page that made it, once."""
    form = ApiTokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        new_token = tokens.create_token(
            user=request.user,  # type: ignore[arg-type]
            name=form.cleaned_data["name"],
            access=form.cleaned_data["access"],
            expires_at=timezone.now() + timedelta(days=form.cleaned_data["days"]),
        )
        form = ApiTokenForm()
    return render(
        request,
        "core/account.html",
        {
            "form": form,
            "new_token": new_token,
            "api_tokens": tokens.tokens_of(request.user),
            "administered": list(administered_organisations(request.user).order_by("name")),
        },
    )


@login_required
def organisation_history(request: HttpRequest, pk: int) -> HttpResponse:
    """The organisation's changes outside programmes, for its administrators."""
    organisation = history_page.organisation_for_history(request.user, pk)
    if organisation is None:
        raise Http404(_("No such organisation among those you administer."))
    page = Paginator(history_page.history_of(organisation), history_page.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "accounts/organisation_history.html",
        {
            "organisation": organisation,
            "page": page,
            "changes": history_page.changes(list(page.object_list)),
        },
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    if not tokens.revoke_token(user=request.user, token_id=pk):
        raise Http404(_("You have no such token."))
    messages.success(request, _("The token was revoked: it no longer opens the API."))
    return redirect("account")


def locked_out(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """django-axes' answer to a login while the user name and address are locked out."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "registration/locked_out.html",
        {"minutes": format_number(minutes, 0)},
        status=429,
    )
