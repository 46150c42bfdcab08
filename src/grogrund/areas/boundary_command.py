"""`grogrund areas boundaries FILE`: area boundaries from SCB's GeoPackage or GeoJSON files.

The command of `grogrund_areas` (the `areas` command's other subcommand is `load`): the file
is read (`sources.boundaries`), checked whole and stored all or nothing
(`areas.boundaries.import_boundaries`), with progress bars for reading and simplifying.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from tqdm import tqdm

from grogrund.accounts.models import HistoryChannel
from grogrund.areas.boundaries import EDITIONS, import_boundaries
from grogrund.core.errors import user_message
from grogrund.sources.boundaries import LEVELS, read_boundaries
from grogrund.sources.errors import SourceError

DEFAULT_SOURCE = "SCB, öppna geodata (CC0)"


def add_boundaries_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "boundaries",
        help="area boundaries from SCB's GeoPackage (.gpkg) or GeoJSON in SWEREF 99 TM",
    )
    parser.add_argument("file", help="the boundary file as downloaded from SCB")
    parser.add_argument(
        "--level",
        choices=LEVELS,
        help="the areas' level (default: from the code column: deso/desokod, regsokod, "
        "kommunkod/KnKod)",
    )
    parser.add_argument(
        "--edition",
        choices=EDITIONS,
        default="auto",
        help="DeSO/RegSO edition: 2025 adds SCB's _DeSO2025/_RegSO2025 suffix to the codes "
        "(default: from the file)",
    )
    parser.add_argument("--layer", help="the GeoPackage layer, when it has several")
    parser.add_argument("--source", default=DEFAULT_SOURCE, help="the source named on maps")
    parser.add_argument(
        "--retrieved",
        type=date.fromisoformat,
        default=None,
        help="when the file was downloaded, YYYY-MM-DD (default: today)",
    )
    parser.add_argument(
        "--language", choices=["sv", "en"], default="sv", help="language of messages"
    )


def import_boundaries_command(command: BaseCommand, o: dict[str, Any]) -> None:
    path = Path(o["file"])
    if not path.is_file():
        raise CommandError(f"{path}: no such file")
    with translation.override(o["language"]):
        try:
            with tqdm(unit=" areas", desc=_("reading"), disable=None) as bar:
                boundaries = read_boundaries(
                    path, level=o["level"], layer=o["layer"], on_progress=bar.update
                )
            with tqdm(
                total=len(boundaries.features), unit=" areas", desc=_("simplifying"), disable=None
            ) as bar:
                result = import_boundaries(
                    boundaries=boundaries,
                    source=o["source"],
                    retrieved_on=o["retrieved"] or date.today(),
                    user=None,
                    edition=o["edition"],
                    via=HistoryChannel.ADMIN,
                    on_progress=bar.update,
                )
        except SourceError as err:
            raise CommandError(user_message(err)) from err
        command.stdout.write(
            _(
                "Boundaries of %(level)s from %(file)s: %(created)s created, %(updated)s "
                "updated, %(unchanged)s unchanged."
            )
            % {
                "level": result.level,
                "file": result.file,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            }
        )
        if result.converted_from:
            command.stdout.write(
                _("Converted from longitude/latitude (EPSG:%(epsg)s) to SWEREF 99 TM.")
                % {"epsg": result.converted_from}
            )
