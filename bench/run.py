"""Lanting's benchmark: a generated site, production settings, wrk, floors and a peer.

    make bench-quick   # the small site, 5 s per scenario: under 5 minutes
    make bench         # the full site (a million posts), longer runs

Lanting runs under a production app server (DEBUG off) twice: on SQLite with the
local-memory cache, and on PostgreSQL (database lanting_bench) with Redis. wrk,
from its own process, drives each scenario for a bounded time at 127.0.0.1 only.
In the same run it measures the floors (nginx serving a saved copy of the
article page; a bare Django view returning the same bytes through the same app
server) and the peer (Misago serving a thread of the same 20 posts), so every
Lanting figure is also given as a ratio to them: the machine is shared, and
ratios measured together travel better than absolute numbers.

Everything it starts is stopped by PID, also when interrupted. Results go to
bench/results/<date>-<commit>.{json,md,png}; the last line printed is the headline.
"""

import argparse
import datetime as dt
import http.cookiejar
import json
import os
import secrets
import shutil
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from procs import HOST, Processes, wait_for_http, worker_rss
from report import write_results
from wrkrun import SEARCH_LUA, Figures, run_wrk, write_lua

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
WORK = BENCH / ".work"
VENV_BIN = Path(sys.executable).parent
MISAGO_VENV = BENCH / ".venv-misago"
PG_URL = f"postgres://postgres@{HOST}:5432"
REDIS_URL = f"redis://{HOST}:6379/3"
SERVERS = ("granian", "gunicorn")
WRITE_CLIENTS = 16
PROBES = 4  # requests sent together before a scenario's warm-up
# Scenarios measured with both app servers to choose between them.
TRIAL = ("article", "thread", "thread_member")
NGINX_TEMPLATE = ROOT / "deploy" / "nginx" / "lanting.conf.template"
# Through the shipped nginx (deploy/): a static file and guests' pages from its micro-cache.
NGINX_FRONT = (
    "static_nginx_front",
    "article_nginx_cache",
    "static_thread_nginx_front",
    "thread_nginx_cache",
    "static_nginx_front_gzip",
    "article_nginx_cache_gzip",
    "static_nginx_front_http",
    "article_nginx_cache_http",
    "static_thread_nginx_front_http",
    "thread_nginx_cache_http",
)
# Measured on the small site too in a full run: how they grow with the site.
GROWTH = ("forum", "board", "forum_member", "board_member")
# Logged-in scenarios: also given as ratios of the member floor.
MEMBER_SCENARIOS = ("thread_member", "board_member", "forum_member")


class MissingToolError(Exception):
    """A tool the benchmark needs is not there; the message says how to install it."""


@dataclass
class Site:
    backend: str
    env: dict[str, str]
    manifest: dict[str, Any]
    member_cookie: str = ""
    writer_sessions: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Run:
    args: argparse.Namespace
    processes: Processes
    ports: Callable[[], int]
    results: dict[str, Any] = field(default_factory=dict)

    def log(self, name: str) -> Path:
        return WORK / "logs" / f"{name}.log"


def say(text: str) -> None:
    print(text, flush=True)


# ------------------------------------------------------------------ preflight


def preflight(args: argparse.Namespace) -> None:
    if args.host != HOST:
        raise SystemExit(f"The benchmark only runs against {HOST}, not {args.host}.")
    problems = []
    for tool in ("wrk", "nginx", "openssl"):
        if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists():
            problems.append(f"{tool} is missing: apt-get install -y wrk nginx openssl")
    for server in SERVERS:
        if not (VENV_BIN / server).exists():
            problems.append(f"{server} is missing from {VENV_BIN}: pip install -e '.[serve,bench]'")
    if "postgres" in args.backends:
        try:
            _pg("SELECT 1")
        except Exception as error:  # any failure means: not usable
            problems.append(
                f"PostgreSQL is not reachable at {HOST}:5432 as user postgres ({error}): "
                "apt-get install -y postgresql and allow local trust for postgres, "
                "or run with --backends sqlite"
            )
        if not _redis_ping():
            problems.append(
                f"Redis is not reachable at {HOST}:6379: apt-get install -y redis-server && "
                "redis-server --daemonize yes, or run with --backends sqlite"
            )
    if problems:
        raise MissingToolError("\n".join(f"  - {p}" for p in problems))


def _pg(statement: str, database: str = "postgres") -> list[tuple[Any, ...]]:
    import psycopg

    with psycopg.connect(
        host=HOST, port=5432, user="postgres", dbname=database, autocommit=True, connect_timeout=5
    ) as conn:
        cursor = conn.execute(statement)  # our own statements, no outside input
        return cursor.fetchall() if cursor.description else []


