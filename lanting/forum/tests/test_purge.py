"""Purge a spammer in one action, preview first, undo within 30 days."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lanting.forum import services
from lanting.forum.models import Board, Post, Thread
from lanting.moderation.models import Ban, Purge
from lanting.moderation.purge import preview_purge, purge_member, undo_purge
from lanting.portal.models import Comment
from lanting.portal.services import comment_on_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def spammer(make_member, board, other_board, thread, article):
    spammer = make_member("spammer")
    for n, place in enumerate((board, other_board)):
        services.create_thread(
            board=place,
            author=spammer,
            title=f"广告主题{n}",
            body="便宜",
            ip_address="198.51.100.7",
        )
    services.reply_to_thread(
        thread=thread, author=spammer, body="广告回复", ip_address="198.51.100.7"
    )
    comment_on_article(article=article, author=spammer, body="广告评论")
    return spammer


def _exact():
    for board in Board.objects.all():
        live = Thread.objects.filter(board=board, is_deleted=False)
        assert board.thread_count == live.count()
        assert board.post_count == Post.objects.filter(thread__in=live, is_deleted=False).count()
    for thread in Thread.objects.all():
        assert thread.reply_count == thread.posts.filter(is_deleted=False).count() - 1


def test_preview_lists_what_will_go(spammer, super_moderator):
    preview = preview_purge(member=spammer, moderator=super_moderator)
    counts = {label: count for label, count, _titles in preview.parts}
    assert counts == {"主题": 2, "回复": 1, "文章评论": 1, "短消息": 0}
    assert preview.total == 4 and preview.addresses == ["198.51.100.7"]


def test_purge_hides_everything_bans_and_undo_brings_it_back(
    client, spammer, super_moderator, thread, article
):
    record = purge_member(
        member=spammer, moderator=super_moderator, reason="广告机", ban_addresses=True
    )
    assert not Thread.objects.filter(author=spammer, is_deleted=False).exists()
    assert not Post.objects.filter(
        author=spammer, is_deleted=False, thread__is_deleted=False
    ).exists()
    assert not Comment.objects.filter(author=spammer, is_public=True).exists()
    assert Ban.objects.filter(member=spammer, lifted_at=None).exists()
    assert Ban.objects.filter(kind="ip", ip_range="198.51.100.7/32").exists()
    for word in ("广告主题", "广告回复", "广告评论"):
        assert 'class="search-hit"' not in client.get("/search/", {"q": word}).content.decode()
    html = client.get(thread.get_absolute_url()).content.decode()
    html += (
        client.get("/forum/").content.decode()
        + client.get(article.get_absolute_url()).content.decode()
    )
    assert "广告" not in html
    _exact()
    undo_purge(record=record, moderator=super_moderator)
    assert Thread.objects.filter(author=spammer, is_deleted=False).count() == 2
    assert Comment.objects.filter(author=spammer, is_public=True).count() == 1
    assert 'class="search-hit"' in client.get("/search/", {"q": "广告主题"}).content.decode()
    assert not Ban.objects.filter(lifted_at=None).exists()
    _exact()
    with pytest.raises(ValidationError):
        undo_purge(record=record, moderator=super_moderator)


def test_undo_is_refused_after_30_days(spammer, super_moderator):
    record = purge_member(
        member=spammer, moderator=super_moderator, reason="x", ban_addresses=False
    )
    Purge.objects.filter(pk=record.pk).update(created_at=timezone.now() - dt.timedelta(days=31))
    with pytest.raises(ValidationError):
        undo_purge(record=Purge.objects.get(pk=record.pk), moderator=super_moderator)


def test_a_board_moderator_cannot_purge_and_staff_cannot_be_purged(
    spammer, moderator, super_moderator
):
    with pytest.raises(PermissionDenied):
        preview_purge(member=spammer, moderator=moderator)
    with pytest.raises(PermissionDenied):
        purge_member(member=moderator, moderator=super_moderator, reason="x", ban_addresses=False)
    with pytest.raises(ValidationError):
        purge_member(member=spammer, moderator=super_moderator, reason=" ", ban_addresses=False)
    assert not Purge.objects.exists() and not Ban.objects.exists()


def test_a_purge_that_fails_half_way_hides_nothing(spammer, super_moderator, monkeypatch):
    from lanting.moderation import targets

    def broken(*args):
        raise RuntimeError("disk full")

    purgers = targets.purgers()
    monkeypatch.setitem(
        targets._purgers,
        "portal.comment",
        targets.Purger(purgers["portal.comment"].preview, broken, broken, lambda m: []),
    )
    with pytest.raises(RuntimeError):
        purge_member(member=spammer, moderator=super_moderator, reason="x", ban_addresses=True)
    assert Thread.objects.filter(author=spammer, is_deleted=False).count() == 2
    assert not Ban.objects.exists() and not Purge.objects.exists()


def test_the_purge_page_previews_then_purges(client, spammer, super_moderator):
    client.force_login(super_moderator)
    page = client.get(f"/moderation/purge/{spammer.username}/").content.decode()
    assert "广告主题0" in page and "198.51.100.7" in page
    refused = client.post(f"/moderation/purge/{spammer.username}/", {"reason": ""})
    assert refused.status_code == 400
    done = client.post(
        f"/moderation/purge/{spammer.username}/", {"reason": "广告机", "ban_addresses": "on"}
    )
    assert done.status_code == 302
    assert "spammer" in client.get("/moderation/purges/").content.decode()
    record = Purge.objects.get()
    assert client.post(f"/moderation/purges/{record.pk}/undo/").status_code == 302
    assert Purge.objects.get().undone_at is not None


def test_a_post_offers_its_author_purge_to_super_moderators_only(
    client, thread, make_member, moderator, super_moderator
):
    spammer = make_member("guanggao")
    services.reply_to_thread(thread=thread, author=spammer, body="广告")
    client.force_login(super_moderator)
    page = client.get(f"/thread/{thread.pk}/").content.decode()
    assert f'href="/moderation/purge/{spammer.username}/"' in page
    client.force_login(moderator)  # a board's moderator may not purge: no link to a refusal
    assert "/moderation/purge/" not in client.get(f"/thread/{thread.pk}/").content.decode()
