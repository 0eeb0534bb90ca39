"""Who may read, post, reply and moderate where: group rules, board rules, bans."""

import pytest

from lanting.forum import services
from lanting.forum.models import Board, BoardPermission, Post, Thread
from lanting.moderation.services import ban_member

pytestmark = pytest.mark.django_db


def new_thread_url(board) -> str:
    return f"/forum/{board.slug}/new/"


def reply_url(thread) -> str:
    return f"/thread/{thread.pk}/reply/"


def moderate_url(thread) -> str:
    return f"/thread/{thread.pk}/moderate/"


THREAD_FORM = {"title": "新人报到", "body": "大家好！", "markup": "bbcode"}


# Boards hidden from some visitors


def test_board_hidden_from_guests_is_not_found_and_not_listed_for_them(
    client, board, other_board, thread, member
):
    BoardPermission.objects.create(board=board, group=None, can_view=False)

    assert client.get(board.get_absolute_url()).status_code == 404
    assert client.get(thread.get_absolute_url()).status_code == 404
    assert client.get(new_thread_url(board)).status_code == 404
    index = client.get("/forum/").content.decode()
    assert "生活杂谈" not in index and 'href="/forum/life/"' not in index
    assert 'href="/forum/market/"' in index

    # Logged-in members are not guests: the row does not apply to them.
    client.force_login(member)
    assert client.get(board.get_absolute_url()).status_code == 200
    assert client.get(thread.get_absolute_url()).status_code == 200
    assert 'href="/forum/life/"' in client.get("/forum/").content.decode()


def test_board_hidden_from_a_group_is_not_found_for_its_members(
    client, board, thread, member, rank
):
    newcomers = rank("新手上路")
    member.rank = newcomers
    member.save()
    BoardPermission.objects.create(board=board, group=newcomers, can_view=False)
    client.force_login(member)

    assert client.get(board.get_absolute_url()).status_code == 404
    assert client.get(thread.get_absolute_url()).status_code == 404
    assert client.post(reply_url(thread), {"body": "我也来", "markup": "bbcode"}).status_code == 404
    assert 'href="/forum/life/"' not in client.get("/forum/").content.decode()
    assert thread.posts.count() == 1


def test_global_sticky_thread_of_a_hidden_board_is_not_shown_to_guests_elsewhere(
    client, board, other_board, make_thread, super_moderator
):
    secret = make_thread(other_board, title="版主内部讨论：下月活动")
    services.stick_thread(thread=secret, moderator=super_moderator, level=Thread.Sticky.GLOBAL)
    BoardPermission.objects.create(board=other_board, group=None, can_view=False)

    page = client.get(board.get_absolute_url())

    assert page.status_code == 200
    assert "版主内部讨论" not in page.content.decode()


def test_guest_who_opens_the_new_thread_form_is_sent_to_log_in(client, board):
    response = client.get(new_thread_url(board))
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert client.post(new_thread_url(board), THREAD_FORM).status_code == 302
    assert not Thread.objects.exists()


# Groups that may not post or reply in a board


def test_group_that_may_not_post_here_is_refused_with_the_reason(client, board, member, rank):
    newcomers = rank("新手上路")
    member.rank = newcomers
    member.save()
    BoardPermission.objects.create(board=board, group=newcomers, can_post=False)
    client.force_login(member)

    board_page = client.get(board.get_absolute_url()).content.decode()
    assert 'href="/forum/life/new/"' not in board_page
    form_page = client.get(new_thread_url(board))
    assert form_page.status_code == 403
    assert "您不能在本版块发表主题。" in form_page.content.decode()
    # Posting the form by hand is refused by the server too.
    posted = client.post(new_thread_url(board), THREAD_FORM)
    assert posted.status_code == 403
    assert "您不能在本版块发表主题。" in posted.content.decode()
    assert not Thread.objects.exists()


def test_other_groups_still_post_where_one_group_may_not(client, board, member, rank):
    BoardPermission.objects.create(board=board, group=rank("新手上路"), can_post=False)
    member.rank = rank("注册会员")
    member.save()
    client.force_login(member)

    assert client.get(new_thread_url(board)).status_code == 200
    response = client.post(new_thread_url(board), THREAD_FORM)

    assert response.status_code == 302
    assert Thread.objects.get().title == "新人报到"


def test_group_that_may_not_reply_here_is_refused_with_the_reason(
    client, board, thread, member, rank
):
    newcomers = rank("新手上路")
    member.rank = newcomers
    member.save()
    BoardPermission.objects.create(board=board, group=newcomers, can_reply=False)
    client.force_login(member)

    page = client.get(thread.get_absolute_url()).content.decode()
    assert "您不能在本版块回复。" in page
    assert 'class="reply-form"' not in page
    response = client.post(reply_url(thread), {"body": "沙发", "markup": "bbcode"})
    assert response.status_code == 400  # said above the kept text
    assert "您不能在本版块回复。" in response.content.decode()
    assert thread.posts.count() == 1


