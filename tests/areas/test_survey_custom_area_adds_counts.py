"""A custom area made of two DeSOs adds their survey answer counts: the index of the union is
Σ top / Σ valid, never the mean of the two indices.

DeSO 1: 58 of 100 valid answers in the top two steps (58 %); DeSO 2: 5 of 10 (50 %).
Union: (58 + 5) / (100 + 10) = 63 / 110 = 57.27 %; the mean of the indices would say 54 %.
The 0–100 means pool the same way: (5433.3 + 466.7) / 110 = 53.64, not (54.33 + 46.67) / 2 = 50.5.
"""

import pytest

from builders import make_area, make_custom_area, make_org, make_user
from grogrund.areas.models import AreaLevel
from grogrund.areas.profile import build_profile
from grogrund.areas.readers import ReadRequest
from grogrund.areas.surveys import import_survey

pytestmark = pytest.mark.django_db

DEFINITION = {
    "period": "2024",
    "columns": {"area": "area", "question": "question"},
    "indices": [{"questions": ["Q3"], "share": "trygg", "mean": "trygg_medel"}],
}


def test_the_union_of_two_deso_adds_their_counts(tmp_path):
    owner = make_org()
    municipality = make_area("9981", AreaLevel.MUNICIPALITY)
    desos = [make_area(code, parent=municipality) for code in ("9981A0010", "9981A0020")]
    path = tmp_path / "enkat.csv"
    path.write_text(
        "area;question;1;2;3;4;Vet ej\n9981A0010;Q3;12;30;41;17;5\n9981A0020;Q3;2;3;4;1;0\n",
        encoding="utf-8",
    )
    import_survey(request=ReadRequest(kind="survey", files=[path], mapping=DEFINITION), owner=owner)
    area = make_custom_area("norrbacka", owner, desos)
    rows = {row.indicator.code: row for row in build_profile(area, make_user(owner)).rows}

    share = rows["trygg"].latest
    assert (share.numerator, share.denominator) == (63, 110)
    assert share.value == pytest.approx(0.5727, abs=5e-5)
    assert share.value != pytest.approx((0.58 + 0.5) / 2, abs=1e-3)

    mean = rows["trygg_medel"].latest
    assert mean.denominator == 110
    assert mean.value == pytest.approx((5433.333 + 466.667) / 110, abs=1e-3)
    assert mean.value == pytest.approx(53.64, abs=0.005)
