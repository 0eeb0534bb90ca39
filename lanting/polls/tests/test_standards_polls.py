"""The poll's pages are valid HTML (the Nu HTML checker), as each reader sees them."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from lanting.core.tests.test_standards import VNU, _needs
from lanting.forum.models import Post
from lanting.polls import services
from lanting.polls.models import PostRating
from lanting.polls.tests.conftest import option_ids

pytestmark = pytest.mark.django_db


def test_poll_pages_are_valid_html(client, make_poll, make_member, moderator, board, tmp_path):
    _needs(VNU, "The Nu HTML checker (vnu.jar)")
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is missing: apt-get install default-jre-headless")
    poll = make_poll(voters_public=True, multiple=True, max_choices=2, allow_change=True)
    voter = make_member("voter")
    services.vote(poll=poll, member=voter, option_ids=option_ids(poll)[:2])
    first = Post.objects.get(thread_id=poll.thread_id, position=1)
    PostRating.objects.create(post=first, rater_name="admin", credit="威望", score=2, reason="好帖")
    url = f"/thread/{poll.thread_id}/"
    pages = {"guest": (None, url)}
    pages["voter"] = (voter, url)
    pages["member"] = (make_member("reader2"), url)
    pages["moderator"] = (moderator, url)
    pages["new-thread"] = (voter, f"/forum/{board.slug}/new/")
    files = []
    for name, (who, address) in pages.items():
        client.logout()
        if who is not None:
            client.force_login(who)
        response = client.get(address)
        assert response.status_code == 200, name
        file = tmp_path / f"{name}.html"
        file.write_bytes(response.content)
        files.append(str(file))
    client.force_login(voter)
    refused = client.post(
        f"/forum/{board.slug}/new/",
        {"title": "t", "body": "b", "markup": "bbcode", "poll-is_poll": "on", "poll-options": "a"},
    )
    assert refused.status_code == 400
    (tmp_path / "new-thread-refused.html").write_bytes(refused.content)
    files.append(str(tmp_path / "new-thread-refused.html"))
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
