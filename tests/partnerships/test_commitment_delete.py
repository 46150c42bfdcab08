"""A commitment can be deleted after a confirmation that shows what goes: its years and totals
and, if it was signed, the signature. The owner's editors delete any partner's commitment, a
partner's editor only its own organisation's; viewers are refused and outsiders see nothing.
The deletion is kept in the programme's history, and the common budget, its chart and the
cost split no longer count the commitment — checked by hand. The API (DELETE
/api/v1/commitments/<id>/) follows the same rules.

Budget (as in test_budget_totals.py):
A (500 kr/h): 2024: 500 000 + 100 h × 500 + 50 000 = 600 000; 2025: 200 000 + 40 h × 500
= 220 000; in all 820 000.
M (400 kr/h): 2024: 300 000 + 10 h × 400 = 304 000; 2026: 25 000 in kind; in all 329 000.
Together 1 149 000; without M 820 000 (2024: 600 000, 2025: 220 000, no 2026).
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from builders import api_client
from grogrund.partnerships.charts import budget_chart
from grogrund.partnerships.models import Commitment, CommitmentYear
from grogrund.partnerships.selectors import cost_split_for, partnership
from grogrund.programmes.models import ChangeLog
from partnerships.builders_partnerships import make_commitment, make_valuation

NBSP = "\u00a0"


@pytest.fixture
def commitments(world):
    a = make_commitment(
        world.programme,
        world.a,
        {2024: (500_000, 100, 50_000), 2025: (200_000, 40, 0)},
        hourly_cost_sek=500,
    )
    m = make_commitment(
        world.programme,
        world.m,
        {2024: (300_000, 10, 0), 2026: (0, 0, 25_000)},
        hourly_cost_sek=400,
    )
    return a, m


def _url(world, org, name="partnerships:delete"):
    return reverse(name, args=[world.programme.pk, org.pk])


def _plain(body: str) -> str:
    return body.replace(NBSP, " ")


def test_the_confirmation_shows_the_years_the_totals_and_the_new_budget(world, commitments):
    response = world.client(world.a_editor).get(_url(world, world.m))
    assert response.status_code == 200
    body = _plain(response.content.decode())
    assert "Ta bort åtagandet från Kommunen M?" in body
    assert "304 000 kr" in body and "25 000 kr" in body  # 2024 and 2026
    assert 'id="commitment-total">329 000 kr' in body
    assert "Det har inte skrivits under." in body
    assert "Den gemensamma budgeten går från 1 149 000 kr till 820 000 kr." in body
    assert Commitment.objects.filter(organisation=world.m).exists()  # GET deletes nothing


def test_the_owners_editor_deletes_a_partners_commitment(world, commitments):
    response = world.client(world.a_editor).post(_url(world, world.m), follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "partnerships:detail", args=[world.programme.pk]
    )
    assert "Åtagandet från Kommunen M togs bort; det finns kvar i historiken." in (
        response.content.decode()
    )
    assert not Commitment.objects.filter(organisation=world.m).exists()
    assert not CommitmentYear.objects.filter(commitment=commitments[1].pk).exists()
    assert Commitment.objects.filter(organisation=world.a).exists()


def test_a_partner_deletes_its_own_commitment_and_can_record_a_new_one(world):
    make_commitment(world.programme, world.c, {2024: (100_000, 0, 0)})
    client = world.client(world.c_editor)
    assert client.post(_url(world, world.c)).status_code == 302
    assert not Commitment.objects.filter(organisation=world.c).exists()
    form = {"money_2024": "50 000", "hours_2024": "", "inkind_2024": "", "hourly_cost_sek": ""}
    assert client.post(_url(world, world.c, "partnerships:commitment"), form).status_code == 302
    assert Commitment.objects.get(organisation=world.c).years.get().money_sek == 50_000


def test_a_partner_is_refused_another_partners_commitment_with_a_message(world, commitments):
    client = world.client(world.c_editor)
    for response in (client.get(_url(world, world.m)), client.post(_url(world, world.m))):
        assert response.status_code == 403
        body = response.content.decode()
        assert "Kommunen M" in body and "din egen organisation" in body
    assert Commitment.objects.get(organisation=world.m).years.count() == 2
    page = client.get(_url(world, world.m, "partnerships:commitment")).content.decode()
    assert 'id="delete-link"' not in page


@pytest.mark.parametrize("who", ["a_viewer", "c_viewer"])
def test_a_viewer_cannot_delete(world, commitments, who):
    client = world.client(getattr(world, who))
    assert client.get(_url(world, world.m)).status_code == 403
    assert client.post(_url(world, world.m)).status_code == 403
    assert Commitment.objects.count() == 2
    page = client.get(_url(world, world.m, "partnerships:commitment")).content.decode()
    assert 'id="delete-link"' not in page


@pytest.mark.parametrize("who", ["outsider", None])
def test_outsiders_see_nothing(world, commitments, who):
    client = world.client(getattr(world, who) if who else None)
    assert client.get(_url(world, world.m)).status_code == 404
    assert client.post(_url(world, world.m)).status_code == 404
    assert Commitment.objects.count() == 2


def test_there_is_nothing_to_delete_without_a_commitment(world, commitments):
    assert world.client(world.a_editor).get(_url(world, world.c)).status_code == 404
    assert world.client(world.a_editor).post(_url(world, world.b)).status_code == 404


def test_the_commitment_page_links_to_the_deletion_for_those_who_may(world, commitments):
    for user in (world.a_editor, world.m_editor):
        page = world.client(user).get(_url(world, world.m, "partnerships:commitment"))
        assert f'href="{_url(world, world.m)}" id="delete-link"' in page.content.decode()


def test_the_owners_editor_deletes_the_commitment_of_a_former_partner(world, commitments):
    world.programme.shared_with.remove(world.m)
    assert world.client(world.a_editor).post(_url(world, world.m)).status_code == 302
    assert not Commitment.objects.filter(organisation=world.m).exists()


def test_the_deletion_is_kept_in_the_history_with_what_it_was(world, commitments):
    m = commitments[1]
    m.signed_by, m.signed_at = world.m_editor, timezone.now()
    m.save()
    world.client(world.m_editor).post(_url(world, world.m))
    entry = ChangeLog.objects.get(object_type="commitment", object_id=m.pk, action="delete")
    assert entry.user == world.m_editor
    assert entry.programme == world.programme
    assert entry.after is None
    assert entry.before["organisation"] == world.m.pk
    assert entry.before["hourly_cost_sek"] == 400
    assert entry.before["signed_by"] == world.m_editor.pk
    assert entry.before["years"] == [
        {"year": 2024, "money_sek": 300_000, "staff_hours": 10.0, "in_kind_sek": 0},
        {"year": 2026, "money_sek": 0, "staff_hours": 0.0, "in_kind_sek": 25_000},
    ]
    detail = reverse("partnerships:detail", args=[world.programme.pk])
    body = world.client(world.a_viewer).get(detail).content.decode()
    history = re.sub(r"<[^>]+>", "", body[body.index('id="history"') :]).replace("\u00a0", " ")
    assert "Borttagen (åtagande)" in history
    assert "2024: pengar 300 000 kr, personaltimmar 10" in history
    assert f"Underskrivet av {world.m_editor.username}" in history


def test_the_confirmation_says_who_signed(world, commitments):
    m = commitments[1]
    m.signed_by, m.signed_at = world.m_editor, timezone.now()
    m.save()
    body = world.client(world.a_editor).get(_url(world, world.m)).content.decode()
    assert f"Det skrevs under av {world.m_editor.username}" in body
    assert "underskriften tas också bort" in body


def test_the_budget_no_longer_counts_the_deleted_commitment(world, commitments):
    part = partnership(world.a_editor, world.programme)
    assert part.budget.total_sek == 1_149_000
    svg = _plain(budget_chart(part.budget, {str(world.a.pk): "A", str(world.m.pk): "M"}))
    assert "M, 2024: 304 000 kr" in svg

    world.client(world.a_editor).post(_url(world, world.m))

    part = partnership(world.a_editor, world.programme)
    budget = part.budget
    assert budget.years == [2024, 2025]
    assert budget.year_totals == {2024: 600_000, 2025: 220_000}
    assert budget.money_sek == 700_000
    assert budget.staff_value_sek == 70_000  # 140 h × 500 kr
    assert budget.in_kind_sek == 50_000
    assert budget.total_sek == 820_000  # 1 149 000 − 329 000
    assert {r.organisation: r.totals for r in part.rows}[world.m] is None
    svg = _plain(budget_chart(budget, {str(world.a.pk): "A", str(world.m.pk): "M"}))
    assert "M, " not in svg and "A, 2024: 600 000 kr" in svg

    page = world.client(world.c_viewer).get(
        reverse("partnerships:detail", args=[world.programme.pk])
    )
    body = _plain(page.content.decode())
    assert 'id="budget-total">820 000 kr' in body
    assert "1 149 000 kr" not in body


def test_the_cost_split_no_longer_counts_the_deleted_commitment(world, commitments):
    # Benefits: municipality 10 × 60 000 = 600 000 (M), housing company 10 × 30 000 = 300 000
    # (A): M carries 2/3 and A 1/3 of the budget. Without M's commitment the budget is A's
    # 820 000: M is proposed 546 667 and has committed 0, A 273 333 and has committed 820 000.
    valuation = make_valuation(world.programme, municipality=60_000, housing_company=30_000)
    world.client(world.m_editor).post(_url(world, world.m))
    split = cost_split_for(world.programme, valuation, partnership(world.a_editor, world.programme))
    rows = {org.slug: r for r, org, _s in split.rows if org is not None}
    assert split.total_cost_sek == 820_000
    assert rows[world.m.slug].committed_sek == 0
    assert rows[world.m.slug].proposed_sek == pytest.approx(820_000 * 2 / 3)
    assert rows[world.a.slug].committed_sek == 820_000
    assert rows[world.a.slug].proposed_sek == pytest.approx(820_000 / 3)


# --- the same through the API: DELETE /api/v1/commitments/<id>/ ----------------------------


def test_the_api_deletes_with_the_same_rules_and_history(world, commitments):
    a, m = commitments
    url = f"/api/v1/commitments/{m.pk}/"
    refused = api_client(world.c_editor).delete(url)
    assert refused.status_code == 403
    assert "din egen organisation" in refused.json()["detail"]
    assert api_client(world.a_viewer).delete(url).status_code == 403
    assert api_client(world.outsider).delete(url).status_code == 404
    assert api_client(None).delete(url).status_code == 401
    assert Commitment.objects.filter(pk=m.pk).exists()
    assert api_client(world.m_editor).delete(url).status_code == 204
    assert not Commitment.objects.filter(pk=m.pk).exists()
    entry = ChangeLog.objects.get(object_type="commitment", object_id=m.pk, action="delete")
    assert entry.user == world.m_editor and entry.before["years"][0]["money_sek"] == 300_000
    assert partnership(world.a_editor, world.programme).budget.total_sek == 820_000
    assert api_client(world.a_editor).delete(f"/api/v1/commitments/{a.pk}/").status_code == 204


def test_the_programme_page_seen_before_shows_the_new_total_after(world, commitments):
    # The programme page is kept in the page cache; the deletion must not leave it stale.
    client = world.client(world.a_editor)
    url = reverse("programmes:detail", args=[world.programme.pk])
    for _visit in range(2):  # the second visit has the CSRF cookie: the page may be kept
        assert "1 149 000 kr" in _plain(client.get(url).content.decode())
    client.post(_url(world, world.m), follow=True)  # the message is read on the way
    body = _plain(client.get(url).content.decode())
    assert "1 149 000 kr" not in body and "820 000 kr" in body