# Bans


@pytest.fixture
def banned(member, super_moderator):
    ban_member(member=member, moderator=super_moderator, kind="post", reason="发广告", until=None)
    member.refresh_from_db()
    return member


def test_member_banned_from_posting_cannot_start_a_thread_and_sees_why(client, board, banned):
    client.force_login(banned)

    form_page = client.get(new_thread_url(board))
    assert form_page.status_code == 403
    assert "您已被禁止发言" in form_page.content.decode()
    assert "理由：发广告" in form_page.content.decode()
    posted = client.post(new_thread_url(board), THREAD_FORM)
    assert posted.status_code == 403
    assert "您已被禁止发言" in posted.content.decode()
    assert not Thread.objects.exists()


def test_member_banned_from_posting_cannot_reply_and_sees_why(client, thread, banned):
    client.force_login(banned)

    page = client.get(thread.get_absolute_url()).content.decode()
    assert "您已被禁止发言" in page and "理由：发广告" in page
    assert 'class="reply-form"' not in page
    response = client.post(reply_url(thread), {"body": "便宜手表，加微信", "markup": "bbcode"})
    assert response.status_code == 400  # said above the kept text
    assert "您已被禁止发言" in response.content.decode()
    assert thread.posts.count() == 1
    assert not Post.objects.filter(author=banned).exists()


def test_banned_moderator_no_longer_moderates_their_board(
    client, thread, moderator, super_moderator
):
    ban_member(member=moderator, moderator=super_moderator, kind="post", reason="滥权", until=None)
    client.force_login(moderator)

    response = client.post(moderate_url(thread), {"action": "close"})

    assert response.status_code == 403
    thread.refresh_from_db()
    assert not thread.is_closed


# Closed threads


def test_closed_thread_refuses_replies_from_members(client, thread, member, moderator):
    services.close_thread(thread=thread, moderator=moderator)
    client.force_login(member)

    page = client.get(thread.get_absolute_url()).content.decode()
    assert "本主题已关闭，不能再回复。" in page
    assert 'class="reply-form"' not in page
    response = client.post(reply_url(thread), {"body": "还能回吗？", "markup": "bbcode"})
    assert response.status_code == 400  # said above the kept text
    assert "本主题已关闭，不能再回复。" in response.content.decode()
    assert thread.posts.count() == 1


def test_board_moderator_can_still_reply_to_a_closed_thread(client, thread, moderator):
    services.close_thread(thread=thread, moderator=moderator)
    client.force_login(moderator)

    assert 'class="reply-form"' in client.get(thread.get_absolute_url()).content.decode()
    response = client.post(reply_url(thread), {"body": "本帖已解决，关闭。", "markup": "bbcode"})

    assert response.status_code == 302
    assert list(thread.posts.values_list("position", "author__username")) == [
        (1, "louzhu"),
        (2, "banzhu"),
    ]


# Who moderates where


def test_board_moderator_moderates_their_own_board(client, thread, moderator):
    client.force_login(moderator)

    assert "管理本主题" in client.get(thread.get_absolute_url()).content.decode()
    response = client.post(moderate_url(thread), {"action": "close"})

    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.is_closed


def test_board_moderator_cannot_moderate_another_board(client, other_board, make_thread, moderator):
    elsewhere = make_thread(other_board, title="出一台旧电脑")
    client.force_login(moderator)

    assert "管理本主题" not in client.get(elsewhere.get_absolute_url()).content.decode()
    response = client.post(moderate_url(elsewhere), {"action": "close"})

    assert response.status_code == 403
    assert "只有本版版主可以进行此操作。" in response.content.decode()
    elsewhere.refresh_from_db()
    assert not elsewhere.is_closed


def test_moderator_of_a_board_moderates_its_sub_boards(
    client, section, board, make_thread, moderator
):
    child = Board.objects.create(section=section, parent=board, name="周边游", slug="trips")
    trip = make_thread(child, title="周末爬山")
    client.force_login(moderator)

    assert client.post(moderate_url(trip), {"action": "close"}).status_code == 302
    trip.refresh_from_db()
    assert trip.is_closed


def test_super_moderator_moderates_every_board(
    client, board, other_board, make_thread, super_moderator
):
    threads = [make_thread(board), make_thread(other_board, title="出一台旧电脑")]
    client.force_login(super_moderator)

    for each in threads:
        assert "管理本主题" in client.get(each.get_absolute_url()).content.decode()
        assert client.post(moderate_url(each), {"action": "close"}).status_code == 302
        each.refresh_from_db()
        assert each.is_closed
