from typing import Any

from django.core.management.base import BaseCommand

from lanting.pagecache import counters


class Command(BaseCommand):
    help = "Write the view counts that wait in the cache to the database now."

    def handle(self, *args: Any, **options: Any) -> None:
        for kind, count in counters.flush_all().items():
            self.stdout.write(f"{kind}: {count} views written")
