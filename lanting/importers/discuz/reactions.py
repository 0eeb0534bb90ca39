"""Likes, the article mood bar and favourites: who voted, reacted or kept what, and the counts.

Discuz! keeps the thread's 支持 / 反对 on ``forum_thread.recommend_add`` / ``recommend_sub``
and only *who* voted in ``forum_memberrecommend`` (not which way); replies' votes are
``forum_hotreply_member`` (attitude 1 = support, 0 = against) with their counts in
``forum_hotreply_number``. An article's mood counts are ``portal_article_title.click1..8``
(the n-th enabled article click of ``home_click``), who clicked ``home_clickuser``;
favourites are ``home_favorite``.

The counts are taken as Discuz! shows them; the votes, moods and favourites are written
once each (their unique constraints), so a second run adds nothing twice.
"""

from collections import defaultdict
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext_noop

from lanting.favorites.models import Favorite
from lanting.forum.models import Board, Post, Thread
from lanting.importers.discuz.bulk import update_rows
from lanting.importers.discuz.links import Row, TableReport, new_ids
from lanting.importers.discuz.models import LegacyLink
from lanting.importers.discuz.run import RunState
from lanting.importers.discuz.source import stamp
from lanting.portal.models import Article
from lanting.reactions.models import ArticleMood, PostVote

Kind = LegacyLink.Kind
SUPPORT, AGAINST = PostVote.Attitude.SUPPORT, PostVote.Attitude.AGAINST
CHUNK = 2000


def _chunks(ids: list[int], size: int = CHUNK) -> list[list[int]]:
    return [ids[start : start + size] for start in range(0, len(ids), size)]


def _created(dateline: Any) -> dict[str, Any]:
    when = stamp(dateline)
    return {"created_at": when} if when else {}


# -- 支持 / 反对 -------------------------------------------------------------------------


def import_thread_votes(run: RunState) -> None:
    """The threads' recommend_add / recommend_sub, and who voted (their opening posts)."""
    report = run.report("thread votes")
    threads = dict(LegacyLink.objects.filter(kind=Kind.THREAD).values_list("old_id", "new_id"))
    for tids in _chunks(sorted(threads)):
        rows = run.fetch_in("forum_thread", "tid, recommend_add, recommend_sub", tids, key="tid")
        totals = {int(tid): (int(add or 0), int(sub or 0)) for tid, add, sub in rows if add or sub}
        if not totals:
            continue
        update_rows(
            Thread,
            ["recommend_add", "recommend_sub"],
            [(add, sub, threads[tid]) for tid, (add, sub) in totals.items()],
        )
        firsts = dict(
            Post.objects.filter(thread_id__in=[threads[t] for t in totals], position=1)
            .order_by()
            .values_list("thread_id", "pk")
        )
        update_rows(
            Post,
            ["support", "against"],
            [
                (add, sub, firsts[threads[t]])
                for t, (add, sub) in totals.items()
                if threads[t] in firsts
            ],
        )
        voters = run.fetch_in(
            "forum_memberrecommend",
            "tid, recommenduid, dateline",
            list(totals),
            key="tid",
        )
        report.read += len(voters)
        members = new_ids(Kind.MEMBER, (int(r[1]) for r in voters))
        by_thread: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for tid, uid, dateline in voters:
            by_thread[int(tid)].append((int(dateline or 0), int(uid)))
        votes = []
        for tid, cast in by_thread.items():
            post_id = firsts.get(threads[tid])
            if post_id is None:
                report.skip(gettext_noop("vote on a thread without its first post"), f"tid {tid}")
                continue
            add = totals[tid][0]
            # Discuz! keeps who voted, not which way: the first recommend_add of them
            # (by time) are taken for support and the rest for against, so the counts
            # and the votes agree wherever they can.
            for n, (dateline, uid) in enumerate(sorted(cast)):
                member_id = members.get(uid)
                if member_id is None:
                    report.skip(gettext_noop("vote by a member who was not imported"), f"uid {uid}")
                    continue
                attitude = SUPPORT if n < add else AGAINST
                votes.append(
                    PostVote(
                        post_id=post_id,
                        member_id=member_id,
                        attitude=attitude,
                        **_created(dateline),
                    )
                )
        _write(PostVote, votes, report)


def import_post_votes(run: RunState) -> None:
    """Replies' 支持 / 反对 (Discuz!'s hot replies): their counts and who voted which way."""
    run.import_table(
        "post votes", "forum_hotreply_number", ["pid", "support", "against"], "pid", _post_votes
    )


def _post_votes(run: RunState, rows: list[Row], report: TableReport) -> None:
    posts = new_ids(Kind.POST, (int(r["pid"]) for r in rows))
    replies = set(
        Post.objects.filter(pk__in=posts.values(), position__gt=1).values_list("pk", flat=True)
    )
    counts = []
    for row in rows:
        post_id = posts.get(int(row["pid"]))
        if post_id is None:
            report.skip(gettext_noop("votes on a post that was not imported"), f"pid {row['pid']}")
        elif post_id in replies:  # an opening post's votes are its thread's
            counts.append((int(row["support"] or 0), int(row["against"] or 0), post_id))
    update_rows(Post, ["support", "against"], counts)
    voters = run.fetch_in(
        "forum_hotreply_member", "pid, uid, attitude", [int(r["pid"]) for r in rows], key="pid"
    )
    members = new_ids(Kind.MEMBER, (int(v[1]) for v in voters))
    votes = []
    for pid, uid, attitude in voters:
        post_id, member_id = posts.get(int(pid)), members.get(int(uid))
        if post_id not in replies or member_id is None:
            continue
        votes.append(
            PostVote(
                post_id=post_id,
                member_id=member_id,
                attitude=SUPPORT if int(attitude) == 1 else AGAINST,
            )
        )
    _write(PostVote, votes, report)


