import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lanting.importers.discuz.models import ImportRun
from lanting.importers.discuz.runner import Importer
from lanting.importers.discuz.source import DiscuzSource, SourceError


class Command(BaseCommand):
    help = (
        "Import a Discuz! X3.4 site (members with their passwords, forums, threads, posts, "
        "attachments, portal, bans, navigation and old links) from its MySQL/MariaDB database. "
        "Safe to run again: only new or changed rows are written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dsn", required=True, help="mysql://USER:PASS@HOST:PORT/DB")
        parser.add_argument("--prefix", default="pre_", help="table prefix (default pre_)")
        parser.add_argument("--uc-prefix", default="pre_ucenter_", help="UCenter table prefix")
        parser.add_argument(
            "--attachments", type=Path, help="the old site's data/attachment folder"
        )
        parser.add_argument(
            "--avatars",
            type=Path,
            help="the old site's uc_server/data/avatar folder (avatars are imported from it)",
        )
        parser.add_argument(
            "--charset",
            choices=["utf8", "utf8mb4", "gbk", "big5"],
            default="",
            help="the site's charset, when the tables do not say it right",
        )
        parser.add_argument("--dry-run", action="store_true", help="read and check; write nothing")
        parser.add_argument("--report", type=Path, help="also write the report as JSON here")

    def handle(self, *args: Any, **options: Any) -> None:
        charset = {"utf8": "utf-8", "utf8mb4": "utf-8", "gbk": "gb18030", "big5": "big5"}.get(
            options["charset"], ""
        )
        attachments: Path | None = options["attachments"]
        if attachments is not None and not attachments.is_dir():
            raise CommandError(f"--attachments {attachments} is not a folder")
        avatars: Path | None = options["avatars"]
        if avatars is not None and not avatars.is_dir():
            raise CommandError(f"--avatars {avatars} is not a folder")
        try:
            source = DiscuzSource(
                options["dsn"],
                prefix=options["prefix"],
                uc_prefix=options["uc_prefix"],
                charset=charset,
            )
        except SourceError as error:
            raise CommandError(str(error)) from None
        run = ImportRun.objects.create(
            dsn_host=source.params["host"],
            database=source.params["database"],
            dry_run=options["dry_run"],
        )
        try:
            report = Importer(
                source,
                attachments=attachments,
                avatars=avatars,
                dry_run=options["dry_run"],
                out=sys.stderr,
            ).run()
        finally:
            source.close()
        from django.utils import timezone

        run.finished_at, run.report = timezone.now(), report
        run.save()
        if options["report"]:
            options["report"].write_text(json.dumps(report, ensure_ascii=False, indent=2))
        self.stdout.write(render_report(report))


def render_report(report: dict[str, Any]) -> str:
    lines = [f"{'table':<22} {'read':>8} {'new':>8} {'changed':>8} {'same':>8} {'skipped':>8}"]
    for name, row in report["tables"].items():
        skipped = sum(row["skipped"].values())
        lines.append(
            f"{name:<22} {row['read']:>8} {row['imported']:>8} {row['updated']:>8} "
            f"{row['unchanged']:>8} {skipped:>8}"
        )
        for reason, count in {**row["skipped"], **row["warnings"]}.items():
            examples = ", ".join(row["examples"].get(reason, [])[:5])
            lines.append(f"    {count:>6} x {reason}" + (f" (e.g. {examples})" if examples else ""))
    if report["missing_file_count"]:
        lines.append(f"missing files: {report['missing_file_count']}")
        lines.extend(f"    {path}" for path in report["missing_files"][:20])
    if report["undecodable_rows"]:
        lines.append(f"rows that could not be decoded: {len(report['undecodable_rows'])}")
        lines.extend(f"    {where}" for where in report["undecodable_rows"][:20])
    lines.extend(report["notes"])
    mode = " (dry run: nothing was written)" if report["dry_run"] else ""
    lines.append(f"done in {report['seconds']}s{mode}")
    return "\n".join(lines)
