"""Moving a Discuz! X3.4 site into Lanting: the steps in their order, batches, progress.

Each table family has a module of steps: members (groups, members, avatars),
moderation (bans), forum (boards, threads, their counters), posts (posts and
attachments), portal (categories, articles, comments) and navigation (the site's
name and menus); all of them write the old-URL map (links.py). A step is a
function of the run, and STEPS lists them in the order they must go, so a new
family is a module of steps listed after those whose links it reads. The family
modules know the run's state (run.py), not this list.

Each table is read in keyset batches and written one batch per transaction,
with a LegacyLink per row (old id → new id, and a digest of the source row).
A second run skips rows whose digest did not change and updates those that did,
so it is idempotent, and an interrupted run simply picks up where it stopped.
"""

import time
from typing import Any

from django.db import connection, transaction
from django.db.models import Count

from lanting.importers.discuz import (
    forum,
    members,
    moderation,
    navigation,
    pm,
    polls,
    portal,
    posts,
    reactions,
)
from lanting.importers.discuz.models import LegacyLink
from lanting.importers.discuz.run import RunState, Step
from lanting.importers.discuz.segment import Segmenters, default_processes
from lanting.search.services import bulk_indexing

# Each step finds what the steps before it imported, mostly through LegacyLink: a
# thread its board and author, a post its thread, a comment its article. Bans read
# the members' groups; finish_forum counts the posts and places the attachments.
STEPS: list[Step] = [
    navigation.import_settings,
    members.import_groups,
    members.import_members,
    members.import_avatars,
    moderation.import_bans,
    moderation.import_words,
    forum.import_boards,
    forum.import_moderators,
    forum.import_thread_types,
    forum.import_threads,
    posts.import_posts,
    posts.import_attachments,
    forum.import_classified_values,
    forum.finish_forum,
    polls.import_polls,  # onto the threads, with the members who voted
    polls.import_ratings,  # under the posts
    portal.import_categories,
    portal.import_portal_files,
    portal.import_articles,
    portal.import_comments,
    reactions.import_thread_votes,
    reactions.import_post_votes,
    reactions.import_article_moods,
    reactions.import_favorites,
    pm.import_private_messages,
    pm.import_blocks,
    navigation.import_navigation,
]


class Importer(RunState):
    """A run that goes through every step in order."""

    steps: list[Step] = STEPS
    index_processes = 0  # processes cutting text for the search index; 0: one per core

    def run(self) -> dict[str, Any]:
        segmenters = Segmenters(self.index_processes or default_processes())
        self.segment, self.start = segmenters, segmenters.start
        try:
            return self._run()
        finally:
            segmenters.close()

    def _run(self) -> dict[str, Any]:
        started = time.monotonic()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Each batch is committed on its own; losing the last few commits to a
                # crash costs nothing, as the next run writes them again.
                cursor.execute("SET synchronous_commit TO off")
        # A dry run is one transaction, rolled back at the end. A real run commits
        # batch by batch, so an interrupted run keeps what it wrote and the next run
        # continues from there.
        other = 0.0  # seconds of steps that belong to no table: counters, links
        with transaction.atomic() if self.dry_run else bulk_indexing():
            for step in self.steps:
                other += self.timed(step)
            # Counted before a dry run's rollback: the map that run would leave.
            links = dict(
                LegacyLink.objects.order_by()
                .values("kind")
                .annotate(n=Count("pk"))
                .values_list("kind", "n")
            )
            if self.dry_run:
                transaction.set_rollback(True)
        failures = self.source.decoder.failures
        return {
            "tables": {name: r.as_dict() for name, r in self.reports.items()},
            "other_seconds": round(other, 2),
            "index_seconds": round(self.index_seconds, 1),
            "old_url_map": links,
            "undecodable_rows": failures[:200],
            "missing_files": self.missing_files[:200],
            "missing_file_count": len(self.missing_files),
            "notes": self.notes,
            "seconds": round(time.monotonic() - started, 1),
            "dry_run": self.dry_run,
        }

    def timed(self, step: Step) -> float:
        """Run ``step``; give its time to the tables it reported on.

        A table read by ``import_table`` times itself; the rest of the step's time
        (a small table, a recount after it) goes to the tables the step started
        that did not, else to its last. Returns the seconds no table took.
        """
        before = set(self.reports)
        started = time.monotonic()
        step(self)
        elapsed = time.monotonic() - started
        fresh = [report for label, report in self.reports.items() if label not in before]
        rest = max(elapsed - sum(report.seconds for report in fresh), 0.0)
        untimed = [report for report in fresh if not report.seconds] or fresh[-1:]
        for report in untimed:
            report.seconds += rest / len(untimed)
        return 0.0 if untimed else rest
