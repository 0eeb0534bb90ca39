"""Two app nodes behind the shipped nginx act as one site.

Two granian servers on loopback share the test's PostgreSQL database, its Redis and one
folder of uploads (what object storage or a shared volume is in production); nginx, started
here as our own process with a temporary prefix, runs deploy/nginx/lanting.conf.template
rendered with this machine's ports and folders, TLS included (a throwaway certificate).
Requests sent to one node directly are what nginx's round robin may send there; requests
sent through nginx show the shipped configuration doing it.

PostgreSQL + Redis only: on SQLite with the local-memory cache each process keeps its own
cache, which is what a single machine runs, not a cluster.
"""

import http.client
import io
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.db import connection
from PIL import Image

from lanting.accounts.models import MemberGroup, User
from lanting.forum.models import Attachment, Board, Section, Thread
from lanting.forum.services import create_thread

ROOT = Path(__file__).resolve().parents[3]
TEMPLATE = ROOT / "deploy" / "nginx" / "lanting.conf.template"
PASSWORD = "two-nodes-are-one-site"
HOST = "localhost"  # the site's name, as the browser asks for it
API_PER_MINUTE = 6

ON_POSTGRES_AND_REDIS = settings.DATABASES["default"][
    "ENGINE"
] == "django.db.backends.postgresql" and bool(settings.REDIS_URL)
pytestmark = [
    pytest.mark.skipif(
        not ON_POSTGRES_AND_REDIS,
        reason="two nodes share PostgreSQL and Redis: run with DATABASE_URL=postgres://… "
        "REDIS_URL=redis://… (make test's second pass)",
    ),
    pytest.mark.django_db(transaction=True),  # the nodes read what the test commits
]


def _tool(name: str) -> str:
    found = shutil.which(name) or (
        f"/usr/sbin/{name}" if Path(f"/usr/sbin/{name}").exists() else ""
    )
    if not found:
        message = f"{name} is missing: apt-get install {name}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def render_template(text: str, values: dict[str, str]) -> str:
    """What envsubst (or the nginx image's entrypoint) makes of the template."""
    for name, value in values.items():
        text = text.replace("${" + name + "}", value)
    missing = re.findall(r"\$\{LANTING_[A-Z_]+\}", text)
    assert not missing, f"the template needs values for {missing}"
    return text


# ------------------------------------------------------------------ a small HTTP client


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


@dataclass
class Visitor:
    """One browser: its cookies, sent wherever it goes (through nginx or to one node)."""

    address: str = "198.51.100.20"  # as nginx forwards it (X-Forwarded-For)
    cookies: dict[str, str] = field(default_factory=dict)

    def send(
        self, target: "Target", method: str, path: str, body: bytes = b"", headers: Any = None
    ) -> Answer:
        sent = {"Host": target.host, **target.headers(self.address), **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn = target.connect()
        try:
            conn.request(method, path, body=body or None, headers=sent)
            response = conn.getresponse()
            answer = Answer(response.status, response.headers, response.read())
        finally:
            conn.close()
        for raw in answer.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(raw).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return answer

    def get(self, target: "Target", path: str, **headers: str) -> Answer:
        return self.send(target, "GET", path, headers=headers)

    def post(
        self,
        target: "Target",
        path: str,
        fields: dict[str, str],
        files: dict[str, tuple[str, bytes]] | None = None,
    ) -> Answer:
        fields = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **fields}
        referer = f"{target.origin}{path}"
        if not files:
            form = "application/x-www-form-urlencoded"
            return self.send(
                target, "POST", path, urlencode(fields).encode(),
                {"Referer": referer, "Content-Type": form},
            )  # fmt: skip
        boundary = uuid.uuid4().hex
        out = io.BytesIO()
        for name, value in fields.items():
            out.write(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            )
            out.write(value.encode() + b"\r\n")
        for name, (filename, content) in files.items():
            out.write(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
            )
            out.write(content + b"\r\n")
        out.write(f"--{boundary}--\r\n".encode())
        return self.send(
            target, "POST", path, out.getvalue(),
            {"Referer": referer, "Content-Type": f"multipart/form-data; boundary={boundary}"},
        )  # fmt: skip

    def log_in(self, target: "Target", username: str, password: str = PASSWORD) -> Answer:
        self.get(target, "/accounts/login/")
        return self.post(target, "/accounts/login/", {"username": username, "password": password})


