from typing import Any

from django.core.management.base import BaseCommand

from lanting.demo.loader import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load the demo site (英国伦敦华人网 and its seed article). Safe to run twice."

    def handle(self, *args: Any, **options: Any) -> None:
        created = load_demo()
        self.stdout.write(
            self.style.SUCCESS(f"Demo content loaded ({created} new articles and threads).")
            + f"\nDemo members (leedell is staff) have the password: {DEMO_PASSWORD}"
        )
