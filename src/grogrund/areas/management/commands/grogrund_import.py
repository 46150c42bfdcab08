"""`grogrund import scb|kolada|csv|xlsx ...`: statistics into a dataset, all or nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _
from tqdm import tqdm

from grogrund.accounts.models import Organisation, Visibility
from grogrund.areas import services
from grogrund.core.errors import user_message
from grogrund.sources import (
    ColumnMapping,
    KoladaClient,
    ObservationRecord,
    ScbClient,
    ScbMapping,
    SourceError,
    read_jsonstat_file,
    read_kolada_file,
    read_table,
)
from grogrund.sources.kolada import KOLADA_SOURCE
from grogrund.sources.scb import SCB_SOURCE


def _renamed(
    records: Iterator[ObservationRecord], names: dict[str, str]
) -> Iterator[ObservationRecord]:
    """Kolada KPI ids (N15428) → Grogrund indicator codes, as the user mapped them."""
    from dataclasses import replace

    for record in records:
        code = names.get(record.indicator_code)
        yield replace(record, indicator_code=code) if code else record


class Command(BaseCommand):
    help = (
        "Import statistics. Examples:\n"
        "  grogrund import csv figures.csv --org grobo-bostader --dataset 'Egna siffror' "
        "--source 'Uthyrningssystemet 2025'\n"
        "  grogrund import scb --file TAB6680.json --mapping scb-employment.yaml "
        "--org grobo-kommun\n"
        "  grogrund import scb --live --mapping scb-employment.yaml --regions 0180 --periods 2023\n"
        "  grogrund import kolada --kpi N15428 --municipality 0180 --years 2023,2024 "
        "--map N15428=eligible_upper_secondary --org grobo-kommun"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["csv", "xlsx", "scb", "kolada"])
        parser.add_argument("file", nargs="?", help="CSV/XLSX file (csv, xlsx)")
        parser.add_argument("--org", required=True, help="owner organisation (short name)")
        parser.add_argument("--dataset", help="dataset name (default: from the source)")
        parser.add_argument("--source", help="source text shown beside every figure")
        parser.add_argument(
            "--visibility", choices=[v.value for v in Visibility], default=Visibility.PRIVATE
        )
        parser.add_argument(
            "--language", choices=["sv", "en"], default="sv", help="language of messages"
        )
        tab = parser.add_argument_group("csv/xlsx")
        tab.add_argument("--mapping", help="YAML column mapping (csv/xlsx) or SCB mapping (scb)")
        tab.add_argument("--area-column", default="area")
        tab.add_argument("--indicator-column", default="indicator")
        tab.add_argument("--indicator", help="one indicator for the whole file")
        tab.add_argument("--period-column", default="period")
        tab.add_argument("--value-column", default=None)
        tab.add_argument("--numerator-column", default=None)
        tab.add_argument("--denominator-column", default=None)
        tab.add_argument("--sheet", default=None)
        scb = parser.add_argument_group("scb")
        scb.add_argument(
            "--file",
            dest="data_file",
            action="append",
            help="saved JSON-stat2 response (repeatable)",
        )
        scb.add_argument("--live", action="store_true", help="read from the SCB API")
        scb.add_argument("--regions", default="*", help="comma-separated region codes or *")
        scb.add_argument("--periods", default="*", help="comma-separated periods or *")
        kol = parser.add_argument_group("kolada")
        kol.add_argument("--kpi", default="", help="comma-separated KPI ids (live)")
        kol.add_argument("--municipality", default="", help="comma-separated codes (live)")
        kol.add_argument("--years", default="", help="comma-separated years (live)")
        kol.add_argument(
            "--map",
            action="append",
            default=[],
            help="KPI=indicator_code, e.g. N15428=eligible_upper_secondary",
        )

    def handle(self, *args: Any, **o: Any) -> None:
        translation.activate(o["language"])
        try:
            owner = Organisation.objects.get(slug=o["org"])
        except Organisation.DoesNotExist as exc:
            raise CommandError(
                _("No organisation with the short name %(slug)s.") % {"slug": o["org"]}
            ) from exc
        try:
            records, source, name, total = self._records(o)
            with tqdm(
                total=total, unit="rows", desc=_("Importing"), disable=None, file=self.stderr._out
            ) as bar:
                result = services.import_observations(
                    records=records,
                    owner=owner,
                    dataset_name=o["dataset"] or name,
                    source=o["source"] or source,
                    visibility=o["visibility"],
                    on_progress=bar.update,
                )
        except SourceError as err:
            raise CommandError(user_message(err)) from err
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Imported %(rows)s rows into “%(name)s”: %(created)s new, %(updated)s changed, "
                    "%(unchanged)s unchanged."
                )
                % {
                    "rows": result.rows,
                    "name": result.dataset.name,
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                }
            )
        )

    def _records(
        self, o: dict[str, Any]
    ) -> tuple[Iterator[ObservationRecord], str, str, int | None]:
        kind = o["kind"]
        if kind in {"csv", "xlsx"}:
            if not o["file"]:
                raise CommandError(_("Name the file to import."))
            path = Path(o["file"])
            if not path.exists():
                raise CommandError(_("File not found: %(path)s") % {"path": path})
            if o["mapping"]:
                mapping = ColumnMapping.from_dict(
                    yaml.safe_load(Path(o["mapping"]).read_text(encoding="utf-8")),
                    file=Path(o["mapping"]).name,
                )
            else:
                fields = {
                    "area_code": o["area_column"],
                    "period": o["period_column"],
                    "value": o["value_column"],
                    "numerator": o["numerator_column"],
                    "denominator": o["denominator_column"],
                    "sheet": o["sheet"],
                    "source": o["source"] or "",
                }
                if o["indicator"]:
                    fields["indicator"] = o["indicator"]
                else:
                    fields["indicator_code"] = o["indicator_column"]
                if not (fields["value"] or fields["numerator"]):
                    fields["value"] = "value"
                mapping = ColumnMapping.from_dict(fields, file="--*-column")
            lines = None
            if kind == "csv":
                with path.open("rb") as fh:
                    lines = max(0, sum(1 for _line in fh) - 1)
            return read_table(path, mapping), o["source"] or path.name, path.stem, lines
        if kind == "scb":
            if not o["mapping"]:
                raise CommandError(_("An SCB import needs --mapping (see docs/import.md)."))
            scb_mapping = ScbMapping.from_yaml(Path(o["mapping"]))
            name = f"SCB {scb_mapping.table_id}"
            if o["live"]:
                client = ScbClient(language=o["language"])
                recs = client.read(
                    scb_mapping, regions=o["regions"].split(","), periods=o["periods"].split(",")
                )
                return recs, SCB_SOURCE, name, None
            if not o["data_file"]:
                raise CommandError(_("Give --file with a saved JSON-stat2 response, or --live."))
            files = [Path(f) for f in o["data_file"]]

            def chained() -> Iterator[ObservationRecord]:
                for f in files:
                    yield from read_jsonstat_file(f, scb_mapping)

            return chained(), scb_mapping.source, name, None
        names = dict(item.split("=", 1) for item in o["map"] if "=" in item)
        if o["data_file"] or o["file"]:
            files = [Path(f) for f in (o["data_file"] or [o["file"]])]

            def kolada_files() -> Iterator[ObservationRecord]:
                for f in files:
                    yield from read_kolada_file(f)

            return _renamed(kolada_files(), names), KOLADA_SOURCE, "Kolada", None
        if not (o["kpi"] and o["municipality"] and o["years"]):
            raise CommandError(_("Give --kpi, --municipality and --years, or --file."))
        client = KoladaClient()
        recs = client.data(o["kpi"].split(","), o["municipality"].split(","), o["years"].split(","))
        return _renamed(recs, names), KOLADA_SOURCE, "Kolada", None
