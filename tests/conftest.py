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


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Swedish, the default: a request activates its visitor's language
    for the thread (as Django's own LocaleMiddleware does), and an English request in an
    earlier test would otherwise leak into the next one's gettext."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> object:
    """A test on a flushed database (`transaction=True`, a live server) empties every table
    when it ends, the area registry the migration loaded included: load it back after its
    teardown, so that the tests after it on the same worker find the real areas, as every
    installation does."""
    result = yield
    names = set(getattr(item, "fixturenames", ()))
    marker = item.get_closest_marker("django_db")
    flushed = bool(names & {"transactional_db", "live_server"}) or bool(
        marker is not None and marker.kwargs.get("transaction")
    )
    if flushed and nextitem is not None:
        from pytest_django.plugin import blocking_manager_key

        from grogrund.areas.registry import load_registry

        with item.config.stash[blocking_manager_key].unblock():
            load_registry()
    return result
