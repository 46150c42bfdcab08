"""`grogrund fetch --municipality 1480`: a municipality's statistics from SCB and Kolada.

Fetches the indicator pack (areas/packs/step1.yaml) for every DeSO and RegSO of the
municipality, the municipality, its county and Sweden, with a progress bar, and prints the
profile's address. Runs as a job (the same as the web's "Hämta statistik för en kommun"), so
a fetch that stopped half-way (network, Ctrl-C) continues where it stopped when run again.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _
from tqdm import tqdm

from grogrund.accounts.models import Organisation, Visibility
from grogrund.areas import fetch
from grogrund.core.errors import user_message
from grogrund.jobs import services as jobs
from grogrund.jobs.models import JobStatus
from grogrund.sources import SourceError


class Command(BaseCommand):
    help = (
        "Fetch a municipality's statistics (SCB, Kolada) for its DeSO, RegSO, the "
        "municipality, county and Sweden. Example: grogrund fetch --municipality 1480"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipality", required=True, help="SCB code, e.g. 1480")
        parser.add_argument(
            "--org",
            default="",
            help="owner organisation (short name); default: the shared open-data organisation",
        )
        parser.add_argument(
            "--periods", default="", help="comma-separated periods (default: the latest five)"
        )
        parser.add_argument(
            "--visibility", choices=[v.value for v in Visibility], default=Visibility.PUBLIC
        )
        parser.add_argument("--language", choices=["sv", "en"], default="sv")
        parser.add_argument("--base-url", default="", help="base URL of the site, for the link")

    def handle(self, *args: Any, **o: Any) -> None:
        translation.activate(o["language"])
        if o["org"]:
            try:
                owner = Organisation.objects.get(slug=o["org"])
            except Organisation.DoesNotExist as exc:
                raise CommandError(_("There is no organisation '%(org)s'.") % o) from exc
        else:
            owner = fetch.open_data_organisation()
        code = o["municipality"].strip()
        periods = [p.strip() for p in o["periods"].split(",") if p.strip()]
        try:
            spec = fetch.fetch_job(
                owner=owner, municipality_code=code, periods=periods, visibility=o["visibility"]
            )
        except SourceError as err:
            raise CommandError(user_message(err)) from err
        job = jobs.start_here(user=None, **spec)
        if job.status == JobStatus.RUNNING:
            raise CommandError(
                _("This fetch is already running as job %(job)s; follow it on its page.")
                % {"job": job.pk}
            )
        bar = tqdm(total=0, unit=_("part"), disable=None)

        def progress(done: int, total: int, text: str) -> None:
            if total and bar.total != total:
                bar.total = total
            bar.set_description(text or _("done"))
            bar.n = done
            bar.refresh()

        try:
            job = jobs.run(job.pk, on_progress=progress) or job
        finally:
            bar.close()
        job.refresh_from_db()
        if job.status != JobStatus.DONE:
            raise CommandError(job.error_message or _("The fetch did not finish."))
        r = job.result
        self.stdout.write(
            _(
                "%(rows)s figures for %(municipality)s: %(created)s new, %(updated)s changed; "
                "%(requests)s requests, %(skipped)s of %(parts)s parts already fetched earlier."
            )
            % {
                "rows": r.get("rows", 0),
                "municipality": r.get("municipality", code),
                "created": r.get("created", 0),
                "updated": r.get("updated", 0),
                "requests": r.get("requests", 0),
                "skipped": r.get("skipped", 0),
                "parts": r.get("parts", 0),
            }
        )
        for table, codes in (r.get("not_in_table") or {}).items():
            self.stdout.write(
                _("%(table)s has no figures for %(count)s of the areas (for example %(codes)s).")
                % {"table": table, "count": len(codes), "codes": ", ".join(codes[:3])}
            )
        base = o["base_url"].rstrip("/")
        self.stdout.write(_("Profile: %(url)s") % {"url": f"{base}{r.get('profile_url', '')}"})
