"""Reading through the API: what the pages show, to whom they show it."""

import pytest
from django.test import Client
from django.utils import timezone

from lanting.forum.models import ThreadField
from lanting.forum.services import create_thread, reply_to_thread
from lanting.moderation.models import Ban

pytestmark = pytest.mark.django_db


def test_the_site_and_its_navigation(client, forum):
    data = client.get("/api/site").json()
    assert data["name"]
    assert {"header_nav", "main_nav", "footer_nav", "slogan"} <= set(data)


def test_boards_list_leaves_out_the_hidden_board_for_guests_and_members(
    client, forum, as_member, member
):
    def slugs(response):
        return [b["slug"] for s in response.json() for b in s["boards"]]

    assert slugs(client.get("/api/boards")) == ["life"]
    assert slugs(as_member(member).get("/api/boards")) == ["life"]
    assert slugs(as_member(forum["staff"]).get("/api/boards")) == ["life", "office"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/boards/office",
        "/api/boards/office/threads",
        "/api/threads/{secret}",
        "/api/threads/{secret}/posts",
        "/api/posts/{secret_post}",
    ],
)
def test_a_hidden_board_is_404_as_on_the_pages(client, forum, as_member, member, path):
    secret = forum["secret"]
    url = path.format(secret=secret.pk, secret_post=secret.posts.get().pk)
    for reader in (client, as_member(member)):
        response = reader.get(url)
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
        assert "秘密" not in response.content.decode()
    assert as_member(forum["staff"]).get(url).status_code == 200


def test_a_board_lists_its_threads_with_a_cursor_to_the_next(client, forum, monkeypatch):
    from lanting.forum import selectors

    monkeypatch.setattr(selectors, "THREADS_PER_PAGE", 2)
    for number in range(3):
        create_thread(
            board=forum["public"], author=forum["author"], title=f"主题 {number}", body="x"
        )
    first = client.get("/api/boards/life/threads").json()
    assert [t["title"] for t in first["items"]] == ["主题 2", "主题 1"]
    second = client.get("/api/boards/life/threads", {"cursor": first["next_cursor"]}).json()
    assert [t["title"] for t in second["items"]] == ["主题 0", "伦敦租房指南"]
    assert second["next_cursor"] is None


def test_classified_fields_filter_a_boards_threads(client, forum):
    board = forum["public"]
    ThreadField.objects.create(board=board, name="rent", label="租金", kind="number")
    for rent in ("600", "900"):
        create_thread(
            board=board,
            author=forum["author"],
            title=f"出租 {rent}",
            body="x",
            fields={"rent": rent},
        )
    data = client.get("/api/boards/life/threads", {"rent_max": "700"}).json()
    assert [t["title"] for t in data["items"]] == ["出租 600"]
    assert data["items"][0]["fields"] == {"rent": 600}
    detail = client.get("/api/boards/life").json()
    assert detail["fields"][0]["name"] == "rent"


def test_a_bad_cursor_is_a_400_in_the_one_error_shape(client, forum):
    response = client.get("/api/boards/life/threads", {"cursor": "nonsense"})
    assert response.status_code == 400
    assert set(response.json()["error"]) == {"code", "message", "fields"}
    assert "cursor" in response.json()["error"]["fields"]


def test_a_threads_posts_give_html_and_source(client, forum):
    thread = forum["thread"]
    data = client.get(f"/api/threads/{thread.pk}/posts").json()
    assert [p["position"] for p in data["items"]] == [1, 2]
    assert data["items"][0]["body"] == "先看地段。"
    assert "先看地段" in data["items"][0]["html"]
    assert data["next_cursor"] is None


def test_hidden_content_and_its_source_stay_hidden_from_guests(client, forum, as_member):
    thread = create_thread(
        board=forum["public"], author=forum["author"], title="有隐藏", body="看[hide]密码123[/hide]"
    )
    guest = client.get(f"/api/threads/{thread.pk}/posts").json()["items"][0]
    assert guest["body"] is None
    assert "密码123" not in guest["html"]
    own = as_member(forum["author"]).get(f"/api/threads/{thread.pk}/posts").json()["items"][0]
    assert "密码123" in own["html"]
    assert own["body"] == "看[hide]密码123[/hide]"


def test_deleted_posts_are_404_to_members_and_shown_to_moderators(client, forum, as_member):
    reply = reply_to_thread(thread=forum["thread"], author=forum["author"], body="删掉我")
    from lanting.forum.services import delete_post

    delete_post(post=reply, actor=forum["author"])
    assert client.get(f"/api/posts/{reply.pk}").status_code == 404
    staff = as_member(forum["staff"]).get(f"/api/posts/{reply.pk}")
    assert staff.status_code == 200 and staff.json()["is_deleted"] is True


def test_articles_categories_and_comments(client, article, member):
    from lanting.portal.services import comment_on_article

    comment_on_article(article=article, author=member, body="说得好")
    assert client.get("/api/categories").json()[0]["slug"] == "news"
    listed = client.get("/api/articles").json()
    assert listed["items"][0]["id"] == article.pk
    assert client.get("/api/articles", {"category": "news"}).json()["items"][0]["id"] == article.pk
    detail = client.get(f"/api/articles/{article.pk}").json()
    assert "First paragraph" in detail["html"]
    comments = client.get(f"/api/articles/{article.pk}/comments").json()
    assert [c["author"] for c in comments["items"]] == ["reader"]


