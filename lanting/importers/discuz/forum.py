"""The forum from Discuz!: board groups, boards and sub-boards, their moderators,
thread types and classified-info fields, threads, and the counters worked out
once the posts are in."""

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_noop

from lanting.accounts.models import User
from lanting.forum.models import Board, Post, Section, Thread, ThreadField, ThreadType
from lanting.importers.discuz.bulk import update_rows
from lanting.importers.discuz.indexing import index_threads
from lanting.importers.discuz.links import Row, SkipRow, TableReport, new_ids, upsert
from lanting.importers.discuz.models import LegacyLink
from lanting.importers.discuz.posts import place_attachments
from lanting.importers.discuz.run import RunState
from lanting.importers.discuz.source import stamp
from lanting.markup.text import html_to_text
from lanting.pagecache.tags import touch


def import_boards(run: RunState) -> None:
    report = run.report("forums")
    rows = run.source.fetch(
        f"SELECT f.fid, f.fup, f.type, f.name, f.displayorder, f.status, ff.description, "
        f"ff.rules FROM {run.source.table('forum_forum')} f LEFT JOIN "
        f"{run.source.table('forum_forumfield')} ff ON ff.fid = f.fid ORDER BY f.fid"
    )
    entries = [
        dict(
            zip(
                ["fid", "fup", "type", "name", "order", "status", "description", "rules"],
                r,
                strict=True,
            )
        )
        for r in rows
    ]
    groups = [e for e in entries if bytes(e["type"]) == b"group"]
    boards = [e for e in entries if bytes(e["type"]) == b"forum"]
    subs = [e for e in entries if bytes(e["type"]) == b"sub"]
    report.read = len(entries)

    def build_section(row: Row) -> Section:
        return Section(name=run.text(row, "name", "forum")[:60], order=int(row["order"]) % 32767)

    def update_section(section: Section, row: Row) -> None:
        section.name, section.order = (
            run.text(row, "name", "forum")[:60],
            int(row["order"]) % 32767,
        )

    upsert(LegacyLink.Kind.SECTION, groups, report, "fid", build_section, update_section, Section)
    sections = new_ids(LegacyLink.Kind.SECTION, (g["fid"] for g in groups))
    fallback: Section | None = None

    def section_for(row: Row) -> int:
        nonlocal fallback
        if int(row["fup"]) in sections:
            return sections[int(row["fup"])]
        if fallback is None:
            fallback, _ = Section.objects.get_or_create(name="Discuz!")
        return fallback.pk

    def fill_board(board: Board, row: Row) -> None:
        board.name = run.text(row, "name", "forum")[:60]
        board.description = html_to_text(run.text(row, "description", "forum"))[:255]
        board.rules = html_to_text(run.text(row, "rules", "forum"))
        board.order = int(row["order"]) % 32767

    def new_board(row: Row, section_id: int) -> Board:
        board = Board(section_id=section_id, slug=f"f{int(row['fid'])}")
        fill_board(board, row)
        if int(row["status"]) == 0:
            board.description = (board.description + " (hidden on Discuz!)").strip()[:255]
        return board

    def build_board(row: Row) -> Board:
        return new_board(row, section_for(row))

    upsert(LegacyLink.Kind.BOARD, boards, report, "fid", build_board, fill_board, Board)
    parents = new_ids(LegacyLink.Kind.BOARD, (b["fid"] for b in boards))

    def build_sub(row: Row) -> Board:
        parent_id = parents.get(int(row["fup"]))
        if parent_id is None:
            raise SkipRow(gettext_noop("sub-forum whose parent forum is missing"))
        # In its parent's section (never the fallback, which would stay behind empty).
        section_id = Board.objects.values_list("section_id", flat=True).get(pk=parent_id)
        board = new_board(row, section_id)
        board.parent_id = parent_id
        return board

    upsert(LegacyLink.Kind.BOARD, subs, report, "fid", build_sub, fill_board, Board)


def import_moderators(run: RunState) -> None:
    report = run.report("moderators")
    rows = run.source.fetch(f"SELECT uid, fid FROM {run.source.table('forum_moderator')}")
    members = new_ids(LegacyLink.Kind.MEMBER, (r[0] for r in rows))
    boards = new_ids(LegacyLink.Kind.BOARD, (r[1] for r in rows))
    through = Board.moderators.through
    wanted = []
    for uid, fid in rows:
        report.read += 1
        if int(uid) in members and int(fid) in boards:
            wanted.append(through(board_id=boards[int(fid)], user_id=members[int(uid)]))
        else:
            report.skip(gettext_noop("moderator of a missing member or forum"), f"{uid}@{fid}")
    existing = set(through.objects.values_list("board_id", "user_id"))
    fresh = [w for w in wanted if (w.board_id, w.user_id) not in existing]
    through.objects.bulk_create(fresh)
    report.imported += len(fresh)
    report.unchanged += len(wanted) - len(fresh)


