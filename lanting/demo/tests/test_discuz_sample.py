"""The demo holds an imported Discuz! sample: its old links answer 301 with the new pages."""

import io
import os
import uuid

import pymysql
import pytest

from lanting.core.models import NavItem, SiteSettings
from lanting.demo import discuz
from lanting.demo.loader import load_demo
from lanting.forum.models import Board, Section, Thread
from lanting.importers.discuz.models import LegacyLink
from lanting.portal.models import Article

pytestmark = pytest.mark.django_db

MYSQL = {"host": "127.0.0.1", "port": 3306, "user": "root", "password": ""}


@pytest.fixture
def database():
    try:
        pymysql.connect(**MYSQL).close()
    except pymysql.MySQLError as error:
        if os.environ.get("CI"):
            pytest.fail(f"MariaDB is not reachable on 127.0.0.1:3306: {error}")
        pytest.skip(f"MariaDB is not reachable on 127.0.0.1:3306 ({error})")
    name = f"lanting_demo_{uuid.uuid4().hex[:10]}"
    yield name
    connection = pymysql.connect(**MYSQL, autocommit=True)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")
    connection.close()


def test_old_links_of_the_imported_sample_answer_301(client, database, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    out = io.StringIO()
    assert discuz.load_discuz_sample(out, database=database), out.getvalue()
    load_demo()
    site = SiteSettings.objects.get(pk=1)
    assert site.name == "英国伦敦华人网"  # the demo's own, not the sample's
    assert not NavItem.objects.filter(label="门户").exists()  # nor its navigation
    # Only the old site's own boards, under a section that says where they came from; its
    # copy of the seed article is marked, so the demo's home does not show one title twice.
    assert not Board.objects.filter(name__in=["电影", "交友", "默认版块"]).exists()
    old_section = Section.objects.get(name=discuz.OLD_SECTION)
    assert set(old_section.boards.values_list("name", flat=True)) == {"租房", "短租"}
    seed_title = "U.S., DPRK consider exchanging liaison officers: report"
    assert Article.objects.filter(title=seed_title).count() == 1
    assert Article.objects.filter(title="【旧站】" + seed_title).exists()

    thread_link = LegacyLink.objects.get(kind=LegacyLink.Kind.THREAD, old_id=100)
    thread = Thread.objects.get(pk=thread_link.new_id)
    old = client.get("/forum.php?mod=viewthread&tid=100")
    assert old.status_code == 301 and old["Location"].endswith(thread.get_absolute_url())
    article_link = LegacyLink.objects.filter(kind=LegacyLink.Kind.ARTICLE).first()
    assert article_link is not None
    old = client.get(f"/article-{article_link.old_id}-1.html")
    assert old.status_code == 301 and old["Location"].endswith(f"/article/{article_link.new_id}/")
    assert client.get(old["Location"]).status_code == 200

    # Loading again (a second `make demo`) adds nothing twice.
    threads = Thread.objects.count()
    assert discuz.load_discuz_sample(io.StringIO(), database=database)
    load_demo()
    assert Thread.objects.count() == threads


def test_without_a_database_server_the_demo_says_so(monkeypatch):
    monkeypatch.setenv("LANTING_DEMO_DISCUZ_DSN", "mysql://root@127.0.0.1:1")
    out = io.StringIO()
    assert not discuz.load_discuz_sample(out)
    assert "Discuz! sample skipped" in out.getvalue()
