from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lanting.operations.backup import backup


class Command(BaseCommand):
    help = "Write the whole site (database rows, uploads, non-secret settings) to one archive."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The archive to write, e.g. site.tar.gz")
        parser.add_argument("--no-media", action="store_true", help="Leave the uploads out.")

    def handle(self, *args: Any, **options: Any) -> None:
        manifest = backup(options["path"], media=not options["no_media"])
        rows = sum(manifest["rows"].values())
        self.stdout.write(f"Wrote {options['path']}: {rows:,} rows from {manifest['database']}.")
        for place in manifest["media"]:
            self.stdout.write(f"Uploads from {place}.")
