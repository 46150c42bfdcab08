"""A file holding a personal identity number is refused, says where, and writes nothing."""

import pytest
from django.utils import translation

from builders import csv_file
from builders import read_records as read
from grogrund.areas.models import Observation
from grogrund.areas.services import import_observations
from grogrund.core.errors import user_message
from grogrund.sources.errors import SourceError

# 811218-9876: Luhn over 811218987 gives the check digit 6, so this is a valid number.
PERSONNUMMER = "19811218-9876"


def test_a_file_with_a_personal_number_is_refused_and_nothing_is_written(catalogue, tmp_path):
    rows = ["9901A0010;employment;2024;45;100", f"9901A0020;employment;{PERSONNUMMER};5;10"]
    with pytest.raises(SourceError) as caught:
        import_observations(
            records=read(csv_file(tmp_path, "hyresgaster.csv", rows)),
            owner=catalogue,
            dataset_name="Exempel",
            source="Egen",
        )
    assert caught.value.code == "personal_number"
    with translation.override("en"):
        message = user_message(caught.value)
    assert "hyresgaster.csv" in message and "row 3" in message and "column C" in message
    assert PERSONNUMMER not in message  # the number itself is never repeated back
    assert Observation.objects.count() == 0


def test_a_number_that_fails_the_check_digit_is_an_ordinary_figure(catalogue, tmp_path):
    rows = ["9901A0010;employment;2024;8112189875;8112189999"]
    result = import_observations(
        records=read(csv_file(tmp_path, "tal.csv", rows)),
        owner=catalogue,
        dataset_name="Exempel",
        source="Egen",
    )
    assert result.created == 1
