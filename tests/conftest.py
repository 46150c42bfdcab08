import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches: they live in the process's memory, and a test's
    rolled-back database repeats an earlier test's ids and data generation, which their keys
    hold (as a restored database would: restart the server after a restore)."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()
