"""A kind of report without a comparison of its own is compared figure by figure: every number
that differs, named by the names around it (the indicator, the area's code, the year), never
by the position of the figure in the stored data."""

from grogrund.reports.changes import compare, describe


def _figures(value: float, numerator: float) -> dict:
    return {
        "format": 1,
        "made_at": "2026-01-01T00:00:00+00:00",
        "rows": [
            {
                "indicator": {"code": "employment", "name_sv": "Förvärvsarbetande"},
                "latest": {"period": "2024", "value": value},
                "series": {
                    "9901": [{"period": "2023", "numerator": numerator}],
                    "SE": [{"period": "2023", "numerator": 5.0}],
                },
            }
        ],
    }


def test_changed_numbers_are_named_by_what_they_belong_to():
    changes = compare("some-kind", _figures(0.5, 100), _figures(0.55, 120))
    assert [describe(c) for c in changes] == [
        "Förvärvsarbetande · 2024 · value: 0,50 → 0,55.",
        "Förvärvsarbetande · 9901 · 2023 · numerator: 100 → 120.",
    ]


def test_the_same_figures_have_no_changes():
    assert compare("some-kind", _figures(0.5, 100), _figures(0.5, 100)) == []
