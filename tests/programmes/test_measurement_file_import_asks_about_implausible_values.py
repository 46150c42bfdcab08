"""A measurement file's rows are checked as the measurement form checks a typed value
(programmes.plausibility.goal_verdict, engine.plausibility): rows far from the goal's values
so far are listed with the same question ("Did you mean 58,0 %?"), and the file is imported
only when the user confirms them ("Yes, the values are right") — then all its rows, else
none.

The goal: employment 55 % (2024) to 66 % (2034), 1,1 percentage points a year. "5,8" for 2026
is more than 3 × 1,1 and more than a fifth of every value of the trajectory away; read with
the decimal comma one place on (× 10) it is 58 %, on the trajectory's way (2026: 57,2 %)."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from grogrund.programmes.models import Measurement
from programmes.builders_followup import make_employment_goal


def _t(msgid: str, **params: str) -> str:
    with translation.override("sv"):
        return gettext(msgid) % params if params else gettext(msgid)


@pytest.fixture
def goal(world):
    return make_employment_goal(world)


def _url(world) -> str:
    return reverse("programmes:measurement_import", args=[world.programme.pk])


def _upload(client, world, goal, second: str = "5,8"):
    content = f"mål;år;värde;källa\n{goal.pk};2025;57,5;SCB\n{goal.pk};2026;{second};SCB\n"
    upload = SimpleUploadedFile("matningar.csv", content.encode())
    return client.post(_url(world), {"file": upload, "source": ""})


def _plain(response) -> str:
    return re.sub(r"[\u00a0\u202f]", " ", response.content.decode())


def _pending(html: str) -> str:
    return re.search(r'name="pending" value="([^"]+)"', html).group(1)


def test_a_far_value_is_questioned_and_nothing_is_imported(world, goal):
    client = world.client(world.editor)
    html = _plain(_upload(client, world, goal))
    assert not Measurement.objects.exists()
    rows = html.split('id="questioned-rows"')[1].split("</ul>")[0]
    assert rows.count("<li>") == 1  # 57,5 % for 2025 is on the way; only 2026 is asked about
    assert _t("Did you mean %(suggestion)s?", suggestion="58,0 %") in rows
    assert "rad 3" in rows or "row 3" in rows  # the header is row 1
    assert "5,8 %" in rows and "2026" in rows
    assert _t("Yes, the values are right") in html.split('id="confirm-import"')[1]
    assert 'id="import-result"' not in html


def test_confirming_imports_every_row_as_it_is(world, goal):
    client = world.client(world.editor)
    token = _pending(_plain(_upload(client, world, goal)))
    response = client.post(_url(world), {"pending": token, "confirm": "on"})
    assert response.status_code == 200
    assert 'id="import-result"' in response.content.decode()
    values = dict(Measurement.objects.values_list("year", "value"))
    assert values == {2025: pytest.approx(0.575), 2026: pytest.approx(0.058)}
    # The kept file is used once.
    again = client.post(_url(world), {"pending": token, "confirm": "on"})
    assert again.status_code == 400 and Measurement.objects.count() == 2


def test_without_the_tick_nothing_is_imported_and_the_question_stays(world, goal):
    client = world.client(world.editor)
    token = _pending(_plain(_upload(client, world, goal)))
    response = client.post(_url(world), {"pending": token})
    html = _plain(response)
    assert not Measurement.objects.exists()
    assert 'id="questioned-rows"' in html and 'class="error-summary"' in html
    assert 'href="#id_confirm"' in html
    assert 'aria-invalid="true"' in re.search(r'<input[^>]*id="id_confirm"[^>]*>', html).group(0)


def test_another_user_s_or_a_forged_token_imports_nothing(world, goal):
    token = _pending(_plain(_upload(world.client(world.editor), world, goal)))
    other = world.client(world.partner_user)  # a partner who may record, another session
    response = other.post(_url(world), {"pending": token, "confirm": "on"})
    assert response.status_code == 400 and not Measurement.objects.exists()
    forged = world.client(world.editor).post(_url(world), {"pending": "x", "confirm": "on"})
    assert forged.status_code == 400 and not Measurement.objects.exists()
    # A token that is no token (not ASCII, a personal number) is refused the same way.
    for junk in ("åäö", "880320-0016"):
        refused = world.client(world.editor).post(_url(world), {"pending": junk, "confirm": "on"})
        assert refused.status_code == 400 and not Measurement.objects.exists()
        assert _t("The file is no longer kept for confirmation: choose it again.") in _plain(
            refused
        )


def test_a_file_without_far_values_is_imported_at_once(world, goal):
    response = _upload(world.client(world.editor), world, goal, second="58,1")
    assert 'id="questioned-rows"' not in response.content.decode()
    assert Measurement.objects.count() == 2
