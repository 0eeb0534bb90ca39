"""One date format across the site, in the reader's time zone, every date in a <time>."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from lanting.core.templatetags.dates import day, iso, when

MOMENT = dt.datetime(2026, 3, 4, 1, 2, 3, 456789, tzinfo=dt.UTC)


def test_a_moment_reads_as_discuz_writes_it_with_a_second_exact_datetime(settings):
    with timezone.override("Asia/Shanghai"):
        assert when(MOMENT) == '<time datetime="2026-03-04T09:02:03+08:00">2026-3-4 09:02</time>'
        assert day(MOMENT) == '<time datetime="2026-03-04T09:02:03+08:00">2026-3-4</time>'
        assert iso(MOMENT) == "2026-03-04T09:02:03+08:00"


def test_nothing_shows_nothing():
    assert when(None) == "" and day(None) == ""


_TIME = re.compile(r'<time datetime="([^"]+)">([^<]+)</time>')
_SHOWN = re.compile(r"^(?:[A-Z]{2,5}, )?\d{4}-[1-9]\d?-[1-9]\d?(?: \d\d:\d\d)?$")


@pytest.mark.django_db
def test_every_time_on_the_pages_has_one_form(client, article, make_member):
    from lanting.forum.models import Board, Section
    from lanting.forum.services import create_thread, reply_to_thread

    member = make_member("louzhu")
    board = Board.objects.create(section=Section.objects.create(name="社区"), name="杂谈", slug="t")
    thread = create_thread(board=board, author=member, title="周末", body="去哪儿")
    reply_to_thread(thread=thread, author=member, body="顶")
    pages = ["/", article.get_absolute_url(), "/forum/", "/forum/t/", thread.get_absolute_url()]
    pages += [f"/u/{member.username}/", "/darkroom/", f"/archiver/thread/{thread.pk}/"]
    seen = 0
    for url in pages:
        html = client.get(url).content.decode()
        for moment, shown in _TIME.findall(html):
            seen += 1
            assert "." not in moment, (url, moment)  # no fractions of a second
            assert _SHOWN.match(shown), (url, shown)
    assert seen >= 8