def test_an_unpublished_article_is_404_to_guests_and_shown_to_staff(
    client, make_article, as_member, publisher
):
    draft = make_article("草稿", status="draft")
    assert client.get(f"/api/articles/{draft.pk}").status_code == 404
    assert as_member(publisher).get(f"/api/articles/{draft.pk}").status_code == 200


def test_a_members_profile_and_the_darkroom(client, forum):
    author, staff = forum["author"], forum["staff"]
    assert client.get("/api/members/louzhu").json()["username"] == "louzhu"
    assert client.get("/api/members/nobody").status_code == 404
    Ban.objects.create(kind=Ban.Kind.POST, member=author, reason="广告", moderator=staff)
    Ban.objects.create(kind=Ban.Kind.IP, ip_range="203.0.113.0/24", reason="spam", moderator=staff)
    bans = client.get("/api/darkroom").json()["items"]
    assert [(b["member"], b["reason"]) for b in bans] == [("louzhu", "广告")]
    assert bans[0]["starts_at"] <= timezone.now().isoformat()


def test_search_finds_what_guests_may_read_and_not_the_hidden_board(client, forum):
    data = client.get("/api/search/results", {"q": "伦敦租房"}).json()
    assert [hit["id"] for hit in data["items"] if hit["kind"] == "thread"] == [forum["thread"].pk]
    assert client.get("/api/search/results", {"q": "秘密"}).json()["total"] == 0


def test_searching_in_a_hidden_board_is_404(client, forum):
    response = client.get("/api/search/results", {"q": "秘密", "board": forum["office"].pk})
    assert response.status_code == 404
    assert "board" in response.json()["error"]["fields"]


def test_the_old_search_endpoint_still_answers(client, forum):
    data = client.get("/api/search", {"q": "伦敦租房"}).json()
    assert data["total"] >= 1


def test_an_etag_and_if_none_match_give_304(client, forum):
    url = f"/api/threads/{forum['thread'].pk}/posts"
    first = client.get(url)
    tag = first["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == tag
    reply_to_thread(thread=forum["thread"], author=forum["author"], body="新回复")
    assert client.get(url, HTTP_IF_NONE_MATCH=tag).status_code == 200


def test_a_guests_thread_posts_are_kept_until_the_thread_changes(client, forum, as_member):
    url = f"/api/threads/{forum['thread'].pk}/posts"
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    kept = client.get(url)
    assert kept["X-Page-Cache"] == "hit"
    assert kept.json() == first.json()
    assert kept["Content-Type"].startswith("application/json")
    reply_to_thread(thread=forum["thread"], author=forum["author"], body="新回复")
    fresh = client.get(url)
    assert fresh["X-Page-Cache"] == "miss"
    assert [p["body"] for p in fresh.json()["items"]][-1] == "新回复"


def test_an_edit_or_a_deletion_drops_the_kept_posts(client, forum):
    from lanting.forum.services import delete_post, edit_post

    url = f"/api/threads/{forum['thread'].pk}/posts"
    client.get(url)
    first = forum["thread"].posts.get(position=1)
    edit_post(post=first, editor=forum["author"], body="改过了")
    assert client.get(url).json()["items"][0]["body"] == "改过了"
    second = forum["thread"].posts.get(position=2)
    delete_post(post=second, actor=forum["staff"], reason="广告")
    assert [p["position"] for p in client.get(url).json()["items"]] == [1]


def test_members_and_tokens_never_get_a_guests_copy(client, forum, as_member, member):
    url = f"/api/threads/{forum['thread'].pk}/posts"
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    bot = as_member(member)
    assert "X-Page-Cache" not in bot.get(url)
    assert "X-Page-Cache" not in bot.get(url)  # nor is a token's answer kept for anyone
    browser = Client()
    browser.force_login(member)
    assert "X-Page-Cache" not in browser.get(url)


def test_a_hidden_threads_posts_are_never_kept(client, forum):
    url = f"/api/threads/{forum['secret'].pk}/posts"
    assert client.get(url).status_code == 404
    assert client.get(url).status_code == 404
    assert "X-Page-Cache" not in client.get(url)


def test_a_guest_asking_in_another_language_is_not_kept_in_the_sites(client, forum):
    url = f"/api/threads/{forum['thread'].pk}/posts"
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert english["Content-Language"] == "en" and "X-Page-Cache" not in english
    assert "X-Page-Cache" not in client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    asked = client.get(url, {"lang": "en"})
    assert asked["X-Page-Cache"] == "miss"
    again = client.get(url, {"lang": "en"})
    assert again["X-Page-Cache"] == "hit" and again["Content-Language"] == "en"


def test_an_unknown_api_address_is_a_json_404(client, db):
    response = client.get("/api/nothing/here")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_the_schema_and_the_docs_are_served(client, db):
    schema = client.get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    assert "/api/threads/{thread_id}/posts" in schema["paths"]
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    assert "/static/ninja/swagger-ui" in docs.content.decode()  # our own files, no CDN
