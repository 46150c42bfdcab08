"""This app's part of the demo programme (called from grogrund.programmes.demo)."""

from __future__ import annotations

from grogrund.programmes.models import Programme


def build(programme: Programme) -> None:
    """Add this app's demo objects to the demo programme; running it twice changes nothing."""
