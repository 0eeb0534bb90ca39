"""Fixtures shared by every app's tests."""

import datetime as dt
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from django.core.cache import cache
from django.utils import timezone

from lanting.accounts.models import User
from lanting.core.selectors import forget_site_chrome
from lanting.forum import reading
from lanting.pagecache import counters, outage
from lanting.pagecache.redispages import redis_pages
from lanting.portal import services as portal_services
from lanting.portal.models import Article, Category

PASSWORD = "correct-horse-battery-staple"  # noqa: S105  (test members only)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Transactional tests (the browser's, the two workers') keep what the migrations wrote.

    Django empties every table after such a test, so without this the next ones ran with
    no member groups at all: a member registered through the form got no rank, and tests
    "as a newcomer" walked with rights no newcomer has. Serialized rollback puts the
    migrations' rows (groups, ranks, the site's settings) back before each of them.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is None or not marker.kwargs.get("transaction"):
            continue
        if "serialized_rollback" not in marker.kwargs:
            kwargs = {**marker.kwargs, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)


@pytest.fixture(scope="session", autouse=True)
def _quick_password_hashing() -> Iterator[None]:
    """Members' passwords are hashed with a cheap Argon2 (accounts/tests/hashers.py)."""
    from django.conf import settings
    from django.test.utils import override_settings

    quick = "lanting.accounts.tests.hashers.QuickArgon2PasswordHasher"
    hashers = [
        quick,
        *(h for h in settings.PASSWORD_HASHERS if not h.endswith(".Argon2PasswordHasher")),
    ]
    with override_settings(PASSWORD_HASHERS=hashers):
        yield


