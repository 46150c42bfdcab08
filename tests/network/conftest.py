import pytest

from network.network_builders import NetworkWorld, build_network_world


@pytest.fixture
def world(db) -> NetworkWorld:
    return build_network_world()
