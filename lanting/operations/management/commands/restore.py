from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lanting.operations.backup import BackupError, restore


class Command(BaseCommand):
    help = "Load an archive made by `lanting backup` into this (empty) install."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The archive made by `lanting backup`.")
        parser.add_argument(
            "--force", action="store_true", help="Replace whatever this install holds."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = restore(options["path"], force=options["force"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        differ = {
            label: (count, manifest["restored"].get(label))
            for label, count in manifest["rows"].items()
            if manifest["restored"].get(label) != count
        }
        rows = sum(manifest["rows"].values())
        self.stdout.write(f"Restored {rows:,} rows made {manifest['created']}.")
        if differ:
            raise CommandError(f"Row counts differ from the backup's: {differ}")
