import pytest

from reports.builders import World, make_world


@pytest.fixture
def world(db, settings, tmp_path) -> World:
    settings.MEDIA_ROOT = tmp_path / "media"
    return make_world()


@pytest.fixture
def fast_pdf(monkeypatch):
    """Reports stored without printing (for tests about what is stored, not how it prints):
    the PDF is a placeholder of one page."""
    from grogrund.reports import services

    def placeholder(html, **kwargs):
        return b"%PDF-1.7\n% placeholder\n", 1

    monkeypatch.setattr(services, "render_document", placeholder)
