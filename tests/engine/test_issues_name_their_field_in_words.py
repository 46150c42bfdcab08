"""Every error and warning names its field twice: by its path in the model file, for tools,
and in plain words, for people (the English labels of the app's editor)."""

from __future__ import annotations

import pytest

from grogrund.engine import Issue, ModelError, load_model
from grogrund.engine.labels import field_label

from .builders import sroi_model, sroi_outcome


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("outcomes[2].deadweight", "Deadweight (%), outcome 3"),
        (
            "outcomes[0].effects[1].share",
            "Share carried by this stakeholder (%), effect 2 of outcome 1",
        ),
        (
            "outcomes[0].effects_from[municipality].share",
            "Share carried by this stakeholder (%), avoided cost of exclusion for municipality "
            "of outcome 1",
        ),
        ("costs[1].by_year.2026", "Amounts by year (2026), cost 2"),
        ("metrics[0].outcomes[2027]", "Expected outcome by year (2027), metric 1"),
        ("property.baseline.vacancy_rate", "Vacancy rate now (%)"),
        ("property.improved.noi_sek_per_year", "Net operating income after (kr/year)"),
        ("property.dcf_rate", "Discount rate of the cash-flow valuation (%)"),
        ("discounting.rate", "Discount rate (% per year, real)"),
        ("value_overrides.crime_assault.source", "Source and reason, own value for crime_assault"),
        ("goals[0].fixed_count", "Or a fixed number of people, goal 1"),
        ("outcomes[0]", "Outcome 1"),
        ("some_new_field", "Some new field"),
        ("", ""),
    ],
)
def test_a_path_in_words(path: str, label: str) -> None:
    assert field_label(path) == label


def test_an_error_of_the_model_carries_both() -> None:
    with pytest.raises(ModelError) as exc:
        load_model(sroi_model([sroi_outcome(), sroi_outcome(id="o2", attribution=120)]))
    issue = exc.value.to_dict()["errors"][0]
    assert issue["path"] == "outcomes[1].attribution"
    assert issue["label"] == "Attribution to others (%), outcome 2"


def test_a_stored_issue_without_a_label_gets_one_from_its_path() -> None:
    stored = {"code": "negative_value", "message": "x", "path": "costs[0].amount_sek", "params": {}}
    assert Issue(**stored).label == "Amount per year (kr), cost 1"
    assert Issue(**stored, label="Own words").label == "Own words"
