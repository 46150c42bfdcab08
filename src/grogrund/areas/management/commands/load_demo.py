from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from grogrund.accounts.models import Membership
from grogrund.areas.demo.build import DEMO_PASSWORD, load_demo
from grogrund.areas.demo.national import load_national


def demo_logins() -> list[tuple[str, str, str]]:
    """(user name, role, organisation) of every user the demo password opens: the core demo's
    users and those the method library, procurement and outcome-contract demos add."""
    rows = Membership.objects.select_related("user", "organisation").order_by(
        "user__username", "organisation__slug"
    )
    opens: dict[int, bool] = {}
    logins = []
    for m in rows:
        if m.user_id not in opens:
            opens[m.user_id] = m.user.check_password(DEMO_PASSWORD)
        if opens[m.user_id]:
            logins.append((m.user.username, m.role, m.organisation.slug))
    return logins


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
        for username, role, organisation in demo_logins():
            self.stdout.write(f"  {username:<6} {role:<7} {organisation}")
