import datetime as dt

import pytest
from django.utils import timezone

from lanting.forum.models import Thread
from lanting.moderation.models import ModerationLog
from lanting.polls import services
from lanting.polls.models import Ballot, Poll
from lanting.polls.tests.conftest import option_ids

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def _new_thread(client, board, **poll):
    data = {"title": "去哪儿吃饭", "body": "投个票吧", "markup": "bbcode"}
    data.update({f"poll-{key}": value for key, value in poll.items()})
    return client.post(f"/forum/{board.slug}/new/", data)


def test_a_member_starts_a_poll_from_the_new_thread_page(client, author, board):
    client.force_login(author)
    page = client.get(f"/forum/{board.slug}/new/").content.decode()
    assert "Start a poll" in page and 'name="poll-options"' in page
    response = _new_thread(
        client,
        board,
        is_poll="on",
        options="火锅\n烧烤\n日料",
        multiple="1",
        max_choices="2",
        results="after_vote",
        voters_public="on",
    )
    assert response.status_code == 302
    poll = Poll.objects.get()
    assert poll.thread.title == "去哪儿吃饭"
    assert (poll.multiple, poll.max_choices, poll.results, poll.voters_public) == (
        True,
        2,
        "after_vote",
        True,
    )
    assert [o.text for o in poll.options.order_by("order")] == ["火锅", "烧烤", "日料"]


def test_no_poll_unless_the_box_is_ticked(client, author, board):
    client.force_login(author)
    assert _new_thread(client, board, options="a\nb").status_code == 302
    assert Thread.objects.count() == 1 and not Poll.objects.exists()


@pytest.mark.parametrize(
    ("poll", "says"),
    [
        ({"options": "只有一个"}, "at least 2 options"),
        ({"options": "\n".join(str(n) for n in range(21))}, "at most 20 options"),
        ({"options": "火锅\n火锅"}, "is there twice"),
        ({"options": "a\nb", "ends_at": "2020-01-01T10:00"}, "already passed"),
        ({"options": "a\nb", "multiple": "1", "max_choices": "3"}, "from 1 to 2"),
    ],
)
def test_a_bad_poll_is_said_on_the_form_and_nothing_is_written(client, author, board, poll, says):
    client.force_login(author)
    response = _new_thread(client, board, is_poll="on", **poll)
    assert response.status_code == 400
    page = response.content.decode()
    assert says in page
    assert "去哪儿吃饭" in page and "投个票吧" in page  # what they typed is kept
    assert not Thread.objects.exists() and not Poll.objects.exists()


def test_the_board_list_marks_polls(client, poll, board):
    page = client.get(f"/forum/{board.slug}/").content.decode()
    assert '<span class="tag poll">Poll</span>' in page


def test_a_vote_goes_back_to_the_poll_with_a_message(client, poll, member):
    client.force_login(member)
    blue = option_ids(poll)[1]
    response = client.post(f"/thread/{poll.thread_id}/poll/vote/", {"options": [blue]})
    assert response.status_code == 302 and response["Location"].endswith("#poll")
    page = client.get(response["Location"]).content.decode()
    assert "your vote is counted" in page
    assert "your choice" in page and "1 vote, 100%" in page
    assert "Change my vote" not in page and 'class="poll-form"' not in page


@pytest.mark.parametrize(
    ("choose", "says"),
    [
        (lambda poll, other: [], "Choose an option"),
        (lambda poll, other: option_ids(poll)[:2], "at most 1 option"),
        (lambda poll, other: [option_ids(other)[0]], "not in this poll"),
        (lambda poll, other: ["abc"], "not in this poll"),
    ],
)
def test_bad_votes_are_said_on_the_thread_page(client, make_poll, member, choose, says):
    poll, other = make_poll(), make_poll(title="另一个")
    client.force_login(member)
    response = client.post(
        f"/thread/{poll.thread_id}/poll/vote/", {"options": choose(poll, other)}, follow=True
    )
    assert response.status_code == 200
    assert says in response.content.decode()
    assert not Ballot.objects.exists()


def test_a_refused_vote_keeps_what_was_ticked(client, make_poll, member):
    poll = make_poll(multiple=True, max_choices=2)
    client.force_login(member)
    ids = option_ids(poll)
    response = client.post(f"/thread/{poll.thread_id}/poll/vote/", {"options": ids}, follow=True)
    page = response.content.decode()
    assert "at most 2 options" in page
    assert all(f'value="{i}" checked>' in page for i in ids)
    again = client.get(f"/thread/{poll.thread_id}/").content.decode()
    assert " checked>" not in again  # once only