def _redis_ping() -> bool:
    try:
        with socket.create_connection((HOST, 6379), timeout=3) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _redis_flush(db: int) -> None:
    with socket.create_connection((HOST, 6379), timeout=3) as sock:
        sock.sendall(f"SELECT {db}\r\nFLUSHDB\r\n".encode())
        sock.recv(64)


def free_ports() -> Callable[[], int]:
    def next_port() -> int:
        with socket.socket() as sock:
            sock.bind((HOST, 0))
            return int(sock.getsockname()[1])

    return next_port


# ------------------------------------------------------------------ the sites


def site_env(backend: str, secret: str) -> dict[str, str]:
    var = WORK / f"site-{backend}"
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("LANTING_", "DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DJANGO_"))
    }
    env.update(
        LANTING_VAR_DIR=str(var),
        SECRET_KEY=secret,
        LANTING_DEBUG="0",
        LANTING_ALLOWED_HOSTS=HOST,
        # Behind a proxy, as in production: the search scenario comes from many addresses.
        LANTING_BEHIND_PROXY="1",
        LANTING_LOG_LEVEL="WARNING",
        # The load generator is one address: the API's per-address limit would answer 429.
        LANTING_API_IP_PER_MINUTE="100000000",
        # The write scenario has each writer reply many times a second: what is measured is
        # the write, not the 15 s flood interval a live member waits between posts.
        LANTING_FLOOD_CONTROL="0",
        PYTHONDONTWRITEBYTECODE="1",
    )
    if backend == "postgres":
        env["DATABASE_URL"] = f"{PG_URL}/lanting_bench"
        env["REDIS_URL"] = REDIS_URL
    else:
        env["DATABASE_URL"] = f"sqlite:///{var / 'lanting.sqlite3'}"
    return env


def lanting(run: Run, env: dict[str, str], *args: str, name: str, timeout: float = 3600) -> str:
    log = run.log(name)
    process = run.processes.start(
        name, [str(VENV_BIN / "lanting"), *args], env=env, log=log, cwd=ROOT
    )
    try:
        process.wait(timeout)
    finally:
        run.processes.stop(process)
    text = log.read_text(errors="replace")
    if process.returncode != 0:
        raise RuntimeError(f"lanting {' '.join(args)} failed:\n{text[-4000:]}")
    return text


def build_site(run: Run, backend: str, secret: str, scale: str = "") -> Site:
    scale = scale or run.args.scale
    env = site_env(backend, secret)
    var = Path(env["LANTING_VAR_DIR"])
    shutil.rmtree(var, ignore_errors=True)
    var.mkdir(parents=True)
    if backend == "postgres":
        _pg("DROP DATABASE IF EXISTS lanting_bench WITH (FORCE)")
        _pg("CREATE DATABASE lanting_bench")
        _redis_flush(3)
    say(f"[{backend}] building the {scale} site (seed {run.args.seed})")
    started = time.monotonic()
    lanting(run, env, "migrate", "--no-input", name=f"{backend}-migrate")
    lanting(run, env, "collectstatic", "--no-input", "-v0", name=f"{backend}-collectstatic")
    manifest_path = var / "manifest.json"
    generator = run.processes.start(
        f"{backend}-bench-data",
        [
            str(VENV_BIN / "lanting"), "bench-data", "--scale", scale,
            "--seed", str(run.args.seed), "--manifest", str(manifest_path),
        ],
        env=env, log=run.log(f"{backend}-bench-data"), cwd=ROOT,
    )  # fmt: skip
    # The generator's progress bar goes to its log; show its lines here as they come.
    _follow(run.log(f"{backend}-bench-data"), generator)
    if generator.returncode != 0:
        raise RuntimeError(f"bench-data failed; see {run.log(f'{backend}-bench-data')}")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["build_seconds"] = round(time.monotonic() - started, 1)
    if run.args.search_index:
        try:
            lanting(
                run, env, "rebuild_search_index", "--kind", "article", "--kind", "thread",
                name=f"{backend}-search-index",
            )  # fmt: skip
            manifest["search_index"] = "articles and threads indexed"
        except RuntimeError as error:
            manifest["search_index"] = f"not built: {str(error).strip().splitlines()[-1]}"
            say(f"[{backend}] search index {manifest['search_index']}")
    say(f"[{backend}] site built in {manifest['build_seconds']} s")
    return Site(backend, env, manifest)


def _follow(log: Path, process: subprocess.Popen[bytes]) -> None:
    shown = 0
    while True:
        done = process.poll() is not None
        text = log.read_text(errors="replace") if log.exists() else ""
        for line in text[shown:].splitlines(keepends=True):
            if line.endswith("\n"):
                if line.startswith(("members", "threads", "posts", "articles", "comments", "Site")):
                    print("    " + line, end="", flush=True)
                shown += len(line)
        if done:
            return
        time.sleep(0.5)


