"""Bad input gets a clear 4xx (or the first page), never a 500, and nothing is saved."""

import pytest
from django.core.exceptions import ValidationError

from lanting.forum import services
from lanting.forum.models import Post, Thread
from lanting.moderation.models import ModerationLog

pytestmark = pytest.mark.django_db


def new_thread(client, **values):
    data = {"title": "一个标题", "body": "一段正文", "markup": "bbcode", **values}
    return client.post("/forum/life/new/", data)


def reply(client, thread, **values):
    return client.post(
        f"/thread/{thread.pk}/reply/", {"body": "回复", "markup": "bbcode", **values}
    )


@pytest.fixture
def long_thread(thread, make_member):
    """45 posts: three pages of 20."""
    replier = make_member("shuaping")
    for n in range(2, 46):
        services.reply_to_thread(thread=thread, author=replier, body=f"第{n}楼的话")
    thread.refresh_from_db()
    return thread


# Posting


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "内容不能为空。"),
        ("   \n\t  ", "内容不能为空。"),
        ("字" * 20001, "20000"),
    ],
    ids=["empty", "only-spaces", "too-long"],
)
def test_bad_body_is_refused_for_a_new_thread(client, board, member, body, message):
    client.force_login(member)

    response = new_thread(client, body=body)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Thread.objects.exists() and not Post.objects.exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "内容不能为空。"),
        ("   \n\t  ", "内容不能为空。"),
        ("字" * 20001, "20000"),
    ],
    ids=["empty", "only-spaces", "too-long"],
)
def test_bad_body_is_refused_for_a_reply(client, thread, member, body, message):
    client.force_login(member)

    response = reply(client, thread, body=body)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert thread.posts.count() == 1
    thread.refresh_from_db()
    assert thread.reply_count == 0


def test_body_of_exactly_the_limit_is_accepted(client, thread, member):
    client.force_login(member)

    assert reply(client, thread, body="字" * 20000).status_code == 302
    assert len(thread.posts.get(position=2).body) == 20000


def test_line_breaks_count_once_towards_the_limit(client, thread, member):
    client.force_login(member)
    body = "\r\n".join(["字" * 99] * 200)  # 19,999 characters once the breaks are LF

    response = reply(client, thread, body=body)

    assert response.status_code == 302


@pytest.mark.parametrize(
    ("title", "message"),
    [("", "这个字段是必填项。"), ("    ", "这个字段是必填项。"), ("题" * 201, "200")],
    ids=["empty", "only-spaces", "too-long"],
)
def test_bad_title_is_refused(client, board, member, title, message):
    client.force_login(member)

    response = new_thread(client, title=title)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Thread.objects.exists()


def test_service_refuses_what_the_form_would(board, member):
    for title, body in [
        ("题" * 201, "正文"),
        ("标题", "字" * 20001),
        ("  ", "正文"),
        ("标题", " "),
    ]:
        with pytest.raises(ValidationError):
            services.create_thread(board=board, author=member, title=title, body=body)
    assert not Thread.objects.exists()


def test_unknown_markup_is_refused(client, board, member):
    client.force_login(member)

    assert new_thread(client, markup="html").status_code == 400
    assert not Thread.objects.exists()


def test_null_character_is_refused(client, thread, member):
    client.force_login(member)

    assert reply(client, thread, body="坏\x00字").status_code == 400
    assert thread.posts.count() == 1


def test_reply_to_a_deleted_thread_is_refused(client, thread, member, moderator):
    services.delete_thread(thread=thread, moderator=moderator)

    client.force_login(member)
    assert reply(client, thread).status_code == 404
    # The moderator still sees the thread, but it takes no replies.
    client.force_login(moderator)
    response = reply(client, thread)
    assert response.status_code == 400
    assert "该主题已被删除。" in response.content.decode()
    assert thread.posts.count() == 1


def test_reply_is_only_posted(client, thread, member):
    client.force_login(member)

    assert client.get(f"/thread/{thread.pk}/reply/").status_code == 405


# Page numbers and cursors


@pytest.mark.parametrize("page", ["0", "-1", "4", "999999", "99999999999999999999999"])
def test_page_outside_the_thread_is_not_found(client, long_thread, page):
    assert client.get(f"{long_thread.get_absolute_url()}?page={page}").status_code == 404


@pytest.mark.parametrize("page", ["abc", "", "1.5"])  # a NUL byte: 400 (core)
def test_junk_page_number_shows_the_first_page(client, long_thread, page):
    response = client.get(f"{long_thread.get_absolute_url()}?page={page}")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="p1"' in html and 'id="p20"' in html and 'id="p21"' not in html


def test_last_page_by_name(client, long_thread):
    html = client.get(f"{long_thread.get_absolute_url()}?page=last").content.decode()
    assert 'id="p41"' in html and 'id="p45"' in html and 'id="p1"' not in html


