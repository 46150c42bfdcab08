"""`grogrund import scb|kolada|csv|xlsx ...`: statistics into a dataset, all or nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _
from tqdm import tqdm

from grogrund.accounts.models import Organisation, Visibility
from grogrund.areas import services
from grogrund.areas.readers import ReadRequest, load_mapping_file, open_records
from grogrund.core.errors import user_message
from grogrund.sources import ObservationRecord, SourceError


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
        parser.add_argument("kind", choices=["csv", "xlsx", "scb", "kolada", "survey", "kpi"])
        parser.add_argument("file", nargs="?", help="CSV/XLSX file (csv, xlsx)")
        parser.add_argument("--org", help="owner organisation (short name); not for kpi")
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
        parser.add_argument(
            "--template",
            help="a saved import template of the organisation, or shared with it, by name "
            "(instead of --mapping / --definition)",
        )
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
            help="saved SCB file: json-stat2, json-stat or json (PxWeb v1), or .px (repeatable)",
        )
        scb.add_argument("--live", action="store_true", help="read from the SCB API")
        scb.add_argument("--regions", default="*", help="comma-separated region codes or *")
        scb.add_argument("--periods", default="*", help="comma-separated periods or *")
        scb.add_argument(
            "--region",
            default="",
            help="area of a table without a region dimension (default 00, Sweden)",
        )
        survey = parser.add_argument_group("survey")
        survey.add_argument(
            "--definition", help="YAML survey definition (scales, indices; docs/import.md)"
        )
        kol = parser.add_argument_group("kolada")
        kol.add_argument("--kpi", default="", help="comma-separated KPI ids (live)")
        kol.add_argument("--municipality", default="", help="comma-separated codes (live)")
        kol.add_argument("--years", default="", help="comma-separated years (live)")
        kol.add_argument(
            "--gender",
            choices=["T", "K", "M"],
            default=None,
            help="T total (default), K women, M men",
        )
        kol.add_argument(
            "--map",
            action="append",
            default=[],
            help="KPI=indicator_code, e.g. N15428=eligible_upper_secondary",
        )

    def handle(self, *args: Any, **o: Any) -> None:
        translation.activate(o["language"])
        if o["kind"] == "kpi":  # the price index: public statistics, owned by no organisation
            self._import_kpi(o)
            return
        if not o["org"]:
            raise CommandError(
                _("Give --org: the short name of the organisation that owns the data.")
            )
        try:
            owner = Organisation.objects.get(slug=o["org"])
        except Organisation.DoesNotExist as exc:
            raise CommandError(
                _("No organisation with the short name %(slug)s.") % {"slug": o["org"]}
            ) from exc
        if o["kind"] == "survey":
            self._import_survey(o, owner)
            return
        try:
            records, source, name, total = self._records(o, owner)
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
        self._write_imported(result)
        self._write_conversions(result.conversions)

    def _write_imported(self, result: Any) -> None:
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

    def _import_survey(self, o: dict[str, Any], owner: Organisation) -> None:
        """Tenant-survey answer counts: the indices it defines, indicators created if missing."""
        from grogrund.areas.surveys import import_survey

        if not o["file"]:
            raise CommandError(_("Name the file to import."))
        request = ReadRequest(kind="survey", files=[Path(o["file"])], language=o["language"])
        template_name = o.get("template")
        if o["definition"]:
            try:
                request.mapping = load_mapping_file(Path(o["definition"]))
            except SourceError as err:
                raise CommandError(user_message(err)) from err
            request.mapping_name = Path(o["definition"]).name
        elif template_name:
            # Own or shared survey templates, as for every other kind (--template).
            request.mapping, request.mapping_name = self._template(o, owner)
        else:
            raise CommandError(_("Give --definition with a survey definition (YAML)."))
        try:
            outcome = import_survey(
                request=request,
                owner=owner,
                dataset_name=o["dataset"] or "",
                source=o["source"] or "",
                visibility=o["visibility"],
            )
        except SourceError as err:
            raise CommandError(user_message(err)) from err
        for indicator in outcome.created_indicators:
            self.stdout.write(
                _("New indicator %(code)s: %(name)s")
                % {"code": indicator.code, "name": indicator.name}
            )
        for text in outcome.warning_texts:
            self.stderr.write(_("Warning: %(text)s") % {"text": text})
        result = outcome.result
        self._write_imported(result)

    def _import_kpi(self, o: dict[str, Any]) -> None:
        """SCB's KPI (TAB5737, 1980=100): monthly values and annual means into the price
        index, continued by TAB6596 (2020=100) linked to it (`sources.kpi.linked_to_1980`)."""
        from grogrund.sources.kpi import fetch_kpi, fetch_kpi_2020, read_kpi_file
        from grogrund.sources.scb import ScbClient

        files = o["data_file"] or ([o["file"]] if o["file"] else [])
        if not o["live"] and not files:
            raise CommandError(
                _(
                    "Give --file with a saved response of SCB's KPI table (TAB5737, and "
                    "TAB6596 with 2020=100 from 2026), or --live."
                )
            )
        try:
            if o["live"]:
                client = ScbClient(language=o["language"])
                self._write_kpi(services.import_price_index(table=fetch_kpi(client)))
                table = fetch_kpi_2020(client)
                self._write_kpi(services.import_price_index(table=table))
                return
            # 1980=100 first: a 2020=100 table is linked to the months stored before it.
            tables = sorted((read_kpi_file(Path(f)) for f in files), key=lambda t: t.base)
            for table in tables:
                self._write_kpi(services.import_price_index(table=table))
        except SourceError as err:
            raise CommandError(user_message(err)) from err

    def _write_kpi(self, result: services.PriceIndexResult) -> None:
        years = result.annual_years
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "KPI: %(months)s months and annual means for %(years)s; %(created)s new, "
                    "%(updated)s changed, %(unchanged)s unchanged."
                )
                % {
                    "months": result.months,
                    "years": f"{years[0]}–{years[-1]}" if years else "–",
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                }
            )
        )

    def _write_conversions(self, conversions: dict[str, tuple[str, int]]) -> None:
        for code, (scale, count) in conversions.items():
            self.stdout.write(
                _("Converted %(count)s values of %(indicator)s from the scale %(scale)s.")
                % {"count": count, "indicator": code, "scale": scale}
            )

    def _template(self, o: dict[str, Any], owner: Organisation) -> tuple[dict[str, Any], str]:
        """The mapping of the template --template, as the organisation --org may use it."""
        from grogrund.areas.import_templates import template_for_organisation

        kind = "csv" if o["kind"] in {"csv", "xlsx"} else o["kind"]
        template = template_for_organisation(organisation=owner, name=o["template"], kind=kind)
        if template is None:
            raise CommandError(
                _("%(org)s has no import template named %(name)s (nor one shared with it).")
                % {"org": owner.name, "name": o["template"]}
            )
        return dict(template.mapping), template.name

    def _records(
        self, o: dict[str, Any], owner: Organisation
    ) -> tuple[Iterator[ObservationRecord], str, str, int | None]:
        kind = o["kind"]
        request = ReadRequest(kind=kind, source=o["source"] or "", language=o["language"])
        mapping_file = Path(o["mapping"]) if o["mapping"] else None
        if mapping_file is not None:
            request.mapping = load_mapping_file(mapping_file)
            request.mapping_name = mapping_file.name
        elif o.get("template"):
            request.mapping, request.mapping_name = self._template(o, owner)
        if kind in {"csv", "xlsx"}:
            if not o["file"]:
                raise CommandError(_("Name the file to import."))
            request.files = [Path(o["file"])]
            request.columns = {
                "area": o["area_column"],
                "period": o["period_column"],
                "value": o["value_column"],
                "numerator": o["numerator_column"],
                "denominator": o["denominator_column"],
                "sheet": o["sheet"],
                "indicator": o["indicator"],
                "indicator_column": o["indicator_column"],
            }
        elif kind == "scb":
            request.live = o["live"]
            files = o["data_file"] or ([o["file"]] if o["file"] else [])
            request.files = [Path(f) for f in files]
            request.options = {
                "regions": o["regions"].split(","),
                "periods": o["periods"].split(","),
                "region": o["region"],
            }
            if not request.live and not request.files:
                raise CommandError(
                    _(
                        "Give --file with a saved SCB file (json-stat2, json-stat, PxWeb v1 json "
                        "or .px), or --live."
                    )
                )
        else:
            files = o["data_file"] or ([o["file"]] if o["file"] else [])
            request.files = [Path(f) for f in files]
            request.options = {
                "names": dict(item.split("=", 1) for item in o["map"] if "=" in item),
                "kpis": [k for k in o["kpi"].split(",") if k],
                "municipalities": [m for m in o["municipality"].split(",") if m],
                "years": [y for y in o["years"].split(",") if y],
                "gender": o["gender"],
            }
        plan = open_records(request)
        return plan.records, plan.source, plan.dataset_name, plan.total
