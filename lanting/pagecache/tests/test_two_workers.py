"""The embedded default with two worker processes: a change made through one is seen by both.

Each worker keeps pages in its own memory; what says a copy is stale (tag versions) and what
each request reads (chrome, rules, bans) is on disk, shared. Two real servers on loopback,
one SQLite file, no Redis: a deletion and an edit are gone from both at the next request.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

SETUP = """
from lanting.accounts.models import User
from lanting.forum.models import Board, Section
from lanting.forum.services import create_thread, reply_to_thread
from django.test import Client
admin = User.objects.create_superuser("admin", "admin@example.com", "x-long-password-1")
member = User.objects.create_user("member", "member@example.com", "x-long-password-2")
board = Board.objects.create(section=Section.objects.create(name="s"), name="b", slug="b")
thread = create_thread(board=board, author=admin, title="两个进程", body="第一楼")
reply_to_thread(thread=thread, author=member, body="要删掉的回复 DELETE-ME")
reply_to_thread(thread=thread, author=member, body="要改的回复 OLD-TEXT")
client = Client()
client.force_login(member)
print(thread.pk, client.cookies["sessionid"].value)
"""

CHANGE = """
from lanting.accounts.models import User
from lanting.forum.models import Post
from lanting.forum.services import delete_post, edit_post
admin = User.objects.get(username="admin")
delete_post(post=Post.objects.get(body__contains="DELETE-ME"), actor=admin, reason="广告")
edit_post(post=Post.objects.get(body__contains="OLD-TEXT"), editor=admin, body="改好了 NEW-TEXT")
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run(env: dict[str, str], *args: str, code: str | None = None) -> str:
    command = [sys.executable, "-m", "lanting", *args]
    if code is not None:
        command = [sys.executable, "-c", "import django; django.setup()\n" + code]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)  # noqa: S603
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _get(port: int, path: str, session: str = "") -> str:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    if session:
        request.add_header("Cookie", f"sessionid={session}")
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310  (loopback)
        return str(response.read().decode())


@pytest.fixture
def two_workers(tmp_path: Path) -> Iterator[tuple[dict[str, str], list[int], str, str]]:
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="lanting.settings",
        LANTING_VAR_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.db'}",
        LANTING_SERVE_MEDIA="1",
    )
    _run(env, "migrate", "--no-input", "-v", "0")
    _run(env, "collectstatic", "--no-input", "-v", "0")
    thread_id, session = _run(env, code=SETUP).split()
    ports = [_free_port(), _free_port()]
    servers = [
        subprocess.Popen(  # noqa: S603  (our own command)
            [sys.executable, "-m", "lanting", "runserver", "--noreload", f"127.0.0.1:{port}"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        deadline = time.monotonic() + 30
        for port in ports:
            while True:
                try:
                    _get(port, "/forum/")
                    break
                except OSError:
                    assert time.monotonic() < deadline, "the servers did not start"
                    time.sleep(0.2)
        yield env, ports, thread_id, session
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)


def test_a_deletion_and_an_edit_are_gone_from_both_workers_at_once(two_workers):
    env, ports, thread_id, session = two_workers
    path = f"/thread/{thread_id}/"
    for _ in range(2):  # both workers keep the page, for guests and for the member
        for port in ports:
            assert "DELETE-ME" in _get(port, path)
            assert "OLD-TEXT" in _get(port, path, session)
    _run(env, code=CHANGE)  # a third process: as a moderator acting through either worker
    for port in ports:
        for who in ("", session):
            page = _get(port, path, who)
            assert "DELETE-ME" not in page and "OLD-TEXT" not in page, (port, bool(who))
            assert "NEW-TEXT" in page


def _etag(port: int, path: str, etag: str = "") -> tuple[int, str]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    request.add_header("Host", "127.0.0.1")  # one site behind one address, as behind a proxy
    if etag:
        request.add_header("If-None-Match", etag)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310  (loopback)
            return int(response.status), str(response.headers["ETag"])
    except urllib.error.HTTPError as answer:  # urllib raises on a 304
        return int(answer.code), str(answer.headers["ETag"])


def test_both_workers_hand_out_one_etag_and_honour_each_others(two_workers):
    _env, ports, thread_id, _session = two_workers
    for path in ("/", "/forum/b/", f"/thread/{thread_id}/"):
        first = [_etag(port, path) for port in ports]  # each worker renders and keeps it
        assert first[0][1] == first[1][1], path
        for port in ports:
            assert _etag(port, path, first[0][1]) == (304, first[0][1]), (port, path)