# ------------------------------------------------------------------ servers


def server_command(server: str, app: str, port: int, bin_dir: Path) -> list[str]:
    if server == "granian":
        return [
            str(bin_dir / "granian"), "--interface", "wsgi", app, "--workers", "2",
            "--blocking-threads", "1", "--host", HOST, "--port", str(port), "--no-ws",
        ]  # fmt: skip
    return [str(bin_dir / "gunicorn"), app, "--workers", "2", "--bind", f"{HOST}:{port}"]


class Server:
    def __init__(
        self,
        run: Run,
        name: str,
        server: str,
        app: str,
        env: dict[str, str],
        *,
        bin_dir: Path = VENV_BIN,
        cwd: Path = ROOT,
        ready_path: str = "/",
    ) -> None:
        self.run, self.name, self.server = run, name, server
        self.port = run.ports()
        self.base = f"http://{HOST}:{self.port}"
        log = run.log(f"{name}-{server}")
        self.process = run.processes.start(
            f"{name}-{server}",
            server_command(server, app, self.port, bin_dir),
            env=env,
            log=log,
            cwd=cwd,
        )
        wait_for_http(self.base + ready_path, self.process, log, timeout=60)

    def rss(self) -> list[float]:
        return worker_rss(self.process.pid)

    def stop(self) -> None:
        self.run.processes.stop(self.process)

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


# ------------------------------------------------------------------ HTTP


