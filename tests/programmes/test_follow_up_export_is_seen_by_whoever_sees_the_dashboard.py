"""The follow-up's export is given to exactly those who see the dashboard: the owner and its
partners; outsiders and anonymous visitors get a 404, as for the page, until the programme is
published, when anyone gets both."""

from __future__ import annotations

from django.urls import reverse

from grogrund.accounts.models import Visibility
from programmes.builders_followup import make_employment_goal


def _status(world, user, name, fmt=None):
    args = [world.programme.pk] if fmt is None else [world.programme.pk, fmt]
    return world.client(user).get(reverse(name, args=args)).status_code


def test_the_owner_and_partners_get_the_file_others_do_not(world):
    make_employment_goal(world)
    for user in (world.editor, world.viewer, world.partner_user):
        assert _status(world, user, "programmes:dashboard") == 200
        for fmt in ("xlsx", "csv"):
            assert _status(world, user, "programmes:dashboard_export", fmt) == 200
    for user in (world.outsider, None):
        assert _status(world, user, "programmes:dashboard") == 404
        for fmt in ("xlsx", "csv"):
            assert _status(world, user, "programmes:dashboard_export", fmt) == 404


def test_a_published_programme_is_exported_to_anyone(world):
    make_employment_goal(world)
    world.programme.visibility = Visibility.PUBLIC
    world.programme.save()
    assert _status(world, None, "programmes:dashboard") == 200
    response = world.client(None).get(
        reverse("programmes:dashboard_export", args=[world.programme.pk, "csv"])
    )
    assert response.status_code == 200
    assert "employment sv, Testby" in response.content.decode("utf-8-sig")
