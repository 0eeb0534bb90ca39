"""The moderation menu of a thread, reply deletion and the recycle bin, through the pages."""

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from lanting.forum.models import Board, Post, Thread
from lanting.moderation.models import ModerationLog

pytestmark = pytest.mark.django_db


def moderate(client, thread, **data):
    if data.get("action") == "delete":  # asks first: the confirmation page takes the reason
        data.setdefault("reason", "重复发帖")
        return client.post(f"/thread/{thread.pk}/delete/", {"reason": data["reason"]})
    return client.post(f"/thread/{thread.pk}/moderate/", data)


def counts(board: Board) -> tuple[int, int]:
    """(threads, posts) as the forum index shows them."""
    board.refresh_from_db()
    return board.thread_count, board.post_count


def true_counts(board: Board) -> tuple[int, int]:
    """What the counters should say: live threads, and live posts in live threads."""
    threads = Thread.objects.filter(board=board, is_deleted=False)
    posts = Post.objects.filter(thread__in=threads, is_deleted=False)
    return threads.count(), posts.count()


def floors(thread: Thread) -> list[tuple[int, str]]:
    return list(thread.posts.order_by("position").values_list("position", "body"))


def logged(action: str, actor) -> int:
    return ModerationLog.objects.filter(action=action, actor=actor).count()


@pytest.fixture
def discussion(thread, make_reply, make_member):
    """The thread with three replies: floors 1 to 4."""
    replier = make_member("huitie")
    for n in (2, 3, 4):
        make_reply(thread, replier, body=f"第{n}楼")
    thread.refresh_from_db()
    return thread


# Stick, digest, close


def test_board_moderator_sticks_a_thread_in_the_board(client, discussion, board, moderator):
    client.force_login(moderator)

    response = moderate(client, discussion, action="stick", level="1")

    assert response.status_code == 302
    discussion.refresh_from_db()
    assert discussion.sticky == Thread.Sticky.BOARD
    assert logged("stick", moderator) == 1
    page = client.get(board.get_absolute_url()).content.decode()
    sticky_list = page[page.index("sticky-list") :]
    assert "周末去哪儿玩" in sticky_list[: sticky_list.index("</ul>")]


def test_only_a_super_moderator_sticks_a_thread_everywhere(
    client, discussion, other_board, moderator, super_moderator
):
    client.force_login(moderator)
    refused = moderate(client, discussion, action="stick", level="3")
    assert refused.status_code == 403
    assert "只有超级版主可以全局置顶。" in refused.content.decode()
    discussion.refresh_from_db()
    assert discussion.sticky == Thread.Sticky.NONE
    assert logged("stick", moderator) == 0

    client.force_login(super_moderator)
    assert moderate(client, discussion, action="stick", level="3").status_code == 302
    discussion.refresh_from_db()
    assert discussion.sticky == Thread.Sticky.GLOBAL
    assert logged("stick", super_moderator) == 1
    elsewhere = client.get(other_board.get_absolute_url()).content.decode()
    assert "全局置顶" in elsewhere and "周末去哪儿玩" in elsewhere


def test_moderator_marks_a_thread_as_digest(client, discussion, board, moderator):
    client.force_login(moderator)

    assert moderate(client, discussion, action="digest", level="2").status_code == 302

    discussion.refresh_from_db()
    assert discussion.digest == 2
    assert logged("digest", moderator) == 1
    assert (
        '<span class="tag digest">精华 2</span>'
        in client.get(board.get_absolute_url()).content.decode()
    )


def test_moderator_closes_and_reopens_a_thread(client, discussion, moderator):
    client.force_login(moderator)

    assert moderate(client, discussion, action="close").status_code == 302
    discussion.refresh_from_db()
    assert discussion.is_closed
    assert "打开" in client.get(discussion.get_absolute_url()).content.decode()

    assert moderate(client, discussion, action="open").status_code == 302
    discussion.refresh_from_db()
    assert not discussion.is_closed
    assert logged("close", moderator) == 1 and logged("open", moderator) == 1


# Move


