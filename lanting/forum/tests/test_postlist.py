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


def test_a_new_reply_renders_only_itself_and_a_changed_post_is_rendered_again(
    client, thread, make_member, make_reply
):
    from django.test.signals import template_rendered

    from lanting.forum.models import Post
    from lanting.pagecache.tags import touch

    reader = make_member("passerby")
    for number in range(3):
        make_reply(thread, make_member(f"early{number}"), f"早先的回复{number}")
    rendered: list[str] = []

    def seen(sender, template, context, **kwargs):
        rendered.append(template.name)

    template_rendered.connect(seen)
    try:
        _page(client, reader, thread)  # four floors rendered (or kept from before)
        rendered.clear()
        make_reply(thread, make_member("late"), "刚刚的回复")
        html = _page(client, reader, thread)
        assert "刚刚的回复" in html and "早先的回复0" in html
        assert rendered.count("forum/_post.html") == 1  # the new floor only
        rendered.clear()
        Post.objects.filter(thread=thread, position=2).update(support=7)
        touch(f"thread:{thread.pk}")  # as the vote's service does
        html = _page(client, reader, thread)
        assert rendered.count("forum/_post.html") == 1  # the floor whose votes changed
        assert '<span data-count="support">7</span>' in html
    finally:
        template_rendered.disconnect(seen)