def fetch(
    url: str, *, cookie: str = "", headers: dict[str, str] | None = None
) -> tuple[int, bytes]:
    sent = dict(headers or {})
    if cookie:
        sent["Cookie"] = cookie
    request = urllib.request.Request(url, headers=sent)  # noqa: S310  (127.0.0.1 only)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310  (127.0.0.1)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def log_in(base: str, username: str, password: str) -> tuple[str, str]:
    """A member's session: (Cookie header, CSRF token), through the real login form."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)
    opener.open(f"{base}/accounts/login/", timeout=30).read()
    token = next(c.value for c in jar if c.name == "csrftoken")
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": username, "password": password, "remember": "on"}
    ).encode()
    try:
        opener.open(f"{base}/accounts/login/", data=form, timeout=30)
        raise RuntimeError(f"logging in as {username} did not redirect: wrong password?")
    except urllib.error.HTTPError as error:
        if error.code != 302:
            raise RuntimeError(f"logging in as {username} answered {error.code}") from None
    cookies = {c.name: c.value or "" for c in jar}
    if "sessionid" not in cookies:
        raise RuntimeError(f"logging in as {username} set no session cookie")
    # Logging in rotates the CSRF secret: the cookie's new value is the token to send.
    return "; ".join(f"{k}={v}" for k, v in cookies.items()), cookies["csrftoken"]


# ------------------------------------------------------------------ measuring


def measure(
    run: Run,
    label: str,
    url: str,
    *,
    connections: int = 32,
    headers: dict[str, str] | None = None,
    script: Path | None = None,
    check: bool = True,
    cookie: str = "",
    warmup: float | None = None,
) -> dict[str, Any]:
    """One scenario: a probe (its status), a warm-up, then the measured run."""
    if check:
        # A few requests at once first: every worker meets the page (and loads
        # what it loads lazily, such as jieba's dictionary) before the clock runs.
        with ThreadPoolExecutor(PROBES) as pool:
            answers = list(
                pool.map(lambda _: fetch(url, cookie=cookie, headers=headers), range(PROBES))
            )
        status = answers[0][0]
        if status != 200:
            say(f"    {label:28} answered {status}: not measured")
            return {"unavailable": f"{url} answered {status}"}
    figures: Figures = run_wrk(
        run.processes,
        url,
        seconds=run.args.duration,
        warmup=run.args.warmup if warmup is None else warmup,
        log=run.log("wrk"),
        connections=connections,
        headers=headers,
        script=script,
    )
    say(
        f"    {label:28} {figures.requests_per_second:9.1f} req/s  p50 {figures.p50_ms:8.2f} ms"
        f"  p99 {figures.p99_ms:8.2f} ms  errors {figures.errors}"
    )
    return figures.as_dict()


def lanting_scenarios(site: Site, base: str) -> dict[str, tuple[str, dict[str, Any]]]:
    m = site.manifest
    deep = (m["scale"]["long_replies"] + 1) // 20  # the deepest full page (20 floors)
    long_thread = f"{base}/thread/{m['long_thread_id']}/"
    return {
        "home": (f"{base}/", {}),
        "article": (f"{base}/article/{m['article_id']}/", {}),
        "forum": (f"{base}/forum/", {}),
        "board": (f"{base}/forum/{m['board_slug']}/", {}),
        "thread": (f"{base}/thread/{m['thread_id']}/", {}),
        "long_first": (long_thread, {}),
        "long_deep": (f"{long_thread}?page={deep}", {}),
        "search": (f"{base}/search/?q={urllib.parse.quote('伦敦')}", {"script": "search"}),
        "thread_member": (f"{base}/thread/{m['thread_id']}/", {"member": True}),
        "board_member": (f"{base}/forum/{m['board_slug']}/", {"member": True}),
        "forum_member": (f"{base}/forum/", {"member": True}),
        "notifications": (f"{base}/notifications/", {"member": True}),
        "inbox": (f"{base}/messages/", {"member": True}),
        "api_thread_posts": (f"{base}/api/threads/{m['thread_id']}/posts", {}),
    }


def measure_lanting(
    run: Run, site: Site, server: Server, names: list[str], scenarios: dict[str, Any]
) -> None:
    every = lanting_scenarios(site, server.base)
    search_lua = WORK / "search.lua"
    search_lua.write_text(SEARCH_LUA)
    if not site.member_cookie:
        site.member_cookie, _ = log_in(
            server.base, site.manifest["member"], site.manifest["password"]
        )
    chosen = set(filter(None, run.args.scenarios.split(",")))
    for name in names:
        if name in scenarios or (chosen and name not in chosen):
            continue
        url, options = every[name]
        if options.get("member"):
            scenarios[name] = measure(
                run, name, url, headers={"Cookie": site.member_cookie}, cookie=site.member_cookie
            )
        elif options.get("script") == "search":
            scenarios[name] = measure(
                run, name, url, script=search_lua, headers={"X-Forwarded-For": "2001:db8::1"}
            )
        else:
            scenarios[name] = measure(run, name, url)


def measure_write(run: Run, site: Site, server: Server) -> dict[str, Any]:
    m = site.manifest
    thread_id = m["reply_thread_id"]
    if not site.writer_sessions:
        site.writer_sessions = [log_in(server.base, w, m["password"]) for w in m["writers"]]
    bodies = [
        urllib.parse.quote_plus(text)
        for text in (
            "顶一下，伦敦这边也是这样。Thanks for sharing!",
            "楼主说得对，我上个月在 Stratford 也遇到过。",
            "请问具体是哪一天？想去看看。",
            "Same here, the Elizabeth line was packed this morning.",
            "[b]收藏了[/b]，谢谢分享。",
        )
    ]
    script = WORK / f"write-{site.backend}.lua"
    target = f"/thread/{thread_id}/reply/"
    write_lua(
        script,
        target=target,
        sessions=site.writer_sessions,
        bodies=bodies,
        referer=f"{server.base}/thread/{thread_id}/",
    )
    before = _thread_counts(run, site, thread_id)
    # A guest page the writes will change, served (and kept near) by every worker first.
    guest_page = f"{server.base}/thread/{thread_id}/?page={(before['last_position'] + 19) // 20}"
    for _ in range(20):
        fetch(guest_page)
    figures = measure(
        run, "write (16 members reply)", server.base + target, connections=WRITE_CLIENTS,
        script=script, check=False,
    )  # fmt: skip
    after = _thread_counts(run, site, thread_id)
    check = json.loads(
        lanting(
            run, site.env, "shell", "-c", (BENCH / "counter_check.py").read_text(),
            name=f"{site.backend}-counter-check",
        ).strip().splitlines()[-1]
    )  # fmt: skip
    figures["replies_written"] = after["reply_count"] - before["reply_count"]
    counts = figures.get("counts", {})
    # Each reply is a POST and the GET of the page it leads to: both are wrk's requests.
    figures["replies_per_second"] = round(counts.get("replies", 0) / run.args.duration, 1)
    figures["views_after_reply"] = counts.get("views", 0)
    say(
        f"    replies {figures['replies_per_second']:.1f}/s, each followed by its page"
        f" ({counts.get('replies', 0)} replies, {counts.get('views', 0)} page views)"
    )
    figures["thread_before"], figures["thread_after"] = before, after
    figures["counters"] = check
    # Each worker must now serve that page with the floors written meanwhile.
    newest = min(after["last_position"], (before["last_position"] + 19) // 20 * 20)
    served = [fetch(guest_page) for _ in range(8)]
    figures["guest_page_fresh"] = all(f'id="p{newest}"'.encode() in body for _, body in served)
    fresh = figures["guest_page_fresh"]
    say(f"    guest copy of the written page: {'fresh' if fresh else 'STALE'}")
    say(
        f"    counters after the writes: {'exact' if check['ok'] else 'WRONG'}"
        f" (thread {thread_id}: {after['reply_count']} replies,"
        f" {after['live_posts']} live posts, last floor {after['last_position']}"
        f" = max floor {after['max_position']})"
    )
    return figures


def _thread_counts(run: Run, site: Site, thread_id: int) -> dict[str, int]:
    code = (
        "import json\n"
        "from django.db.models import Count, Max\n"
        "from lanting.forum.models import Board, Post, Thread\n"
        f"t = Thread.objects.get(pk={thread_id})\n"
        "p = Post.objects.filter(thread=t)\n"
        "b = Board.objects.get(pk=t.board_id)\n"
        "live = Post.objects.filter(thread__board=b, is_deleted=False, thread__is_deleted=False)\n"
        "print(json.dumps({'reply_count': t.reply_count, 'last_position': t.last_position,"
        " 'live_posts': p.filter(is_deleted=False).count(),"
        " 'max_position': p.aggregate(m=Max('position'))['m'],"
        " 'board_post_count': b.post_count, 'board_live_posts': live.count()}))\n"
    )
    out = lanting(run, site.env, "shell", "-c", code, name=f"{site.backend}-thread-count")
    return dict(json.loads(out.strip().splitlines()[-1]))


def thread_posts_json(run: Run, site: Site, path: Path) -> str:
    """The 20 posts of Lanting's thread page, for Misago to serve the same."""
    code = (
        "import json\n"
        "from lanting.forum.models import Post, Thread\n"
        f"t = Thread.objects.get(pk={site.manifest['thread_id']})\n"
        "posts = [{'author': p.author_name, 'text': p.body, 'html': p.body_html}"
        " for p in Post.objects.filter(thread=t).order_by('position')[:20]]\n"
        f"open({str(path)!r}, 'w', encoding='utf-8').write("
        "json.dumps({'title': t.title, 'posts': posts}, ensure_ascii=False))\n"
        "print(t.title)\n"
    )
    return lanting(run, site.env, "shell", "-c", code, name="misago-posts").strip()


