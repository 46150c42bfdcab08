"""API endpoints of this app, registered on the one router in grogrund/api/urls.py."""

from rest_framework.routers import DefaultRouter


def register(router: DefaultRouter) -> None:
    """Add this app's viewsets to the API router."""
