import pytest

from builders import make_area, make_indicator, make_org
from grogrund.areas.models import AreaLevel
from grogrund.sources.tabular import ColumnMapping, read_table

MAPPING = ColumnMapping(
    area_code="area",
    indicator_code="indicator",
    period="period",
    numerator="numerator",
    denominator="denominator",
    source="Egen",
)


@pytest.fixture
def catalogue(db):
    """A municipality with two DeSOs and two indicators, as the import files below name them."""
    municipality = make_area("9901", AreaLevel.MUNICIPALITY)
    make_area("9901A0010", parent=municipality)
    make_area("9901A0020", parent=municipality)
    make_indicator("employment")
    make_indicator("unemployment", direction="lower_is_better")
    return make_org("Bostadsbolaget")


def read(path):
    return read_table(path, MAPPING)
