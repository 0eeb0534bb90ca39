"""The inbox, a conversation, writing (with a refusal shown) and the blocked list are valid
HTML (the Nu checker) and have no accessibility violations (axe-core) at 390 and 1280 px,
as the core suite holds the site's other pages."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from lanting.conftest import PASSWORD, new_browser_context
from lanting.core.tests.test_standards import AXE, VNU, _needs
from lanting.messages import services


def _site(make_member):
    amy, bob = make_member("amy"), make_member("bob")
    make_member("carol")
    conversation = services.start_conversation(
        author=bob, to="amy, carol", subject="周末", body="[b]去爬山[/b]"
    )
    services.reply(conversation=conversation, author=amy, body="好呀 [quote]去爬山[/quote]")
    services.block_member(member=amy, name="carol")
    return amy, {
        "inbox": "/messages/",
        "conversation": conversation.get_absolute_url(),
        "new": "/messages/new/?to=bob",
        "blocked": "/messages/blocked/",
    }


@pytest.mark.django_db(transaction=True)
def test_the_pages_are_valid_html(client, make_member, tmp_path):
    _needs(VNU, "The Nu HTML checker (vnu.jar)")
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is missing: apt-get install default-jre-headless")
    member, pages = _site(make_member)
    client.force_login(member)
    files = []
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        file = tmp_path / f"member-{name}.html"
        file.write_bytes(response.content)
        files.append(str(file))
    refused = client.post("/messages/new/", {"to": "amy", "body": "", "markup": "bbcode"})
    assert refused.status_code == 400
    (tmp_path / "member-refused.html").write_bytes(refused.content)
    files.append(str(tmp_path / "member-refused.html"))
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
    member, pages = _site(make_member)
    found = []
    for width in (390, 1280):
        context = new_browser_context(
            chromium_browser, live_server, viewport={"width": width, "height": 900}
        )
        try:
            page = context.new_page()
            page.goto(live_server.url + "/accounts/login/")
            page.fill("input[name=username]", member.username)
            page.fill("input[name=password]", PASSWORD)
            page.locator("main button[type=submit]").click()
            page.wait_for_url(lambda url: "/accounts/login/" not in url)
            for name, url in pages.items():
                page.goto(live_server.url + url)
                page.evaluate(axe)  # through DevTools: the page's CSP refuses inline script
                found += [f"{width}px {name}: {v}" for v in page.evaluate(_AXE_RUN)]
            page.goto(live_server.url + "/messages/new/")
            page.locator("main button[type=submit]").click()  # nothing typed: refused
            page.evaluate(axe)  # through DevTools: the page's CSP refuses inline script
            found += [f"{width}px refused: {v}" for v in page.evaluate(_AXE_RUN)]
        finally:
            context.close()
    assert found == [], "\n".join(found)


_AXE_RUN = """async () => (await axe.run(document, {resultTypes: ['violations']}))
  .violations.map(v => `${v.id} (${v.impact}): ` +
    v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))"""
