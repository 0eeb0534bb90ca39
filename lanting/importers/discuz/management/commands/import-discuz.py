import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext, pgettext

from lanting.importers.discuz.models import ImportRun, LegacyLink
from lanting.importers.discuz.run import table_name
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
        parser.add_argument(
            "--batch-size",
            type=int,
            default=Importer.batch_size,
            help="rows read, written and committed at a time (default %(default)s)",
        )
        parser.add_argument(
            "--index-processes",
            type=int,
            default=0,
            help="processes that cut the text into search terms (default: one per core)",
        )
        parser.add_argument("--report", type=Path, help="also write the report as JSON here")
        parser.add_argument(
            "--skips",
            type=Path,
            help="write every skipped row and warning with its reason here, as CSV (default: "
            "beside --report, else var/discuz-import-RUN-skips.csv)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        charset = {"utf8": "utf-8", "utf8mb4": "utf-8", "gbk": "gb18030", "big5": "big5"}.get(
            options["charset"], ""
        )
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1")
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
        skips_path = skips_file(options["skips"], options["report"], run.pk)
        try:
            skips_path.parent.mkdir(parents=True, exist_ok=True)
            with skips_path.open("w", encoding="utf-8", newline="") as skips:
                importer = Importer(
                    source,
                    attachments=attachments,
                    avatars=avatars,
                    dry_run=options["dry_run"],
                    out=sys.stderr,
                    skips=skips,
                )
                importer.batch_size = options["batch_size"]
                importer.index_processes = max(options["index_processes"], 0)
                report = importer.run()
        finally:
            source.close()
        report["skips_file"] = str(skips_path)
        run.finished_at, run.report = timezone.now(), report
        run.save()
        if options["report"]:
            options["report"].write_text(json.dumps(report, ensure_ascii=False, indent=2))
        self.stdout.write(render_report(report))


def skips_file(chosen: Path | None, report: Path | None, run_id: int) -> Path:
    """``--skips``; else beside ``--report`` (report.json → report.skips.csv); else in var/."""
    if chosen is not None:
        return chosen
    if report is not None:
        return report.with_suffix(".skips.csv")
    return Path(settings.VAR_DIR) / f"discuz-import-{run_id}-skips.csv"


def _width(text: str) -> int:
    """Columns on a terminal: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cells(values: list[str], widths: list[int]) -> str:
    first, *numbers = values
    line = first + " " * (widths[0] - _width(first))
    for value, width in zip(numbers, widths[1:], strict=True):
        line += " " * (width - _width(value) + 2) + value
    return line.rstrip()


def render_report(report: dict[str, Any]) -> str:
    """The report as the command prints it: a table of the tables, then what to look at."""
    tables = report["tables"]
    header = [
        pgettext("discuz import report", "table"),
        pgettext("discuz import report", "read"),
        pgettext("discuz import report", "new"),
        pgettext("discuz import report", "changed"),
        pgettext("discuz import report", "unchanged"),
        pgettext("discuz import report", "skipped"),
        pgettext("discuz import report", "seconds"),
    ]
    rows = [
        [
            table_name(name),
            str(row["read"]),
            str(row["imported"]),
            str(row["updated"]),
            str(row["unchanged"]),
            str(sum(row["skipped"].values())),
            f"{row['seconds']:.1f}",
        ]
        for name, row in tables.items()
    ]
    totals = [
        pgettext("discuz import report", "total"),
        *(
            str(sum(int(r[i]) for r in rows))
            for i in range(1, 6)  # the counts
        ),
        f"{sum(row['seconds'] for row in tables.values()):.1f}",
    ]
    widths = [max(_width(r[i]) for r in [header, *rows, totals]) for i in range(len(header))]
    rule = "-" * (sum(widths) + 2 * (len(widths) - 1))
    lines = [_cells(header, widths), rule]
    lines += [_cells(r, widths) for r in rows]
    lines += [rule, _cells(totals, widths), ""]
    for name, row in tables.items():
        for reason, count in {**row["skipped"], **row["warnings"]}.items():
            examples = ", ".join(row["examples"].get(reason, [])[:5])
            if reason in row["warnings"]:
                line = (
                    gettext(
                        "%(table)s: %(count)d kept, with a warning: %(reason)s (e.g. %(examples)s)"
                    )
                    if examples
                    else gettext("%(table)s: %(count)d kept, with a warning: %(reason)s")
                )
            else:
                line = (
                    gettext("%(table)s: %(count)d skipped: %(reason)s (e.g. %(examples)s)")
                    if examples
                    else gettext("%(table)s: %(count)d skipped: %(reason)s")
                )
            values = {"table": table_name(name), "count": count, "reason": gettext(reason)}
            lines.append(line % {**values, "examples": examples})
    if report["other_seconds"] >= 0.05:
        lines.append(
            gettext("Counters and links after the tables: %(seconds).1f s")
            % {"seconds": report["other_seconds"]}
        )
    links = report["old_url_map"]
    kinds = ", ".join(
        f"{LegacyLink.Kind(kind).label} {count}" for kind, count in sorted(links.items())
    )
    lines.append(gettext("Old-URL map: %(count)d addresses") % {"count": sum(links.values())})
    if kinds:
        lines.append(f"    {kinds}")
    if report["missing_file_count"]:
        lines.append(gettext("Missing files: %(count)d") % {"count": report["missing_file_count"]})
        lines.extend(f"    {path}" for path in report["missing_files"][:20])
    if report["undecodable_rows"]:
        lines.append(
            gettext("Rows that could not be decoded: %(count)d")
            % {"count": len(report["undecodable_rows"])}
        )
        lines.extend(f"    {where}" for where in report["undecodable_rows"][:20])
    lines.extend(report["notes"])
    lines.append(
        gettext("Skipped rows and warnings, with their reasons: %(path)s")
        % {"path": report["skips_file"]}
    )
    done = (
        gettext("Done in %(seconds).1f s (dry run: nothing was written).")
        if report["dry_run"]
        else gettext("Done in %(seconds).1f s.")
    )
    lines.append(done % {"seconds": report["seconds"]})
    return "\n".join(lines)