@pytest.fixture(scope="session", autouse=True)
def _collected_static(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Pages link hashed static files, as in production, so collect them once, into the
    test run's own folder, and keep uploads there too: never var/static or var/media, which
    a demo served from this checkout fills with its own (and its own manifest)."""
    from django.core.management import call_command
    from django.test.utils import override_settings

    static = tmp_path_factory.mktemp("static")
    media = tmp_path_factory.mktemp("media")
    # override_settings, not an assignment: it drops the storages already made from
    # the old folders (a demo's manifest would name files this run does not have).
    with override_settings(STATIC_ROOT=static, MEDIA_ROOT=media):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield


@pytest.fixture(scope="session", autouse=True)
def _own_change_log(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The embedded default's change log in the test run's own folder, never var/cache."""
    from django.test.utils import override_settings

    from lanting.pagecache.changes import change_log

    with override_settings(LANTING_CHANGES_FILE=tmp_path_factory.mktemp("cache") / "changes"):
        change_log.cache_clear()
        yield
    change_log.cache_clear()


@pytest.fixture(autouse=True)
def _no_flood_control(settings: Any) -> None:
    """Tests post as fast as they can; the moderation app's own tests switch it back on."""
    settings.LANTING_FLOOD_CONTROL = False


@pytest.fixture(scope="session", autouse=True)
def _jobs_run_at_once() -> Iterator[None]:
    """Jobs run where they are enqueued, so a test sees their effect; the worker's own
    tests (lanting/jobs/tests) switch to the database or Redis backend."""
    from django.test.utils import override_settings

    immediate = {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    with override_settings(TASKS={"default": {**immediate, "QUEUES": ["default"]}}):
        yield


def _forget_near_copies() -> None:
    pages = redis_pages()
    if pages is not None:
        pages.clear_near()


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Each test starts with an empty cache, no pending view counts, and Redis up."""
    outage.reset()
    cache.clear()
    _forget_near_copies()
    counters.get_store.cache_clear()
    counters.reset_flush_clock()
    reading.get_store.cache_clear()
    forget_site_chrome()
    yield
    outage.reset()
    cache.clear()
    counters.get_store.cache_clear()


@pytest.fixture
def make_member(db: None) -> Callable[..., User]:
    def make(username: str = "reader", **fields: Any) -> User:
        fields.setdefault("email", f"{username}@example.com")
        user = User(username=username, **fields)
        user.set_password(PASSWORD)
        user.save()
        return user

    return make


@pytest.fixture
def member(make_member: Callable[..., User]) -> User:
    return make_member("reader")


@pytest.fixture
def publisher(make_member: Callable[..., User]) -> User:
    return make_member("leedell", is_staff=True)


@pytest.fixture
def category(db: None) -> Category:
    return Category.objects.create(name="新闻资讯", slug="news")


@pytest.fixture
def make_article(publisher: User, category: Category) -> Callable[..., Article]:
    def make(title: str = "A headline", **fields: Any) -> Article:
        fields.setdefault("body", "<p>First paragraph.</p><p>Second paragraph.</p>")
        fields.setdefault("category", category)
        fields.setdefault("publisher", publisher)
        fields.setdefault("published_at", timezone.now() - dt.timedelta(hours=1))
        return portal_services.save_article(article=Article(title=title, **fields))

    return make


@pytest.fixture
def article(make_article: Callable[..., Article]) -> Article:
    return make_article()


def _serve_collected_static(route: Any) -> None:
    """Answer /static/ from the collected files, as WhiteNoise does in production.

    The live server's static handler looks files up through the finders, which
    do not know the hashed names the templates link, so it answers 404.
    """
    from django.conf import settings

    path = unquote(urlsplit(route.request.url).path).removeprefix(settings.STATIC_URL)
    root = Path(settings.STATIC_ROOT).resolve()
    file = (root / path).resolve()
    if file.is_relative_to(root) and file.is_file():
        route.fulfill(path=file)
    else:
        route.fulfill(status=404)


def new_browser_context(browser: Any, live_server: Any, **options: Any) -> Any:
    """A Playwright context whose /static/ requests get the collected (hashed) files."""
    from django.conf import settings

    context = browser.new_context(**options)
    context.route(
        re.compile(rf"^{re.escape(live_server.url)}{settings.STATIC_URL}"), _serve_collected_static
    )
    return context


@pytest.fixture
def chromium_browser() -> Iterator[Any]:
    """A headless Chromium page (Playwright), or a skip where Chromium is absent.

    CI installs Chromium, so there (CI=true) a missing browser fails instead.
    """
    chromium = os.environ.get("LANTING_CHROMIUM", "/usr/bin/chromium")
    if not os.path.exists(chromium):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is missing at {chromium}: apt-get install chromium")
        pytest.skip(f"Chromium is missing at {chromium} (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; the live server
    # and the test's own ORM calls are ordinary synchronous code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def s3_server() -> Iterator[str]:
    """A local S3 server (moto in server mode) on a free loopback port: its endpoint URL."""
    import socket
    import subprocess
    import sys
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(  # noqa: S603  (our own interpreter, fixed arguments)
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("moto's S3 server did not start (pip install 'moto[server]')")
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def s3_bucket(s3_server: str, settings: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Uploads on the local S3 server, configured as a site owner does (LANTING_S3_*), in a
    bucket of the test's own; yields the bucket (boto3) to look into."""
    import uuid

    import boto3

    from lanting.conf import s3_storages

    name = f"lanting-{uuid.uuid4().hex[:12]}"
    environment = {
        "LANTING_S3_BUCKET": name,
        "LANTING_S3_ENDPOINT_URL": s3_server,
        "LANTING_S3_ACCESS_KEY": "testing",
        "LANTING_S3_SECRET_KEY": "testing",
        "LANTING_S3_REGION": "us-east-1",
    }
    for key, value in environment.items():
        monkeypatch.setenv(key, value)
    resource = boto3.resource(
        "s3",
        endpoint_url=s3_server,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",  # noqa: S106  (the local test server's key)
        region_name="us-east-1",
    )
    bucket = resource.create_bucket(Bucket=name)
    settings.STORAGES = {**settings.STORAGES, **(s3_storages() or {})}
    yield bucket
    bucket.objects.all().delete()
    bucket.delete()
