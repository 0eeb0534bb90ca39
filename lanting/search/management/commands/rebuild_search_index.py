import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lanting.search import services
from lanting.search.documents import sources
from lanting.search.models import Kind

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Index every article, thread, reply and member again, in batches, and drop "
        "entries whose content is gone. The index stays usable while it runs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--kind",
            action="append",
            choices=Kind.values,
            help="Only this kind (may be repeated). Default: every kind.",
        )
        parser.add_argument(
            "--batch-size", type=int, default=services.BATCH_SIZE, help="Documents per batch."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        if not sources(options["kind"]):
            raise CommandError("No app has registered search documents of these kinds.")
        self._interactive = self.stdout.isatty() if hasattr(self.stdout, "isatty") else False
        self._last_line = 0.0
        started = time.monotonic()
        done = services.rebuild_index(
            kinds=options["kind"], batch_size=options["batch_size"], progress=self._progress
        )
        seconds = time.monotonic() - started
        for kind, count in done.items():
            self.stdout.write(f"{kind}: {count} documents indexed")
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt in {seconds:.1f} s."))

    def _progress(self, kind: str, done: int, total: int) -> None:
        """A bar redrawn in place on a terminal; a line every few seconds in a log."""
        share = done / total if total else 1.0
        filled = int(share * BAR_WIDTH)
        line = f"{kind:8} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {share:6.1%} {done}/{total}"
        if self._interactive:
            self.stdout.write("\r" + line, ending="\n" if done >= total else "")
            sys.stdout.flush()
            return
        now = time.monotonic()
        if done == 0 or done >= total or now - self._last_line >= 5:
            self._last_line = now
            self.stdout.write(line)