# ------------------------------------------------------------------ floors, peer


def start_nginx(run: Run, root: Path, name: str) -> Any:
    """nginx in the foreground on the config written to ``root/nginx.conf``, as `name`."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    return run.processes.start(
        name,
        [nginx, "-c", str(root / "nginx.conf"), "-p", str(root), "-g", "daemon off;"],
        env={"PATH": "/usr/sbin:/usr/bin:/bin"},
        log=run.log(name),
        cwd=root,
    )


def nginx_floor(run: Run, page: bytes) -> dict[str, Any]:
    root = WORK / "nginx"
    shutil.rmtree(root, ignore_errors=True)
    (root / "www").mkdir(parents=True)
    (root / "www" / "article.html").write_bytes(page)
    port = run.ports()
    user = ""
    if os.geteuid() == 0:  # workers would drop to "nobody"; keep them as the current user
        user = "user root;\n"
    (root / "nginx.conf").write_text(
        f"""{user}worker_processes 2;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    default_type text/html;
    charset utf-8;
    server {{
        listen {HOST}:{port};
        root {root}/www;
    }}
}}
"""
    )
    process = start_nginx(run, root, "nginx")
    try:
        wait_for_http(f"http://{HOST}:{port}/article.html", process, run.log("nginx"), 20)
        return measure(run, "nginx static (floor)", f"http://{HOST}:{port}/article.html")
    finally:
        run.processes.stop(process)


def _tls_fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str]]:
    """Status and headers through our own nginx (its certificate is a throwaway one)."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310  (127.0.0.1)
    with urllib.request.urlopen(request, timeout=30, context=context) as response:  # noqa: S310
        response.read()
        return response.status, dict(response.headers)


