import pytest

from builders import make_area, make_indicator, make_org
from grogrund.areas.models import AreaLevel


@pytest.fixture
def catalogue(db):
    """A municipality with two DeSOs and two indicators, as the import files below name them."""
    municipality = make_area("9901", AreaLevel.MUNICIPALITY)
    make_area("9901A0010", parent=municipality)
    make_area("9901A0020", parent=municipality)
    make_indicator("employment")
    make_indicator("unemployment", direction="lower_is_better")
    return make_org("Bostadsbolaget")