@pytest.mark.parametrize(
    "after",
    [
        "garbage",
        "_",
        "1e999_1",
        "nan_1",
        "-99999999999999_1",
        "4102444800.0_abc",
        "4102444800.0_99999999999999999999999",
    ],
)
def test_junk_board_cursor_shows_the_first_page(client, board, thread, after):
    response = client.get(f"/forum/life/?after={after}")

    assert response.status_code == 200
    assert "周末去哪儿玩" in response.content.decode()


# Things that do not exist


@pytest.mark.parametrize(
    "url",
    [
        "/thread/999999/",
        "/thread/99999999999999999999999/",
        "/forum/no-such-board/",
        "/forum/no-such-board/new/",
        "/attachment/999999/",
    ],
)
def test_missing_things_are_not_found(client, thread, url):
    assert client.get(url).status_code == 404


def test_replying_to_or_editing_missing_things_is_not_found(client, member):
    client.force_login(member)

    assert (
        client.post("/thread/999999/reply/", {"body": "在吗", "markup": "bbcode"}).status_code
        == 404
    )
    assert client.get("/post/999999/edit/").status_code == 404
    assert client.post("/post/999999/delete/").status_code == 404
    assert not Post.objects.exists()


@pytest.mark.parametrize("quote", ["abc", "999999", "-1", "99999999999999999999999"])
def test_junk_quote_parameter_shows_the_thread(client, thread, member, quote):
    client.force_login(member)

    assert client.get(f"{thread.get_absolute_url()}?quote={quote}").status_code == 200


def test_superscript_quote_parameter_is_not_a_server_error(client, thread):
    assert client.get(f"{thread.get_absolute_url()}?quote=²").status_code == 200


# Moderation requests that make no sense


NOT_UNDERSTOOD = "无法识别该管理操作。"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "explode"}, NOT_UNDERSTOOD),
        ({}, NOT_UNDERSTOOD),
        ({"action": "stick", "level": "abc"}, NOT_UNDERSTOOD),
        ({"action": "stick", "level": "9"}, NOT_UNDERSTOOD),
        ({"action": "digest", "level": "-1"}, NOT_UNDERSTOOD),
        ({"action": "move"}, NOT_UNDERSTOOD),
        ({"action": "move", "board": "999999"}, NOT_UNDERSTOOD),
        ({"action": "merge"}, NOT_UNDERSTOOD),
        ({"action": "merge", "target": "abc"}, NOT_UNDERSTOOD),
        ({"action": "split", "title": "拆出"}, "请选择要移动的回复（不含主楼）。"),
        (
            {"action": "split", "title": "拆出", "posts": "abc, ,"},
            "请选择要移动的回复（不含主楼）。",
        ),
        ({"action": "split", "posts": "reply"}, "请填写标题。"),
    ],
)
def test_nonsense_moderation_request_changes_nothing_and_says_why(
    client, thread, make_reply, member, super_moderator, data, message
):
    second = make_reply(thread, member)
    data = {key: str(second.pk) if value == "reply" else value for key, value in data.items()}
    before = list(Thread.objects.values())
    posts_before = list(Post.objects.order_by("pk").values())
    client.force_login(super_moderator)

    response = client.post(f"/thread/{thread.pk}/moderate/", data)

    assert response.status_code == 302
    assert response["Location"] == thread.get_absolute_url()
    assert list(Thread.objects.values()) == before
    assert list(Post.objects.order_by("pk").values()) == posts_before
    assert not ModerationLog.objects.exists()
    assert f'<li class="error">{message}</li>' in client.get(response["Location"]).content.decode()


def test_merging_into_a_missing_thread_is_not_found(client, thread, super_moderator):
    client.force_login(super_moderator)

    response = client.post(
        f"/thread/{thread.pk}/moderate/", {"action": "merge", "target": "999999"}
    )

    assert response.status_code == 404
    assert Thread.objects.filter(pk=thread.pk).exists()


def test_merging_a_thread_into_itself_is_refused(client, thread, super_moderator):
    client.force_login(super_moderator)

    response = client.post(
        f"/thread/{thread.pk}/moderate/", {"action": "merge", "target": str(thread.pk)}, follow=True
    )

    assert response.status_code == 200
    assert "请选择另一个主题进行合并。" in response.content.decode()
    assert thread.posts.count() == 1


def test_superscript_post_id_in_a_split_is_not_a_server_error(
    client, thread, make_reply, member, super_moderator
):
    make_reply(thread, member)
    client.force_login(super_moderator)

    response = client.post(
        f"/thread/{thread.pk}/moderate/", {"action": "split", "title": "拆出", "posts": "²"}
    )

    assert response.status_code == 302
