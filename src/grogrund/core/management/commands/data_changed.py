"""`grogrund data_changed`: after changing the database outside Grogrund (psql, a script),
make every process stop serving pages kept from before (see grogrund.core.generation)."""

from typing import Any

from django.core.management.base import BaseCommand

from grogrund.core.generation import current, data_changed


class Command(BaseCommand):
    help = "Tell every Grogrund process that the data changed outside Grogrund."

    def handle(self, *args: Any, **options: Any) -> None:
        data_changed()
        self.stdout.write(f"data generation {current()}")
