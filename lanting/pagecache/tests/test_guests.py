import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lanting.core.models import NavItem, SiteSettings
from lanting.forum.models import Board, Section
from lanting.forum.services import create_thread, reply_to_thread
from lanting.moderation.services import ban_member
from lanting.portal.services import comment_on_article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site_settings_exist(db):
    """The very first page creates the settings row, which renews every page's "chrome"."""
    SiteSettings.objects.get_or_create(pk=1)


@pytest.fixture
def thread(make_member):
    board = Board.objects.create(
        section=Section.objects.create(name="生活"), name="生活", slug="life"
    )
    return create_thread(board=board, author=make_member("op"), title="缓存测试", body="第一楼")


def test_guest_gets_the_second_view_from_the_cache_without_queries(client, article):
    first = client.get(article.get_absolute_url())
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(article.get_absolute_url())
    assert second["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content.replace(b">2<", b">1<") == first.content


def test_browser_asking_again_gets_304(client, article):
    etag = client.get(article.get_absolute_url())["ETag"]
    again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    # Only the view counter moved on: the browser's copy is the page (a view behind).
    assert again.status_code == 304
    home = client.get("/")["ETag"]
    assert client.get("/", HTTP_IF_NONE_MATCH=home).status_code == 304


def test_guest_pages_let_a_shared_cache_keep_them_a_moment_and_browsers_none(
    client, article, settings
):
    miss, hit = client.get(article.get_absolute_url()), client.get(article.get_absolute_url())
    # nginx's micro-cache (deploy/) keeps the page for s-maxage; browsers revalidate each time.
    for page in (miss, hit):
        assert page["Cache-Control"] == "max-age=0, s-maxage=1, must-revalidate"
    settings.LANTING_PROXY_CACHE_SECONDS = 0
    assert client.get(article.get_absolute_url())["Cache-Control"] == "no-cache"


def test_a_members_page_tells_no_shared_cache_to_keep_it(client, article, member):
    client.force_login(member)
    page = client.get(article.get_absolute_url())
    assert "s-maxage" not in page.get("Cache-Control", "")


def test_new_reply_shows_at_once(client, thread, make_member):
    client.get(thread.get_absolute_url())
    reply_to_thread(thread=thread, author=make_member("replier"), body="新回复来了")
    page = client.get(thread.get_absolute_url())
    assert page["X-Page-Cache"] == "miss"
    assert "新回复来了" in page.content.decode()
    board_page = client.get(thread.board.get_absolute_url()).content.decode()
    assert "replier" in board_page


def test_new_comment_shows_at_once(client, article, member):
    client.get(article.get_absolute_url())
    comment_on_article(article=article, author=member, body="刚发的评论")
    assert "刚发的评论" in client.get(article.get_absolute_url()).content.decode()


def test_nav_change_shows_on_every_cached_page(client, article, thread):
    client.get(article.get_absolute_url())
    client.get(thread.get_absolute_url())
    NavItem.objects.create(label="新栏目", location="header", url="https://new.example/")
    assert "新栏目" in client.get(article.get_absolute_url()).content.decode()
    assert "新栏目" in client.get(thread.get_absolute_url()).content.decode()


def test_ban_shows_on_the_darkroom_at_once(client, make_member):
    from lanting.accounts.models import MemberGroup

    client.get("/darkroom/")
    moderator = make_member("mod", group=MemberGroup.objects.get(code="super_moderator"))
    ban_member(
        member=make_member("spammer"), moderator=moderator, kind="post", reason="广告", until=None
    )
    assert "spammer" in client.get("/darkroom/").content.decode()


def test_members_are_never_served_a_cached_page(client, article, member):
    client.get(article.get_absolute_url())
    client.force_login(member)
    response = client.get(article.get_absolute_url())
    assert "X-Page-Cache" not in response
    assert 'class="comment-form"' in response.content.decode()


def test_each_language_has_its_own_copy(client, article):
    client.get("/")
    client.cookies["django_language"] = "en"
    assert "Latest articles" in client.get("/").content.decode()


def test_cached_views_still_count(client, article):
    for n in range(1, 5):
        html = client.get(article.get_absolute_url()).content.decode()
        assert f'<em id="_viewnum">{n}</em>' in html


def test_a_guest_s_thread_and_board_pages_set_no_cookie_and_are_kept(client, thread):
    """Nothing on them (the watch and favourite buttons, the vote forms) asks for a CSRF
    token for a guest: a cookie would keep the page out of the guests' cache."""
    for url in (thread.get_absolute_url(), thread.board.get_absolute_url()):
        first = client.get(url)
        assert not first.cookies, (url, first.cookies)
        assert client.get(url)["X-Page-Cache"] == "hit", url
