"""An index of several questions pools their answer counts; it never averages their indices.

Safety indices combine questions (AktivBo's trygghetsindex weighs contact with neighbours,
safety against burglary and personal safety in the evening; fastighetstidningen.se, 26 March
2024). With Q3 58 of 100, Q7 55 of 100 and Q9 65 of 95 in the top two steps:
pooled = (58 + 55 + 65) / (100 + 100 + 95) = 178 / 295 = 60.34 %,
where the mean of the three indices would say (58 % + 55 % + 68.42 %) / 3 = 60.47 %.
"""

import pytest

from .survey_helpers import definition, figures, wide_csv

ROWS = [
    "1480C1010;Q3;12;30;41;17;5",
    "1480C1010;Q7;20;25;35;20;5",
    "1480C1010;Q9;10;20;40;25;10",
]
TRYGGHET = {"questions": ["Q3", "Q7", "Q9"], "share": "trygghet", "mean": "trygghet_medel"}


def test_the_index_of_three_questions_is_their_pooled_top_share(tmp_path):
    result = figures(wide_csv(tmp_path, ROWS), definition(indices=[TRYGGHET]))
    index = result[("1480C1010", "trygghet")]
    assert (index.numerator, index.denominator) == (178, 295)
    assert index.value == pytest.approx(0.6034, abs=5e-5)
    averaged = (0.58 + 0.55 + 65 / 95) / 3
    assert averaged == pytest.approx(0.6047, abs=5e-5)
    assert index.value != pytest.approx(averaged, abs=1e-3)


def test_the_mean_of_three_questions_is_the_pooled_mean(tmp_path):
    result = figures(wide_csv(tmp_path, ROWS), definition(indices=[TRYGGHET]))
    mean = result[("1480C1010", "trygghet_medel")]
    # Σ answers × (step − 1) / 3 × 100 over the three questions, over 295 valid answers.
    scores = sum(
        n * (step - 1) / 3 * 100
        for counts in ([12, 30, 41, 17], [20, 25, 35, 20], [10, 20, 40, 25])
        for step, n in enumerate(counts, start=1)
    )
    assert mean.numerator == pytest.approx(scores)
    assert mean.value == pytest.approx(scores / 295)
    assert mean.value == pytest.approx(55.71, abs=0.005)


def test_questions_are_matched_whatever_their_case_and_spaces(tmp_path):
    path = wide_csv(tmp_path, ["1480C1010; q3 ;12;30;41;17;5"])
    result = figures(path, definition(indices=[{"questions": ["Q3"], "share": "idx"}]))
    assert result[("1480C1010", "idx")].value == 0.58


def test_a_question_an_area_lacks_leaves_its_index_missing_with_a_warning(tmp_path):
    from grogrund.sources.survey import SurveyReader

    path = wide_csv(tmp_path, ROWS[:2])
    reader = SurveyReader(path, definition(indices=[TRYGGHET]))
    records = {r.indicator_code: r for r in reader.records()}
    assert records["trygghet"].value is None and records["trygghet"].status == "missing"
    assert [w.code for w in reader.warnings] == ["missing_question"]
    assert "Q9" in reader.warnings[0].params["questions"]
