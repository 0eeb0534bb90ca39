"""Posts held for review: off every public page, feed, search and counter until approved."""

import pytest
from django.core.exceptions import ValidationError

from lanting.forum import services
from lanting.forum.models import Board, Post, Thread
from lanting.forum.services.review import approve_post
from lanting.moderation import queue
from lanting.moderation.models import CensorWord, QueueEntry
from lanting.notifications.models import Notification
from lanting.search.models import SearchEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def words(db):
    CensorWord.objects.create(find="代办", action="mod")
    CensorWord.objects.create(find="发票", action="banned")
    CensorWord.objects.create(find="笨蛋", action="replace", replacement="朋友")


def _counts(board, thread=None):
    board.refresh_from_db()
    out = {"threads": board.thread_count, "posts": board.post_count}
    if thread is not None:
        thread.refresh_from_db()
        out["replies"] = thread.reply_count
    return out


def test_banned_word_refuses_the_thread_and_saves_nothing(board, author):
    with pytest.raises(ValidationError) as error:
        services.create_thread(board=board, author=author, title="开发票", body="联系我")
    assert "含有禁止的词语" in str(error.value) or "banned" in str(error.value)
    assert not Thread.objects.exists() and not Post.objects.exists()
    assert _counts(board) == {"threads": 0, "posts": 0}