def test_moving_a_thread_moves_its_counts_to_the_new_board(
    client, discussion, board, other_board, make_thread, super_moderator
):
    make_thread(other_board, title="出一台旧电脑")
    assert counts(board) == (1, 4) and counts(other_board) == (1, 1)
    client.force_login(super_moderator)

    response = moderate(client, discussion, action="move", board=str(other_board.pk))

    assert response.status_code == 302
    discussion.refresh_from_db()
    assert discussion.board == other_board and discussion.moved_from == board
    assert counts(board) == (0, 0)
    assert counts(other_board) == (2, 5)
    assert logged("move", super_moderator) == 1
    assert "周末去哪儿玩" in client.get(other_board.get_absolute_url()).content.decode()
    assert "周末去哪儿玩" not in client.get(board.get_absolute_url()).content.decode()


def test_board_moderator_cannot_move_a_thread_into_a_board_they_do_not_moderate(
    client, discussion, board, other_board, moderator
):
    client.force_login(moderator)

    response = moderate(client, discussion, action="move", board=str(other_board.pk))

    assert response.status_code == 403
    discussion.refresh_from_db()
    assert discussion.board == board
    assert counts(board) == (1, 4) and counts(other_board) == (0, 0)


# Delete and restore a thread


def test_deleted_thread_goes_to_the_recycle_bin(client, discussion, board, moderator, member):
    client.force_login(moderator)

    response = moderate(client, discussion, action="delete", reason="重复发帖")

    assert response.status_code == 302 and response["Location"] == board.get_absolute_url()
    discussion.refresh_from_db()
    assert discussion.is_deleted and discussion.deleted_by == moderator
    assert counts(board) == (0, 0)
    assert logged("delete_thread", moderator) == 1
    # The moderator still sees it, marked, and finds it in the recycle bin.
    page = client.get(discussion.get_absolute_url())
    assert page.status_code == 200 and "在回收站" in page.content.decode()
    assert "周末去哪儿玩" in client.get("/forum/recycle-bin/").content.decode()
    # Members do not.
    client.force_login(member)
    assert client.get(discussion.get_absolute_url()).status_code == 404
    assert "周末去哪儿玩" not in client.get(board.get_absolute_url()).content.decode()


def test_restored_thread_gets_its_counts_back(client, discussion, board, moderator, member):
    client.force_login(moderator)
    moderate(client, discussion, action="delete")

    assert moderate(client, discussion, action="restore").status_code == 302

    discussion.refresh_from_db()
    assert not discussion.is_deleted
    assert counts(board) == (1, 4)
    assert logged("restore_thread", moderator) == 1
    client.force_login(member)
    assert client.get(discussion.get_absolute_url()).status_code == 200


# Merge


def test_merging_appends_the_posts_after_the_last_floor_of_the_target(
    client, discussion, board, make_thread, make_reply, member, moderator
):
    source = make_thread(board, title="同一个问题", body="源主题正文")
    make_reply(source, member, body="源主题回复")
    assert counts(board) == (2, 6)
    client.force_login(moderator)

    response = moderate(client, source, action="merge", target=str(discussion.pk))

    assert response.status_code == 302
    assert response["Location"] == discussion.get_absolute_url()
    assert not Thread.objects.filter(pk=source.pk).exists()
    assert client.get(f"/thread/{source.pk}/").status_code == 404
    assert floors(discussion) == [
        (1, "大家推荐一下。"),
        (2, "第2楼"),
        (3, "第3楼"),
        (4, "第4楼"),
        (5, "源主题正文"),
        (6, "源主题回复"),
    ]
    discussion.refresh_from_db()
    assert discussion.reply_count == 5 and discussion.last_position == 6
    assert counts(board) == (1, 6)
    assert logged("merge", moderator) == 1


def test_merging_across_boards_moves_the_counts(
    client, discussion, board, other_board, make_thread, super_moderator
):
    source = make_thread(other_board, title="出一台旧电脑")
    client.force_login(super_moderator)

    assert moderate(client, source, action="merge", target=str(discussion.pk)).status_code == 302

    assert counts(board) == (1, 5)
    assert counts(other_board) == (0, 0)
    assert floors(discussion)[-1] == (5, "大家推荐一下。")


