"""The history of a commitment tells its years as "2025, money: 100 000 kr → 120 000 kr" and
its signature as "Signed by <full name> on <local time>": no dump of the years, no user id,
no ISO timestamp."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from unittest.mock import patch

from django.urls import reverse

from grogrund.partnerships import services


def _history(client, url: str) -> str:
    html = client.get(url).content.decode()
    start = html.index('id="history"')
    text = re.sub(r"</div>|</td>|<br>", " | ", html[start : html.index("</table>", start)])
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text).replace("\u00a0", " "))


def _save(world, money_2025: int) -> services.Commitment:
    return services.save_commitment(
        user=world.c_editor,
        programme=world.programme,
        organisation=world.c,
        years=[
            services.YearInput(2024, 100_000, 10, 0),
            services.YearInput(2025, money_2025, 10, 5_000),
        ],
        hourly_cost_sek=400,
    )


def test_years_changed_and_the_signer_are_told_in_words(world):
    world.c_editor.first_name, world.c_editor.last_name = "Cecilia", "Carlsson"
    world.c_editor.save()
    commitment = _save(world, 100_000)
    # 08:05 UTC on 1 July is 10:05 in Stockholm (CEST, UTC+2).
    with patch("django.utils.timezone.now", return_value=datetime(2026, 7, 1, 8, 5, tzinfo=UTC)):
        services.sign_commitment(user=world.c_editor, commitment=commitment)
    _save(world, 120_000)
    url = reverse("partnerships:commitment", args=[world.programme.pk, world.c.pk])
    text = _history(world.client(world.a_viewer), url)
    assert "2025, pengar: 100 000 kr → 120 000 kr" in text
    assert "Underskrivet av Cecilia Carlsson 1 juli 2026 10:05." in text
    assert "Underskriften drogs tillbaka" in text
    assert "2024: pengar 100 000 kr, personaltimmar 10" in text  # what was first recorded
    assert "2025: pengar 100 000 kr, personaltimmar 10, i natura 5 000 kr" in text
    assert "{'" not in text and "money_sek" not in text and "signed_by" not in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}T", text)
    assert f" {world.c_editor.pk} " not in text