def import_thread_types(run: RunState) -> None:
    report = run.report("thread types")
    if not run.source.has_table("forum_threadclass"):
        return
    rows = run.source.fetch(
        f"SELECT typeid, fid, name, displayorder FROM {run.source.table('forum_threadclass')}"
    )
    boards = new_ids(LegacyLink.Kind.BOARD, (r[1] for r in rows))
    for typeid, fid, name, order in rows:
        report.read += 1
        board_id = boards.get(int(fid))
        if board_id is None:
            report.skip(gettext_noop("thread type of a missing forum"), str(typeid))
            continue
        label = html_to_text(run.source.decoder.text(name, "type"))[:40]
        thread_type, made = ThreadType.objects.get_or_create(
            board_id=board_id, name=label, defaults={"order": int(order) % 32767}
        )
        run.type_for[int(typeid)] = thread_type.pk
        report.imported += int(made)
        report.unchanged += int(not made)
    # Classified-info options: fields of the boards whose threads use them.
    if run.source.has_table("forum_typeoption"):
        for optionid, title, identifier in run.source.fetch(
            f"SELECT optionid, title, identifier FROM {run.source.table('forum_typeoption')}"
        ):
            run.option_for[int(optionid)] = (
                run.source.decoder.text(identifier, "option") or f"o{optionid}",
                run.source.decoder.text(title, "option"),
            )


def import_threads(run: RunState) -> None:
    columns = [
        "tid",
        "fid",
        "typeid",
        "author",
        "authorid",
        "subject",
        "dateline",
        "lastpost",
        "lastposter",
        "views",
        "replies",
        "displayorder",
        "digest",
        "closed",
    ]
    run.import_table("threads", "forum_thread", columns, "tid", thread_batch)


def thread_batch(run: RunState, rows: list[Row], report: TableReport) -> None:
    boards = new_ids(LegacyLink.Kind.BOARD, (r["fid"] for r in rows))
    members = new_ids(LegacyLink.Kind.MEMBER, (r["authorid"] for r in rows))
    # Views Discuz! has counted but not yet added to the thread (optimizeviews, section
    # i of the notes). They join the row before its digest is taken, so a change in
    # either number updates the thread, and views are always views + addviews from
    # the source: a second run sets the same total, it does not add them again.
    pending = {
        int(tid): int(added or 0)
        for tid, added in run.fetch_in(
            "forum_threadaddviews", "tid, addviews", [int(r["tid"]) for r in rows], key="tid"
        )
    }
    for row in rows:
        if pending.get(int(row["tid"])):  # only then: other rows keep their old digest
            row["addviews"] = pending[int(row["tid"])]

    def fill(thread: Thread, row: Row) -> None:
        tid = int(row["tid"])
        thread.title = html_to_text(run.text(row, "subject", f"thread {tid}"))[:200] or "—"
        thread.author_id = members.get(int(row["authorid"]))
        thread.author_name = run.text(row, "author", f"thread {tid}")[:40] or "匿名"
        thread.thread_type_id = run.type_for.get(int(row["typeid"] or 0))
        thread.created_at = stamp(row["dateline"]) or timezone.now()
        thread.last_post_at = stamp(row["lastpost"]) or thread.created_at
        thread.last_poster_name = run.text(row, "lastposter", f"thread {tid}")[:40]
        thread.views = max(int(row["views"] or 0), 0) + int(row.get("addviews", 0))
        order = int(row["displayorder"])
        thread.sticky = {1: 1, 2: 1, 3: 3}.get(order, 0)
        thread.is_deleted = order < 0  # -1 recycle bin, -2 awaiting review, -3 ignored, -4 draft
        thread.digest = min(max(int(row["digest"] or 0), 0), 3)
        thread.is_closed = int(row["closed"] or 0) == 1

    def build(row: Row) -> Thread:
        board_id = boards.get(int(row["fid"]))
        if board_id is None:
            raise SkipRow(gettext_noop("thread whose forum was deleted"))
        if int(row["closed"] or 0) > 1:
            raise SkipRow(gettext_noop("moved-thread pointer (its target thread is imported)"))
        thread = Thread(board_id=board_id)
        fill(thread, row)
        return thread

    touched = upsert(LegacyLink.Kind.THREAD, rows, report, "tid", build, fill, Thread)
    index_threads(run, (thread.pk for thread in touched.values()))


