"""`grogrund areas load`: the area registry (SCB's areas) into the database, idempotently.

grogrund areas load                                       Sweden, counties, municipalities,
                                                          RegSO 2020 and DeSO 2018
grogrund areas load --deso2025 --file METADATA.json      DeSO 2025 and RegSO 2025 from a
                                                          saved SCB metadata response
grogrund areas load --deso2025 --live --table TAB6574    the same, read from SCB's API
grogrund areas boundaries FILE [--level deso|regso|municipality]
                                                          area boundaries from SCB's
                                                          GeoPackage or GeoJSON (docs/maps.md)
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from grogrund.areas.registry.loader import (
    RegistryResult,
    UnknownParentError,
    load_registry,
    load_scb_regions,
)
from grogrund.core.errors import user_message
from grogrund.sources import SourceError
from grogrund.sources.scb import ScbClient
from grogrund.sources.scb_regions import ScbRegion, fetch_regions, read_metadata_file


class Command(BaseCommand):
    help = (
        "The area registry. Examples:\n"
        "  grogrund areas load\n"
        "  grogrund areas load --deso2025 --file TAB6574_metadata.json\n"
        "  grogrund areas load --deso2025 --live --table TAB6574\n"
        "  grogrund areas boundaries DeSO_2018_v2.gpkg"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser(
            "load",
            help="load SCB's areas (again): nothing is written for areas already right",
        )
        load.add_argument(
            "--deso2025",
            action="store_true",
            help="DeSO 2025 and RegSO 2025 areas from the metadata of an SCB DeSO 2025 table",
        )
        load.add_argument("--file", help="saved answer of GET /tables/TAB…/metadata")
        load.add_argument("--live", action="store_true", help="read the metadata from SCB")
        load.add_argument("--table", help="SCB table id with DeSO 2025, e.g. TAB6574")
        load.add_argument(
            "--language", choices=["sv", "en"], default="sv", help="language of messages"
        )
        from grogrund.areas.boundary_command import add_boundaries_parser

        add_boundaries_parser(sub)

    def handle(self, *args: Any, **o: Any) -> None:
        if o["action"] == "boundaries":
            from grogrund.areas.boundary_command import import_boundaries_command

            import_boundaries_command(self, o)
            return
        with translation.override(o["language"]):
            result = self._deso2025(o) if o["deso2025"] else load_registry()
            self.stdout.write(
                _("Areas: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.")
                % {
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                }
            )

    def _deso2025(self, o: dict[str, Any]) -> RegistryResult:
        if bool(o["file"]) == bool(o["live"]):
            raise CommandError(_("Give either --file METADATA.json or --live --table TAB…."))
        if o["live"] and not o["table"]:
            raise CommandError(_("--live needs --table, the id of an SCB table with DeSO 2025."))
        try:
            regions: list[ScbRegion] = (
                read_metadata_file(o["file"])
                if o["file"]
                else fetch_regions(ScbClient(language=o["language"]), o["table"])
            )
            return load_scb_regions(regions)
        except SourceError as err:
            raise CommandError(user_message(err)) from err
        except UnknownParentError as err:
            raise CommandError(
                _("These municipalities are not in the area registry: %(codes)s.")
                % {"codes": ", ".join(err.codes)}
            ) from err
