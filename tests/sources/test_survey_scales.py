"""Four-, five-, seven- and ten-point scales, each with its own top steps and 0–100 mean.

Scales in use: AktivBo four points (mission.md), SCB's medborgarundersökning ten points
("Hur tryggt och säkert kan du vistas utomhus på kvällar och nätter?", barometern.vasteras.se),
Hyresgästföreningen's DinVärd seven points shown on 0–100 (dinvard.se/faq).
"""

import openpyxl
import pytest

from grogrund.sources.survey import rescaled

from .survey_helpers import definition, figures, wide_csv

# SCB-style ten-point answers, steps 1–10, 100 valid answers.
TEN = [2, 1, 3, 4, 10, 10, 20, 25, 15, 10]


def test_a_step_scores_its_place_on_0_to_100():
    assert [rescaled(s, 4) for s in (1, 4)] == [0, 100]
    assert rescaled(3, 5) == 50
    assert rescaled(10, 10) == 100 and rescaled(2, 10) == pytest.approx(100 / 9)


def test_a_five_point_question_counts_steps_4_and_5_as_top(tmp_path):
    path = wide_csv(
        tmp_path, ["1480C1010;Q1;3;7;20;40;30;2"], header="area;question;1;2;3;4;5;Vet ej"
    )
    survey = definition(points=5, indices=[{"questions": ["Q1"], "share": "s", "mean": "m"}])
    result = figures(path, survey)
    assert result[("1480C1010", "s")].value == 0.7
    assert result[("1480C1010", "m")].value == pytest.approx(71.75)


def test_a_ten_point_question_from_a_long_xlsx_file(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Kommun", "Fråga", "Betyg", "Antal svar"])
    for step, n in enumerate(TEN, start=1):
        sheet.append(["1480", "Trygghet kväll", step, n])
    sheet.append(["1480", "Trygghet kväll", "Vet ej", 7])
    path = tmp_path / "medborgare.xlsx"
    workbook.save(path)
    survey = definition(
        layout="long",
        columns={"area": "Kommun", "question": "Fråga", "step": "Betyg", "count": "Antal svar"},
        points=10,
        indices=[{"questions": ["Trygghet kväll"], "share": "hogt_betyg", "mean": "betygsindex"}],
    )
    result = figures(path, survey)
    # Top two steps 9 and 10: (15 + 10) / 100.
    assert result[("1480", "hogt_betyg")].value == 0.25
    # Σ n × (s − 1) = 614, so the mean is 614 / 9 × 100 / 100 = 68.22.
    assert result[("1480", "betygsindex")].value == pytest.approx(614 / 9)
    assert result[("1480", "betygsindex")].location.file == "medborgare.xlsx (Sheet)"


def test_questions_of_different_scales_in_one_wide_file(tmp_path):
    path = wide_csv(
        tmp_path,
        ["1480C1010;Q3;12;30;41;17;;5", "1480C1010;Q5;3;7;20;40;30;0"],
        header="area;question;1;2;3;4;5;Vet ej",
    )
    survey = definition(
        questions={"Q5": {"points": 5}},
        indices=[{"questions": ["Q3"], "share": "a"}, {"questions": ["Q5"], "share": "b"}],
    )
    result = figures(path, survey)
    assert result[("1480C1010", "a")].value == 0.58
    assert result[("1480C1010", "b")].value == 0.7


def test_the_top_steps_are_configurable_per_survey_and_per_question(tmp_path):
    path = wide_csv(tmp_path, ["1480C1010;Q3;12;30;41;17;5", "1480C1010;Q4;12;30;41;17;5"])
    survey = definition(
        top_steps=[4],
        questions={"Q4": {"top_steps": [2, 3, 4]}},
        indices=[{"questions": ["Q3"], "share": "a"}, {"questions": ["Q4"], "share": "b"}],
    )
    result = figures(path, survey)
    assert result[("1480C1010", "a")].value == 0.17
    assert result[("1480C1010", "b")].value == 0.88


def test_labels_mapped_to_steps(tmp_path):
    path = wide_csv(
        tmp_path,
        ["1480C1010;Q3;12;30;41;17;5"],
        header="area;question;Mycket otrygg;Ganska otrygg;Ganska trygg;Mycket trygg;Vet ej",
    )
    survey = definition(
        step_labels={"Mycket otrygg": 1, "Ganska otrygg": 2, "Ganska trygg": 3, "Mycket trygg": 4}
    )
    assert figures(path, survey)[("1480C1010", "idx")].value == 0.58
