"""Bulk moderation: tick threads in a board list and act on them at once, each logged."""

import pytest

from lanting.forum.models import Thread
from lanting.moderation.models import ModerationLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def threads(make_thread, board):
    return [make_thread(board, title=f"主题{n}") for n in range(3)]


def test_a_moderator_sees_the_boxes_and_a_member_does_not(
    client, board, threads, moderator, member
):
    client.force_login(member)
    assert 'id="bulk-form"' not in client.get(f"/forum/{board.slug}/").content.decode()
    client.force_login(moderator)
    html = client.get(f"/forum/{board.slug}/").content.decode()
    assert 'id="bulk-form"' in html and f'value="{threads[0].pk}" form="bulk-form"' in html


@pytest.mark.parametrize(
    ("action", "field", "value"),
    [("close", "is_closed", True), ("stick", "sticky", 1), ("digest", "digest", 1),
     ("delete", "is_deleted", True)],
)  # fmt: skip
def test_ticked_threads_change_at_once_each_logged(
    client, board, threads, moderator, action, field, value
):
    client.force_login(moderator)
    picked = [t.pk for t in threads[:2]]
    response = client.post(
        f"/forum/{board.slug}/bulk/", {"threads": picked, "action": action, "reason": "整理"}
    )
    assert response.status_code == 302
    assert [getattr(t, field) for t in Thread.objects.filter(pk__in=picked)] == [value, value]
    assert getattr(Thread.objects.get(pk=threads[2].pk), field) != value
    assert ModerationLog.objects.filter(actor=moderator).count() == 2


def test_move_needs_a_board_and_moves_them(
    client, board, other_board, threads, moderator, super_moderator
):
    client.force_login(super_moderator)
    picked = [t.pk for t in threads]
    refused = client.post(
        f"/forum/{board.slug}/bulk/", {"threads": picked, "action": "move"}, follow=True
    )
    assert "选择" in refused.content.decode()
    client.post(
        f"/forum/{board.slug}/bulk/", {"threads": picked, "action": "move", "board": other_board.pk}
    )
    other_board.refresh_from_db()
    board.refresh_from_db()
    assert other_board.thread_count == 3 and board.thread_count == 0


def test_a_thread_of_a_board_they_do_not_keep_changes_nothing(
    client, board, other_board, threads, moderator, make_thread
):
    foreign = make_thread(other_board, title="别处")
    client.force_login(moderator)
    response = client.post(
        f"/forum/{board.slug}/bulk/", {"threads": [threads[0].pk, foreign.pk], "action": "close"}
    )
    assert response.status_code == 403
    assert not Thread.objects.filter(is_closed=True).exists()


def test_a_member_cannot_bulk_moderate(client, board, threads, member):
    client.force_login(member)
    assert (
        client.post(
            f"/forum/{board.slug}/bulk/", {"threads": [threads[0].pk], "action": "close"}
        ).status_code
        == 403
    )
