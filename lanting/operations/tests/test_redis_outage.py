"""Redis goes away mid-run: pages are still served, writes succeed, no view is lost, and the
site comes back to Redis by itself. Runs on a private redis-server on its own port (the
shared one on 6379 is never touched), in the PostgreSQL + Redis pass."""

import logging
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from django.core import mail
from django.test import Client

from lanting.accounts.models import User
from lanting.conf import cache_from_url
from lanting.conftest import PASSWORD
from lanting.forum import reading
from lanting.forum import services as forum_services
from lanting.forum.models import Board, Post, Section, Thread
from lanting.pagecache import counters, outage, redispages

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL"), reason="the PostgreSQL + Redis pass runs it (REDIS_URL)"
    ),
    pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server installed"),
    pytest.mark.django_db(transaction=True),
]


class PrivateRedis:
    """A redis-server of the test's own, on a free loopback port, that can die and return."""

    def __init__(self, folder: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.folder = folder
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603  (our own arguments)
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url, socket_connect_timeout=0.2)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("the private redis-server did not start")

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


def _forget_stores() -> None:
    pages = redispages._redis_pages()
    if pages is not None and pages._near is not None:
        pages._near.close()
    redispages._redis_pages.cache_clear()
    counters.get_store.cache_clear()
    reading.get_store.cache_clear()


@pytest.fixture
def private_redis(settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    import django_rq.settings

    server = PrivateRedis(tmp_path)
    server.start()
    settings.REDIS_URL = server.url
    settings.CACHES = {"default": cache_from_url(server.url)}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.TASKS = {
        "default": {"BACKEND": "lanting.jobs.backends.FallbackRQBackend", "QUEUES": ["default"]}
    }
    settings.LANTING_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.LANTING_VIEW_FLUSH_SECONDS = 3600  # the test flushes when it means to
    settings.LANTING_VIEW_FLUSH_PENDING = 100_000
    monkeypatch.setitem(
        django_rq.settings.QUEUES, "default", {"URL": server.url, "DEFAULT_TIMEOUT": 60}
    )
    monkeypatch.setattr(outage, "BREAKER_SECONDS", 0.3)
    _forget_stores()
    yield server
    server.kill()
    outage.reset()
    _forget_stores()


def _member(username: str) -> User:
    member = User(username=username, email=f"{username}@example.com", email_verified=True)
    member.set_password(PASSWORD)
    member.save()
    return member


def _logged_in(username: str) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def _views(thread: Thread) -> int:
    """The thread's views as the site knows them: stored, plus pending in Redis."""
    counters.flush_all()
    thread.refresh_from_db()
    return thread.views


def test_the_site_lives_through_a_redis_outage_and_comes_back(private_redis, caplog):
    caplog.set_level(logging.WARNING, logger="lanting.redis")
    board = Board.objects.create(
        section=Section.objects.create(name="社区生活"), name="生活杂谈", slug="life"
    )
    author = _member("louzhu")
    thread = forum_services.create_thread(
        board=board, title="周末去哪儿玩", author=author, body="大家推荐一下。"
    )
    _member("reader")
    guest, member = Client(), _logged_in("reader")

    # Redis up: guests' pages are kept and served from it.
    answers = [guest.get(f"/thread/{thread.pk}/").get("X-Page-Cache") for _ in range(3)]
    assert answers[-1] == "hit", answers
    assert member.get(f"/thread/{thread.pk}/").status_code == 200
    before = _views(thread)
    assert before == 4

    private_redis.kill()

    # The thread first: its view is counted by the very request that finds Redis gone.
    pages = [f"/thread/{thread.pk}/", "/", "/forum/", f"/forum/{board.slug}/", "/search/?q=周末"]
    for url in pages:
        response = guest.get(url)
        assert response.status_code == 200, url
        assert response.get("X-Page-Cache") != "hit", url  # from the database
    for url in [*pages, "/notifications/"]:
        response = member.get(url)
        assert response.status_code == 200, url
        assert "reader" in response.content.decode(), url  # still logged in (session in the DB)

    # Writes succeed: a reply, a login, a registration (its mail sent in the request).
    response = member.post(
        f"/thread/{thread.pk}/reply/", {"body": "断网也能回帖", "markup": "bbcode"}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert Post.objects.filter(thread=thread, body__contains="断网也能回帖").exists()
    assert "断网也能回帖" in guest.get(f"/thread/{thread.pk}/").content.decode()
    _member("newcomer")
    assert "newcomer" in _logged_in("newcomer").get("/").content.decode()
    registered = Client().post(
        "/accounts/register/",
        {
            "username": "伦敦小王",
            "email": "wang@example.com",
            "password1": "Tower-Bridge-1894",
            "password2": "Tower-Bridge-1894",
        },
    )
    assert registered.status_code == 200
    assert User.objects.filter(username="伦敦小王").exists()
    assert any("wang@example.com" in m.to for m in mail.outbox)

    # Views counted meanwhile went to the row: none lost.
    thread.refresh_from_db()
    assert thread.views == before + 3  # the guest's thread page twice, the member's once

    health = Client().get("/healthz")
    assert health.status_code == 200
    assert health.json()["status"] == "degraded"
    assert health.json()["checks"]["cache"]["ok"] is False
    assert health.json()["checks"]["database"]["ok"] is True
    down = [r for r in caplog.records if "Redis is unreachable" in r.getMessage()]
    assert len(down) == 1  # one warning for the whole outage

    private_redis.start()  # the same port, empty
    time.sleep(outage.BREAKER_SECONDS + 0.1)

    answers = [guest.get(f"/thread/{thread.pk}/").get("X-Page-Cache") for _ in range(3)]
    assert answers[-1] == "hit", answers  # kept in Redis again
    hit = guest.get(f"/thread/{thread.pk}/")
    assert "断网也能回帖" in hit.content.decode()
    assert member.get("/").status_code == 200
    assert Client().get("/healthz").json()["status"] == "ok"
    assert any("Redis is back" in r.getMessage() for r in caplog.records)
    assert _views(thread) == before + 3 + 4


def test_a_value_changed_during_an_outage_is_not_read_stale_when_redis_returns(private_redis):
    from django.core.cache import cache

    cache.set("greeting", "old")
    outage.failed(ConnectionError("a network blip"))  # Redis is up, but out of reach
    cache.set("greeting", "new")  # lost with the outage
    assert cache.get("greeting") is None  # a miss meanwhile, never "old"
    time.sleep(outage.BREAKER_SECONDS + 0.1)
    assert cache.get("greeting") is None  # dropped on the way back, not "old"


def test_views_are_kept_in_the_row_while_redis_is_down(private_redis):
    board = Board.objects.create(
        section=Section.objects.create(name="社区生活"), name="生活杂谈", slug="life"
    )
    thread = forum_services.create_thread(
        board=board, title="标题", author=_member("louzhu"), body="正文"
    )
    Thread.objects.filter(pk=thread.pk).update(views=0)
    private_redis.kill()
    for _ in range(3):
        forum_services.count_thread_view(thread)
    thread.refresh_from_db()
    assert thread.views == 3
