"""The response rate is respondents / invited, from a column or a number in the definition;
respondents come from a column or, without one, the most answers any question got."""

import pytest

from grogrund.sources.errors import SourceError

from .survey_helpers import definition, figures, wide_csv

RATE = {"response_rate": "svarsfrekvens", "respondents": "svarande"}


def test_invited_from_a_column(tmp_path):
    path = wide_csv(
        tmp_path,
        ["1480C1010;Q3;12;30;41;17;5;200", "1480C1010;Q7;20;25;35;20;0;200"],
        header="area;question;1;2;3;4;Vet ej;Utskick",
    )
    result = figures(path, definition(columns={"invited": "Utskick"}, **RATE))
    rate = result[("1480C1010", "svarsfrekvens")]
    # Respondents: the most answers a question got, Q3's 105 (Q7 had 100).
    assert (rate.numerator, rate.denominator, rate.value) == (105, 200, 0.525)
    assert result[("1480C1010", "svarande")].value == 105


def test_invited_per_area_in_the_definition(tmp_path):
    path = wide_csv(tmp_path, ["1480C1010;Q3;12;30;41;17;5", "1480C1020;Q3;1;2;3;4;0"])
    result = figures(path, definition(invited={"1480C1010": 150, "1480C1020": 40}, **RATE))
    assert result[("1480C1010", "svarsfrekvens")].value == pytest.approx(0.7)
    assert result[("1480C1020", "svarsfrekvens")].value == 0.25


def test_respondents_from_a_column(tmp_path):
    path = wide_csv(
        tmp_path, ["1480C1010;Q3;12;30;41;17;5;120"], header="area;question;1;2;3;4;Vet ej;Svarande"
    )
    result = figures(path, definition(columns={"respondents": "Svarande"}, invited=300, **RATE))
    assert result[("1480C1010", "svarande")].value == 120
    assert result[("1480C1010", "svarsfrekvens")].value == 0.4


def test_more_respondents_than_invited_is_refused(tmp_path):
    path = wide_csv(tmp_path, ["1480C1010;Q3;12;30;41;17;5"])
    with pytest.raises(SourceError) as caught:
        figures(path, definition(invited=100, **RATE))
    assert caught.value.code == "numerator_above_denominator"
    assert "105" in caught.value.message and "100" in caught.value.message


def test_a_response_rate_needs_the_number_invited():
    with pytest.raises(SourceError) as caught:
        definition(response_rate="svarsfrekvens")
    assert "invited" in caught.value.message
