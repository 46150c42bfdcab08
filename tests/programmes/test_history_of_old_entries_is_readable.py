"""Entries written before the history was told in sentences are rendered from what they stored:
a signer kept as a user id is named, a signing time kept as an ISO string is shown in local
time, a reference to something since deleted says so, and a structure the history does not
know is never dumped."""

from __future__ import annotations

import re

from django.urls import reverse

from builders import make_user
from grogrund.accounts.models import Role
from grogrund.programmes.models import ChangeAction, ChangeLog


def _history(client, url: str) -> str:
    html = client.get(url).content.decode()
    start = html.index('id="history"')
    text = re.sub(r"</div>|</td>|<br>", " | ", html[start : html.index("</table>", start)])
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text).replace("\u00a0", " "))


def _old_entries(world) -> None:
    signer = world.editor
    signer.first_name, signer.last_name = "Sara", "Svensson"
    signer.save()
    ChangeLog.objects.create(
        programme=world.programme,
        object_type="commitment",
        object_id=99,
        action=ChangeAction.CREATE,
        before=None,
        after={
            "id": 99,
            "programme": world.programme.pk,
            "organisation": world.partner.pk,
            "hourly_cost_sek": 450,
            "signed_by": signer.pk,
            "signed_at": "2022-03-10T10:00:00+00:00",  # 11:00 in Stockholm
            "years": [{"year": 2022, "money_sek": 1500000, "staff_hours": 1200.0}],
        },
    )
    ChangeLog.objects.create(
        programme=world.programme,
        object_type="programme",
        object_id=world.programme.pk,
        action=ChangeAction.UPDATE,
        before={"start_year": 2022, "shared_with": [world.partner.pk], "extra": {"a": 1}},
        after={"start_year": 2025, "shared_with": [987654], "extra": {"a": 2}},
    )


def _pages(world) -> tuple[str, str]:
    return (
        reverse("programmes:detail", args=[world.programme.pk]),
        reverse("partnerships:detail", args=[world.programme.pk]),
    )


def test_in_swedish(world):
    _old_entries(world)
    programme, partnership = (_history(world.client(world.viewer), url) for url in _pages(world))
    assert "Underskrivet av Sara Svensson 10 mars 2022 11:00." in partnership
    assert "2022: pengar 1 500 000 kr, personaltimmar 1 200" in partnership
    assert "Timkostnad för personalens tid (kr): 450 kr" in partnership
    assert "Startår: 2022 → 2025" in programme
    assert "Partner P →" in programme and "987654" not in programme
    assert "Extra: ändrad" in programme
    for text in (programme, partnership):
        assert "{'" not in text and "2022-03-10T" not in text


def test_in_english(world):
    _old_entries(world)
    english = world.client(make_user(world.a, Role.VIEWER, language="en"))
    programme, partnership = (_history(english, url) for url in _pages(world))
    assert "Signed by Sara Svensson on March 10, 2022, 11 a.m. |" in partnership
    assert "Partner P → (removed)" in programme
    assert "Start year: 2022 → 2025" in programme
