"""Links from a programme to the workspaces of the other apps, made only when the route
exists: the apps are built one by one, and a page must not fail for a workspace not yet there."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def safe_reverse(name: str, **kwargs: object) -> str | None:
    """The URL of the route `name`, or None when there is no such route (yet)."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


#: The workspace of each step (by step code): route name and the link's text.
STEP_WORKSPACES: dict[str, tuple[str, str | Promise]] = {
    "upphandling": ("procurement:programme", _("Open the social procurement register")),
    "utbildning": ("partnerships:readiness", _("Open the readiness record")),
    "forutsattningar": ("partnerships:readiness", _("Open the readiness record")),
    "losningar": ("initiatives:list", _("Open the initiatives")),
    "partners": ("partnerships:detail", _("Open the partnership")),
    "finansiering": ("partnerships:detail", _("Open the partnership and budget")),
    "finansiell-analys": ("valuations:list", _("Open the valuations")),
    "uppfoljning": ("programmes:dashboard", _("Open the follow-up dashboard")),
}

#: The other apps' pages the dashboard links to.
APP_PAGES: tuple[tuple[str, str | Promise], ...] = (
    ("initiatives:list", _("Initiatives")),
    ("partnerships:detail", _("Partnership and budget")),
    ("partnerships:readiness", _("Readiness record")),
    ("valuations:list", _("Valuations")),
)


def step_workspace(programme_pk: int, code: str) -> tuple[str, str | Promise] | None:
    """(url, text) of the step's workspace, or None when the step has none (yet)."""
    found = STEP_WORKSPACES.get(code)
    if found is None:
        return None
    url = safe_reverse(found[0], pk=programme_pk)
    return (url, found[1]) if url else None


def step_workspaces(
    programme_pk: int,
    code: str,
    *,
    areas: Sequence[Any] = (),
    can_edit: bool = False,
    signed_in: bool = False,
) -> list[tuple[str, str | Promise]]:
    """(url, text) of every page where the step's work is done, the main one first: the
    apps' workspaces (STEP_WORKSPACES) and the programme's own pages — the area profiles
    (`areas`: the programme's areas the visitor may see) for the challenges, the goals,
    the horizon (`can_edit`: links to forms only for the programme's editors; the challenge
    register only for `signed_in` visitors, who alone may open it). Empty for
    a step Grogrund has no page for."""
    out: list[tuple[str, str | Promise]] = []
    detail = reverse("programmes:detail", kwargs={"pk": programme_pk})
    if code == "utmaningar":
        for area in areas:
            url = reverse("areas:profile", kwargs={"code": area.code})
            out.append((url, gettext("Area profile of %(area)s") % {"area": area.name}))
        if signed_in:
            out.append((reverse("areas:challenges"), gettext("Open the challenge register")))
    elif code == "benchmark":
        # Learn from those who have done it: methods with the results of every programme
        # that shares them, areas like the programme's own, and the programmes shared with you.
        library = safe_reverse("methods:list")
        if library:
            out.append((library, gettext("Open the method library")))
        for area in areas:
            similar = safe_reverse("methods:similar", code=area.code)
            if similar and area.level in ("deso", "regso"):
                text = gettext("Areas like %(area)s") % {"area": area.name}
                out.append((similar, text))
        out.append((reverse("programmes:list"), gettext("See the programmes shared with you")))
    elif code == "malsattningar":
        out.append((f"{detail}#goals", gettext("See the programme's goals")))
        if can_edit:
            url = reverse("programmes:goal_create", kwargs={"pk": programme_pk})
            out.append((url, gettext("Create goal")))
        for area in areas:
            url = reverse("areas:profile", kwargs={"code": area.code})
            text = gettext("Gaps to set goals from: area profile of %(area)s") % {"area": area.name}
            out.append((url + "#gap-table", text))
    elif code == "tidsperspektiv":
        out.append((f"{detail}#goals", gettext("See the goals' baseline and deadline years")))
        if can_edit:
            url = reverse("programmes:edit", kwargs={"pk": programme_pk})
            out.append((url, gettext("Change the programme's horizon")))
    if code in ("finansiering", "finansiell-analys"):
        url = safe_reverse("outcome_contracts:programme", pk=programme_pk)
        if url:
            out.append((url, gettext("Outcome contracts of the programme")))
    main = step_workspace(programme_pk, code)
    if main is not None:
        out.insert(0, main)
    return out


def app_pages(programme_pk: int) -> list[tuple[str, str | Promise]]:
    """(url, text) of the other apps' pages that exist."""
    out = []
    for name, text in APP_PAGES:
        url = safe_reverse(name, pk=programme_pk)
        if url:
            out.append((url, text))
    return out
