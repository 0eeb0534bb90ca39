"""The admin in the site's language; the moderation log as sentences with links."""

import re

import pytest
from django.core.management import call_command

from lanting.forum.models import Board, Section
from lanting.forum.services import close_thread, create_thread, delete_thread
from lanting.moderation.models import ModerationLog
from lanting.moderation.services import ban_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, make_member):
    admin = make_member("admin", is_staff=True, is_superuser=True, display_name="站长")
    client.force_login(admin)
    client.admin = admin
    return client


def _names(html: str) -> list[str]:
    return re.findall(r'<th scope="row"[^>]*>\s*<a[^>]*>([^<]+)</a>', html)


def test_the_admin_speaks_chinese_on_a_chinese_site(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "<title>站点管理 | 兰亭管理后台</title>" in html
    names = _names(html)
    assert "登录尝试" in names and "登录日志" in names  # django-axes' models
    assert "主题" in names and "帖子" in names and "评论" in names  # not 主题数 / 帖子数
    assert not [n for n in names if re.fullmatch(r"[A-Za-z ]+", n)], names
    assert names.count("组") == 0 and len(names) == len(set(names))  # no section twice
    sections = re.findall(r"<caption>\s*<a[^>]*>([^<]+)</a>", html)
    assert "登录锁定" in sections and "Axes" not in sections


def test_axes_pages_are_translated_too(admin_client):
    html = admin_client.get("/admin/axes/accessattempt/").content.decode()
    assert "登录尝试" in html and "Access attempts" not in html


def test_the_log_reads_as_sentences_with_links(admin_client, make_member):
    admin = admin_client.admin
    board = Board.objects.create(section=Section.objects.create(name="社区"), name="杂谈", slug="t")
    author = make_member("louzhu")
    thread = create_thread(board=board, author=author, title="周末去哪儿玩", body="去哪儿")
    close_thread(thread=thread, moderator=admin)
    delete_thread(thread=thread, moderator=admin, reason="重复发帖")
    ban_member(member=author, moderator=admin, kind="post", reason="刷屏", until=None)
    html = admin_client.get("/admin/moderation/moderationlog/").content.decode()
    assert f'关闭了主题<a href="/thread/{thread.pk}/">《周末去哪儿玩》</a>' in html
    assert (
        f'将主题<a href="/thread/{thread.pk}/">《周末去哪儿玩》</a>移入回收站。 理由：重复发帖'
        in html
    )
    assert '禁止 <a href="/u/louzhu/">louzhu</a> 发言' in html
    assert "站长 于 " in html
    shown = html.split('id="result_list"')[1].split("</table>")[0]  # not the filter's links
    assert "{&#x27;is_closed&#x27;" not in shown and "ban_post" not in shown
    assert ModerationLog.objects.count() == 3


def test_the_log_reads_in_english_for_an_english_admin(admin_client, settings):
    admin = admin_client.admin
    ModerationLog.objects.create(actor=admin, action="close", target="thread:9 Weekend")
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = admin_client.get("/admin/moderation/moderationlog/").content.decode()
    assert 'closed the thread <a href="/thread/9/">《Weekend》</a>.' in html


def test_demo_owner_sees_no_english_model_names(admin_client):
    call_command("load_demo", "--no-discuz", verbosity=0)
    assert admin_client.get("/admin/").status_code == 200