def nginx_front(run: Run, site: Site, app: Server, page: bytes) -> dict[str, Any]:
    """The shipped deploy/nginx config in front of the app: what guests get from its cache.

    Rendered as the two-node test renders it (TLS with a throwaway certificate, the app as
    the one upstream); the floor beside it is a static copy of the article page served by
    the same nginx, the same way (HTTPS, /static/), and one of the thread page, so each
    ratio is a cache hit's cost over a static file's of the same bytes.
    """
    root = WORK / f"nginx-front-{site.backend}"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    subprocess.run(  # a throwaway certificate for 127.0.0.1
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
         f"/CN={HOST}", "-keyout", str(root / "key.pem"), "-out", str(root / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    var = Path(site.env["LANTING_VAR_DIR"])
    (var / "static" / "bench-article.html").write_bytes(page)
    status, thread_page = fetch(f"{app.base}/thread/{site.manifest['thread_id']}/")
    if status != 200:
        raise RuntimeError(f"the thread page answered {status}")
    (var / "static" / "bench-thread.html").write_bytes(thread_page)
    https_port = run.ports()
    values = {
        "LANTING_SERVER_NAME": HOST,
        "LANTING_UPSTREAM": f"server {HOST}:{app.port};",
        "LANTING_HTTP_LISTEN": f"{HOST}:{run.ports()}",
        "LANTING_HTTPS_LISTEN": f"{HOST}:{https_port}",
        "LANTING_TLS_CERT": str(root / "cert.pem"),
        "LANTING_TLS_KEY": str(root / "key.pem"),
        "LANTING_STATIC_ROOT": str(var / "static"),
        "LANTING_MEDIA_ROOT": str(var / "media"),
        "LANTING_NGINX_CACHE": str(root / "cache"),
    }
    text = NGINX_TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace("${" + name + "}", value)
    # The same server also on plain HTTP, to set beside the plain nginx floor: TLS costs
    # every scenario alike, and on this machine more than the cache itself.
    plain_port = run.ports()
    tls_listen = f"listen {HOST}:{https_port} ssl http2 default_server;"
    if tls_listen not in text:
        raise RuntimeError(f"deploy/'s nginx template has no line {tls_listen!r}")
    text = text.replace(tls_listen, f"{tls_listen}\n    listen {HOST}:{plain_port};")
    (root / "lanting.conf").write_text(text)
    user = "user root;\n" if os.geteuid() == 0 else ""
    (root / "nginx.conf").write_text(
        f"""{user}worker_processes 2;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    include {root}/lanting.conf;
}}
"""
    )
    process = start_nginx(run, root, "nginx-front")
    base = f"https://{HOST}:{https_port}"
    plain = f"http://{HOST}:{plain_port}"
    m = site.manifest
    urls = {
        "static_nginx_front": (f"{base}/static/bench-article.html", {}),
        "article_nginx_cache": (f"{base}/article/{m['article_id']}/", {}),
        "static_thread_nginx_front": (f"{base}/static/bench-thread.html", {}),
        "thread_nginx_cache": (f"{base}/thread/{m['thread_id']}/", {}),
        "static_nginx_front_gzip": (
            f"{base}/static/bench-article.html",
            {"Accept-Encoding": "gzip"},
        ),
        "article_nginx_cache_gzip": (
            f"{base}/article/{m['article_id']}/",
            {"Accept-Encoding": "gzip"},
        ),
        "static_nginx_front_http": (f"{plain}/static/bench-article.html", {}),
        "article_nginx_cache_http": (f"{plain}/article/{m['article_id']}/", {}),
        "static_thread_nginx_front_http": (f"{plain}/static/bench-thread.html", {}),
        "thread_nginx_cache_http": (f"{plain}/thread/{m['thread_id']}/", {}),
    }
    chosen = set(filter(None, run.args.scenarios.split(",")))
    measured: dict[str, Any] = {}
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                _tls_fetch(f"{base}/robots.txt")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"nginx (deploy/) did not start; see {run.log('nginx-front')}"
                    ) from None
                time.sleep(0.2)
        for name, (url, headers) in urls.items():
            if chosen and name not in chosen:
                continue
            # Twice first: the second answer must come from the micro-cache.
            statuses = [_tls_fetch(url, headers) for _ in range(2)]
            cache = statuses[-1][1].get("X-Cache-Status", "")
            if statuses[-1][0] != 200 or (not name.startswith("static") and cache != "HIT"):
                say(f"    {name:28} answered {statuses[-1][0]}, X-Cache-Status {cache!r}")
            figures = measure(run, name, url, headers=headers or None, check=False)
            figures["x_cache_status_probe"] = cache
            measured[name] = figures
    finally:
        run.processes.stop(process)
    return measured


def framework_floor(run: Run, server: str, page_path: Path) -> dict[str, Any]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(BENCH / "floor"),
        "BENCH_FLOOR_PAGE": str(page_path),
        "SECRET_KEY": secrets.token_urlsafe(40),
    }
    with Server(run, "floor", server, "floor_app:application", env, cwd=BENCH / "floor") as floor:
        figures = measure(run, f"django floor ({server})", floor.base + "/article.html")
        figures["worker_rss_mb"] = floor.rss()
        return figures


