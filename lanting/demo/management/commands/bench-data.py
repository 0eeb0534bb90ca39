import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lanting.demo.benchdata import MEMBER, PASSWORD, SCALES, SiteNotEmptyError, build_site


class Command(BaseCommand):
    help = (
        "Write a large, reproducible site for the benchmarks into an empty, migrated "
        "database: members, boards, threads with their floors, articles and comments, "
        f"every counter set. All members share the password {PASSWORD}; {MEMBER} is one."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            choices=sorted(SCALES),
            default="small",
            help="full: 100,000 members, 1,000,000 posts; small: one tenth (default)",
        )
        parser.add_argument("--seed", type=int, default=1, help="the same seed, the same site")
        parser.add_argument(
            "--manifest", type=Path, help="write the ids the benchmark scenarios use to this file"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = build_site(
                scale=SCALES[options["scale"]], seed=options["seed"], out=sys.stderr
            )
        except SiteNotEmptyError as error:
            raise CommandError(str(error)) from None
        text = json.dumps(manifest, ensure_ascii=False, indent=2)
        if options["manifest"]:
            options["manifest"].write_text(text + "\n", encoding="utf-8")
        self.stdout.write(text)
