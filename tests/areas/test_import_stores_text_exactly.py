"""Whatever the database (PostgreSQL imports through COPY), text and missing values are stored
exactly as given."""

from datetime import UTC, datetime

import pytest

from builders import make_indicator, make_org
from grogrund.areas.models import Observation
from grogrund.areas.services import import_observations
from grogrund.sources.records import Location, ObservationRecord

AWKWARD = "Källa\twith tab, back\\slash,\nnew line and \\N"


@pytest.mark.django_db
def test_awkward_source_text_and_missing_values_round_trip() -> None:
    org = make_org()
    # 0180C1010 (a DeSO in Stockholm) comes with the area registry.
    make_indicator("employment")
    records = [
        ObservationRecord(
            "0180C1010", "employment", "2024", 0.5, 50, 100, AWKWARD, Location("f.csv", 2)
        ),
        ObservationRecord(
            "0180C1010",
            "employment",
            "2025",
            None,
            None,
            None,
            AWKWARD,
            Location("f.csv", 3),
            status="..",
        ),
    ]
    when = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    result = import_observations(
        records=records, owner=org, dataset_name="d", source="s", retrieved_at=when
    )
    assert (result.created, result.updated) == (2, 0)
    stored = {o.period: o for o in Observation.objects.all()}
    assert stored["2024"].source == AWKWARD
    assert (stored["2024"].value, stored["2024"].numerator, stored["2024"].denominator) == (
        0.5,
        50,
        100,
    )
    assert (stored["2025"].value, stored["2025"].numerator) == (None, None)
    assert stored["2025"].retrieved_at == when