def member_floor(run: Run, site: Site, server: str, page_path: Path) -> dict[str, Any]:
    """The same bytes behind the session, auth and CSRF middleware, for a logged-in member.

    It runs with the site's own settings (database, cache, session store, secret), so
    the member's cookie from the real login form is read as Lanting reads it.
    """
    env = dict(site.env)
    env.update(
        PYTHONPATH=os.pathsep.join([str(BENCH / "floor"), str(ROOT)]),
        BENCH_FLOOR_PAGE=str(page_path),
        LANTING_METRICS="0",
    )
    with Server(
        run, f"member-floor-{site.backend}", server, "member_floor_app:application", env,
        cwd=BENCH / "floor",
    ) as floor:  # fmt: skip
        figures = measure(
            run, f"member floor ({site.backend})", floor.base + "/thread.html",
            headers={"Cookie": site.member_cookie}, cookie=site.member_cookie,
        )  # fmt: skip
        figures["worker_rss_mb"] = floor.rss()
        return figures


def misago_peer(run: Run, site: Site, server: str) -> dict[str, Any]:
    python = MISAGO_VENV / "bin" / "python"
    if not python.exists():
        return {"unavailable": f"{MISAGO_VENV} is missing: make bench-misago-venv"}
    if site.backend != "postgres":
        return {"unavailable": "Misago needs PostgreSQL: run with --backends including postgres"}
    work = WORK / "misago"
    work.mkdir(parents=True, exist_ok=True)
    if not _pg("SELECT 1 FROM pg_database WHERE datname = 'misago_bench'"):
        _pg("CREATE DATABASE misago_bench")
    posts = work / "posts.json"
    thread_posts_json(run, site, posts)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(BENCH / "misago"),
        "DJANGO_SETTINGS_MODULE": "misago_settings",
        "MISAGO_BENCH_WORK": str(work),
        "SECRET_KEY": secrets.token_urlsafe(40),
    }
    say("[misago] migrating misago_bench and writing the same 20 posts")
    setup = run.processes.start(
        "misago-setup",
        [str(python), str(BENCH / "misago" / "setup_thread.py"), str(posts)],
        env=env,
        log=run.log("misago-setup"),
        cwd=BENCH / "misago",
    )
    try:
        setup.wait(600)
    finally:
        run.processes.stop(setup)
    lines = run.log("misago-setup").read_text(errors="replace").strip().splitlines()
    if setup.returncode != 0 or not lines:
        return {"unavailable": f"Misago's setup failed; see {run.log('misago-setup')}"}
    thread = json.loads(lines[-1])
    _redis_flush(4)
    with Server(
        run, "misago", server, "misago_wsgi:application", env,
        bin_dir=MISAGO_VENV / "bin", cwd=BENCH / "misago",
    ) as misago:  # fmt: skip
        # Misago's first requests in each worker are slow (templates, settings
        # cache): a longer warm-up, so its steady state is what counts.
        figures = measure(
            run,
            f"misago thread ({server})",
            misago.base + thread["url"],
            warmup=max(run.args.warmup, 3),
        )
        figures["url"] = thread["url"]
        figures["posts"] = thread["posts"]
        figures["worker_rss_mb"] = misago.rss()
        return figures


# ------------------------------------------------------------------ the run


