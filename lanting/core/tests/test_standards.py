"""Web standards held by the suite: every page type is valid HTML (the Nu HTML checker) and
has no accessibility violations (axe-core) at a phone's and a desktop's width, logged out and
logged in, on the demo's own content.

The checkers come from npm (``make test`` installs them into var/tools); the Nu checker
runs on Java.
"""

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.management import call_command

from lanting.accounts.models import User
from lanting.conftest import new_browser_context
from lanting.forum.models import Board, Thread
from lanting.portal.models import Article

TOOLS = Path(settings.BASE_DIR).parent / "var" / "tools" / "node_modules"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = TOOLS / "axe-core" / "axe.min.js"
DEMO_PASSWORD = "lanting-demo-2019"


def _needs(path: Path, what: str) -> None:
    if not path.exists():
        pytest.fail(f"{what} is missing at {path}: `make test` installs it (npm)")


def _pages() -> dict[str, str]:
    """One page of each type, on the demo's content."""
    thread = Thread.objects.filter(is_deleted=False).order_by("-last_position").first()
    assert thread is not None and thread.last_page >= 10, "the demo has a ten-page thread"
    board = Board.objects.get(pk=thread.board_id)
    article = Article.objects.order_by("pk").first()
    author = User.objects.filter(is_staff=False, post_count__gt=0).order_by("pk").first()
    assert article is not None and author is not None
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "forum": "/forum/",
        "board": board.get_absolute_url(),
        "thread": thread.get_absolute_url(),
        "thread-10": f"{thread.get_absolute_url()}?page=10",
        "search": f"/search/?q={quote('伦敦')}",
        "profile": author.get_absolute_url(),
        "login": "/accounts/login/",
        "register": "/accounts/register/",
        "darkroom": "/darkroom/",
        "archiver": "/archiver/",
        "mobile": "/mobile/",
        "favorites": "/favorites/",
        "api-tokens": "/accounts/settings/tokens/",
    }


MEMBERS_ONLY = {"favorites", "api-tokens"}  # a guest is sent to log in
GUESTS_ONLY = {"login", "register"}  # a member is sent on from them


def _member() -> User:
    member = User.objects.filter(is_staff=False, is_active=True).order_by("pk").first()
    assert member is not None
    return member


def _load_demo() -> None:
    call_command("load_demo", "--no-discuz", verbosity=0)


@pytest.mark.django_db
def test_every_page_type_is_valid_html(client, tmp_path):
    _needs(VNU, "The Nu HTML checker (vnu.jar)")
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is missing: apt-get install default-jre-headless")
    _load_demo()
    files = []
    for state in ("guest", "member"):
        if state == "member":
            client.force_login(_member())
        for name, url in _pages().items():
            if name in (GUESTS_ONLY if state == "member" else MEMBERS_ONLY):
                continue
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            file = tmp_path / f"{state}-{name}.html"
            file.write_bytes(response.content)
            files.append(str(file))
    done = subprocess.run(  # noqa: S603  (our own checker, on files we wrote)
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(done.stderr or done.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('message')}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert errors == [], "\n".join(errors)


def _log_in(page: Any, base: str, member: User) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", member.username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_no_page_type_has_accessibility_violations(live_server, chromium_browser):
    _needs(AXE, "axe-core")
    _load_demo()
    axe = AXE.read_text()
    pages = _pages()
    member = _member()
    found = []
    for width in (390, 1280):
        for state in ("guest", "member"):
            context = new_browser_context(
                chromium_browser, live_server, viewport={"width": width, "height": 900}
            )
            try:
                page = context.new_page()
                if state == "member":
                    _log_in(page, live_server.url, member)
                for name, url in pages.items():
                    if name in (GUESTS_ONLY if state == "member" else MEMBERS_ONLY):
                        continue
                    page.goto(live_server.url + url)
                    page.evaluate(axe)  # through DevTools: the page's CSP refuses inline script
                    violations = page.evaluate(
                        """async () => (await axe.run(document, {resultTypes: ['violations']}))
                          .violations.map(v => `${v.id} (${v.impact}): ` +
                            v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))"""
                    )
                    found += [f"{width}px {state} {name}: {v}" for v in violations]
            finally:
                context.close()
    assert found == [], "\n".join(found)