def test_banned_word_on_the_page_keeps_the_text(client, board, author):
    client.force_login(author)
    response = client.post(
        f"/forum/{board.slug}/new/",
        {"title": "好消息", "body": "代开发票 请联系", "markup": "bbcode"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "含有禁止的词语" in html and "代开发票 请联系" in html
    assert not Thread.objects.exists()


def test_replacement_words_are_put_in_before_saving(thread, make_member):
    post = services.reply_to_thread(thread=thread, author=make_member("ke"), body="你这笨蛋")
    assert post.body == "你这朋友" and "朋友" in post.body_html


def test_mod_word_reply_waits_and_counts_nothing_until_approved(
    client, board, thread, make_member, moderator, django_capture_on_commit_callbacks
):
    before = _counts(board, thread)
    spammer = make_member("spammer")
    post = services.reply_to_thread(thread=thread, author=spammer, body="专业代办签证 加我")
    assert post.is_deleted and post.awaiting_review
    assert _counts(board, thread) == before
    entry = QueueEntry.objects.get(kind="pending")
    assert entry.board_id == board.pk and entry.author == spammer and "代办" in entry.why
    # Nobody else sees it: guests, other members, search.
    assert "专业代办签证" not in client.get(thread.get_absolute_url()).content.decode()
    client.force_login(make_member("other"))
    assert "专业代办签证" not in client.get(thread.get_absolute_url()).content.decode()
    assert not SearchEntry.objects.filter(text__contains="代办").exists()
    # The author sees it, marked.
    client.force_login(spammer)
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "专业代办签证" in html and "等待审核" in html
    # Approval publishes it: counters move then; the author is told.
    with django_capture_on_commit_callbacks(execute=True):
        queue.resolve_entry(entry=entry, moderator=moderator, action="approve")
    after = _counts(board, thread)
    assert after == {**before, "posts": before["posts"] + 1, "replies": before["replies"] + 1}
    post.refresh_from_db()
    assert not post.is_deleted and not post.awaiting_review
    assert Notification.objects.filter(recipient=spammer, kind="post_approved").exists()
    spammer.refresh_from_db()
    assert spammer.post_count == 1
    client.force_login(make_member("third"))
    assert "专业代办签证" in client.get(thread.get_absolute_url()).content.decode()


def test_a_held_thread_is_on_no_list_until_approved(client, board, author, make_member, moderator):
    thread = services.create_thread(board=board, author=author, title="代办驾照", body="快速")
    assert thread.is_deleted and thread.awaiting_review
    assert _counts(board) == {"threads": 0, "posts": 0}
    assert "代办驾照" not in client.get(f"/forum/{board.slug}/").content.decode()
    assert "代办驾照" not in client.get("/forum/").content.decode()
    assert "代办驾照" not in client.get("/").content.decode()
    assert client.get(thread.get_absolute_url()).status_code == 404
    client.force_login(make_member("other"))
    assert client.get(thread.get_absolute_url()).status_code == 404
    client.force_login(author)
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "代办驾照" in html and "等待审核" in html
    approve_post(post=thread.posts.get(), moderator=moderator)
    assert _counts(board) == {"threads": 1, "posts": 1}
    client.logout()
    assert "代办驾照" in client.get(f"/forum/{board.slug}/").content.decode()


def test_rejection_tells_the_author_why_and_keeps_it_hidden(
    board, thread, make_member, moderator, django_capture_on_commit_callbacks
):
    spammer = make_member("spammer")
    post = services.reply_to_thread(thread=thread, author=spammer, body="代办")
    entry = QueueEntry.objects.get()
    with pytest.raises(ValidationError):  # a reason is needed
        queue.resolve_entry(entry=entry, moderator=moderator, action="remove", reason="")
    with django_capture_on_commit_callbacks(execute=True):
        queue.resolve_entry(entry=entry, moderator=moderator, action="remove", reason="广告")
    post.refresh_from_db()
    assert post.is_deleted and not post.awaiting_review
    notice = Notification.objects.get(recipient=spammer, kind="post_rejected")
    assert notice.text == "广告"
    entry.refresh_from_db()
    assert entry.state == "removed"
    with pytest.raises(ValidationError):  # handled once
        queue.resolve_entry(entry=entry, moderator=moderator, action="approve")


def test_a_moderator_of_another_board_cannot_act(board, other_board, thread, make_member, group):
    services.reply_to_thread(thread=thread, author=make_member("spammer"), body="代办")
    elsewhere = make_member("elsewhere", group=group("moderator"))
    other_board.moderators.add(elsewhere)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        queue.resolve_entry(entry=QueueEntry.objects.get(), moderator=elsewhere, action="approve")


def test_first_posts_of_a_group_wait(board, thread, make_member, rank):
    newcomer_rank = rank("新手上路")
    newcomer_rank.review_first_posts = 1
    newcomer_rank.save()
    newbie = make_member("newbie", rank=newcomer_rank)
    first = services.reply_to_thread(thread=thread, author=newbie, body="大家好")
    assert first.awaiting_review
    assert "first 1 posts" in QueueEntry.objects.get().why or "1" in QueueEntry.objects.get().why


def test_a_new_members_post_with_links_waits(board, thread, make_member, rank):
    newcomer_rank = rank("新手上路")
    newcomer_rank.newcomer_posts, newcomer_rank.newcomer_links_reviewed = 5, True
    newcomer_rank.save()
    newbie = make_member("newbie", rank=newcomer_rank)
    plain = services.reply_to_thread(thread=thread, author=newbie, body="没有链接")
    linked = services.reply_to_thread(thread=thread, author=newbie, body="看 https://spam.example")
    assert not plain.awaiting_review and linked.awaiting_review


def test_staff_and_the_boards_moderator_are_never_held(board, thread, moderator):
    post = services.reply_to_thread(thread=thread, author=moderator, body="代办 说明")
    assert not post.awaiting_review


def test_the_recycle_bin_does_not_list_what_waits(client, board, thread, make_member, moderator):
    services.reply_to_thread(thread=thread, author=make_member("s"), body="代办 业务")
    client.force_login(moderator)
    assert "代办 业务" not in client.get("/forum/recycle-bin/").content.decode()


def test_an_edit_with_a_banned_word_is_refused(thread, author):
    with pytest.raises(ValidationError):
        services.edit_post(post=thread.posts.get(), editor=author, body="开发票")
    assert thread.posts.get().body == "大家推荐一下。"


def test_counters_are_exact_after_a_mix(board, thread, make_member, moderator):
    for n in range(3):
        services.reply_to_thread(thread=thread, author=make_member(f"m{n}"), body=f"代办{n}")
    services.reply_to_thread(thread=thread, author=make_member("ok"), body="正常")
    entries = list(QueueEntry.objects.order_by("pk"))
    queue.resolve_entry(entry=entries[0], moderator=moderator, action="approve")
    queue.resolve_entry(entry=entries[1], moderator=moderator, action="remove", reason="广告")
    live = Post.objects.filter(thread=thread, is_deleted=False).count()
    assert _counts(board, thread) == {"threads": 1, "posts": live, "replies": live - 1}
    assert Board.objects.get().post_count == 3


def test_an_edit_that_brings_in_a_mod_word_takes_the_reply_back_to_review(
    client, board, thread, make_member, moderator
):
    member = make_member("editor")
    post = services.reply_to_thread(thread=thread, author=member, body="正常回复")
    before = _counts(board, thread)
    services.edit_post(post=post, editor=member, body="现在改成代办广告")
    post.refresh_from_db()
    assert post.is_deleted and post.awaiting_review
    assert _counts(board, thread) == {**before, "posts": before["posts"] - 1, "replies": 0}
    assert "代办广告" not in client.get(thread.get_absolute_url()).content.decode()
    approve_post(post=post, moderator=moderator)
    assert _counts(board, thread) == before
    member.refresh_from_db()
    assert member.post_count == 1  # credited once, not again at approval


def test_an_edited_first_post_takes_its_thread_back_to_review(board, author, moderator):
    thread = services.create_thread(board=board, author=author, title="普通", body="内容")
    services.edit_post(post=thread.posts.get(), editor=author, body="代办", title="普通")
    thread.refresh_from_db()
    assert thread.is_deleted and thread.awaiting_review
    assert _counts(board) == {"threads": 0, "posts": 0}
    approve_post(post=thread.posts.get(), moderator=moderator)
    assert _counts(board) == {"threads": 1, "posts": 1}
