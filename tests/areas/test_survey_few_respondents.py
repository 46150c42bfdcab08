"""Few respondents (under 5, configurable) draw a warning at import, and the profile does not
show the figures of such a group on its own: the indicator's min_group_size counts valid
answers, and an index pooling k questions needs k × 5 of them (each respondent gives at most
one answer per question), so every group under 5 respondents is hidden."""

import pytest

from builders import make_area, make_custom_area, make_org, make_user
from grogrund.areas.models import AreaLevel, Indicator
from grogrund.areas.profile import build_profile
from grogrund.areas.readers import ReadRequest
from grogrund.areas.surveys import import_survey

pytestmark = pytest.mark.django_db

DEFINITION = {
    "period": "2024",
    "indices": [
        {"questions": ["Q3", "Q7", "Q9"], "share": "trygghet", "mean": "trygghet_medel"},
        {"questions": ["Q3"], "share": "trygg"},
    ],
    "respondents": "svarande",
}
# 9981A0030: 4 respondents, who gave 3 + 4 + 3 = 10 valid answers to the three questions.
ROWS = [
    "9981A0010;Q3;12;30;41;17;5",
    "9981A0010;Q7;20;25;35;20;5",
    "9981A0010;Q9;10;20;40;25;10",
    "9981A0030;Q3;0;1;2;0;1",
    "9981A0030;Q7;1;0;2;1;0",
    "9981A0030;Q9;0;2;1;0;1",
]


@pytest.fixture
def imported(tmp_path):
    owner = make_org()
    municipality = make_area("9981", AreaLevel.MUNICIPALITY)
    desos = [make_area(code, parent=municipality) for code in ("9981A0010", "9981A0030")]
    path = tmp_path / "enkat.csv"
    path.write_text("\n".join(["area;question;1;2;3;4;Vet ej", *ROWS]) + "\n", encoding="utf-8")
    outcome = import_survey(
        request=ReadRequest(kind="survey", files=[path], mapping=DEFINITION), owner=owner
    )
    return owner, desos, outcome


def test_an_area_under_five_respondents_draws_a_warning(imported):
    _owner, _desos, outcome = imported
    assert [w.code for w in outcome.warnings] == ["few_respondents"]
    [text] = outcome.warning_texts
    assert "9981A0030" in text and "4" in text


def test_the_indicators_hide_groups_under_five_respondents(imported):
    assert Indicator.objects.get(code="trygghet").min_group_size == 15  # 3 questions × 5
    assert Indicator.objects.get(code="trygghet_medel").min_group_size == 15
    assert Indicator.objects.get(code="trygg").min_group_size == 5
    assert Indicator.objects.get(code="svarande").min_group_size == 0


def test_the_small_group_is_stored_but_not_shown(imported):
    owner, desos, _outcome = imported
    user = make_user(owner)
    shown = {row.indicator.code for row in build_profile(desos[1], user).rows}
    # 10 valid answers from 4 respondents would pass a plain "5 answers" rule: not shown.
    assert "trygghet" not in shown and "trygghet_medel" not in shown and "trygg" not in shown
    assert shown == {"svarande"}
    big = {row.indicator.code for row in build_profile(desos[0], user).rows}
    assert {"trygghet", "trygghet_medel", "trygg"} <= big


def test_the_small_group_counts_in_an_area_made_of_several(imported):
    owner, desos, _outcome = imported
    area = make_custom_area("omr", owner, desos)
    rows = {row.indicator.code: row for row in build_profile(area, make_user(owner)).rows}
    assert rows["trygghet"].latest.denominator == 295 + 10


def test_the_threshold_is_configurable(tmp_path):
    owner = make_org()
    make_area("9981A0010")
    path = tmp_path / "enkat.csv"
    path.write_text("area;question;1;2;3;4;Vet ej\n" + ROWS[0] + "\n", encoding="utf-8")
    mapping = {**DEFINITION, "indices": [DEFINITION["indices"][1]], "min_respondents": 200}
    outcome = import_survey(
        request=ReadRequest(kind="survey", files=[path], mapping=mapping), owner=owner
    )
    assert [w.code for w in outcome.warnings] == ["few_respondents"]
    assert Indicator.objects.get(code="trygg").min_group_size == 200
