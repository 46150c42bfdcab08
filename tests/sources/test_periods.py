"""What a period is: a year, a month, a quarter or two consecutive years; nothing else."""

import pytest

from grogrund.sources import SourceError
from grogrund.sources.periods import check_period, normalise_period
from grogrund.sources.records import Location


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("2023", "2023"),
        (" 2023 ", "2023"),
        ("2024M09", "2024M09"),
        ("2024m09", "2024M09"),
        ("2024K3", "2024K3"),
        ("2024Q3", "2024K3"),  # SCB's English tables write Q: the same quarter
        ("2023-2024", "2023-2024"),  # a school year (läsår)
        ("2023/2024", "2023-2024"),
        ("2023/24", "2023-2024"),
        ("1999/00", "1999-2000"),
    ],
)
def test_periods_as_published_are_read(given: str, stored: str) -> None:
    assert normalise_period(given) == stored


@pytest.mark.parametrize(
    "given",
    [
        "",
        "x",
        "23",
        "2024M13",
        "2024M00",
        "2024K5",
        "2010-2024",  # longer than any period a figure is published for
        "2024-2023",
        "2024-09-30",  # a date is not a period
        "1850",
        "9999",
        "2023a",
    ],
)
def test_what_is_not_a_period_is_refused(given: str) -> None:
    assert normalise_period(given) is None


def test_the_message_names_the_place_and_the_forms() -> None:
    with pytest.raises(SourceError) as caught:
        check_period("2010-2024", Location(file="skola.csv", row=7, column="B (År)"))
    message = caught.value.message
    assert "'2010-2024' in skola.csv, row 7 is not a period" in message
    assert "2024M09" in message and "2024K3" in message and "2023-2024" in message
    assert caught.value.code == "invalid_period"
