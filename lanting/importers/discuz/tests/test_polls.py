"""Polls and ratings come over from Discuz! X3.4, onto the imported threads and posts."""

import pytest
from django.core.management import call_command

from lanting.forum.models import Post, Thread
from lanting.importers.discuz.models import ImportRun, LegacyLink
from lanting.importers.discuz.tests.test_import import _execute_on_source
from lanting.polls import services
from lanting.polls.models import Ballot, Poll, PollOption, PostRating, Vote

pytestmark = pytest.mark.django_db


def _import(dsn, attachments):
    call_command("import-discuz", "--dsn", dsn, "--attachments", str(attachments))


def _poll_rows():
    return (
        Poll.objects.count(),
        PollOption.objects.count(),
        Ballot.objects.count(),
        Vote.objects.count(),
        PostRating.objects.count(),
    )


def test_a_discuz_poll_comes_over_with_its_votes(discuz_dsn, settings, tmp_path, client):
    dsn, attachments = discuz_dsn
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LANGUAGE_CODE = "en"
    _import(dsn, attachments)
    poll = Poll.objects.get()
    assert poll.thread.title == "Welcome 欢迎"
    assert (poll.multiple, poll.max_choices, poll.voters_public, poll.results) == (
        True,
        2,
        True,
        "always",
    )
    assert poll.ends_at is None and poll.voter_count == 3  # the gone member's vote still counts
    options = list(poll.options.order_by("order").values_list("text", "votes"))
    assert options == [("中餐", 2), ("西餐", 1), ("都行", 1)]
    chose = {
        b.member.username: sorted(v.option.text for v in Vote.objects.filter(ballot=b))
        for b in Ballot.objects.select_related("member")
    }
    assert chose == {"伦敦小王": ["中餐"], "kate_w": ["中餐", "西餐"]}
    # Imported voters cannot vote again; others can.
    from lanting.accounts.models import User

    wang = User.objects.get(username="伦敦小王")
    with pytest.raises(Exception, match="already voted"):
        services.vote(poll=poll, member=wang, option_ids=[poll.options.first().pk])
    report = ImportRun.objects.latest("started_at").report["tables"]
    assert report["polls"]["imported"] == 1
    assert report["polls"]["skipped"] == {"poll of a thread that was not imported": 1}
    assert sum(report["polls"]["warnings"].values()) == 1  # uid 99 is gone
    page = client.get(f"/thread/{poll.thread_id}/").content.decode()
    assert "2 votes, 50%" in page and "kate_w" in page
    board = client.get(poll.thread.board.get_absolute_url()).content.decode()
    assert '<span class="tag poll">Poll</span>' in board


def test_ratings_show_under_the_post_with_their_credit(discuz_dsn, settings, tmp_path, client):
    dsn, attachments = discuz_dsn
    settings.MEDIA_ROOT = tmp_path / "media"
    _import(dsn, attachments)
    post = Post.objects.get(
        pk=LegacyLink.objects.get(kind=LegacyLink.Kind.POST, old_id=1000).new_id
    )
    ratings = list(
        PostRating.objects.filter(post=post)
        .order_by("created_at")
        .values_list("rater__username", "rater_name", "credit", "score", "reason")
    )
    assert ratings == [
        ("admin", "admin", "威望", 2, "好帖"),
        ("mod_li", "mod_li", "金钱", -1, "图片太小"),
    ]
    report = ImportRun.objects.latest("started_at").report["tables"]["ratings"]
    assert report["imported"] == 2 and sum(report["skipped"].values()) == 1
    page = client.get(Thread.objects.get(pk=post.thread_id).get_absolute_url()).content.decode()
    assert 'class="ratings"' in page and "图片太小" in page and "金钱 -1" in page
    assert "威望 +2" in page


def test_a_second_run_adds_nothing_and_takes_changes(discuz_dsn, settings, tmp_path):
    dsn, attachments = discuz_dsn
    settings.MEDIA_ROOT = tmp_path / "media"
    _import(dsn, attachments)
    first = _poll_rows()
    _import(dsn, attachments)
    assert _poll_rows() == first
    report = ImportRun.objects.latest("started_at").report["tables"]
    assert report["polls"]["unchanged"] == 1 and report["ratings"]["unchanged"] == 2
    # Moving day: a new vote and a new rating on the old site since the first run.
    _execute_on_source(
        dsn,
        "UPDATE pre_forum_polloption SET votes = votes + 1 WHERE polloptionid = 2",
        "UPDATE pre_forum_poll SET voters = 4 WHERE tid = 102",
        "INSERT INTO pre_forum_pollvoter (tid, uid, username, options, dateline) "
        "VALUES (102, 1, 'admin', '2', 1550580000)",
        "INSERT INTO pre_forum_ratelog (pid, uid, username, extcredits, dateline, score, reason)"
        " VALUES (1000, 3, 'kate_w', 1, 1550580000, 1, '赞')",
    )
    _import(dsn, attachments)
    polls, options, ballots, votes, ratings = _poll_rows()
    assert (polls, options, ballots, votes, ratings) == (1, 3, 3, 4, 3)
    poll = Poll.objects.get()
    assert poll.voter_count == 4
    assert list(poll.options.order_by("order").values_list("votes", flat=True)) == [2, 2, 1]
