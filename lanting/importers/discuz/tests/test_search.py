"""What the import writes is searchable when the command ends, with no rebuild."""

import pytest
from django.core.management import call_command

from lanting.forum.models import Post, Thread
from lanting.portal.models import Article
from lanting.search import selectors
from lanting.search.models import Kind, SearchEntry

pytestmark = pytest.mark.django_db


def _found(query):
    return {(hit.kind, hit.object_id) for hit in selectors.search(query).hits}


def test_imported_posts_and_articles_are_found_right_after_the_import(
    discuz_dsn, client, settings, tmp_path
):
    dsn, attachments = discuz_dsn
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("import-discuz", "--dsn", dsn, "--attachments", str(attachments))
    room = Thread.objects.get(title="Zone 2 单间出租")
    reply = Post.objects.get(thread=room, position=2)
    article = Article.objects.get(title__startswith="U.S., DPRK")
    assert (Kind.THREAD, room.pk) in _found("单间")
    assert (Kind.POST, reply.pk) in _found("还在吗")
    assert (Kind.ARTICLE, article.pk) in _found("liaison")
    assert _found("已删除的回复") == set()  # in the recycle bin on the old site
    assert not _found("pending")  # the article awaiting review is not published
    page = client.get("/search/", {"q": "还在吗"}).content.decode()
    assert reply.get_absolute_url() in page


def test_a_second_run_indexes_only_what_changed(discuz_dsn, settings, tmp_path):
    import pymysql

    dsn, attachments = discuz_dsn
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("import-discuz", "--dsn", dsn, "--attachments", str(attachments))
    before = dict(SearchEntry.objects.values_list("pk", "indexed_at"))
    raw = pymysql.connect(
        host="127.0.0.1", user="root", database=dsn.rsplit("/", 1)[1], charset="utf8mb4"
    )
    with raw.cursor() as cursor:
        cursor.execute("UPDATE pre_forum_post SET message = '房子已经租出去了' WHERE pid = 1002")
    raw.commit()
    raw.close()
    call_command("import-discuz", "--dsn", dsn, "--attachments", str(attachments))
    changed = Post.objects.get(body="房子已经租出去了")
    after = dict(SearchEntry.objects.values_list("pk", "indexed_at"))
    assert after.keys() == before.keys()
    moved = {pk for pk in after if after[pk] != before[pk]}
    assert moved == set(
        SearchEntry.objects.filter(kind=Kind.POST, object_id=changed.pk).values_list(
            "pk", flat=True
        )
    )
    assert (Kind.POST, changed.pk) in _found("租出去")


def test_text_cut_on_every_core_gives_the_terms_cut_here():
    import random

    from lanting.importers.discuz.generate import sentence
    from lanting.importers.discuz.segment import SMALL, Segmenters
    from lanting.search.text import index_terms

    rng = random.Random(3)
    texts = [sentence(rng, rng.randint(3, 30)) for _ in range(SMALL * 2)] + ["", "Zone 2 flats"]
    segmenters = Segmenters(2)
    try:
        assert segmenters(texts) == [index_terms(text) for text in texts]
        assert segmenters.pool is not None  # the work went to the pool
    finally:
        segmenters.close()
