"""Bulk moderation: tick threads on a board page and act on them all at once, each logged."""

import pytest
from playwright.sync_api import expect

from lanting.conftest import new_browser_context
from lanting.forum.models import Board, Thread
from lanting.moderation.models import ModerationLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def spam(make_thread, board):
    return [make_thread(board, title=f"代办证件 {n}") for n in range(3)]


def _post(client, where, threads, **data):
    fields = {"threads": [t.pk for t in threads], "next": where.get_absolute_url(), **data}
    return client.post(f"/forum/{where.slug}/moderate/", fields, follow=True)


def test_a_moderator_closes_and_deletes_ticked_threads_each_logged(client, moderator, board, spam):
    client.force_login(moderator)
    page = client.get(board.get_absolute_url()).content.decode()
    assert 'id="bulk-form"' in page and page.count('name="threads"') == 3
    response = _post(client, board, spam[:2], action="close")
    assert "2" in response.content.decode()
    assert [t.is_closed for t in Thread.objects.order_by("pk")] == [True, True, False]
    _post(client, board, spam, action="delete", reason="广告")
    assert Thread.objects.filter(is_deleted=True).count() == 3
    board.refresh_from_db()
    assert board.thread_count == 0
    actions = list(ModerationLog.objects.values_list("action", flat=True))
    assert (
        actions.count("close") == 2
        and actions.count("delete_thread") + actions.count("delete") >= 3
    )


def test_moving_ticked_threads_moves_their_counts(
    client, super_moderator, board, other_board, spam
):
    client.force_login(super_moderator)
    _post(client, board, spam[:2], action="move", board=other_board.pk)
    board.refresh_from_db()
    other_board.refresh_from_db()
    assert (board.thread_count, other_board.thread_count) == (1, 2)


def test_nothing_ticked_or_no_target_is_said_on_the_board(client, moderator, board, spam):
    client.force_login(moderator)
    page = _post(client, board, [], action="close").content.decode()
    assert "勾选" in page or "Tick the threads" in page
    page = _post(client, board, spam, action="move").content.decode()
    assert "移动到" in page or "board to move" in page
    assert not Thread.objects.filter(is_closed=True).exists()


def test_a_board_moderator_cannot_move_into_a_board_they_do_not_moderate(
    client, moderator, board, other_board, spam
):
    client.force_login(moderator)
    response = _post(client, board, spam, action="move", board=other_board.pk)
    assert response.status_code == 200
    assert Thread.objects.filter(board=board).count() == 3  # all or nothing


def test_members_get_no_checkboxes_and_cannot_post_the_form(client, member, board, spam):
    client.force_login(member)
    assert 'name="threads"' not in client.get(board.get_absolute_url()).content.decode()
    response = client.post(
        f"/forum/{board.slug}/moderate/", {"threads": [spam[0].pk], "action": "delete"}
    )
    assert response.status_code == 403
    assert not Thread.objects.filter(is_deleted=True).exists()


def test_only_this_board_s_threads_are_touched(
    client, moderator, board, other_board, make_thread, spam
):
    elsewhere = make_thread(other_board, title="别的版")
    client.force_login(moderator)
    _post(client, board, [*spam, elsewhere], action="close")
    elsewhere.refresh_from_db()
    assert not elsewhere.is_closed


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [390, 1280])
def test_a_moderator_ticks_two_threads_and_sticks_them(
    live_server, chromium_browser, moderator, board, spam, width
):
    from lanting.conftest import PASSWORD

    context = new_browser_context(
        chromium_browser, live_server, viewport={"width": width, "height": 900}
    )
    try:
        page = context.new_page()
        page.goto(live_server.url + "/accounts/login/")
        page.get_by_label("用户名或邮箱").fill(moderator.username)
        page.get_by_label("密码", exact=True).fill(PASSWORD)
        page.locator("main").get_by_role("button", name="登录", exact=True).click()
        page.goto(live_server.url + board.get_absolute_url())
        page.get_by_role("checkbox", name="勾选“代办证件 0”").check()
        page.get_by_role("checkbox", name="勾选“代办证件 1”").check()
        page.get_by_label("操作").select_option("stick")
        page.get_by_role("button", name="对勾选的主题执行").click()
        expect(page.get_by_text("2 个主题")).to_be_visible()
        assert Board.objects.get(pk=board.pk).threads.filter(sticky=1).count() == 2
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width
    finally:
        context.close()