def test_voting_twice_is_said_on_the_thread_page(client, poll, member):
    client.force_login(member)
    red, blue, _green = option_ids(poll)
    client.post(f"/thread/{poll.thread_id}/poll/vote/", {"options": [red]})
    response = client.post(f"/thread/{poll.thread_id}/poll/vote/", {"options": [blue]}, follow=True)
    assert "already voted" in response.content.decode()
    poll.refresh_from_db()
    assert poll.voter_count == 1


def test_voting_after_the_end_is_said_on_the_thread_page(client, make_poll, member):
    poll = make_poll(ends_at=timezone.now() + dt.timedelta(hours=1))
    Poll.objects.filter(pk=poll.pk).update(ends_at=timezone.now() - dt.timedelta(minutes=1))
    client.force_login(member)
    response = client.post(
        f"/thread/{poll.thread_id}/poll/vote/", {"options": option_ids(poll)[:1]}, follow=True
    )
    page = response.content.decode()
    assert "has ended" in page and "Voting ended" in page
    assert 'class="poll-form"' not in page  # no form once it is over, results shown


def test_a_guest_posting_the_form_is_told_to_log_in(client, poll):
    response = client.post(
        f"/thread/{poll.thread_id}/poll/vote/", {"options": option_ids(poll)[:1]}, follow=True
    )
    assert "Log in to vote." in response.content.decode()
    assert not Ballot.objects.exists()


def test_guests_see_results_per_the_setting_and_a_login_link(client, make_poll):
    shown = make_poll()
    page = client.get(f"/thread/{shown.thread_id}/").content.decode()
    assert "Log in to vote" in page and 'class="poll-results"' in page
    assert 'class="poll-form"' not in page and "csrfmiddlewaretoken" not in page
    hidden = make_poll(title="投完才看", results="after_vote")
    page = client.get(f"/thread/{hidden.thread_id}/").content.decode()
    assert 'class="poll-results"' not in page and "shown to those who have voted" in page


def test_results_after_the_end_stay_hidden_until_then(client, make_poll, member):
    poll = make_poll(results="after_end", ends_at=timezone.now() + dt.timedelta(hours=1))
    client.force_login(member)
    client.post(f"/thread/{poll.thread_id}/poll/vote/", {"options": option_ids(poll)[:1]})
    page = client.get(f"/thread/{poll.thread_id}/").content.decode()
    assert 'class="poll-results"' not in page and "once voting is over" in page
    assert "You voted for:" in page and "<strong>红队</strong>" in page
    Poll.objects.filter(pk=poll.pk).update(ends_at=timezone.now() - dt.timedelta(seconds=1))
    services.announce_ended_polls()
    page = client.get(f"/thread/{poll.thread_id}/").content.decode()
    assert 'class="poll-results"' in page and "1 vote, 100%" in page


def test_public_voters_are_named_under_their_option(client, make_poll, member):
    poll = make_poll(voters_public=True)
    services.vote(poll=poll, member=member, option_ids=option_ids(poll)[2:])
    page = client.get(f"/thread/{poll.thread_id}/").content.decode()
    assert 'class="poll-voters meta">reader<' in page


def test_a_moderator_closes_and_reopens_the_poll(client, poll, moderator, member):
    client.force_login(moderator)
    page = client.get(f"/thread/{poll.thread_id}/").content.decode()
    assert "Close the poll" in page
    client.post(f"/thread/{poll.thread_id}/poll/close/", {"action": "close"})
    poll.refresh_from_db()
    assert poll.is_closed
    page = client.get(f"/thread/{poll.thread_id}/").content.decode()
    assert "Reopen the poll" in page and "Closed by a moderator" in page
    client.post(f"/thread/{poll.thread_id}/poll/close/", {"action": "open"})
    poll.refresh_from_db()
    assert not poll.is_closed
    assert list(ModerationLog.objects.values_list("action", flat=True).order_by("pk")) == [
        "close_poll",
        "open_poll",
    ]


def test_a_member_cannot_close_a_poll(client, poll, member):
    client.force_login(member)
    response = client.post(
        f"/thread/{poll.thread_id}/poll/close/", {"action": "close"}, follow=True
    )
    assert "moderators may close or reopen a poll" in response.content.decode()
    poll.refresh_from_db()
    assert not poll.is_closed
