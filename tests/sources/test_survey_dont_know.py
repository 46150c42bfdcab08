""" "Vet ej" and "ej svar" are kept apart: not valid answers, not in the index's denominator,
but they are respondents."""

from grogrund.sources.survey import SurveyReader

from .survey_helpers import definition, wide_csv


def _read(tmp_path, row, header="area;question;1;2;3;4;Vet ej;Ej svar", **fields):
    survey = definition(respondents="svarande", **fields)
    return {
        r.indicator_code: r
        for r in SurveyReader(wide_csv(tmp_path, [row], header), survey).records()
    }


def test_dont_know_is_left_out_of_the_denominator(tmp_path):
    result = _read(tmp_path, "1480C1010;Q3;12;30;41;17;5;3")
    assert (result["idx"].numerator, result["idx"].denominator) == (58, 100)


def test_dont_know_and_no_answer_count_as_respondents(tmp_path):
    result = _read(tmp_path, "1480C1010;Q3;12;30;41;17;5;3")
    assert result["svarande"].value == 108


def test_more_dont_know_answers_do_not_change_the_index(tmp_path):
    few = _read(tmp_path, "1480C1010;Q3;12;30;41;17;0;0")["idx"].value
    many = _read(tmp_path, "1480C1010;Q3;12;30;41;17;50;20")["idx"].value
    assert few == many == 0.58


def test_an_area_with_only_dont_know_answers_has_no_index(tmp_path):
    result = _read(tmp_path, "1480C1010;Q3;0;0;0;0;6;0")
    assert result["idx"].value is None and result["idx"].status == "missing"
    assert result["idx"].denominator == 0


def test_the_dont_know_labels_are_configurable(tmp_path):
    result = _read(
        tmp_path,
        "1480C1010;Q3;12;30;41;17;5",
        header="area;question;1;2;3;4;Ingen uppfattning",
        dont_know=["Ingen uppfattning"],
    )
    assert result["idx"].denominator == 100 and result["svarande"].value == 105
