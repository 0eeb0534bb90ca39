"""Deleting asks first and says why to the author; moving asks for the new board's thread type."""

import pytest
from django.core import mail

from lanting.forum.models import Thread, ThreadType
from lanting.moderation.models import ModerationLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def super_mod(make_member):
    return make_member("admin", is_staff=True, is_superuser=True)


@pytest.fixture
def reply(thread, make_reply, make_member):
    return make_reply(thread, make_member("huitie", email="huitie@example.com"), "买卖微信号")


def test_deleting_a_reply_asks_first_and_keeps_it(client, super_mod, reply):
    client.force_login(super_mod)
    page = client.get(f"/post/{reply.pk}/delete/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "买卖微信号" in html and 'name="reason"' in html
    reply.refresh_from_db()
    assert not reply.is_deleted


def test_a_moderator_must_say_why_and_the_author_is_told(
    client, super_mod, reply, django_capture_on_commit_callbacks
):
    client.force_login(super_mod)
    refused = client.post(f"/post/{reply.pk}/delete/", {"reason": ""})
    assert refused.status_code == 400
    assert "Give a reason" in refused.content.decode() or "理由" in refused.content.decode()
    reply.refresh_from_db()
    assert not reply.is_deleted and not mail.outbox

    with django_capture_on_commit_callbacks(execute=True):
        with_reason = client.post(f"/post/{reply.pk}/delete/", {"reason": "广告"})
    assert with_reason.status_code == 302
    reply.refresh_from_db()
    assert reply.is_deleted
    log = ModerationLog.objects.get(action="delete_post")
    assert log.detail == "广告" and log.actor == super_mod
    assert [m.to for m in mail.outbox] == [["huitie@example.com"]]
    assert "广告" in mail.outbox[0].body and reply.thread.title in mail.outbox[0].body


def test_members_delete_their_own_reply_without_a_reason_and_hear_nothing(
    client, reply, django_capture_on_commit_callbacks
):
    client.force_login(reply.author)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/post/{reply.pk}/delete/").status_code == 302
    reply.refresh_from_db()
    assert reply.is_deleted and not mail.outbox


def test_deleting_a_thread_asks_first_then_tells_its_author(
    client, super_mod, thread, django_capture_on_commit_callbacks
):
    client.force_login(super_mod)
    page = client.get(f"/thread/{thread.pk}/delete/").content.decode()
    assert thread.title in page
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(f"/thread/{thread.pk}/delete/", {"reason": "重复发帖"})
    assert done.status_code == 302
    thread.refresh_from_db()
    assert thread.is_deleted
    assert ModerationLog.objects.get(action="delete_thread").detail == "重复发帖"
    assert "重复发帖" in mail.outbox[0].body and mail.outbox[0].to == [thread.author.email]


def test_a_member_gets_no_confirmation_page_for_others_posts(client, member, reply):
    client.force_login(member)
    assert client.get(f"/post/{reply.pk}/delete/").status_code == 403
    assert client.get(f"/thread/{reply.thread_id}/delete/").status_code == 403


@pytest.fixture
def typed_boards(board, other_board):
    ThreadType.objects.create(board=board, name="出租")
    for name in ("求租", "出租", "合租"):
        ThreadType.objects.create(board=other_board, name=name)
    return board, other_board


def test_moving_to_a_board_with_types_asks_which(client, super_mod, thread, typed_boards):
    board, other = typed_boards
    Thread.objects.filter(pk=thread.pk).update(thread_type=board.thread_types.get())
    client.force_login(super_mod)
    asked = client.post(
        f"/thread/{thread.pk}/moderate/", {"action": "move", "board": str(other.pk)}
    )
    assert asked.status_code == 200
    html = asked.content.decode()
    assert "求租" in html and "合租" in html
    same = other.thread_types.get(name="出租")
    assert f'value="{same.pk}" checked' in html  # the same name is chosen for them
    thread.refresh_from_db()
    assert thread.board == board  # nothing moved yet

    chosen = other.thread_types.get(name="合租")
    done = client.post(
        f"/thread/{thread.pk}/moderate/",
        {"action": "move", "board": str(other.pk), "thread_type": str(chosen.pk)},
    )
    assert done.status_code == 302
    thread.refresh_from_db()
    assert thread.board == other and thread.thread_type == chosen


def test_moving_to_a_board_without_types_moves_at_once(
    client, super_mod, thread, board, other_board
):
    client.force_login(super_mod)
    done = client.post(
        f"/thread/{thread.pk}/moderate/", {"action": "move", "board": str(other_board.pk)}
    )
    assert done.status_code == 302
    thread.refresh_from_db()
    assert thread.board == other_board and thread.thread_type is None


def test_a_type_of_another_board_is_refused(client, super_mod, thread, typed_boards):
    board, other = typed_boards
    from django.core.exceptions import ValidationError

    from lanting.forum.services import move_thread

    with pytest.raises(ValidationError):
        move_thread(
            thread=thread, moderator=super_mod, board=other, thread_type=board.thread_types.get()
        )
