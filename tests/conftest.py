import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Each test starts with no kept pages: they live in the process's memory, and a test's
    rolled-back database can repeat an earlier test's ids and data generation."""
    from django.core.cache import caches

    caches["pages"].clear()
    yield
    caches["pages"].clear()
