"""One import run's state: its source and options, what steps hand on, batches, the report.

The steps (one module per table family) take the run as their argument; the order they
go in is ``runner.STEPS``.
"""

import csv
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from django.db import connection, transaction
from django.utils.translation import gettext, pgettext, pgettext_lazy
from tqdm import tqdm

from lanting.accounts.models import MemberGroup, User
from lanting.forum.models import Post, Thread
from lanting.importers.discuz.links import Row, TableReport
from lanting.importers.discuz.models import LegacyLink
from lanting.importers.discuz.source import DiscuzSource
from lanting.search.models import SearchEntry
from lanting.search.services import Segmenter, Starter

Step = Callable[["RunState"], None]
Batch = Callable[["RunState", list[Row], TableReport], None]


# The report's table names (its JSON keys stay these English words), as shown.
TABLE_NAMES = {
    "usergroups": pgettext_lazy("discuz import table", "usergroups"),
    "members": pgettext_lazy("discuz import table", "members"),
    "members (archive)": pgettext_lazy("discuz import table", "members (archive)"),
    "avatars": pgettext_lazy("discuz import table", "avatars"),
    "avatars (archive)": pgettext_lazy("discuz import table", "avatars (archive)"),
    "bans": pgettext_lazy("discuz import table", "bans"),
    "IP bans": pgettext_lazy("discuz import table", "IP bans"),
    "filtered words": pgettext_lazy("discuz import table", "filtered words"),
    "forums": pgettext_lazy("discuz import table", "forums"),
    "moderators": pgettext_lazy("discuz import table", "moderators"),
    "thread types": pgettext_lazy("discuz import table", "thread types"),
    "threads": pgettext_lazy("discuz import table", "threads"),
    "posts": pgettext_lazy("discuz import table", "posts"),
    "attachments": pgettext_lazy("discuz import table", "attachments"),
    "classified values": pgettext_lazy("discuz import table", "classified values"),
    "portal categories": pgettext_lazy("discuz import table", "portal categories"),
    "portal attachments": pgettext_lazy("discuz import table", "portal attachments"),
    "articles": pgettext_lazy("discuz import table", "articles"),
    "article comments": pgettext_lazy("discuz import table", "article comments"),
    "navigation": pgettext_lazy("discuz import table", "navigation"),
    "thread votes": pgettext_lazy("discuz import table", "thread votes"),
    "post votes": pgettext_lazy("discuz import table", "post votes"),
    "article moods": pgettext_lazy("discuz import table", "article moods"),
    "favourites": pgettext_lazy("discuz import table", "favourites"),
    "private conversations": pgettext_lazy("discuz import table", "private conversations"),
    "private messages": pgettext_lazy("discuz import table", "private messages"),
    "blocked members": pgettext_lazy("discuz import table", "blocked members"),
    "polls": pgettext_lazy("discuz import table", "polls"),
    "ratings": pgettext_lazy("discuz import table", "ratings"),
}


def table_name(label: str) -> str:
    return str(TABLE_NAMES.get(label, label))


