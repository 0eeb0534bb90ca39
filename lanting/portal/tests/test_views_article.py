import html as html_lib
import re

import pytest
from django.core import mail

from lanting.demo.loader import load_demo
from lanting.pagecache.counters import flush
from lanting.portal.models import Article, Comment
from lanting.portal.selectors import ARTICLE_VIEWS

pytestmark = pytest.mark.django_db

SEED_TITLE = "U.S., DPRK consider exchanging liaison officers: report"


def _text(html: str) -> str:
    """The page's visible text, one space between words, as a reader sees it."""
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", html))).strip()


@pytest.fixture
def seed_article():
    load_demo()
    return Article.objects.get(title=SEED_TITLE)


def test_seed_article_shows_every_element_in_the_seed_order(client, seed_article):
    html = client.get(seed_article.get_absolute_url()).content.decode()
    text = _text(html)
    expected_in_order = [
        "联邦留学辅导",
        "鸣挚海外家政服务",
        "代购代带网",
        "人口普查",
        "买书",
        "英国伦敦华人网 - 英国伦敦第一中文门户网站",
        "找回密码",
        "注册",
        SEED_TITLE,
        "2019-2-19 11:48 | 发布者: leedell | 查看: 25 | 评论: 0 | 原作者: Gu Liping | 来自: Xinhua",
        "摘要: The United States discussed exchanging liaison officers with the Democratic "
        "People's Republic of Korea (DPRK), U.S. media reported on Monday.Washington and "
        "Pyongyang were seriously considering exchang ...",
        "The United States discussed exchanging liaison officers",
        "still haunt the two sides and hinder negotiations.",
        "最新评论",
        "扫一扫，访问手机版",
        # The "|" between footer links is drawn by CSS.
        "广告合作(Contact Us) 关于我们 小黑屋 手机版 Archiver 伦敦华人网",
        "GMT, ",
        "返回顶部",
    ]
    position = 0
    for piece in expected_in_order:
        found = text.find(piece, position)
        assert found >= 0, f"{piece!r} missing or out of order"
        position = found + len(piece)
    assert html.count("<p>") >= 7  # the seven paragraphs of the body
    assert '<a href="/u/leedell/" class="publisher">leedell</a>' in html
    assert '<a href="http://www.xinhuanet.com/english/" target="_blank"' in html


def test_publisher_link_opens_the_member_page(client, seed_article):
    html = client.get("/u/leedell/").content.decode()
    newest = Article.objects.filter(publisher__username="leedell").order_by("-published_at")[0]
    assert "<h1>leedell" in html
    assert "发布的文章" in html
    assert html_lib.escape(newest.title) in html


def test_each_view_counts_and_shows_before_the_flush(client, article):
    for _ in range(5):
        client.get(article.get_absolute_url())
    article.refresh_from_db()
    assert article.views == 0  # not written yet: counted in the cache
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<em id="_viewnum">6</em>' in html
    assert flush(ARTICLE_VIEWS) == 6
    article.refresh_from_db()
    assert article.views == 6
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<em id="_viewnum">7</em>' in html


def test_a_burst_of_views_is_one_write(client, article, django_assert_num_queries):
    for _ in range(40):
        client.get(article.get_absolute_url())
    with django_assert_num_queries(3):  # savepoint, one UPDATE, release
        assert flush(ARTICLE_VIEWS) == 40
    article.refresh_from_db()
    assert article.views == 40


def test_views_flush_by_themselves_after_enough_pending(client, article, settings):
    settings.LANTING_VIEW_FLUSH_PENDING = 10
    for _ in range(10):
        client.get(article.get_absolute_url())
    article.refresh_from_db()
    assert article.views == 10


def test_unknown_article_is_a_404_in_the_site_language(client):
    response = client.get("/article/999999/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_unknown_category_is_a_404(client):
    assert client.get("/category/no-such-category/").status_code == 404


def test_draft_is_hidden_from_readers_and_shown_to_staff(client, admin_client, make_article):
    draft = make_article("Draft", status=Article.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert admin_client.get(draft.get_absolute_url()).status_code == 200


def test_previous_and_next_articles_are_linked(client, make_article):
    import datetime as dt

    from django.utils import timezone

    now = timezone.now()
    older = make_article("Older", published_at=now - dt.timedelta(days=2))
    middle = make_article("Middle", published_at=now - dt.timedelta(days=1))
    newer = make_article("Newer", published_at=now - dt.timedelta(hours=1))
    html = client.get(middle.get_absolute_url()).content.decode()
    assert f'href="{older.get_absolute_url()}" rel="prev">Older' in html
    assert f'href="{newer.get_absolute_url()}" rel="next">Newer' in html


def test_member_comments_and_sees_it_counted(client, member, article):
    client.force_login(member)
    response = client.post(f"/article/{article.pk}/comment/", {"body": "说得好\n第二行"})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.comment_count == 1
    html = client.get(article.get_absolute_url()).content.decode()
    assert "说得好<br>第二行" in html  # BBCode, line breaks kept
    assert "评论: <a" in html


@pytest.mark.parametrize("body", ["", "   \n  ", "x" * 5001])
def test_empty_or_too_long_comment_is_refused_and_nothing_saved(client, member, article, body):
    client.force_login(member)
    response = client.post(f"/article/{article.pk}/comment/", {"body": body})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="errors" role="alert"' in html
    assert "评论" in html
    assert not Comment.objects.exists()
    article.refresh_from_db()
    assert article.comment_count == 0


def test_comment_with_script_is_shown_as_text(client, member, article):
    client.force_login(member)
    client.post(
        f"/article/{article.pk}/comment/", {"body": '<script>alert(1)</script><img onerror="x">'}
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img onerror" not in html


def test_article_body_with_script_never_reaches_the_page(client, make_article):
    article = make_article(body='<p>ok</p><script>alert(1)</script><img src="a.png" onerror="x()">')
    html = client.get(article.get_absolute_url()).content.decode()
    assert "alert(1)" not in html
    assert "onerror" not in html


def test_markdown_article_is_rendered(client, make_article):
    article = make_article(body="**粗体** and [link](https://x.example/)", body_format="markdown")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<strong>粗体</strong>" in html


def test_anonymous_comment_asks_to_log_in(client, article):
    response = client.post(f"/article/{article.pk}/comment/", {"body": "hi"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert not Comment.objects.exists()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "登录" in html and "后评论" in html


def test_comment_count_falls_when_the_admin_hides_or_deletes(admin_client, member, article):
    from lanting.portal.services import comment_on_article

    first = comment_on_article(article=article, author=member, body="one")
    second = comment_on_article(article=article, author=member, body="two")
    admin_client.post(
        "/admin/portal/comment/",
        {"action": "hide_comments", "_selected_action": [first.pk]},
    )
    article.refresh_from_db()
    assert article.comment_count == 1
    admin_client.post(f"/admin/portal/comment/{second.pk}/delete/", {"post": "yes"})
    article.refresh_from_db()
    assert article.comment_count == 0
    assert mail.outbox == []


def test_view_count_is_right_when_a_view_triggers_the_flush(client, article, settings):
    settings.LANTING_VIEW_FLUSH_PENDING = 1  # every view writes through at once
    for n in range(1, 4):
        html = client.get(article.get_absolute_url()).content.decode()
        assert f'<em id="_viewnum">{n}</em>' in html
    article.refresh_from_db()
    assert article.views == 3