def test_merging_an_older_thread_keeps_the_latest_reply_time(
    client, board, make_thread, make_reply, member, moderator, monkeypatch
):
    start = timezone.now() - dt.timedelta(days=2)
    clock = (start + dt.timedelta(hours=n) for n in itertools.count())
    monkeypatch.setattr(timezone, "now", lambda: next(clock))
    older = make_thread(board, title="老帖")  # hour 0
    make_reply(older, member, body="老帖回复")  # hour 1
    newer = make_thread(board, title="新帖")  # hour 2
    latest = make_reply(newer, member, body="最新回复")  # hour 3
    monkeypatch.undo()
    client.force_login(moderator)

    moderate(client, older, action="merge", target=str(newer.pk))

    newer.refresh_from_db()
    assert newer.last_post_at == latest.created_at


def test_merging_a_thread_from_the_recycle_bin_keeps_board_counts_true(
    client, discussion, board, make_thread, moderator
):
    source = make_thread(board, title="被删的帖")
    client.force_login(moderator)
    moderate(client, source, action="delete")

    assert moderate(client, source, action="merge", target=str(discussion.pk)).status_code == 302

    assert counts(board) == true_counts(board) == (1, 5)


# Split


def test_splitting_moves_the_chosen_replies_into_a_new_thread(client, discussion, board, moderator):
    second, _third, fourth = discussion.posts.filter(position__gt=1).order_by("position")
    client.force_login(moderator)

    response = moderate(
        client, discussion, action="split", title="关于第3楼", posts=f"{second.pk},{fourth.pk}"
    )

    assert response.status_code == 302
    new = Thread.objects.exclude(pk=discussion.pk).get()
    assert response["Location"] == new.get_absolute_url()
    assert new.title == "关于第3楼" and new.board == board
    assert floors(new) == [(1, "第2楼"), (2, "第4楼")]
    assert floors(discussion) == [(1, "大家推荐一下。"), (3, "第3楼")]
    discussion.refresh_from_db()
    new.refresh_from_db()
    assert (discussion.reply_count, new.reply_count) == (1, 1)
    assert counts(board) == (2, 4)
    assert logged("split", moderator) == 1
    page = client.get(new.get_absolute_url()).content.decode()
    assert "第2楼" in page and "第4楼" in page


def test_splitting_the_replies_ticked_on_the_thread_page_moves_all_of_them(
    client, discussion, moderator
):
    second, _third, fourth = discussion.posts.filter(position__gt=1).order_by("position")
    client.force_login(moderator)
    page = client.get(discussion.get_absolute_url()).content.decode()
    assert f'name="posts" value="{second.pk}" form="split-form"' in page

    moderate(client, discussion, action="split", title="拆出", posts=[second.pk, fourth.pk])

    new = Thread.objects.exclude(pk=discussion.pk).get()
    assert floors(new) == [(1, "第2楼"), (2, "第4楼")]


def test_the_ticked_replies_go_to_the_recycle_bin_at_once_each_logged(
    client, discussion, board, moderator
):
    second, _third, fourth = discussion.posts.filter(position__gt=1).order_by("position")
    client.force_login(moderator)
    first = discussion.posts.get(position=1)
    response = moderate(
        client,
        discussion,
        action="delete_posts",
        reason="灌水",
        posts=[second.pk, fourth.pk, first.pk],
    )
    assert response.status_code == 302
    assert list(discussion.posts.filter(is_deleted=True).order_by("position")) == [second, fourth]
    discussion.refresh_from_db()
    assert discussion.reply_count == 1 and not discussion.is_deleted  # the first post stays
    assert counts(board) == true_counts(board)
    assert logged("delete_post", moderator) + logged("delete", moderator) >= 2
    # Nothing ticked: said on the thread page, nothing done.
    response = moderate(client, discussion, action="delete_posts", posts=[])
    assert discussion.posts.filter(is_deleted=True).count() == 2
    page = client.get(response["Location"]).content.decode()
    assert "勾选" in page or "Tick the replies" in page


# Ordinary members


