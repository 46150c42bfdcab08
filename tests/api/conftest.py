import pytest

from builders import api_client as client_for
from builders import make_area, make_dataset, make_indicator, make_org, make_user
from grogrund.accounts.models import Role
from grogrund.areas.models import AreaLevel


@pytest.fixture
def org(db):
    return make_org("Bostadsbolaget")


@pytest.fixture
def areas(db):
    municipality = make_area("9901", AreaLevel.MUNICIPALITY)
    return {
        "9901": municipality,
        "9901A0010": make_area("9901A0010", parent=municipality),
        "9901A0020": make_area("9901A0020", parent=municipality),
    }


@pytest.fixture
def indicator(db):
    return make_indicator("employment")


@pytest.fixture
def dataset(org):
    return make_dataset(org, "Egen statistik")


@pytest.fixture
def editor(org):
    return client_for(make_user(org, Role.EDITOR))


@pytest.fixture
def viewer(org):
    return client_for(make_user(org, Role.VIEWER))


@pytest.fixture
def outsider(db):
    return client_for(make_user(make_org("Någon annan"), Role.EDITOR))
