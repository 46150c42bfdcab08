"""The history of a changed valuation reads as sentences in the reader's language: the inputs
that changed by the names of their cost, outcome and stakeholder, in kronor and percent; the
author by name; the time in Swedish local time. Never a dict dump, an id, an ISO timestamp or
a field's stored name."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from unittest.mock import patch

from django.urls import reverse

from builders import make_user
from grogrund.accounts.models import Role
from grogrund.valuations import services
from valuations.builders_valuations import make_valuation, simple_sroi

#: What the history must never show.
INTERNALS = {
    "a dict dump": re.compile(r"\{'|': "),
    "an ISO timestamp": re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}"),
    "a stored field name": re.compile(
        r"\b(amount_sek|deadweight|stakeholder|start_year|outcomes\[|costs\[|model)\b"
    ),
    "a grouped year": re.compile(r"\b2\s0\d\d\b"),
}


def _history(client, url: str) -> str:
    html = client.get(url).content.decode()
    table = html[html.index('id="history"') : html.index("</table>", html.index('id="history"'))]
    text = re.sub(r"</div>|</td>|<br>", " | ", table)
    text = re.sub(r"<[^>]+>", "", text).replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text)


def _changed_valuation(world) -> str:
    world.editor.first_name, world.editor.last_name = "Eva", "Ek"
    world.editor.save()
    v = make_valuation(world)
    model = simple_sroi()
    model["costs"][0]["amount_sek"] = 150_000
    model["outcomes"][0]["deadweight"] = 30
    model["outcomes"][0]["stakeholder"] = "justice"
    # 12:30 UTC on 15 January is 13:30 in Stockholm (CET, UTC+1).
    with patch("django.utils.timezone.now", return_value=datetime(2026, 1, 15, 12, 30, tzinfo=UTC)):
        services.update_valuation(user=world.editor, valuation=v, model=model)
    return reverse("valuations:detail", args=[world.programme.pk, v.pk])


def _no_internals(text: str) -> None:
    for what, pattern in INTERNALS.items():
        found = pattern.search(text)
        assert found is None, f"the history shows {what}: {found.group(0)!r} in {text}"


def test_in_swedish(world):
    text = _history(world.client(world.viewer), _changed_valuation(world))
    assert "Läxhjälpare · Belopp per år (kr): 100 000 kr → 150 000 kr" in text
    assert "Behöriga elever · Dödvikt (%): 20 % → 30 %" in text
    assert ": Kommunen → Rättsväsendet" in text
    assert "15 januari 2026 13:30" in text
    assert "Eva Ek" in text and world.editor.username not in text
    _no_internals(text)


def test_in_english(world):
    url = _changed_valuation(world)
    english = world.client(make_user(world.a, Role.VIEWER, language="en"))
    text = _history(english, url)
    assert "Läxhjälpare · Amount per year (kr): 100,000 kr → 150,000 kr" in text
    assert "Behöriga elever · Deadweight (%): 20 % → 30 %" in text
    assert ": Municipality → Justice system" in text
    assert "Jan. 15, 2026, 1:30 p.m." in text
    assert "Eva Ek" in text
    _no_internals(text)


def test_a_list_of_names_reads_with_commas_and_a_list_of_sentences_with_semicolons():
    from grogrund.programmes.history_text import list_text

    assert list_text(["Nytorp", "Åsby"]) == "Nytorp, Åsby"
    assert list_text([]) == ""
    assert (
        list_text(["Behov: Fler i arbete.", "Aktiviteter: Coacher, mentorer."])
        == "Behov: Fler i arbete; Aktiviteter: Coacher, mentorer"
    )
