import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from lanting.moderation.models import ModerationLog
from lanting.polls import services
from lanting.polls.models import Ballot, Poll, PollOption, Vote
from lanting.polls.tests.conftest import later, option_ids

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The messages are checked in English (the site's default language is Chinese)."""
    with translation.override("en"):
        yield


def _counts(poll):
    poll.refresh_from_db()
    return poll.voter_count, list(poll.options.order_by("order").values_list("votes", flat=True))


def test_a_poll_keeps_its_options_in_order(poll):
    assert [o.text for o in poll.options.order_by("order")] == ["红队", "蓝队", "绿队"]
    assert (poll.multiple, poll.max_choices, poll.results) == (False, 1, "always")


@pytest.mark.parametrize(
    ("options", "says"),
    [
        ("只有一个", "at least 2"),
        ("\n".join(f"选项{n}" for n in range(21)), "at most 20"),
        ("红队\n蓝队\n 红队 ", "twice"),
        ("A\na", "twice"),
        ("\n\n  \n", "at least 2"),
        ("x" * 101 + "\ny", "at most 100"),
    ],
)
def test_bad_options_start_no_poll(make_poll, options, says):
    with pytest.raises(ValidationError) as refused:
        make_poll(options)
    assert says in " ".join(refused.value.messages)
    assert not Poll.objects.exists()


def test_an_end_time_in_the_past_is_refused(make_poll):
    with pytest.raises(ValidationError, match="already passed"):
        make_poll(ends_at=timezone.now() - dt.timedelta(minutes=1))
    assert not Poll.objects.exists()


def test_more_allowed_choices_than_options_is_refused(make_poll):
    with pytest.raises(ValidationError, match="from 1 to 3"):
        make_poll(multiple=True, max_choices=4)


def test_only_the_author_starts_a_poll_on_a_thread(thread, make_member):
    with pytest.raises(PermissionDenied):
        services.start_poll(thread=thread, author=make_member("other"), options="a\nb")


def test_a_thread_has_one_poll(poll, author):
    with pytest.raises(ValidationError, match="already has a poll"):
        services.start_poll(thread=poll.thread, author=author, options="c\nd")
    assert PollOption.objects.filter(poll=poll).count() == 3


def test_a_vote_is_counted(poll, member):
    _red, blue, _green = option_ids(poll)
    assert services.vote(poll=poll, member=member, option_ids=[blue]) == [blue]
    assert _counts(poll) == (1, [0, 1, 0])
    assert services.chosen_by(poll.pk, member.pk) == [blue]


def test_no_choice_is_refused(poll, member):
    with pytest.raises(ValidationError, match="Choose an option"):
        services.vote(poll=poll, member=member, option_ids=[])
    assert _counts(poll) == (0, [0, 0, 0]) and not Ballot.objects.exists()


def test_more_choices_than_allowed_are_refused(make_poll, member):
    poll = make_poll(multiple=True, max_choices=2)
    with pytest.raises(ValidationError, match="at most 2 options"):
        services.vote(poll=poll, member=member, option_ids=option_ids(poll))
    single = make_poll(title="单选")
    with pytest.raises(ValidationError, match="at most 1 option"):
        services.vote(poll=single, member=member, option_ids=option_ids(single)[:2])
    assert not Ballot.objects.exists() and not Vote.objects.exists()


def test_several_choices_within_the_limit_count_each(make_poll, member):
    poll = make_poll(multiple=True, max_choices=2)
    red, blue, _green = option_ids(poll)
    services.vote(poll=poll, member=member, option_ids=[red, blue, red])
    assert _counts(poll) == (1, [1, 1, 0])


def test_an_option_of_another_poll_is_refused(make_poll, member):
    poll, other = make_poll(), make_poll(title="另一个")
    with pytest.raises(ValidationError, match="not in this poll"):
        services.vote(poll=poll, member=member, option_ids=[option_ids(other)[0]])
    assert _counts(poll) == (0, [0, 0, 0]) and _counts(other) == (0, [0, 0, 0])


def test_voting_twice_is_refused_without_change_allowed(poll, member):
    red, blue, _green = option_ids(poll)
    services.vote(poll=poll, member=member, option_ids=[red])
    with pytest.raises(ValidationError, match="already voted"):
        services.vote(poll=poll, member=member, option_ids=[blue])
    # (The other tab's rows were written inside our transaction here, so they went with it.)
    assert not Vote.objects.filter(option_id=blue).exists()
    assert PollOption.objects.get(pk=blue).votes == 0


def test_a_vote_may_be_changed_when_allowed(make_poll, member):
    poll = make_poll(allow_change=True, multiple=True, max_choices=2)
    red, blue, green = option_ids(poll)
    services.vote(poll=poll, member=member, option_ids=[red, blue])
    services.vote(poll=poll, member=member, option_ids=[green])
    assert _counts(poll) == (1, [0, 0, 1])
    assert services.chosen_by(poll.pk, member.pk) == [green]
    assert Ballot.objects.get().changed_at is not None


def test_voting_after_the_end_is_refused(make_poll, member):
    poll = make_poll(ends_at=later())
    Poll.objects.filter(pk=poll.pk).update(ends_at=timezone.now() - dt.timedelta(seconds=1))
    with pytest.raises(ValidationError, match="has ended"):
        services.vote(poll=poll, member=member, option_ids=option_ids(poll)[:1])
    assert _counts(poll) == (0, [0, 0, 0])


def test_voting_on_a_closed_poll_is_refused(poll, member, moderator):
    services.close_poll(poll=poll, moderator=moderator)
    with pytest.raises(ValidationError, match="closed"):
        services.vote(poll=poll, member=member, option_ids=option_ids(poll)[:1])
    services.close_poll(poll=poll, moderator=moderator, closed=False)
    services.vote(poll=poll, member=member, option_ids=option_ids(poll)[:1])
    assert _counts(poll) == (1, [1, 0, 0])


def test_a_guest_cannot_vote(poll):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(ValidationError, match="Log in"):
        services.vote(poll=poll, member=AnonymousUser(), option_ids=option_ids(poll)[:1])


def test_a_member_banned_from_posting_cannot_vote(poll, make_member, group):
    banned = make_member("troll", group=group("banned_post"))
    with pytest.raises(ValidationError):
        services.vote(poll=poll, member=banned, option_ids=option_ids(poll)[:1])
    assert _counts(poll) == (0, [0, 0, 0])


def test_closing_and_reopening_are_logged(poll, moderator):
    services.close_poll(poll=poll, moderator=moderator)
    services.close_poll(poll=poll, moderator=moderator)  # already closed: nothing more logged
    services.close_poll(poll=poll, moderator=moderator, closed=False)
    actions = list(ModerationLog.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["close_poll", "open_poll"]
    assert ModerationLog.objects.first().target == f"thread:{poll.thread_id} 周末比赛谁赢？"


def test_only_moderators_close_a_poll(poll, author):
    with pytest.raises(PermissionDenied):
        services.close_poll(poll=poll, moderator=author)
    poll.refresh_from_db()
    assert not poll.is_closed


def test_the_database_holds_one_ballot_per_member(poll, member):
    """What two tabs voting at once come down to: the second ballot is refused."""
    Ballot.objects.create(poll=poll, member=member)
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(poll=poll, member=member)


def test_a_vote_racing_another_tab_counts_once(poll, member, monkeypatch):
    """The other tab's ballot lands between our check and our write: told, nothing counted."""
    red, blue, _green = option_ids(poll)
    real_filter = Ballot.objects.filter

    def first_sees_nothing(*args, **kwargs):
        found = real_filter(*args, **kwargs)
        if not Ballot.objects.exists():
            Vote.objects.create(
                ballot=Ballot.objects.create(poll=poll, member=member),
                poll=poll,
                member=member,
                option_id=red,
            )
            PollOption.objects.filter(pk=red).update(votes=1)
            Poll.objects.filter(pk=poll.pk).update(voter_count=1)
            return real_filter(pk=-1)
        return found

    monkeypatch.setattr(Ballot.objects, "filter", first_sees_nothing)
    with pytest.raises(ValidationError, match="already voted"):
        services.vote(poll=poll, member=member, option_ids=[blue])
    # (The other tab's rows were written inside our transaction here, so they went with it.)
    assert not Vote.objects.filter(option_id=blue).exists()
    assert PollOption.objects.get(pk=blue).votes == 0


def test_ended_polls_renew_their_pages_once(make_poll):
    make_poll(ends_at=later())
    assert services.announce_ended_polls() == 0
    assert services.announce_ended_polls(now=later(2)) == 1
    assert services.announce_ended_polls(now=later(3)) == 0