def import_classified_values(run: RunState) -> None:
    report = run.report("classified values")
    if not run.source.has_table("forum_typeoptionvar") or not run.option_for:
        return
    for batch in run.source.batches(
        "forum_typeoptionvar", ["tid", "optionid", "value"], key="tid", batch=run.batch_size
    ):
        # keyset on tid alone would skip rows sharing a tid across batches:
        # fetch every option row of the batch's threads at once instead.
        tids = sorted({int(r["tid"]) for r in batch})
        rows = run.fetch_in("forum_typeoptionvar", "tid, optionid, value", tids, key="tid")
        threads = new_ids(LegacyLink.Kind.THREAD, tids)
        values: dict[int, dict[str, str]] = defaultdict(dict)
        for tid, optionid, value in rows:
            report.read += 1
            option = run.option_for.get(int(optionid))
            if option is None or int(tid) not in threads:
                report.skip(gettext_noop("value of a missing option or thread"))
                continue
            values[threads[int(tid)]][option[0]] = run.source.decoder.text(value, "option")[:200]
        with transaction.atomic():
            for thread in Thread.objects.filter(pk__in=values).select_related("board"):
                thread.fields = values[thread.pk]
                thread.save(update_fields=["fields"])
                for name in values[thread.pk]:
                    label = next((o[1] for o in run.option_for.values() if o[0] == name), name)
                    ThreadField.objects.get_or_create(
                        board=thread.board, name=name[:30], defaults={"label": label[:40]}
                    )
                report.imported += 1


def finish_forum(run: RunState) -> None:
    """Counters, floors and [attach] references, once the rows are in."""
    thread_ids = list(
        LegacyLink.objects.filter(kind=LegacyLink.Kind.THREAD).values_list("new_id", flat=True)
    )
    # Grouped counts, written back by id: correlated subqueries per thread were
    # slow on PostgreSQL right after a bulk load, before its statistics catch up.
    for start in range(0, len(thread_ids), 20000):
        chunk = thread_ids[start : start + 20000]
        counts = (
            Post.objects.filter(thread_id__in=chunk)
            .order_by()
            .values("thread_id")
            .annotate(live=Count("pk", filter=Q(is_deleted=False)), top=Max("position"))
            .values_list("thread_id", "live", "top")
        )
        found = {tid: (live, top) for tid, live, top in counts}
        update_rows(
            Thread,
            ["reply_count", "last_position"],
            [
                (max(found.get(tid, (1, 1))[0] - 1, 0), found.get(tid, (1, 1))[1] or 1, tid)
                for tid in chunk
            ],
        )
    place_attachments(run)
    recount_boards(
        list(LegacyLink.objects.filter(kind=LegacyLink.Kind.BOARD).values_list("new_id", flat=True))
    )
    members = LegacyLink.objects.filter(kind=LegacyLink.Kind.MEMBER).values_list(
        "new_id", flat=True
    )
    written = _count_by(Post.objects.filter(is_deleted=False, author__isnull=False), "author_id")
    update_rows(User, ["post_count"], [(written.get(pk, 0), pk) for pk in members])


def recount_boards(board_ids: list[int]) -> None:
    """What ``forum.services.recount_board`` does, for every board in a few grouped queries.

    Board by board, each count walks that board's posts; at a thousand boards
    and a million posts that took longer than the import itself.
    """
    today = timezone.localdate()
    midnight = timezone.make_aware(dt.datetime.combine(today, dt.time()))
    threads = _count_by(Thread.objects.filter(board_id__in=board_ids, is_deleted=False), "board_id")
    live = Post.objects.filter(
        thread__board_id__in=board_ids, thread__is_deleted=False, is_deleted=False
    ).order_by()
    posts = _count_by(live, "thread__board_id")
    fresh = _count_by(live.filter(created_at__gte=midnight), "thread__board_id")
    boards = list(Board.objects.filter(pk__in=board_ids))
    for board in boards:
        latest = (
            Thread.objects.filter(board_id=board.pk, is_deleted=False)
            .order_by("-last_post_at", "-pk")
            .only("pk", "title", "last_poster_name", "last_post_at")
            .first()
        )
        board.thread_count = threads.get(board.pk, 0)
        board.post_count = posts.get(board.pk, 0)
        board.today_posts, board.today = fresh.get(board.pk, 0), today
        board.last_thread = latest
        board.last_thread_title = latest.title if latest else ""
        board.last_poster_name = latest.last_poster_name if latest else ""
        board.last_post_at = latest.last_post_at if latest else None
    Board.objects.bulk_update(
        boards,
        [
            "thread_count",
            "post_count",
            "today_posts",
            "today",
            "last_thread",
            "last_thread_title",
            "last_poster_name",
            "last_post_at",
        ],
        batch_size=200,
    )
    touch("forum", *(f"board:{pk}" for pk in board_ids))


def _count_by(rows: QuerySet[Any], field: str) -> dict[int, int]:
    """How many of ``rows`` there are for each value of ``field``, in one grouped query."""
    return dict(rows.order_by().values(field).annotate(n=Count("pk")).values_list(field, "n"))
