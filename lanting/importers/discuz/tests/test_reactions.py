"""Likes, the mood bar and favourites from a Discuz! X3.4 site (the default data has none)."""

import pytest
from django.core.management import call_command

from lanting.favorites.models import Favorite
from lanting.forum.models import Board, Post, Thread
from lanting.importers.discuz.models import LegacyLink
from lanting.importers.discuz.tests.test_import import _execute_on_source
from lanting.portal.models import Article
from lanting.reactions.models import ArticleMood, PostVote

pytestmark = pytest.mark.django_db

T0 = 1_550_577_000

# Fixed test rows, formatted from the constant above: no outside input reaches them.
# ruff: noqa: S608

PARTICIPATION = [
    # tid 100 (by uid 2): 2 for, 1 against; who voted is all Discuz! keeps.
    "UPDATE pre_forum_thread SET recommend_add = 2, recommend_sub = 1, recommends = 1 "
    "WHERE tid = 100",
    f"INSERT INTO pre_forum_memberrecommend (tid, recommenduid, dateline) VALUES "
    f"(100, 3, {T0 + 1}), (100, 1, {T0 + 2}), (100, 6, {T0 + 3})",
    # Reply 1001 (by uid 3): one for (uid 2), one against (uid 1).
    "INSERT INTO pre_forum_hotreply_number (pid, tid, support, against, total) "
    "VALUES (1001, 100, 1, 1, 2)",
    "INSERT INTO pre_forum_hotreply_member (tid, pid, uid, attitude) "
    "VALUES (100, 1001, 2, 1), (100, 1001, 1, 0)",
    # Article 1: 路过 3, 鲜花 2; uid 2 gave 鲜花 (clickid 14), uid 3 路过 (clickid 11).
    "UPDATE pre_portal_article_title SET click1 = 3, click4 = 2 WHERE aid = 1",
    f"INSERT INTO pre_home_clickuser (uid, username, id, idtype, clickid, dateline) VALUES "
    f"(2, 'b', 1, 'aid', 14, {T0}), (3, 'c', 1, 'aid', 11, {T0}), (3, 'c', 100, 'blogid', 1, {T0})",
    # Favourites: a thread, a board, an article, a blog (not carried), a thread not imported.
    "INSERT INTO pre_home_favorite (favid, uid, id, idtype, spaceuid, title, description, "
    f"dateline) VALUES (1, 3, 100, 'tid', 0, 't', '', {T0}), (2, 3, 100, 'fid', 0, 'f', '', {T0}),"
    f" (3, 2, 1, 'aid', 0, 'a', '', {T0}), (4, 2, 5, 'blogid', 0, 'b', '', {T0}),"
    f" (5, 2, 999, 'tid', 0, 'x', '', {T0})",
]


def _new(kind, old_id):
    return LegacyLink.objects.get(kind=kind, old_id=old_id).new_id


def _member(uid):
    return _new(LegacyLink.Kind.MEMBER, uid)


def _state():
    return {
        "votes": sorted(PostVote.objects.values_list("post_id", "member_id", "attitude")),
        "moods": sorted(ArticleMood.objects.values_list("article_id", "member_id", "mood")),
        "favorites": sorted(Favorite.objects.values_list("member_id", "kind")),
        "threads": sorted(
            Thread.objects.values_list("pk", "recommend_add", "recommend_sub", "favorite_count")
        ),
        "posts": sorted(Post.objects.values_list("pk", "support", "against")),
        "articles": sorted(Article.objects.values_list("pk", "click1", "click4", "favorite_count")),
    }


def test_likes_moods_and_favourites_come_across(discuz_dsn, settings, tmp_path):
    dsn, attachments = discuz_dsn
    settings.MEDIA_ROOT = tmp_path / "media"
    _execute_on_source(dsn, *PARTICIPATION)
    call_command("import-discuz", "--dsn", dsn, "--attachments", str(attachments))

    thread = Thread.objects.get(pk=_new(LegacyLink.Kind.THREAD, 100))
    assert (thread.recommend_add, thread.recommend_sub) == (2, 1)
    first = thread.posts.get(position=1)
    assert (first.support, first.against) == (2, 1)
    # The first two voters by time for, the last against.
    assert dict(first.votes.values_list("member_id", "attitude")) == {
        _member(3): PostVote.Attitude.SUPPORT,
        _member(1): PostVote.Attitude.SUPPORT,
        _member(6): PostVote.Attitude.AGAINST,
    }

    reply = Post.objects.get(pk=_new(LegacyLink.Kind.POST, 1001))
    assert (reply.support, reply.against) == (1, 1)
    assert dict(reply.votes.values_list("member_id", "attitude")) == {
        _member(2): PostVote.Attitude.SUPPORT,
        _member(1): PostVote.Attitude.AGAINST,
    }

    article = Article.objects.get(pk=_new(LegacyLink.Kind.ARTICLE, 1))
    assert (article.click1, article.click2, article.click4) == (3, 0, 2)
    assert dict(article.moods.values_list("member_id", "mood")) == {
        _member(2): 4,  # 鲜花
        _member(3): 1,  # 路过
    }

    assert sorted(Favorite.objects.values_list("member_id", "kind")) == sorted(
        [(_member(3), "thread"), (_member(3), "board"), (_member(2), "article")]
    )
    board = Board.objects.get(pk=_new(LegacyLink.Kind.BOARD, 100))
    assert thread.favorite_count == 1 and board.favorite_count == 1
    assert article.favorite_count == 1

    second = _state()
    call_command("import-discuz", "--dsn", dsn, "--attachments", str(attachments))
    assert _state() == second


def test_the_import_report_says_what_was_not_carried(discuz_dsn, settings, tmp_path):
    dsn, attachments = discuz_dsn
    settings.MEDIA_ROOT = tmp_path / "media"
    _execute_on_source(dsn, *PARTICIPATION)
    out = tmp_path / "report.json"
    call_command(
        "import-discuz", "--dsn", dsn, "--attachments", str(attachments), "--report", str(out)
    )
    import json

    tables = json.loads(out.read_text())["tables"]
    assert tables["favourites"]["skipped"] == {
        "a favourite blog, album or space (not carried)": 1,
        "favourite of something that was not imported": 1,
    }
    assert tables["favourites"]["imported"] == 3
    assert tables["article moods"]["imported"] == 2
    assert tables["thread votes"]["imported"] == 3
    assert tables["post votes"]["imported"] == 2
