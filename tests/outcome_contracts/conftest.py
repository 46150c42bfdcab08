from __future__ import annotations

import pytest
from django.utils import translation

from outcome_contracts.contract_builders import World, make_world


@pytest.fixture(autouse=True)
def _english():
    """The services' messages are matched in English (msgids): the Swedish catalog of this
    app is filled later, and a test must not change meaning when it is."""
    translation.activate("en")
    yield


@pytest.fixture
def world(db) -> World:
    return make_world()