def choose_server(results: dict[str, Any]) -> tuple[str, str]:
    """The server whose trial scenarios and framework floor serve more, by geometric mean."""
    scores: dict[str, float] = {}
    for server, trial in results["server_trial"].items():
        rates = [s["requests_per_second"] for s in trial.values() if "requests_per_second" in s]
        floor = results["floors"]["framework"].get(server, {})
        if "requests_per_second" in floor:
            rates.append(floor["requests_per_second"])
        product = 1.0
        for rate in rates:
            product *= max(rate, 0.1)
        scores[server] = product ** (1 / len(rates)) if rates else 0.0
    best = max(scores, key=lambda s: scores[s])
    reason = ", ".join(f"{s} {v:.1f}" for s, v in scores.items())
    return (
        best,
        f"geometric mean of req/s over {', '.join(TRIAL)} and the framework floor: {reason}",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", choices=["small", "full"], default="small")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--duration", type=float, default=5, help="seconds per scenario")
    parser.add_argument("--warmup", type=float, default=1, help="seconds of warm-up before each")
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--servers", default=",".join(SERVERS), help="app servers to compare")
    parser.add_argument("--host", default=HOST, help=f"only {HOST} is accepted")
    parser.add_argument("--no-misago", action="store_true", help="skip the peer")
    parser.add_argument(
        "--search-index", action="store_true", help="index articles and threads for search"
    )
    parser.add_argument(
        "--scenarios", default="", help="only these scenarios (comma-separated; for quick looks)"
    )
    parser.add_argument("--out", type=Path, default=BENCH / "results")
    args = parser.parse_args()
    args.backends = [b for b in args.backends.split(",") if b]
    args.servers = [s for s in args.servers.split(",") if s]
    if set(args.backends) - {"sqlite", "postgres"} or set(args.servers) - set(SERVERS):
        parser.error("backends: sqlite, postgres; servers: granian, gunicorn")
    try:
        preflight(args)
    except MissingToolError as missing:
        print(f"The benchmark cannot run:\n{missing}", file=sys.stderr)
        return 2

    processes = Processes()
    run = Run(args, processes, free_ports())
    shutil.rmtree(WORK / "logs", ignore_errors=True)
    (WORK / "logs").mkdir(parents=True)
    started = time.monotonic()
    secret = secrets.token_urlsafe(50)
    results = run.results
    results.update(
        started_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        settings={
            "scale": args.scale, "seed": args.seed, "duration_s": args.duration,
            "warmup_s": args.warmup, "concurrency": 32, "write_clients": WRITE_CLIENTS,
            "wrk": "wrk -t2 -c32 --timeout 10s --latency", "workers": 2,
            "cpus": os.cpu_count(),
        },
        backends={}, floors={"framework": {}}, server_trial={},
    )  # fmt: skip
    page_path = WORK / "article.html"
    page_path.unlink(missing_ok=True)
    try:
        trial_backend = args.backends[-1]  # PostgreSQL + Redis when measured: production
        chosen = args.servers[0]
        for backend in args.backends:
            small: dict[str, Any] = {}
            if args.scale == "full":  # the same pages at one tenth, in this run, to compare
                small_site = build_site(run, backend, secret, scale="small")
                with Server(
                    run,
                    f"lanting-{backend}-small",
                    args.servers[0],
                    "lanting.wsgi:application",
                    small_site.env,
                ) as app:
                    measure_lanting(run, small_site, app, list(GROWTH), small)
            site = build_site(run, backend, secret)
            scenarios: dict[str, Any] = {}
            entry: dict[str, Any] = {"manifest": site.manifest, "scenarios": scenarios}
            if small:
                entry["small_scale"] = small
            results["backends"][backend] = entry
            if backend == trial_backend and len(args.servers) > 1:
                for server in args.servers:
                    say(f"[{backend}] {server}: the app-server trial")
                    trial: dict[str, Any] = {}
                    with Server(
                        run, f"lanting-{backend}", server, "lanting.wsgi:application", site.env
                    ) as app:
                        _save_page(app, site, page_path)
                        measure_lanting(run, site, app, list(TRIAL), trial)
                        trial["worker_rss_mb"] = app.rss()
                    results["server_trial"][server] = trial
                    results["floors"]["framework"][server] = framework_floor(run, server, page_path)
                chosen, reason = choose_server(results)
                results["server_choice"] = {"server": chosen, "why": reason}
                say(f"[{backend}] app server: {chosen} ({reason})")
                scenarios.update(
                    {k: v for k, v in results["server_trial"][chosen].items() if k in TRIAL}
                )
            say(f"[{backend}] Lanting under {chosen}")
            with Server(
                run, f"lanting-{backend}", chosen, "lanting.wsgi:application", site.env
            ) as app:
                if not page_path.exists():
                    _save_page(app, site, page_path)
                measure_lanting(run, site, app, list(lanting_scenarios(site, app.base)), scenarios)
                chosen_names = set(filter(None, args.scenarios.split(",")))
                if not chosen_names or chosen_names & set(NGINX_FRONT):
                    say(f"[{backend}] behind the shipped nginx (deploy/), guests from its cache")
                    scenarios.update(nginx_front(run, site, app, page_path.read_bytes()))
                if not args.scenarios or "write" in args.scenarios.split(","):
                    scenarios["write"] = measure_write(run, site, app)
                entry["worker_rss_mb"] = app.rss()
                entry["server"] = chosen
            say(f"[{backend}] worker RSS: {entry['worker_rss_mb']} MB")
            entry["member_floor"] = member_floor(run, site, chosen, page_path)
            if backend == "postgres" and not args.no_misago:
                results["peer"] = {"misago": misago_peer(run, site, chosen)}
        if chosen not in results["floors"]["framework"]:
            results["floors"]["framework"][chosen] = framework_floor(run, chosen, page_path)
        results["floors"]["nginx_static"] = nginx_floor(run, page_path.read_bytes())
        if "peer" not in results:
            results["peer"] = {"misago": {"unavailable": "not run (--no-misago or no PostgreSQL)"}}
    finally:
        processes.stop_all()
    results["seconds"] = round(time.monotonic() - started, 1)
    paths, headline = write_results(results, args.out, ROOT)
    say("Results: " + ", ".join(str(p) for p in paths))
    say(headline)
    return 0


def _save_page(app: Server, site: Site, path: Path) -> None:
    status, body = fetch(f"{app.base}/article/{site.manifest['article_id']}/")
    if status != 200:
        raise RuntimeError(f"the article page answered {status}")
    path.write_bytes(body)


if __name__ == "__main__":
    sys.exit(main())
