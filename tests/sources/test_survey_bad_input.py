"""Bad survey files and definitions are refused with the file, row and column and what to do."""

import openpyxl
import pytest

from grogrund.sources.errors import SourceError

from .survey_helpers import definition, figures, wide_csv


def _refused(tmp_path, rows, header="area;question;1;2;3;4;Vet ej", **fields):
    with pytest.raises(SourceError) as caught:
        figures(wide_csv(tmp_path, rows, header), definition(**fields))
    return caught.value


def test_an_unknown_step_column_names_the_column(tmp_path):
    err = _refused(tmp_path, ["1480C1010;Q3;1;2;3;4;5"], header="area;question;1;2;3;4;Vet inte")
    assert err.code == "unknown_step"
    assert (err.location.row, err.location.column) == (1, "G (Vet inte)")
    assert "Vet inte" in err.message and "Vet ej" in err.message


def test_an_unknown_step_in_a_long_file_names_the_row(tmp_path):
    err = _refused(
        tmp_path,
        ["1480C1010;Q3;1;12", "1480C1010;Q3;Mycket bra;30"],
        header="area;question;step;count",
        layout="long",
        columns={"step": "step", "count": "count"},
    )
    assert err.code == "unknown_step"
    assert (err.location.row, err.location.column) == (3, "C (step)")


def test_a_negative_count(tmp_path):
    err = _refused(tmp_path, ["1480C1010;Q3;12;-30;41;17;5"])
    assert err.code == "negative_count"
    assert (err.location.row, err.location.column) == (2, "D (2)")


def test_a_step_beyond_the_scale(tmp_path):
    err = _refused(tmp_path, ["1480C1010;Q3;12;30;41;17;3"], header="area;question;1;2;3;4;5")
    assert err.code == "step_beyond_scale"
    assert (err.location.row, err.location.column) == (2, "G (5)")
    assert "1–4" in err.message


def test_an_empty_step_beyond_the_scale_is_harmless(tmp_path):
    path = wide_csv(tmp_path, ["1480C1010;Q3;12;30;41;17;"], header="area;question;1;2;3;4;5")
    assert figures(path, definition())[("1480C1010", "idx")].value == 0.58


def test_a_count_that_is_not_a_whole_number(tmp_path):
    err = _refused(tmp_path, ["1480C1010;Q3;12;30,5;41;17;5"])
    assert err.code == "not_whole"
    assert (err.location.row, err.location.column) == (2, "D (2)")


def test_a_percentage_instead_of_a_count_in_xlsx(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.append(["area", "question", "1", "2", "3", "4"])
    workbook.active.append(["1480C1010", "Q3", 0.12, 0.3, 0.41, 0.17])
    path = tmp_path / "andelar.xlsx"
    workbook.save(path)
    with pytest.raises(SourceError) as caught:
        figures(path, definition())
    assert caught.value.code == "not_whole"
    assert caught.value.location.file == "andelar.xlsx (Sheet)"


def test_text_where_a_count_belongs(tmp_path):
    err = _refused(tmp_path, ["1480C1010;Q3;tolv;30;41;17;5"])
    assert err.code == "not_a_number" and "tolv" in err.message


def test_a_hidden_count_cannot_make_an_index(tmp_path):
    err = _refused(tmp_path, ["1480C1010;Q3;..;30;41;17;5"])
    assert err.code == "missing_count"
    assert err.location.column == "C (1)"


def test_a_personal_identity_number_anywhere_refuses_the_file(tmp_path):
    err = _refused(
        tmp_path,
        ["1480C1010;Q3;12;30;41;17;5", "1480C1010;Q99 svar från 19900101-1239;1;0;0;0;0"],
    )
    assert err.code == "personal_number"
    assert err.location.row == 3
    assert "1239" not in err.message  # masked


def test_a_personal_identity_number_in_the_definition(tmp_path):
    with pytest.raises(SourceError) as caught:
        definition(source="Enkät, kontakt 900101-1239")
    assert caught.value.code == "personal_number"


def test_a_row_given_twice(tmp_path):
    err = _refused(tmp_path, ["1480C1010;Q3;12;30;41;17;5", "1480C1010;Q3;12;30;41;17;5"])
    assert err.code == "duplicate_row" and err.location.row == 3
    assert "row 2" in err.message


def test_a_missing_column(tmp_path):
    err = _refused(tmp_path, ["0180;Q3;1;2;3;4;0"], header="omrade;question;1;2;3;4;Vet ej")
    assert err.code == "missing_columns" and "'area'" in err.message


def test_a_file_with_only_a_header(tmp_path):
    err = _refused(tmp_path, [])
    assert err.code == "empty_file"


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        ({"points": 12}, "points"),
        ({"top_steps": [4, 5]}, "top step 5"),
        ({"indices": []}, "indices"),
        ({"indices": [{"questions": ["Q3"]}]}, "share or a mean"),
        ({"layout": "long"}, "columns.step"),
        ({"period": None}, "period"),
        (
            {"indices": [{"questions": ["Q3"], "share": "x"}, {"questions": ["Q4"], "share": "x"}]},
            "used twice",
        ),
    ],
)
def test_an_invalid_definition_says_what_is_wrong(fields, says):
    with pytest.raises(SourceError) as caught:
        definition(**fields)
    assert caught.value.code == "invalid_mapping"
    assert says in caught.value.message
