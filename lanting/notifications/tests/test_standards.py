"""The watching, notification-settings and unsubscribe pages are valid HTML (the Nu checker)
and have no accessibility violations (axe-core) at 390 and 1280 px, as the core suite holds
the site's other pages."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from lanting.conftest import PASSWORD, new_browser_context
from lanting.core.tests.test_standards import AXE, VNU, _needs
from lanting.forum import services as forum
from lanting.forum.models import Board, Section
from lanting.notifications import mailing, watching


def _site(make_member):
    section = Section.objects.create(name="伦敦生活")
    board = Board.objects.create(section=section, name="租房", slug="rent")
    member, other = make_member("zuke"), make_member("fangdong")
    thread = forum.create_thread(board=board, author=other, title="两居室出租", body="近地铁")
    watching.watch(member=member, target="thread", target_id=thread.pk)
    watching.watch(member=member, target="board", target_id=board.pk, mode="digest")
    forum.reply_to_thread(thread=thread, author=other, body="周六看房")
    token = mailing.unsubscribe_token(member.pk, f"thread:{thread.pk}")
    pages = {
        "notifications": "/notifications/",
        "watching": "/notifications/watching/",
        "settings": "/notifications/settings/",
        "thread": thread.get_absolute_url(),
        "board": board.get_absolute_url(),
    }
    guest_pages = {
        "unsubscribe": f"/notifications/unsubscribe/{token}/",
        "unsubscribe-bad": "/notifications/unsubscribe/nonsense/",
    }
    return member, pages, guest_pages


@pytest.mark.django_db(transaction=True)
def test_the_pages_are_valid_html(client, make_member, tmp_path):
    _needs(VNU, "The Nu HTML checker (vnu.jar)")
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is missing: apt-get install default-jre-headless")
    member, pages, guest_pages = _site(make_member)
    files = []
    for name, url in guest_pages.items():
        file = tmp_path / f"guest-{name}.html"
        file.write_bytes(client.get(url).content)
        files.append(str(file))
    client.force_login(member)
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        file = tmp_path / f"member-{name}.html"
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


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_pages_have_no_accessibility_violations(live_server, chromium_browser, make_member):
    _needs(AXE, "axe-core")
    axe = AXE.read_text()
    member, pages, guest_pages = _site(make_member)
    found = []
    for width in (390, 1280):
        context = new_browser_context(
            chromium_browser, live_server, viewport={"width": width, "height": 900}
        )
        try:
            page = context.new_page()
            for name, url in guest_pages.items():
                page.goto(live_server.url + url)
                page.evaluate(axe)  # through DevTools: the page's CSP refuses inline script
                found += [f"{width}px guest {name}: {v}" for v in page.evaluate(_AXE_RUN)]
            page.goto(live_server.url + "/accounts/login/")
            page.fill("input[name=username]", member.username)
            page.fill("input[name=password]", PASSWORD)
            page.locator("main button[type=submit]").click()
            page.wait_for_url(lambda url: "/accounts/login/" not in url)
            for name, url in pages.items():
                page.goto(live_server.url + url)
                page.evaluate(axe)  # through DevTools: the page's CSP refuses inline script
                found += [f"{width}px member {name}: {v}" for v in page.evaluate(_AXE_RUN)]
        finally:
            context.close()
    assert found == [], "\n".join(found)


_AXE_RUN = """async () => (await axe.run(document, {resultTypes: ['violations']}))
  .violations.map(v => `${v.id} (${v.impact}): ` +
    v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))"""
