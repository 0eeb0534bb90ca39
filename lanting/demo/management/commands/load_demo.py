import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lanting.demo.discuz import load_discuz_sample
from lanting.demo.loader import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = (
        "Load the demo site (英国伦敦华人网 and its seed article), and an imported Discuz! "
        "sample when a MySQL/MariaDB server is at hand. Safe to run twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-discuz", action="store_true", help="leave out the imported Discuz! sample"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # The sample first: its members (伦敦小王, kate_w) keep their Discuz! passwords, and
        # the demo's own articles then find them as commenters instead of clashing.
        imported = not options["no_discuz"] and load_discuz_sample(sys.stderr)
        created = load_demo()
        self.stdout.write(
            self.style.SUCCESS(f"Demo content loaded ({created} new articles and threads).")
            + f"\nDemo members (leedell is staff) have the password: {DEMO_PASSWORD}"
        )
        if imported:
            self.stdout.write(
                "Imported from the Discuz! sample: admin / admin-pass-1, 伦敦小王 / wang-pass-2, "
                "kate_w / kate-pass-3 (their old passwords, upgraded at first log-in)."
            )
