"""Members' thread pages share one rendered list of posts, yet each sees their own links."""

import pytest

from lanting.accounts.models import User
from lanting.forum.models import Thread

pytestmark = pytest.mark.django_db


def _page(client, member: User, thread: Thread) -> str:
    client.force_login(member)
    html: str = client.get(thread.get_absolute_url()).content.decode()
    client.logout()
    return html


def test_each_member_sees_edit_links_on_their_own_posts_only(
    client, thread, author, make_member, make_reply
):
    replier = make_member("replier")
    reply = make_reply(thread, replier, "我的回复")
    reader = make_member("passerby")
    for _ in range(2):  # the second round comes from the shared fragment
        mine = _page(client, replier, thread)
        assert f"/post/{reply.pk}/edit/" in mine
        assert f"/post/{reply.pk}/delete/" in mine
        first = thread.posts.get(position=1)
        assert f"/post/{first.pk}/edit/" not in mine
        op = _page(client, author, thread)
        assert f"/post/{first.pk}/edit/" in op
        assert f"/post/{first.pk}/delete/" not in op  # the opening post goes with its thread
        assert f"/post/{reply.pk}/edit/" not in op
        other = _page(client, reader, thread)
        assert "/edit/" not in other and "/delete/" not in other
        assert "引用" in other  # members who may reply can quote
        assert "<!--own:" not in other


def test_a_new_reply_shows_to_members_at_once(client, thread, make_member, make_reply):
    reader = make_member("passerby")
    _page(client, reader, thread)
    make_reply(thread, make_member("late"), "刚刚的回复")
    assert "刚刚的回复" in _page(client, reader, thread)


def test_a_new_display_name_shows_on_old_posts(client, thread, author, make_member):
    reader = make_member("passerby")
    assert "louzhu" in _page(client, reader, thread)
    client.force_login(author)
    client.post("/accounts/settings/", {"display_name": "老楼主", "form": "profile"})
    client.logout()
    author.refresh_from_db()
    assert author.display_name == "老楼主"
    assert "老楼主" in _page(client, reader, thread)
    assert "老楼主" in client.get(thread.get_absolute_url()).content.decode()  # guests too


def test_moderators_still_get_their_tools(client, thread, moderator, make_member, make_reply):
    reply = make_reply(thread, make_member("replier"), "被管理的回复")
    page = _page(client, moderator, thread)
    assert f"/post/{reply.pk}/edit/" in page
    assert 'name="posts"' in page  # the split checkboxes
