"""An organisation's administrators read its history of changes outside programmes on a page
of their own (linked from the account page): plain sentences, newest first, 50 a page, with
the channel. Nobody else reaches it: not its editors, not another organisation's
administrators, not anonymous visitors."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from builders import (
    api_client,
    make_area,
    make_dataset,
    make_indicator,
    make_observation,
    make_org,
    make_user,
)
from grogrund.accounts.history import record_history
from grogrund.accounts.models import HistoryAction, Role

pytestmark = pytest.mark.django_db


def _named(user, first_name, last_name):
    user.first_name, user.last_name = first_name, last_name
    user.save(update_fields=["first_name", "last_name"])
    return user


@pytest.fixture
def place():
    org = make_org("Bostadsbolaget")
    # The administrator reads in English: the sentences are asserted in the msgids' words.
    admin = _named(make_user(org, Role.ADMIN, language="en"), "Anna", "Admin")
    editor = _named(make_user(org, Role.EDITOR), "Edvin", "Editor")
    dataset = make_dataset(org, "Hyresgästenkät")
    observation = make_observation(
        dataset, make_area("9901A0001"), make_indicator(), "2024", numerator=5, denominator=10
    )
    return org, admin, editor, observation


def _signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def _url(org, page=None):
    url = reverse("organisation_history", kwargs={"pk": org.pk})
    return f"{url}?page={page}" if page else url


def test_the_administrator_reads_each_change_as_a_sentence_with_its_channel(place):
    org, admin, editor, observation = place
    assert api_client(editor).delete(f"/api/v1/observations/{observation.pk}/").status_code == 204
    body = _signed_in(admin).get(_url(org)).content.decode()
    assert "Edvin Editor deleted observation via the API." in body


def test_the_account_page_links_the_history_for_administrators_only(place):
    org, admin, editor, _ = place
    link = _url(org)
    assert link in _signed_in(admin).get(reverse("account")).content.decode()
    assert link not in _signed_in(editor).get(reverse("account")).content.decode()


def test_nobody_else_reaches_it(place):
    org, _admin, editor, _ = place
    other_admin = make_user(make_org("Annat bolag"), Role.ADMIN)
    assert _signed_in(editor).get(_url(org)).status_code == 404
    assert _signed_in(other_admin).get(_url(org)).status_code == 404
    anonymous = Client().get(_url(org))
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("login"))


def test_it_shows_only_the_organisations_own_changes(place):
    org, admin, _editor, _ = place
    other = make_org("Annat bolag")
    secret = make_dataset(other, "Annat bolags hemliga dataset")
    record_history(user=None, obj=secret, action=HistoryAction.CREATE, before=None, after={})
    body = _signed_in(admin).get(_url(org)).content.decode()
    assert "Annat bolags hemliga dataset" not in body


def test_fifty_changes_a_page_newest_first(place):
    org, admin, editor, _ = place
    dataset = make_dataset(org, "Dataset 0")
    for n in range(1, 56):  # 55 changes: 50 on the first page, 5 on the second
        before, after = {"name": f"Dataset {n - 1}"}, {"name": f"Dataset {n}"}
        record_history(
            user=editor, obj=dataset, action=HistoryAction.UPDATE, before=before, after=after
        )
    client = _signed_in(admin)
    first = client.get(_url(org)).content.decode()
    second = client.get(_url(org, 2)).content.decode()
    assert "“Dataset 55”" in first and "“Dataset 6”" in first and "“Dataset 5”" not in first
    assert "“Dataset 5”" in second and "“Dataset 1”" in second
    assert 'rel="next"' in first and 'rel="prev"' in second
