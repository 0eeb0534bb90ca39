"""Rebuilding the whole index, and the site dictionary in the admin."""

import io

import pytest
from django.core.management import call_command

from lanting.forum.models import Thread
from lanting.search.models import DictionaryWord, Kind, SearchEntry

pytestmark = pytest.mark.django_db


def test_rebuild_indexes_everything_and_drops_what_is_gone(
    post_thread, reply, publish, find, make_member
):
    thread = post_thread("自行车转让")
    reply(thread, "自行车还在吗")
    article = publish("骑自行车上班")
    make_member("zixingche")
    gone = post_thread("电饭煲转让")
    Thread.objects.filter(pk=gone.pk).update(is_deleted=True)  # behind search's back
    SearchEntry.objects.filter(kind=Kind.ARTICLE).update(title_tokens="", fingerprint="stale")

    out = io.StringIO()
    call_command("rebuild_search_index", "--batch-size", "2", stdout=out)

    assert "100.0%" in out.getvalue()
    assert "post: 1 documents indexed" in out.getvalue()
    assert (Kind.ARTICLE, article.pk) in find("自行车")
    assert len(find("自行车")) == 3
    assert find("电饭煲") == []
    assert SearchEntry.objects.filter(kind=Kind.MEMBER).count() == 3  # zixingche, louzhu, leedell


def test_rebuild_of_one_kind_leaves_the_others(post_thread, publish):
    post_thread("自行车转让")
    publish("骑自行车上班")
    SearchEntry.objects.filter(kind=Kind.THREAD).update(fingerprint="stale")
    call_command("rebuild_search_index", "--kind", "article", stdout=io.StringIO())
    assert SearchEntry.objects.get(kind=Kind.THREAD).fingerprint == "stale"


def test_rebuild_twice_changes_nothing(post_thread, reply, find):
    thread = post_thread("自行车转让")
    reply(thread, "自行车还在吗")
    call_command("rebuild_search_index", stdout=io.StringIO())
    before = set(SearchEntry.objects.values_list("pk", "fingerprint"))
    call_command("rebuild_search_index", stdout=io.StringIO())
    assert set(SearchEntry.objects.values_list("pk", "fingerprint")) == before
    assert len(find("自行车")) == 2


def test_admin_adds_a_site_word_and_documents_with_it_are_found(
    admin_client, post_thread, find, django_capture_on_commit_callbacks
):
    thread = post_thread("出租单间", body="房租押一付三包水电")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/search/dictionaryword/add/", {"word": "押一付三", "note": "租房"}
        )
    assert response.status_code == 302
    assert find("押一付三") == [(Kind.THREAD, thread.pk)]


def test_admin_refuses_a_word_jieba_could_not_keep(admin_client):
    response = admin_client.post("/admin/search/dictionaryword/add/", {"word": "zone 2"})
    assert response.status_code == 200
    assert not DictionaryWord.objects.exists()
