"""`grogrund import kolada --gender K` stores the women's figures (T, the total, by default)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from builders import make_indicator, make_org
from grogrund.areas.models import Area, AreaLevel, Observation
from sources.http_fakes import FIXTURES

KOLADA_FILE = FIXTURES / "kolada_v3_N15428_pages.json"


def _area(code, level=AreaLevel.MUNICIPALITY):
    # The area registry may hold them already.
    Area.objects.get_or_create(code=code, defaults={"name": code, "level": level})


@pytest.fixture
def org(db):
    for code in ("0138", "0180"):
        _area(code)
    _area("00", AreaLevel.COUNTRY)
    make_indicator("N15428", kind="share")
    return make_org()


def _import(org, *options):
    call_command(
        "grogrund_import", "kolada", "--file", str(KOLADA_FILE), "--org", org.slug,
        "--dataset", "Kolada", *options, stdout=StringIO(),
    )  # fmt: skip


def _stored(area, period="2023"):
    return Observation.objects.get(area__code=area, period=period).value


def test_total_by_default(org):
    _import(org)
    assert _stored("0138") == pytest.approx(0.741)
    assert not Observation.objects.filter(area__code="0180", period="2023").exists()  # deleted


def test_gender_k(org):
    _import(org, "--gender", "K")
    assert _stored("0138") == pytest.approx(0.780)
    assert _stored("0180") == pytest.approx(0.830)  # only the total was deleted


def test_an_unknown_gender_is_refused_by_the_command_line(org):
    with pytest.raises(CommandError):
        _import(org, "--gender", "X")


def test_an_import_template_may_choose_the_gender():
    from grogrund.areas.readers import ReadRequest, open_records

    plan = open_records(ReadRequest(kind="kolada", files=[KOLADA_FILE], mapping={"gender": "M"}))
    assert [r.value for r in plan.records][:1] == [70.2]