@pytest.mark.parametrize(
    "data",
    [
        {"action": "stick", "level": "1"},
        {"action": "digest", "level": "1"},
        {"action": "close"},
        {"action": "open"},
        {"action": "move", "board": "other"},
        {"action": "delete"},
        {"action": "merge", "target": "target"},
        {"action": "split", "posts": "reply", "title": "拆出"},
        {"action": "delete_posts", "posts": "reply"},
    ],
    ids=lambda data: data["action"],
)
def test_ordinary_member_cannot_moderate(
    client, discussion, board, other_board, make_thread, member, data
):
    target = make_thread(board, title="另一个主题")
    reply = discussion.posts.get(position=2)
    data = dict(data)
    data.update(
        {
            key: str({"other": other_board.pk, "target": target.pk, "reply": reply.pk}[value])
            for key, value in data.items()
            if value in {"other", "target", "reply"}
        }
    )
    before = list(Thread.objects.order_by("pk").values())
    posts_before = list(Post.objects.order_by("pk").values())
    board_counts = counts(board)
    client.force_login(member)

    response = moderate(client, discussion, **data)

    assert response.status_code == 403
    assert list(Thread.objects.order_by("pk").values()) == before
    assert list(Post.objects.order_by("pk").values()) == posts_before
    assert counts(board) == board_counts
    assert not ModerationLog.objects.exists()


# Deleting one reply


def delete_post(client, post, reason="广告"):
    return client.post(f"/post/{post.pk}/delete/", {"reason": reason})


def test_moderator_deletes_a_reply_and_other_floors_keep_their_numbers(
    client, discussion, board, moderator, member
):
    third = discussion.posts.get(position=3)
    client.force_login(moderator)

    response = delete_post(client, third)

    assert response.status_code == 302
    third.refresh_from_db()
    assert third.is_deleted and third.deleted_by == moderator
    discussion.refresh_from_db()
    assert discussion.reply_count == 2
    assert counts(board) == (1, 3)
    assert logged("delete_post", moderator) == 1
    assert list(discussion.posts.values_list("position", flat=True)) == [1, 2, 3, 4]
    client.force_login(member)
    page = client.get(discussion.get_absolute_url()).content.decode()
    assert "第3楼" not in page
    assert 'id="p2"' in page and 'id="p4"' in page and 'id="p3"' not in page
    assert client.get(f"/post/{third.pk}/edit/").status_code == 404


def test_author_deletes_their_own_reply(client, discussion, board):
    reply = discussion.posts.get(position=4)
    client.force_login(reply.author)

    assert delete_post(client, reply).status_code == 302

    reply.refresh_from_db()
    assert reply.is_deleted
    assert counts(board) == (1, 3)


def test_author_cannot_delete_their_first_post(client, discussion, board, author):
    client.force_login(author)

    response = delete_post(client, discussion.posts.get(position=1))

    assert response.status_code == 403
    discussion.refresh_from_db()
    assert not discussion.is_deleted
    assert counts(board) == (1, 4)


def test_another_member_cannot_delete_a_reply(client, discussion, board, member):
    reply = discussion.posts.get(position=2)
    client.force_login(member)

    assert delete_post(client, reply).status_code == 403

    reply.refresh_from_db()
    assert not reply.is_deleted
    assert counts(board) == (1, 4)


def test_moderator_restores_a_reply_from_the_recycle_bin(client, discussion, board, moderator):
    third = discussion.posts.get(position=3)
    client.force_login(moderator)
    delete_post(client, third)

    bin_page = client.get("/forum/recycle-bin/").content.decode()
    assert f'action="/post/{third.pk}/restore/"' in bin_page
    assert "周末去哪儿玩 #3" in bin_page
    response = client.post(f"/post/{third.pk}/restore/")

    assert response.status_code == 302
    third.refresh_from_db()
    assert not third.is_deleted and third.position == 3
    discussion.refresh_from_db()
    assert discussion.reply_count == 3
    assert counts(board) == (1, 4)
    assert logged("restore_post", moderator) == 1
    assert (
        f'action="/post/{third.pk}/restore/"'
        not in client.get("/forum/recycle-bin/").content.decode()
    )


def test_member_cannot_restore_a_deleted_reply(client, discussion, moderator, member):
    third = discussion.posts.get(position=3)
    client.force_login(moderator)
    delete_post(client, third)
    client.force_login(member)

    assert client.post(f"/post/{third.pk}/restore/").status_code == 404

    third.refresh_from_db()
    assert third.is_deleted


def test_deleting_a_reply_of_a_recycled_thread_keeps_board_counts_true(
    client, discussion, board, moderator
):
    client.force_login(moderator)
    moderate(client, discussion, action="delete")

    response = delete_post(client, discussion.posts.get(position=2))
    moderate(client, discussion, action="restore")

    assert response.status_code == 302
    assert counts(board) == true_counts(board) == (1, 3)