class RunState:
    """One run: the source and its options, what the steps hand on, and the report."""

    batch_size = 5000  # rows read, written and committed at a time

    def __init__(
        self,
        source: DiscuzSource,
        *,
        attachments: Path | None = None,
        avatars: Path | None = None,
        dry_run: bool = False,
        out: TextIO = sys.stderr,
        skips: TextIO | None = None,
    ) -> None:
        self.source, self.attachments, self.dry_run, self.out = source, attachments, dry_run, out
        self.avatars = avatars
        self.reports: dict[str, TableReport] = {}
        # Every skipped row and warning, one CSV line each: the report counts them.
        self.skips = csv.writer(skips) if skips is not None else None
        if self.skips is not None:
            self.skips.writerow(
                [
                    pgettext("discuz import report", "table"),
                    pgettext("discuz import report", "row"),
                    pgettext("discuz import report", "what"),
                    pgettext("discuz import report", "reason"),
                ]
            )
        self.notes: list[str] = []
        self.missing_files: list[str] = []
        # What a step learns for a later step of its family.
        self.group_for: dict[int, MemberGroup] = {}  # Discuz! groupid → group
        self.ranks: list[MemberGroup] = []  # the highest first
        self.type_for: dict[int, int] = {}  # Discuz! typeid → ThreadType id
        self.option_for: dict[int, tuple[str, str]] = {}  # optionid → (field name, label)
        self.stored_portal: set[str] = set()  # portal files already copied
        # Posts written by this run whose [attach] tags still name old aids:
        # post id → (pid, digest of its row).
        self.unplaced: dict[int, tuple[int, str]] = {}
        # Seconds spent writing the search index (inside the tables' batches): the
        # report splits the run's time between copying and indexing with it.
        self.index_seconds = 0.0
        # Cuts the documents' text into terms: in-process, or on every core (segment.py).
        self.segment: Segmenter | None = None
        # Or starts cutting them, so that the next batch is cut while one is written.
        self.start: Starter | None = None

    # -- for the steps ---------------------------------------------------------------

    def report(self, label: str) -> TableReport:
        if label not in self.reports:
            self.reports[label] = TableReport(log=partial(self._log_skip, label))
        return self.reports[label]

    def _log_skip(self, label: str, what: str, reason: str, row: str) -> None:
        if self.skips is None:
            return
        shown = (
            pgettext("discuz import report", "skipped")
            if what == "skipped"
            else pgettext("discuz import report", "kept, with a warning")
        )
        self.skips.writerow([table_name(label), row, shown, gettext(reason)])

    def text(self, row: Row, column: str, where: str) -> str:
        return self.source.decoder.text(row.get(column), where)

    def fetch_in(
        self, table: str, columns: str, ids: list[int], *, uc: bool = False, key: str = "uid"
    ) -> list[tuple[Any, ...]]:
        if not ids or not self.source.has_table(table, uc=uc):
            return []
        marks = ", ".join(["%s"] * len(ids))
        return self.source.fetch(
            f"SELECT {columns} FROM {self.source.table(table, uc=uc)} WHERE `{key}` IN ({marks})",
            ids,
        )

    def import_table(
        self,
        label: str,
        table: str,
        columns: list[str],
        key: str,
        handle: Batch,
        *,
        where: str = "1=1",
        uc: bool = False,
    ) -> None:
        report = self.report(label)
        progress = Progress(self.out, label, self.source.count(table, uc=uc, where=where))
        batches = self.source.batches(
            table, columns, key=key, where=where, uc=uc, batch=self.batch_size
        )
        for number, batch in enumerate(batches):
            if number % 20 == 0 or number in {1, 2, 4, 8}:  # often while tables are small
                self.refresh_statistics()
            report.read += len(batch)
            with transaction.atomic():
                handle(self, batch, report)
            progress.add(len(batch))
        report.seconds += progress.close()

    def refresh_statistics(self) -> None:
        """Let PostgreSQL's planner see how big the tables being filled have grown.

        Autovacuum lags behind a bulk load; until it catches up, the planner takes
        the link table for small and reads every link of a kind to find 900 of them.
        """
        if connection.vendor != "postgresql" or self.dry_run:
            return
        tables = [m._meta.db_table for m in (LegacyLink, User, Thread, Post)]
        # The search entries are looked up by kind and object: their term columns'
        # statistics (the costly part, about a second) can wait for autovacuum.
        tables.append(f"{SearchEntry._meta.db_table} (kind, object_id)")
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {', '.join(tables)}")


class Progress:
    """How far the import of one table is.

    On a terminal, a bar with the rows done, rows per second and the time left
    (tqdm). Elsewhere (a log file, cron, CI) a bar's carriage returns are noise:
    a plain line every ``log_every`` seconds, and one when the table is done.
    """

    log_every = 10.0

    def __init__(self, out: TextIO, label: str, total: int) -> None:
        self.out, self.label, self.total, self.done = out, table_name(label), max(total, 0), 0
        self.started = self.logged = time.monotonic()
        self.bar = (
            tqdm(
                total=self.total,
                desc=self.label,
                unit=gettext("rows"),
                file=out,
                dynamic_ncols=True,
                mininterval=0.5,
            )
            if _is_terminal(out)
            else None
        )

    def add(self, n: int) -> None:
        self.done += n
        if self.bar is not None:
            self.bar.update(n)
            return
        now = time.monotonic()
        if now - self.logged >= self.log_every:
            self.logged = now
            rate = self.done / max(now - self.started, 1e-9)
            left = max(self.total - self.done, 0) / rate if rate else 0
            self.out.write(
                gettext(
                    "%(table)s: %(done)d/%(total)d rows, %(rate)d rows/s, about %(left)d s left"
                )
                % {
                    "table": self.label,
                    "done": self.done,
                    "total": self.total,
                    "rate": rate,
                    "left": left,
                }
                + "\n"
            )
            self.out.flush()

    def close(self) -> float:
        """End the bar or write the last line; return the seconds the table took."""
        seconds = time.monotonic() - self.started
        if self.bar is not None:
            self.bar.close()
            return seconds
        self.out.write(
            gettext("%(table)s: %(done)d rows in %(seconds).1f s (%(rate)d rows/s)")
            % {
                "table": self.label,
                "done": self.done,
                "seconds": seconds,
                "rate": self.done / max(seconds, 1e-9),
            }
            + "\n"
        )
        self.out.flush()
        return seconds


def _is_terminal(out: TextIO) -> bool:
    try:
        return out.isatty()
    except (AttributeError, ValueError):  # no isatty, or closed
        return False
