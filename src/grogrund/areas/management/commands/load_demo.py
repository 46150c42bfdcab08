from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from grogrund.areas.demo.build import DEMO_PASSWORD, USERS, load_demo
from grogrund.areas.demo.national import load_national


class Command(BaseCommand):
    help = "Load the fictional demo (or national-size synthetic data with --scale national)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=["demo", "national"], default="demo")
        parser.add_argument("--desos", type=int, default=6000, help="national scale: DeSO areas")
        parser.add_argument("--indicators", type=int, default=40)
        parser.add_argument("--years", type=int, default=15)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["scale"] == "national":
            total = (options["desos"] + 312) * options["indicators"] * options["years"]
            with tqdm(total=total, unit="obs", desc="national demo", disable=None) as bar:
                rows = load_national(
                    desos=options["desos"],
                    indicators=options["indicators"],
                    years=options["years"],
                    on_progress=bar.update,
                )
            self.stdout.write(f"National-scale synthetic data: {rows} observations.")
            return
        load_demo(verbose=lambda s: self.stdout.write(f"  {s}"))
        self.stdout.write(self.style.SUCCESS("Demo data loaded (fictional)."))
        self.stdout.write(f"Log in at http://127.0.0.1:8000/ with password '{DEMO_PASSWORD}' as:")
        for u in USERS:
            self.stdout.write(f"  {u.username:<6} {u.role:<7} {u.organisation}")
