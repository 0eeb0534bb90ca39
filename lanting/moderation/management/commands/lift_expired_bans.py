from typing import Any

from django.core.management.base import BaseCommand

from lanting.moderation.services import lift_expired_bans


class Command(BaseCommand):
    help = (
        "Close bans whose end time has passed and restore the members' groups "
        "(the worker does it every five minutes)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{lift_expired_bans()} bans lifted")
