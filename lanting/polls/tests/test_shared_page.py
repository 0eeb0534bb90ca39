"""The poll on the members' shared thread page: one rendering, each reader's own state."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lanting.polls import selectors, services
from lanting.polls.templatetags import polls as poll_tags
from lanting.polls.tests.conftest import option_ids

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def test_two_members_share_the_page_and_each_sees_their_own_poll(
    client, make_poll, make_member, monkeypatch
):
    poll = make_poll(results="after_vote", allow_change=True)
    voter, other = make_member("voter"), make_member("other")
    blue = option_ids(poll)[1]
    services.vote(poll=poll, member=voter, option_ids=[blue])
    renders = []
    real = selectors.poll_results
    monkeypatch.setattr(poll_tags, "poll_results", lambda p: renders.append(p.pk) or real(p))
    url = f"/thread/{poll.thread_id}/"

    for reader in (voter, other):  # their sessions settle (last visit written)
        client.force_login(reader)
        client.get("/")
    client.force_login(voter)
    mine = client.get(url).content.decode()
    client.force_login(other)
    theirs = client.get(url).content.decode()

    assert len(renders) == 1  # one rendering of the page served both
    # The voter: results, their choice marked, the form to change it with it ticked.
    assert 'class="poll-results"' in mine and "your choice" in mine
    assert f'value="{blue}" checked>' in mine and "Change my vote" in mine
    assert "1 vote, 100%" in mine
    # The other member: the form, nothing ticked, the results held back until they vote.
    assert 'class="poll-results"' not in theirs and "your choice" not in theirs
    assert " checked" not in theirs and ">Vote<" in theirs.replace("\n", "")
    assert "shown to those who have voted" in theirs
    for page in (mine, theirs):  # no marker is left for anyone to see
        assert "<!--p:" not in page and "<!--poll:" not in page and "data-poll-pick" not in page


def test_the_readers_own_state_costs_one_cache_read_or_one_query(poll, member):
    services.chosen_by(poll.pk, member.pk)  # remembered from here on
    with CaptureQueriesContext(connection) as cold:
        services._forget_choices(poll.pk, member.pk)
        assert services.chosen_by(poll.pk, member.pk) == []
    assert len(cold) == 1
    with CaptureQueriesContext(connection) as warm:
        services.chosen_by(poll.pk, member.pk)
    assert len(warm) == 0


def test_a_vote_renews_the_shared_page(client, poll, make_member):
    first, second = make_member("first"), make_member("second")
    client.force_login(first)
    assert "0 votes, 0%" in client.get(f"/thread/{poll.thread_id}/").content.decode()
    services.vote(poll=poll, member=second, option_ids=option_ids(poll)[:1])
    page = client.get(f"/thread/{poll.thread_id}/").content.decode()
    assert "1 vote, 100%" in page and "your choice" not in page
