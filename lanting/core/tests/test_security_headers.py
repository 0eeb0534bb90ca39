"""Every page sends the Content-Security-Policy, and no page needs more than it allows: no
inline script, no event-handler attribute, no <style> element, no style attribute but the
checked ones BBCode writes into posts (allowed by ``style-src-attr``)."""

import os
import subprocess
import sys
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from django.core.management import call_command

from lanting.accounts.models import User
from lanting.conf import content_security_policy
from lanting.core.models import SiteSettings
from lanting.forum.models import Board, Thread
from lanting.markup.bbcode.values import _clean_style
from lanting.pagecache.headers import policy_headers
from lanting.polls.services import start_poll
from lanting.portal.models import Article


@pytest.fixture(autouse=True)
def _site_settings_exist(request):
    """The very first page creates the settings row, which renews every page's "chrome"."""
    if "django_db" in request.keywords:
        SiteSettings.objects.get_or_create(pk=1)


DATA_SCRIPTS = {"application/ld+json", "application/json"}  # data blocks: never run


class _InlineFinder(HTMLParser):
    """What on a page a strict policy would refuse."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refused: list[str] = []
        self._open_script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.refused.append(f"<{tag} {name}=...> (an inline event handler)")
            if name == "style" and _clean_style(value or "") != value:
                self.refused.append(f'<{tag} style="{value}"> (not a BBCode style)')
            if (
                name in {"href", "src", "action", "formaction"}
                and (value or "").strip().lower()[:11] == "javascript:"
            ):
                self.refused.append(f"<{tag} {name}={value!r}> (a javascript: URL)")
        if tag == "style":
            self.refused.append("<style> (an inline style sheet)")
        if tag == "script":
            kind = (attributes.get("type") or "").lower()
            if "src" not in attributes and kind not in DATA_SCRIPTS:
                self._open_script = kind or "text/javascript"

    def handle_data(self, data: str) -> None:
        if self._open_script is not None and data.strip():
            self.refused.append(f"<script> {data.strip()[:60]!r} (an inline script)")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._open_script = None


def refused_by_policy(html: str) -> list[str]:
    finder = _InlineFinder()
    finder.feed(html)
    finder.close()
    return finder.refused


def _content() -> dict[str, str]:
    """The demo's site, with a poll, and one page of every kind."""
    call_command("load_demo", "--no-discuz", verbosity=0)
    thread = Thread.objects.filter(is_deleted=False).order_by("-last_position").first()
    assert thread is not None
    polled = Thread.objects.filter(is_deleted=False).exclude(pk=thread.pk).order_by("pk").first()
    assert polled is not None
    start_poll(thread=polled, author=polled.author, options=["烧烤", "火锅"])
    article = Article.objects.order_by("pk").first()
    author = User.objects.filter(is_staff=False, post_count__gt=0).order_by("pk").first()
    assert article is not None and author is not None
    board = Board.objects.get(pk=thread.board_id)
    return {
        "home": "/",
        "forum": "/forum/",
        "board": board.get_absolute_url(),
        "thread": thread.get_absolute_url(),
        "poll": polled.get_absolute_url(),
        "article": article.get_absolute_url(),
        "profile": author.get_absolute_url(),
        "search": f"/search/?q={quote('伦敦')}",
        "darkroom": "/darkroom/",
        "archiver": "/archiver/",
        "archiver-thread": f"/archiver/thread/{thread.pk}/",
        "mobile": "/mobile/",
        "login": "/accounts/login/",
        "register": "/accounts/register/",
        "messages": "/messages/",
        "new-message": "/messages/new/",
        "notifications": "/notifications/",
        "new-thread": f"{board.get_absolute_url()}new/",
        "favorites": "/favorites/",
        "settings": "/accounts/settings/",
        "admin-login": "/admin/login/",
        "api-docs": "/api/docs",
        "not-found": "/no-such-page/",
    }


MEMBERS_ONLY = {"messages", "new-message", "notifications", "new-thread", "favorites", "settings"}
GUESTS_ONLY = {"login", "register"}


@pytest.mark.django_db
def test_every_page_kind_sends_the_policy_and_needs_nothing_it_refuses(client):
    pages = _content()
    (header, policy), *_ = policy_headers()
    assert header == "Content-Security-Policy"
    checked = []
    for state in ("guest", "member"):
        if state == "member":
            member = User.objects.filter(is_staff=False, is_active=True).order_by("pk").first()
            client.force_login(member)
        for name, url in pages.items():
            if name in (GUESTS_ONLY if state == "member" else MEMBERS_ONLY):
                continue
            for _ in range(2):  # a guest's second request is a kept page's hit
                response = client.get(url)
                assert response.status_code == (404 if name == "not-found" else 200), (state, url)
                assert response[header] == policy, (state, name)
            assert response["Content-Type"].startswith("text/html"), (state, name)
            refused = refused_by_policy(response.content.decode())
            assert refused == [], (state, name, refused)
            checked.append((state, name))
    assert ("guest", "api-docs") in checked and ("member", "messages") in checked


