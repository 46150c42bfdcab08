"""The initiative pages speak English to a user who chose English, numbers included."""

from __future__ import annotations

from django.urls import reverse

from builders import make_user
from grogrund.accounts.models import Role
from initiatives.builders_initiatives import complete_chain, make_initiative, measure


def test_the_initiative_and_portfolio_pages_in_english(world):
    i = make_initiative(world.programme, name="Jobs track", budget=4_800_000)
    n = complete_chain(i, world.employment, goal=world.goal)
    measure(n["long"], 2025, 0.595)
    c = world.client(make_user(world.a, Role.EDITOR, language="en"))
    c.cookies["django_language"] = "en"
    pk = world.programme.pk
    detail = c.get(
        reverse("initiatives:detail", kwargs={"pk": pk, "initiative": i.pk}),
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()
    assert "Effect logic" in detail and "Short-term outcomes" in detail
    assert "55.0\u00a0% (2022) → 62.0\u00a0% (2030)" in detail
    assert "Effektlogik" not in detail
    portfolio = c.get(
        reverse("initiatives:portfolio", kwargs={"pk": pk}), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "4,800,000\u00a0kr" in portfolio
    assert "No other initiative of the programme" in portfolio or "no other initiative" in portfolio


def test_the_outcome_import_and_the_deletion_pages_in_english(world):
    i = make_initiative(world.programme, name="Jobs track")
    n = complete_chain(i, world.employment, goal=world.goal)
    measure(n["long"], 2025, 0.595)
    c = world.client(make_user(world.a, Role.EDITOR, language="en"))
    c.cookies["django_language"] = "en"
    kwargs = {"pk": world.programme.pk, "initiative": i.pk}
    page = c.get(
        reverse("initiatives:outcome_import", kwargs=kwargs), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Import outcome values" in page and ">percent<" in page
    assert "Importera" not in page
    delete = c.get(
        reverse("initiatives:delete", kwargs=kwargs), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "6 boxes in the effect logic (2 of them outcomes)" in delete
    assert "1 measured outcome value" in delete and "5 links between the boxes" in delete
    assert "Ta bort" not in delete
