"""A method names the value-bank entries that fit its outcomes (grogrund.engine.valuebank,
by id): saved through the method form they are kept in the order given and shown on the
method's page, with their amounts and sources, and in the methods API. An id the value bank
does not have is refused, naming it, and nothing of the method is saved."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from builders import api_client
from grogrund.accounts.models import HistoryEntry
from grogrund.methods import services
from grogrund.methods.forms import MethodForm
from grogrund.methods.models import Method

LIFETIME = "exclusion_lifetime_person"
PERSON_YEAR = "exclusion_person_year"
LIFETIME_SV = "Kostnad för en person i utanförskap från 20 år till pension"
PERSON_YEAR_SV = "Kostnad för utanförskap per person och år (livstidsbas)"


def form_data(method: Method, user, **changes) -> dict:
    """What the method's edit form posts unchanged (its initial data), with `changes`."""
    form = MethodForm(method=method, user=user)
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(changes)
    return data


def values_section(body: str) -> str:
    return re.search(r'<section id="method-values">(.*?)</section>', body, re.S).group(1)


def test_entries_saved_through_the_form_are_kept_and_shown_on_the_page_and_in_the_api(world):
    client = world.client(world.curator)  # curators edit a published method
    url = f"/metoder/{world.method.slug}/andra/"
    response = client.post(
        url, form_data(world.method, world.curator, value_bank_entries=[PERSON_YEAR, LIFETIME])
    )
    assert response.status_code == 302
    assert Method.objects.get(pk=world.method.pk).value_bank_entries == [PERSON_YEAR, LIFETIME]

    # Shown to anyone, in the order given, with where each figure comes from.
    shown = values_section(
        world.client(None).get(f"/metoder/{world.method.slug}/").content.decode()
    )
    assert shown.index(PERSON_YEAR_SV) < shown.index(LIFETIME_SV)
    assert "Nilsson" in shown and "Inga valda." not in shown

    api = api_client().get(f"/api/v1/methods/{world.method.slug}/").json()
    assert api["value_bank_entries"] == [PERSON_YEAR, LIFETIME]


def test_a_new_method_keeps_its_entries(world):
    client = world.client(world.viewer_a)
    response = client.post(
        "/metoder/ny/",
        {
            "owner": world.a.pk,
            "name": "Sommarjobb",
            "summary": "Sommarjobb för unga i området.",
            "evidence_level": "1",
            "value_bank_entries": [LIFETIME],
        },
    )
    method = Method.objects.get(name="Sommarjobb")
    assert response.status_code == 302 and method.value_bank_entries == [LIFETIME]
    page = client.get(f"/metoder/{method.slug}/").content.decode()
    assert LIFETIME_SV in values_section(page)


def test_an_entry_the_value_bank_lacks_is_refused_by_the_form_and_nothing_is_saved(world):
    client = world.client(world.curator)
    history = HistoryEntry.objects.count()
    response = client.post(
        f"/metoder/{world.method.slug}/andra/",
        form_data(
            world.method,
            world.curator,
            summary="Ändrad sammanfattning",
            value_bank_entries=[PERSON_YEAR, "utanforskap_per_ar"],
        ),
    )
    assert response.status_code == 200
    assert "Värdebanken har inget värde ”utanforskap_per_ar”." in response.content.decode()
    method = Method.objects.get(pk=world.method.pk)
    assert (method.value_bank_entries, method.summary) == ([], "Coacher i området.")
    assert HistoryEntry.objects.count() == history


def test_a_new_method_with_an_unknown_entry_is_not_created(world):
    client = world.client(world.viewer_a)
    response = client.post(
        "/metoder/ny/",
        {
            "owner": world.a.pk,
            "name": "Sommarjobb",
            "summary": "Sommarjobb för unga i området.",
            "evidence_level": "1",
            "value_bank_entries": ["finns_inte"],
        },
    )
    assert response.status_code == 200
    assert "Värdebanken har inget värde ”finns_inte”." in response.content.decode()
    assert not Method.objects.filter(name="Sommarjobb").exists()


def test_the_service_refuses_an_unknown_entry_whoever_calls_it(world):
    method = Method.objects.get(pk=world.method.pk)
    method.value_bank_entries = [LIFETIME, "finns_inte", "inte_heller"]
    with translation.override("sv"), pytest.raises(services.MethodError) as refused:
        services.save_method(user=world.curator, method=method)
    assert str(refused.value) == "Värdebanken har inget värde ”finns_inte, inte_heller”."
    assert Method.objects.get(pk=world.method.pk).value_bank_entries == []
