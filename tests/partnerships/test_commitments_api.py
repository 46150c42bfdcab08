"""/api/v1/commitments/: whoever sees the programme reads its commitments; a partner's editor
creates and changes its own organisation's commitment only, the history is kept as in the
browser, and a partner signs its own."""

from __future__ import annotations

from builders import api_client
from grogrund.partnerships.models import Commitment
from grogrund.programmes.models import ChangeLog
from partnerships.builders_partnerships import make_commitment

URL = "/api/v1/commitments/"


def _body(world, org, money=250_000):
    return {
        "programme": world.programme.pk,
        "organisation": org.slug,
        "hourly_cost_sek": 450,
        "years": [{"year": 2024, "money_sek": money, "staff_hours": 20, "in_kind_sek": 0}],
    }


def test_a_partner_creates_changes_and_signs_its_own_commitment(world):
    client = api_client(world.c_editor)
    created = client.post(URL, _body(world, world.c), format="json")
    assert created.status_code == 201, created.content
    assert created.json()["total_sek"] == 250_000 + 20 * 450
    pk = created.json()["id"]
    changed = client.patch(
        f"{URL}{pk}/",
        {"years": [{"year": 2025, "money_sek": 100_000}]},
        format="json",
    )
    assert changed.status_code == 200, changed.content
    assert [y["year"] for y in changed.json()["years"]] == [2025]
    signed = client.post(f"{URL}{pk}/sign/")
    assert signed.status_code == 200 and signed.json()["signed_by"] == world.c_editor.username
    assert ChangeLog.objects.filter(object_type="commitment", object_id=pk).count() == 3


def test_a_partner_is_refused_another_partners_commitment(world):
    client = api_client(world.c_editor)
    refused = client.post(URL, _body(world, world.m), format="json")
    assert refused.status_code == 403
    assert "din egen organisation" in refused.json()["detail"]
    theirs = make_commitment(world.programme, world.m, {2024: (100, 0, 0)})
    assert client.patch(f"{URL}{theirs.pk}/", {"note": "x"}, format="json").status_code == 403
    assert client.post(f"{URL}{theirs.pk}/sign/").status_code == 403
    assert Commitment.objects.get(pk=theirs.pk).note == ""


def test_the_owners_editor_writes_for_any_partner_and_viewers_for_none(world):
    assert (
        api_client(world.a_editor).post(URL, _body(world, world.m), format="json").status_code
        == 201
    )
    assert (
        api_client(world.c_viewer).post(URL, _body(world, world.c), format="json").status_code
        == 403
    )


def test_outsiders_see_no_commitment_and_cannot_write(world):
    mine = make_commitment(world.programme, world.c, {2024: (100, 0, 0)})
    client = api_client(world.outsider)
    assert client.get(URL).json()["results"] == []
    assert client.get(f"{URL}{mine.pk}/").status_code == 404
    response = client.post(URL, _body(world, world.b), format="json")
    assert response.status_code == 400  # the programme does not exist for them
    assert api_client(None).get(URL).status_code in (401, 403)


def test_partners_read_every_commitment_of_the_programme(world):
    make_commitment(world.programme, world.a, {2024: (100, 0, 0)})
    make_commitment(world.programme, world.m, {2024: (200, 1, 0)}, hourly_cost_sek=500)
    data = api_client(world.c_viewer).get(URL, {"programme": world.programme.pk}).json()
    assert sorted(r["total_sek"] for r in data["results"]) == [100, 700]


def test_bad_input_is_refused_with_the_field(world):
    body = _body(world, world.c)
    body["years"][0]["money_sek"] = -5
    response = api_client(world.c_editor).post(URL, body, format="json")
    assert response.status_code == 400 and "years" in response.json()