def _write(model: Any, objects: list[Any], report: TableReport) -> None:
    """Insert what is not there yet: a vote, mood or favourite already kept stays as it is."""
    before = model.objects.count()
    model.objects.bulk_create(objects, batch_size=1000, ignore_conflicts=True)
    report.imported += model.objects.count() - before


# -- the article mood bar ----------------------------------------------------------------


def _article_clicks(run: RunState) -> dict[int, int]:
    """Discuz! clickid → which clickN counter it moves (1-based), for articles."""
    if not run.source.has_table("home_click"):
        return {}
    rows = run.source.fetch(
        f"SELECT clickid FROM {run.source.table('home_click')} "  # noqa: S608  (our table name)
        "WHERE idtype = 'aid' AND available = 1 ORDER BY displayorder, clickid"
    )
    return {int(row[0]): n for n, row in enumerate(rows, start=1)}


def _clicks_on(run: RunState, aids: list[int]) -> list[tuple[Any, ...]]:
    if not aids or not run.source.has_table("home_clickuser"):
        return []
    marks = ", ".join(["%s"] * len(aids))
    return run.source.fetch(
        f"SELECT uid, id, clickid, dateline FROM {run.source.table('home_clickuser')} "  # noqa: S608  (our table name)
        f"WHERE idtype = 'aid' AND id IN ({marks})",
        aids,
    )


def import_article_moods(run: RunState) -> None:
    """The articles' click1..click5 and who clicked which (home_clickuser)."""
    report = run.report("article moods")
    articles = dict(LegacyLink.objects.filter(kind=Kind.ARTICLE).values_list("old_id", "new_id"))
    clicks = _article_clicks(run)
    names = [f"click{n}" for n in ArticleMood.Mood.values]
    for aids in _chunks(sorted(articles)):
        rows = run.fetch_in(
            "portal_article_title",
            "aid, click1, click2, click3, click4, click5, click6, click7, click8",
            aids,
            key="aid",
        )
        update_rows(
            Article,
            names,
            [(*(int(c or 0) for c in row[1:6]), articles[int(row[0])]) for row in rows],
        )
        for row in rows:
            if any(int(c or 0) for c in row[6:9]):
                report.warn(
                    gettext_noop("clicks beyond the five moods are not carried"), f"aid {row[0]}"
                )
        clicked = _clicks_on(run, aids)
        report.read += len(clicked)
        members = new_ids(Kind.MEMBER, (int(c[0]) for c in clicked))
        moods = []
        for uid, aid, clickid, dateline in clicked:
            mood, member_id = clicks.get(int(clickid)), members.get(int(uid))
            if member_id is None:
                report.skip(gettext_noop("mood of a member who was not imported"), f"uid {uid}")
            elif mood is None or mood > len(names):
                report.skip(gettext_noop("a click that is not one of the five moods"), f"aid {aid}")
            else:
                moods.append(
                    ArticleMood(
                        article_id=articles[int(aid)],
                        member_id=member_id,
                        mood=mood,
                        **_created(dateline),
                    )
                )
        _write(ArticleMood, moods, report)


# -- favourites --------------------------------------------------------------------------

FAVORITE_KINDS = {
    "tid": (Kind.THREAD, "thread"),
    "fid": (Kind.BOARD, "board"),
    "aid": (Kind.ARTICLE, "article"),
}


def import_favorites(run: RunState) -> None:
    run.import_table(
        "favourites",
        "home_favorite",
        ["favid", "uid", "id", "idtype", "dateline"],
        "favid",
        _favorites,
    )
    recount_favorites()


def _favorites(run: RunState, rows: list[Row], report: TableReport) -> None:
    members = new_ids(Kind.MEMBER, (int(r["uid"]) for r in rows))
    kinds = {r["favid"]: run.text(r, "idtype", f"favourite {r['favid']}") for r in rows}
    targets = {
        idtype: new_ids(link, (int(r["id"]) for r in rows if kinds[r["favid"]] == idtype))
        for idtype, (link, _field) in FAVORITE_KINDS.items()
    }
    favorites = []
    for row in rows:
        idtype = kinds[row["favid"]]
        where = f"favid {row['favid']}"
        if idtype not in FAVORITE_KINDS:
            report.skip(gettext_noop("a favourite blog, album or space (not carried)"), where)
            continue
        item_id = targets[idtype].get(int(row["id"]))
        member_id = members.get(int(row["uid"]))
        if item_id is None:
            report.skip(gettext_noop("favourite of something that was not imported"), where)
        elif member_id is None:
            report.skip(gettext_noop("favourite of a member who was not imported"), where)
        else:
            field = FAVORITE_KINDS[idtype][1]
            favorites.append(
                Favorite(
                    member_id=member_id,
                    kind=field,
                    **{f"{field}_id": item_id},
                    **_created(row["dateline"]),
                )
            )
    _write(Favorite, favorites, report)


def recount_favorites() -> None:
    """Each thread's, board's and article's favourite count from the favourites kept."""
    for model, field in ((Thread, "thread"), (Board, "board"), (Article, "article")):
        counted = dict(
            Favorite.objects.filter(kind=field)
            .order_by()
            .values(f"{field}_id")
            .annotate(n=Count("pk"))
            .values_list(f"{field}_id", "n")
        )
        stale = set(model.objects.exclude(favorite_count=0).values_list("pk", flat=True)) - set(
            counted
        )
        update_rows(model, ["favorite_count"], [(n, pk) for pk, n in counted.items()])
        update_rows(model, ["favorite_count"], [(0, pk) for pk in stale])
