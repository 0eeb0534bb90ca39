import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from lanting.accounts.models import User
from lanting.core.models import NavItem, Page, SiteSettings
from lanting.demo.articles import ARTICLES
from lanting.portal.models import Article, Category, Comment

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (User, SiteSettings, NavItem, Page, Category, Article, Comment)
    }


def test_loading_the_demo_twice_duplicates_nothing():
    call_command("load_demo", "--no-discuz", verbosity=0)
    first = _counts()
    call_command("load_demo", "--no-discuz", verbosity=0)
    assert _counts() == first
    assert first["Article"] == len(ARTICLES) + 1
    assert first["NavItem"] == 12  # five partner links, home and forum, five footer links


def test_demo_has_the_seed_site_and_article(client):
    call_command("load_demo", "--no-discuz", verbosity=0)
    site = SiteSettings.objects.get()
    assert (site.name, site.slogan) == ("英国伦敦华人网", "英国伦敦第一中文门户网站")
    seed = Article.objects.get(title="U.S., DPRK consider exchanging liaison officers: report")
    assert seed.publisher.username == "leedell"
    assert (seed.views, seed.comment_count) == (24, 0)
    assert (seed.original_author, seed.source_name) == ("Gu Liping", "Xinhua")
    assert seed.body_html.count("<p>") == 7
    assert seed.summary_text.endswith("seriously considering exchang ...")


def test_demo_category_paginates(client):
    call_command("load_demo", "--no-discuz", verbosity=0)
    html = client.get("/category/news/").content.decode()
    assert 'aria-current="page">1<' in html and 'href="?page=2"' in html
    assert client.get("/category/news/?page=2").status_code == 200
    assert client.get("/category/news/?page=abc").status_code == 200  # bad page: the first


def test_search_shows_when_a_demo_post_was_written():
    from lanting.forum.models import Post
    from lanting.search.models import SearchEntry

    call_command("load_demo", "--no-discuz", verbosity=0)
    written = dict(Post.objects.filter(position__gt=1).values_list("pk", "created_at"))
    indexed = dict(SearchEntry.objects.filter(kind="post").values_list("object_id", "created_at"))
    assert written and indexed == {pk: at for pk, at in written.items() if pk in indexed}
    assert min(written.values()) < timezone.now() - dt.timedelta(days=3)  # back-dated


def test_demo_members_joined_over_the_years_not_all_today():
    call_command("load_demo", "--no-discuz", verbosity=0)
    joined = list(User.objects.values_list("date_joined", flat=True))
    days = {d.date() for d in joined}
    assert len(days) >= len(joined) // 2  # spread out
    assert all(d < timezone.now() - dt.timedelta(days=30) for d in joined)
    assert User.objects.get(username="leedell").date_joined.year == 2012  # the owner came first


def test_the_demo_loads_with_flood_control_on_as_make_demo_runs(settings):
    """The suite switches flood control off; `make demo` does not. Its history is not a flood."""
    settings.LANTING_FLOOD_CONTROL = True
    call_command("load_demo", "--no-discuz", verbosity=0)
    from lanting.forum.models import Post

    assert Post.objects.filter(position__gt=1).count() > 100
