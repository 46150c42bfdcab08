"""The demo (fictional municipality 9901) loads idempotently and tells a plausible story."""

import pytest
from django.apps import apps
from django.contrib.auth import authenticate

from grogrund.accounts.models import User
from grogrund.areas.demo.build import load_demo
from grogrund.areas.models import Area, Dataset
from grogrund.areas.profile import build_profile

pytestmark = pytest.mark.django_db


def _snapshot():
    """Every row of every Grogrund model, without the timestamps that record when it was saved."""
    rows = {}
    for model in apps.get_models():
        if model._meta.app_label in {"accounts", "areas"}:
            fields = [
                f.attname
                for f in model._meta.concrete_fields
                if f.attname not in {"updated_at", "changed_at", "last_login", "password"}
            ]
            rows[model.__name__] = sorted(map(repr, model.objects.values_list(*fields)))
    return rows


def test_loading_the_demo_twice_changes_nothing():
    load_demo()
    first = _snapshot()
    stamps = dict(Dataset.objects.values_list("pk", "changed_at"))
    load_demo()
    assert _snapshot() == first
    # Nor the version stamps of the figures, so cached profiles stay valid.
    assert dict(Dataset.objects.values_list("pk", "changed_at")) == stamps


def test_the_demo_users_sign_in_with_the_demo_password():
    load_demo()
    for name in ("anna", "edvin", "vera", "karin", "per", "hilda", "nils"):
        assert authenticate(username=name, password="grogrund-demo") == User.objects.get(
            username=name
        )


def test_the_vulnerable_district_lags_the_municipality_in_employment():
    load_demo()
    district = Area.objects.get(code="grobo-norrbacka")
    assert district.members.count() == 6
    profile = build_profile(district, User.objects.get(username="anna"))
    [row] = [r for r in profile.rows if r.indicator.code == "employment_20_64"]
    municipality = row.comparisons[0]
    assert municipality.area.code == "9901"
    assert 0.55 <= row.latest.value <= 0.62
    assert municipality.point.value == pytest.approx(0.77, abs=0.02)
    assert row.main_comparison.gap_people > 0


def test_the_municipality_sees_the_challenges_the_company_shared_with_it(client):
    load_demo()
    client.force_login(User.objects.get(username="karin"))
    page = client.get("/omraden/grobo-norrbacka/").content.decode()
    assert "Låg sysselsättning bland vuxna" in page