@pytest.mark.django_db
def test_admin_pages_need_nothing_the_policy_refuses(client, admin_user):
    client.force_login(admin_user)
    for url in ("/admin/", "/admin/forum/thread/", "/admin/core/sitesettings/1/change/"):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert "Content-Security-Policy" in response
        assert refused_by_policy(response.content.decode()) == [], url


def test_the_finder_sees_what_a_strict_policy_refuses():
    page = (
        '<script>alert(1)</script><script src="/s.js"></script>'
        '<script type="application/ld+json">{"a": 1}</script>'
        '<a href="javascript:go()" onclick="go()">x</a><p style="position: fixed">y</p>'
        '<span style="color: #cc0000">ok</span><style>p{}</style>'
    )
    refused = refused_by_policy(page)
    assert len(refused) == 5, refused
    assert not any("color" in line for line in refused)


def test_the_policy_is_strict():
    directives = content_security_policy(https=True)["DIRECTIVES"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == directives["base-uri"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert "http:" not in directives["img-src"]  # over HTTPS no picture comes over HTTP


def test_pictures_can_be_kept_to_the_site_and_its_storage(monkeypatch):
    monkeypatch.setenv("LANTING_CSP_OUTSIDE_IMAGES", "0")
    monkeypatch.setenv("LANTING_S3_BUCKET", "uploads")
    monkeypatch.setenv("LANTING_S3_ENDPOINT_URL", "https://s3.example.net")
    monkeypatch.setenv("LANTING_S3_CUSTOM_DOMAIN", "cdn.example.org")
    images = content_security_policy(https=True)["DIRECTIVES"]["img-src"]
    assert images == [
        "'self'",
        "data:",
        "https://cdn.example.org",
        "https://s3.example.net",
        "https://uploads.s3.example.net",
    ]


@pytest.mark.django_db
def test_report_only_switch_reports_and_blocks_nothing(client, settings, article):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = None
    for expected in ("miss", "hit"):
        response = client.get(article.get_absolute_url())
        assert response["X-Page-Cache"] == expected
        assert "Content-Security-Policy" not in response
        assert "script-src 'self'" in response["Content-Security-Policy-Report-Only"]


def _settings_with(env: dict[str, str], tmp_path, *names: str) -> list[str]:
    code = "from django.conf import settings as s; " + "; ".join(
        f"print(repr(s.{name}))" for name in names
    )
    environment = {**os.environ, "LANTING_VAR_DIR": str(tmp_path), **env}
    environment["DJANGO_SETTINGS_MODULE"] = "lanting.settings"
    done = subprocess.run(  # noqa: S603  (our own interpreter, our own code)
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_hsts_only_behind_tls(tmp_path):
    assert _settings_with({"LANTING_HTTPS": "0"}, tmp_path, "SECURE_HSTS_SECONDS") == ["0"]
    assert _settings_with({"LANTING_HTTPS": "1"}, tmp_path, "SECURE_HSTS_SECONDS") == ["31536000"]
    report_only = _settings_with(
        {"LANTING_CSP_REPORT_ONLY": "1"},
        tmp_path,
        "CONTENT_SECURITY_POLICY",
        "CONTENT_SECURITY_POLICY_REPORT_ONLY['DIRECTIVES']['script-src']",
    )
    assert report_only == ["None", "[\"'self'\"]"]


@pytest.mark.django_db
def test_hsts_is_sent_over_https(client, settings, article):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    for _ in range(2):
        response = client.get(article.get_absolute_url(), secure=True)
        assert response["Strict-Transport-Security"] == "max-age=31536000"
    assert "Strict-Transport-Security" not in client.get(article.get_absolute_url())


def _through_policy_middleware(view):
    from django.test import RequestFactory

    from lanting.core.middleware import ContentSecurityPolicyMiddleware

    return ContentSecurityPolicyMiddleware(view)(RequestFactory().get("/"))


def test_a_page_gets_the_one_policy_made_once():
    from django.http import HttpResponse

    response = _through_policy_middleware(lambda request: HttpResponse("<p>hi</p>"))
    (name, value), *_ = policy_headers()
    assert response[name] == value


def test_a_view_with_a_policy_of_its_own_keeps_it():
    from csp.decorators import csp_update
    from django.http import HttpResponse

    @csp_update({"img-src": "https://maps.example.org"})
    def with_maps(request):
        return HttpResponse("<p>map</p>")

    response = _through_policy_middleware(with_maps)
    assert "https://maps.example.org" in response["Content-Security-Policy"]