@dataclass
class Target:
    """Where a request goes: nginx (HTTPS, as the public sees it) or one node (as nginx does)."""

    name: str
    port: int
    https_origin: str  # the site's public origin: Referer and CSRF check against it
    tls: bool = False

    @property
    def host(self) -> str:
        return HOST

    @property
    def origin(self) -> str:
        return self.https_origin

    def connect(self) -> http.client.HTTPConnection:
        if self.tls:
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE  # our own throwaway certificate, on loopback
            return http.client.HTTPSConnection("127.0.0.1", self.port, timeout=30, context=context)
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def headers(self, address: str) -> dict[str, str]:
        if self.tls:
            return {}  # nginx says who asked and how
        return {"X-Forwarded-For": address, "X-Forwarded-Proto": "https"}


@dataclass
class Cluster:
    nginx: Target
    nodes: list[Target]
    proxy_cache_seconds: int


# ------------------------------------------------------------------ starting it all


def _start(
    command: list[str], env: dict[str, str], log: Path, cwd: Path
) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(  # noqa: S603  (our own commands)
            command, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip


def _stop(process: subprocess.Popen[bytes]) -> None:
    """The process and its own workers (its session's group), by its id."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)


def _wait_until_up(target: Target, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        if process.poll() is not None:
            pytest.fail(
                f"{target.name} exited with {process.returncode}:\n{log.read_text()[-3000:]}"
            )
        try:
            Visitor().get(target, "/robots.txt")
            return
        except OSError:
            if time.monotonic() > deadline:
                pytest.fail(f"{target.name} did not answer within 60 s:\n{log.read_text()[-3000:]}")
            time.sleep(0.2)


@pytest.fixture(scope="module")
def cluster(
    django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Cluster]:
    nginx = _tool("nginx")
    openssl = _tool("openssl")
    granian = Path(sys.executable).parent / "granian"
    if not granian.exists():
        pytest.fail(f"granian is missing from {granian.parent}: make .venv/.installed-dev")
    work = tmp_path_factory.mktemp("two-nodes")
    var = work / "var"  # shared by both nodes, as object storage and one deploy's files are
    (var / "media").mkdir(parents=True)
    # Both nodes serve the static files this test run collected (their manifest names them).
    (var / "static").symlink_to(Path(settings.STATIC_ROOT).resolve(), target_is_directory=True)
    subprocess.run(  # noqa: S603  (a throwaway certificate for localhost)
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
         f"/CN={HOST}", "-keyout", str(work / "key.pem"), "-out", str(work / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    with django_db_blocker.unblock():
        db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )
    http_port, https_port = _free_port(), _free_port()
    origin = f"https://{HOST}:{https_port}"
    proxy_cache_seconds = 1
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LANTING_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="lanting.settings",
        DATABASE_URL=database_url,  # the test's own database, not the one named in the URL
        REDIS_URL=str(settings.REDIS_URL),
        SECRET_KEY=settings.SECRET_KEY,  # one key for every node: sessions and signatures
        LANTING_VAR_DIR=str(var),
        LANTING_ALLOWED_HOSTS=HOST,
        LANTING_CSRF_TRUSTED_ORIGINS=origin,
        LANTING_HTTPS="1",
        LANTING_BEHIND_PROXY="1",
        LANTING_SERVE_MEDIA="0",  # nginx serves /media/
        LANTING_JOBS="immediate",  # no worker here: what a job does is done in the request
        LANTING_FLOOD_CONTROL="0",
        LANTING_METRICS="0",
        LANTING_API_IP_PER_MINUTE=str(API_PER_MINUTE),
        LANTING_PROXY_CACHE_SECONDS=str(proxy_cache_seconds),
        PYTHONDONTWRITEBYTECODE="1",
    )
    processes: list[subprocess.Popen[bytes]] = []
    try:
        nodes = []
        for n in (1, 2):
            node = Target(f"node {n}", _free_port(), origin)
            log = work / f"node{n}.log"
            processes.append(
                _start(
                    [
                        str(granian),
                        "--interface",
                        "wsgi",
                        "lanting.wsgi:application",
                        "--workers",
                        "1",
                        "--blocking-threads",
                        "1",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        str(node.port),
                        "--no-ws",
                    ],
                    env,
                    log,
                    ROOT,
                )
            )
            _wait_until_up(node, processes[-1], log)
            nodes.append(node)
        site = render_template(
            TEMPLATE.read_text(),
            {
                "LANTING_SERVER_NAME": HOST,
                "LANTING_UPSTREAM": " ".join(f"server 127.0.0.1:{n.port};" for n in nodes),
                "LANTING_HTTP_LISTEN": f"127.0.0.1:{http_port}",
                "LANTING_HTTPS_LISTEN": f"127.0.0.1:{https_port}",
                "LANTING_TLS_CERT": str(work / "cert.pem"),
                "LANTING_TLS_KEY": str(work / "key.pem"),
                "LANTING_STATIC_ROOT": str(var / "static"),
                "LANTING_MEDIA_ROOT": str(var / "media"),
                "LANTING_NGINX_CACHE": str(work / "nginx-cache"),
            },
        )
        (work / "lanting.conf").write_text(site)
        # Workers would drop to "nobody" under root, who may not read the test's folders.
        user = "user root;\n" if os.geteuid() == 0 else ""
        temp = " ".join(
            f"{kind}_temp_path {work / kind};" for kind in ("proxy", "fastcgi", "uwsgi", "scgi")
        )
        (work / "nginx.conf").write_text(
            f"{user}worker_processes 1;\npid {work / 'nginx.pid'};\n"
            f"error_log {work / 'nginx-error.log'} warn;\n"
            "events { worker_connections 256; }\n"
            f"http {{\n  include /etc/nginx/mime.types;\n  access_log off;\n"
            f"  client_body_temp_path {work / 'body'};\n  {temp}\n"
            f"  include {work / 'lanting.conf'};\n}}\n"
        )
        front = Target("nginx", https_port, origin, tls=True)
        log = work / "nginx.log"
        processes.append(
            _start(
                [nginx, "-c", str(work / "nginx.conf"), "-p", str(work), "-g", "daemon off;"],
                {"PATH": "/usr/sbin:/usr/bin:/bin"},
                log,
                work,
            )
        )
        _wait_until_up(front, processes[-1], log)
        yield Cluster(front, nodes, proxy_cache_seconds)
    finally:
        for process in reversed(processes):
            _stop(process)


# ------------------------------------------------------------------ the site's data


def _member(username: str, **fields: Any) -> User:
    user = User(username=username, email=f"{username}@example.com", **fields)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def thread() -> Thread:
    section = Section.objects.create(name="生活")
    board = Board.objects.create(
        section=section, name="生活杂谈", slug=f"life-{uuid.uuid4().hex[:6]}"
    )
    author = _member(f"op{uuid.uuid4().hex[:6]}")
    return create_thread(board=board, author=author, title="两台机器，一个网站", body="第一楼")


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 40)).save(out, "PNG")
    return out.getvalue()


# ------------------------------------------------------------------ the tests


def test_a_member_logged_in_through_one_node_is_logged_in_on_the_other(cluster):
    _member("liang")
    node1, node2 = cluster.nodes
    browser = Visitor()
    assert browser.log_in(node1, "liang").status == 302
    assert "sessionid" in browser.cookies
    assert Visitor(cookies=dict(browser.cookies)).get(node2, "/notifications/").status == 200
    for _ in range(4):  # through nginx, round robin: both nodes
        page = browser.get(cluster.nginx, "/notifications/")
        assert page.status == 200, page.headers
        assert page.headers["X-Cache-Status"] == "BYPASS"  # a member's page: never kept
    guest = Visitor().get(cluster.nginx, "/notifications/")
    assert guest.status == 302 and "/accounts/login/" in guest.headers["Location"]


def test_a_reply_through_one_node_is_on_the_guest_page_the_other_serves_next(cluster, thread):
    node1, node2 = cluster.nodes
    path = f"/thread/{thread.pk}/"
    guest = Visitor()
    for _ in range(2):
        assert guest.get(node2, path).status == 200  # node 2 keeps the guest page
    assert guest.get(node2, path).headers["X-Page-Cache"] == "hit"
    statuses = [guest.get(cluster.nginx, path).headers["X-Cache-Status"] for _ in range(3)]
    assert statuses[0] in {"MISS", "EXPIRED"} and "HIT" in statuses  # nginx keeps it too
    member = Visitor()
    _member("replier")
    member.log_in(node1, "replier")
    replied = member.post(
        node1, f"{path}reply/", {"body": "节点一发的回复 NODE-ONE", "markup": "bbcode"}
    )
    assert replied.status == 302, replied.text[-2000:]
    fresh = guest.get(node2, path)  # the next request node 2 serves
    assert "NODE-ONE" in fresh.text and fresh.headers["X-Page-Cache"] == "miss"
    # nginx answers from its copy for at most the s-maxage the page carried, then asks again.
    kept = guest.get(cluster.nginx, path)
    assert (
        kept.headers["Cache-Control"]
        == f"max-age=0, s-maxage={cluster.proxy_cache_seconds}, must-revalidate"
    )
    # nginx counts whole seconds: a copy kept at 10.05 for 1 s serves until 11.99.
    time.sleep(cluster.proxy_cache_seconds + 1.05)
    after = guest.get(cluster.nginx, path)
    assert "NODE-ONE" in after.text, after.headers["X-Cache-Status"]
    assert after.headers["X-Cache-Status"] in {"EXPIRED", "MISS", "REVALIDATED"}
    # The member who wrote it sees it at once, through nginx, whichever node answers.
    for _ in range(2):
        assert "NODE-ONE" in member.get(cluster.nginx, path).text


def test_a_page_that_sets_a_cookie_is_never_kept_by_nginx(cluster):
    for _ in range(3):
        login = Visitor().get(cluster.nginx, "/accounts/login/")  # sets the CSRF cookie
        assert login.status == 200 and "csrftoken" in (login.headers["Set-Cookie"] or "")
        assert login.headers["X-Cache-Status"] != "HIT"


def test_an_upload_through_one_node_downloads_through_the_other(cluster, thread):
    node1, node2 = cluster.nodes
    registered = MemberGroup.objects.get(kind=MemberGroup.Kind.RANK, name="注册会员")
    _member("paizhao", rank=registered, credits=100)
    member = Visitor()
    member.log_in(node1, "paizhao")
    picture = _png()
    answer = member.post(
        node1, f"/thread/{thread.pk}/reply/", {"body": "看图", "markup": "bbcode"},
        files={"attachments": ("sunset.png", picture)},
    )  # fmt: skip
    assert answer.status == 302, answer.text[-2000:]
    attachment = Attachment.objects.get(post__thread=thread, name="sunset.png")
    for target in (node2, cluster.nginx):
        download = Visitor().get(target, f"/attachment/{attachment.pk}/")
        assert download.status == 200, target.name
        assert Image.open(io.BytesIO(download.body)).size == (64, 48), target.name
    # The file itself is not handed out by nginx: only through the app's check.
    assert Visitor().get(cluster.nginx, f"/media/{attachment.file.name}").status == 404


def test_rate_limits_and_the_login_lockout_hold_across_nodes(cluster, thread):
    node1, node2 = cluster.nodes
    stranger = Visitor(address="203.0.113.50")
    answers = [stranger.get((node1, node2)[i % 2], "/api/boards").status for i in range(8)]
    assert answers[:API_PER_MINUTE] == [200] * API_PER_MINUTE
    assert answers[API_PER_MINUTE:] == [429, 429]  # counted once, in Redis, whichever node
    _member("wang")
    guesser = Visitor(address="203.0.113.60")
    failures = [guesser.log_in((node1, node2)[i % 2], "wang", "wrong").status for i in range(5)]
    assert failures == [200, 200, 200, 200, 429]  # the fifth, on node 1, locks
    assert guesser.log_in(node2, "wang").status == 429  # node 2 knows: even the right password
    assert "登录失败次数过多" in guesser.log_in(node1, "wang").text
    assert Visitor(address="198.51.100.99").log_in(node2, "wang").status == 302  # elsewhere: fine
