"""Moving a Discuz! X3.4 site into Lanting: the steps in their order, batches, progress.

Each table family has a module of steps: members (groups, members, avatars),
moderation (bans), forum (boards, threads, their counters), posts (posts and
attachments), portal (categories, articles, comments) and navigation (the site's
name and menus); all of them write the old-URL map (links.py). A step is a
function of the run, and STEPS lists them in the order they must go, so a new
family is a module of steps listed after those whose links it reads. The family
modules name Importer for type checking only: this module imports them.

Each table is read in keyset batches and written one batch per transaction,
with a LegacyLink per row (old id → new id, and a digest of the source row).
A second run skips rows whose digest did not change and updates those that did,
so it is idempotent, and an interrupted run simply picks up where it stopped.
"""

import contextlib
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from django.db import connection, transaction

from lanting.accounts.models import MemberGroup, User
from lanting.forum.models import Post, Thread
from lanting.importers.discuz import forum, members, moderation, navigation, portal, posts
from lanting.importers.discuz.links import Row, TableReport
from lanting.importers.discuz.models import LegacyLink
from lanting.importers.discuz.source import DiscuzSource

Step = Callable[["Importer"], None]
Batch = Callable[["Importer", list[Row], TableReport], None]

# Each step finds what the steps before it imported, mostly through LegacyLink: a
# thread its board and author, a post its thread, a comment its article. Bans read
# the members' groups; finish_forum counts the posts and places the attachments.
STEPS: list[Step] = [
    navigation.import_settings,
    members.import_groups,
    members.import_members,
    members.import_avatars,
    moderation.import_bans,
    forum.import_boards,
    forum.import_moderators,
    forum.import_thread_types,
    forum.import_threads,
    posts.import_posts,
    posts.import_attachments,
    forum.import_classified_values,
    forum.finish_forum,
    portal.import_categories,
    portal.import_portal_files,
    portal.import_articles,
    portal.import_comments,
    navigation.import_navigation,
]


class Importer:
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
    ) -> None:
        self.source, self.attachments, self.dry_run, self.out = source, attachments, dry_run, out
        self.avatars = avatars
        self.reports: dict[str, TableReport] = {}
        self.notes: list[str] = []
        self.missing_files: list[str] = []
        # What a step learns for a later step of its family.
        self.group_for: dict[int, MemberGroup] = {}  # Discuz! groupid → group
        self.ranks: list[MemberGroup] = []  # the highest first
        self.type_for: dict[int, int] = {}  # Discuz! typeid → ThreadType id
        self.option_for: dict[int, tuple[str, str]] = {}  # optionid → (field name, label)
        self.stored_portal: set[str] = set()  # portal files already copied

    def run(self) -> dict[str, Any]:
        started = time.monotonic()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Each batch is committed on its own; losing the last few commits to a
                # crash costs nothing, as the next run writes them again.
                cursor.execute("SET synchronous_commit TO off")
        # A dry run is one transaction, rolled back at the end. A real run commits
        # batch by batch, so an interrupted run keeps what it wrote and the next run
        # continues from there.
        with transaction.atomic() if self.dry_run else contextlib.nullcontext():
            for step in STEPS:
                step(self)
            if self.dry_run:
                transaction.set_rollback(True)
            else:
                self.notes.append(
                    "Run `lanting rebuild_search_index` to make the imported content searchable."
                )
        failures = self.source.decoder.failures
        return {
            "tables": {name: r.as_dict() for name, r in self.reports.items()},
            "undecodable_rows": failures[:200],
            "missing_files": self.missing_files[:200],
            "missing_file_count": len(self.missing_files),
            "notes": self.notes,
            "seconds": round(time.monotonic() - started, 1),
            "dry_run": self.dry_run,
        }

    # -- for the steps ---------------------------------------------------------------

    def report(self, label: str) -> TableReport:
        return self.reports.setdefault(label, TableReport())

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
        progress.close()

    def refresh_statistics(self) -> None:
        """Let PostgreSQL's planner see how big the tables being filled have grown.

        Autovacuum lags behind a bulk load; until it catches up, the planner takes
        the link table for small and reads every link of a kind to find 900 of them.
        """
        if connection.vendor != "postgresql" or self.dry_run:
            return
        tables = [m._meta.db_table for m in (LegacyLink, User, Thread, Post)]
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {', '.join(tables)}")


class Progress:
    """A one-line progress bar per table on the terminal."""

    def __init__(self, out: TextIO, label: str, total: int) -> None:
        self.out, self.label, self.total, self.done = out, label, max(total, 0), 0
        self.started = time.monotonic()
        self.draw()

    def add(self, n: int) -> None:
        self.done += n
        self.draw()

    def draw(self) -> None:
        width = 30
        share = self.done / self.total if self.total else 1.0
        filled = int(width * min(share, 1.0))
        self.out.write(
            f"\r{self.label:<22} [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}"
        )
        self.out.flush()

    def close(self) -> None:
        self.out.write(f"  {time.monotonic() - self.started:.1f}s\n")
