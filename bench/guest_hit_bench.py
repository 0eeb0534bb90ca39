"""What a guest's kept page costs in-process: calls of the WSGI application, one at a time.

    flock /work/tools/heavy.lock .venv/bin/python bench/guest_hit_bench.py [--calls 3000]

Loads the demo (no Discuz! sample) into a throw-away SQLite folder with the local-memory
cache, asks once for each page (rendered and kept), then times ``--calls`` hits of
``lanting.wsgi.application`` per page, with and without ``Accept-Encoding: gzip``, and
prints the median and the fastest tenth in microseconds, and the sizes sent.
No server and no socket: the figure is the app's own work for one hit.
"""

import argparse
import gzip
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def _environ(path: str, accept: str) -> dict[str, Any]:
    environ: dict[str, Any] = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1:8000",
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": None,
        "wsgi.errors": sys.stderr,
    }
    if accept:
        environ["HTTP_ACCEPT_ENCODING"] = accept
    return environ


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=3000)
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="lanting-hit-bench-"))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="lanting.settings",
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        LANTING_VAR_DIR=str(folder),
        LANTING_LOG_LEVEL="ERROR",
        LANTING_JOBS="immediate",
        LANTING_ALLOWED_HOSTS="127.0.0.1,testserver",  # testserver: the member's rows
    )
    import io

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # pages name hashed files
    call_command("load_demo", "--no-discuz", verbosity=0)
    from lanting.forum.models import Thread
    from lanting.wsgi import application

    thread = Thread.objects.order_by("pk").first()
    assert thread is not None
    pages = {"article": "/article/1/", "thread": thread.get_absolute_url()}
    print(f"{options.calls} calls per row, Python {sys.version.split()[0]}")
    print("| page | Accept-Encoding | median µs | fastest tenth µs | bytes sent | cache |")
    print("| --- | --- | ---: | ---: | ---: | --- |")
    for name, path in pages.items():
        for accept in ("", "gzip, deflate, br, zstd"):
            got: dict[str, Any] = {}

            def start_response(status: str, headers: list[tuple[str, str]], got=got) -> None:
                got["status"], got["headers"] = status, dict(headers)

            for _ in range(3):  # rendered and kept, then served
                environ = _environ(path, accept)
                environ["wsgi.input"] = io.BytesIO()
                body = b"".join(application(environ, start_response))
            assert got["status"].startswith("200"), got["status"]
            times = []
            for _ in range(options.calls):
                environ = _environ(path, accept)
                started = time.perf_counter_ns()
                body = b"".join(application(environ, start_response))
                times.append(time.perf_counter_ns() - started)
            times.sort()
            if got["headers"].get("Content-Encoding") == "gzip":
                assert gzip.decompress(body)
            median = statistics.median(times) / 1000
            tenth = times[len(times) // 10] / 1000
            cache = got["headers"].get("X-Page-Cache", "-")
            shown = accept.split(",")[0] or "-"
            print(f"| {name} | {shown} | {median:.1f} | {tenth:.1f} | {len(body):,} | {cache} |")
    _members(pages["thread"], max(options.calls // 10, 50))


def _members(path: str, calls: int) -> None:
    """A member's thread page (a shared copy, its holes filled per request), through
    Django's test client: what compressing it as it goes out costs and saves."""
    from django.test import Client

    from lanting.accounts.models import User

    client = Client()
    member = User.objects.filter(is_staff=False, is_active=True).order_by("pk").first()
    assert member is not None
    client.force_login(member)
    print(f"\n{calls} requests per row: a member's thread page, rendered for each")
    print("| Accept-Encoding | median µs | fastest tenth µs | bytes sent |")
    print("| --- | ---: | ---: | ---: |")
    for accept in ("", "gzip, deflate, br, zstd"):
        extra = {"HTTP_ACCEPT_ENCODING": accept} if accept else {}
        for _ in range(3):
            response = client.get(path, **extra)
        assert response.status_code == 200, response.status_code
        times = []
        for _ in range(calls):
            started = time.perf_counter_ns()
            response = client.get(path, **extra)
            times.append(time.perf_counter_ns() - started)
        times.sort()
        median = statistics.median(times) / 1000
        tenth = times[len(times) // 10] / 1000
        shown = accept.split(",")[0] or "-"
        print(f"| {shown} | {median:.0f} | {tenth:.0f} | {len(response.content):,} |")


if __name__ == "__main__":
    main()
