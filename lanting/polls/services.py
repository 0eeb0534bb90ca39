"""Starting a poll, voting, changing a vote, closing and reopening: each all or nothing."""

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lanting.accounts import permissions as member_permissions
from lanting.forum import permissions as forum_permissions
from lanting.forum.models import Thread
from lanting.moderation.services import log_action
from lanting.pagecache.tags import touch
from lanting.polls.models import (
    OPTION_MAX_LENGTH,
    OPTIONS_MAX,
    OPTIONS_MIN,
    Ballot,
    Poll,
    PollOption,
    Vote,
)

CHOICES_SECONDS = 24 * 3600


def choices_key(poll_id: int, member_id: int) -> str:
    return f"lanting:poll-choices:{poll_id}:{member_id}"


def picked_key(poll_id: int) -> str:
    """Where a refused vote's ticks wait for the page the member goes back to."""
    return f"poll-picked:{poll_id}"


def clean_options(raw: str | Sequence[str]) -> list[str]:
    """The options one per line, blank lines dropped; 2 to 20 of them, none twice."""
    lines = raw.splitlines() if isinstance(raw, str) else list(raw)
    options = [" ".join(line.split()) for line in lines]
    options = [option for option in options if option]
    if len(options) < OPTIONS_MIN:
        raise ValidationError(
            _("A poll needs at least %(min)d options, one per line.") % {"min": OPTIONS_MIN}
        )
    if len(options) > OPTIONS_MAX:
        raise ValidationError(
            _("A poll can have at most %(max)d options; you gave %(count)d.")
            % {"max": OPTIONS_MAX, "count": len(options)}
        )
    seen: set[str] = set()
    for option in options:
        if len(option) > OPTION_MAX_LENGTH:
            raise ValidationError(
                _("An option can be at most %(max)d characters long: “%(option)s”.")
                % {"max": OPTION_MAX_LENGTH, "option": option[:30] + "…"}
            )
        if option.casefold() in seen:
            raise ValidationError(_("The option “%(option)s” is there twice.") % {"option": option})
        seen.add(option.casefold())
    return options


@transaction.atomic
def start_poll(
    *,
    thread: Thread,
    author: Any,
    options: str | Sequence[str],
    multiple: bool = False,
    max_choices: int = 1,
    ends_at: dt.datetime | None = None,
    results: str = Poll.Results.ALWAYS,
    voters_public: bool = False,
    allow_change: bool = False,
) -> Poll:
    """Make ``thread`` a poll (its author or a moderator of its board)."""
    if thread.author_id != author.pk and not forum_permissions.is_board_moderator(
        author, thread.board
    ):
        raise PermissionDenied(_("Only the thread's author may start a poll on it."))
    texts = clean_options(options)
    if results not in Poll.Results.values:
        raise ValidationError(_("Choose when the results are shown."))
    if multiple:
        if max_choices < 1 or max_choices > len(texts):
            raise ValidationError(
                _("Voters may pick from 1 to %(count)d options (there are %(count)d).")
                % {"count": len(texts)}
            )
    else:
        max_choices = 1
    if ends_at is not None and ends_at <= timezone.now():
        raise ValidationError(_("The end time has already passed: choose a time to come."))
    try:
        with transaction.atomic():
            poll = Poll.objects.create(
                thread=thread,
                multiple=multiple,
                max_choices=max_choices,
                ends_at=ends_at,
                results=results,
                voters_public=voters_public,
                allow_change=allow_change,
            )
    except IntegrityError:
        raise ValidationError(_("This thread already has a poll.")) from None
    PollOption.objects.bulk_create(
        PollOption(poll=poll, text=text, order=n) for n, text in enumerate(texts, start=1)
    )
    _renew(poll)
    return poll


def vote_refusal(member: Any, poll: Poll, now: dt.datetime | None = None) -> str | None:
    """Why ``member`` may not vote in ``poll`` now (a translated sentence), or None."""
    if not getattr(member, "is_authenticated", False):
        return _("Log in to vote.")
    if poll.is_closed:
        return _("This poll is closed: voting has stopped.")
    if poll.has_ended(now):
        return _("This poll has ended: voting has stopped.")
    thread = poll.thread
    refusal = member_permissions.reply_refusal(member)
    if refusal:
        return refusal
    if not forum_permissions.can_view_board(member, thread.board):
        return _("You may not vote in this board.")
    if thread.is_deleted:
        return _("This thread was deleted.")
    if thread.is_closed and not forum_permissions.is_board_moderator(member, thread.board):
        return _("This thread is closed: voting has stopped.")
    return None


def vote(*, poll: Poll, member: Any, option_ids: Iterable[int]) -> list[int]:
    """Cast (or, where the poll allows it, change) ``member``'s vote; return the options chosen.

    The poll's row is locked for the write (SQLite's IMMEDIATE transactions do the
    same), and the ballot is unique per member and poll: two tabs voting at once
    count once, the second told it already voted.
    """
    chosen = sorted(set(option_ids))
    with transaction.atomic():
        locked = (
            Poll.objects.select_for_update()
            .select_related("thread", "thread__board")
            .get(pk=poll.pk)
        )
        refusal = vote_refusal(member, locked)
        if refusal:
            raise ValidationError(refusal)
        if not chosen:
            raise ValidationError(_("Choose an option before you vote."))
        if len(chosen) > locked.max_choices:
            raise ValidationError(
                ngettext(
                    "You may choose at most %(max)d option.",
                    "You may choose at most %(max)d options.",
                    locked.max_choices,
                )
                % {"max": locked.max_choices}
            )
        valid = set(PollOption.objects.filter(poll=locked).values_list("pk", flat=True))
        if not set(chosen) <= valid:
            raise ValidationError(_("That option is not in this poll."))
        ballot = Ballot.objects.filter(poll=locked, member=member).first()
        if ballot is not None and not locked.allow_change:
            raise ValidationError(_("You have already voted in this poll."))
        if ballot is not None:
            before = list(Vote.objects.filter(ballot=ballot).values_list("option_id", flat=True))
            if sorted(before) == chosen:
                return chosen
            PollOption.objects.filter(pk__in=before).update(votes=F("votes") - 1)
            Vote.objects.filter(ballot=ballot).delete()
            Ballot.objects.filter(pk=ballot.pk).update(changed_at=timezone.now())
        else:
            try:
                with transaction.atomic():
                    ballot = Ballot.objects.create(poll=locked, member=member)
            except IntegrityError:  # the other tab's vote came first
                raise ValidationError(_("You have already voted in this poll.")) from None
            Poll.objects.filter(pk=locked.pk).update(voter_count=F("voter_count") + 1)
        Vote.objects.bulk_create(
            Vote(ballot=ballot, poll=locked, member=member, option_id=option_id)
            for option_id in chosen
        )
        PollOption.objects.filter(pk__in=chosen).update(votes=F("votes") + 1)
        _forget_choices(locked.pk, member.pk)
        _renew(locked)
    return chosen


@transaction.atomic
def close_poll(*, poll: Poll, moderator: Any, closed: bool = True) -> None:
    """Stop (or start again) the voting; logged in the moderation log."""
    thread = poll.thread
    if not forum_permissions.is_board_moderator(moderator, thread.board):
        raise PermissionDenied(_("Only this board's moderators may close or reopen a poll."))
    changed = Poll.objects.filter(pk=poll.pk, is_closed=not closed).update(is_closed=closed)
    poll.is_closed = closed
    if not changed:
        return
    log_action(
        actor=moderator,
        action="close_poll" if closed else "open_poll",
        member=thread.author,
        target=f"thread:{thread.pk} {thread.title}",
    )
    _renew(poll)


def chosen_by(poll_id: int, member_id: int) -> list[int]:
    """The options ``member`` chose in the poll ([] if none): one cache read, else one query."""
    key = choices_key(poll_id, member_id)
    found = cache.get(key)
    if found is None:
        found = list(
            Vote.objects.filter(poll_id=poll_id, member_id=member_id).values_list(
                "option_id", flat=True
            )
        )
        cache.set(key, found, CHOICES_SECONDS)
    return list(found)


def _forget_choices(poll_id: int, member_id: int) -> None:
    key = choices_key(poll_id, member_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def _renew(poll: Poll) -> None:
    """Pages showing the poll are stale now, and once more when the write commits."""
    tag = f"thread:{poll.thread_id}"
    touch(tag)
    transaction.on_commit(lambda: touch(tag))


def announce_ended_polls(now: dt.datetime | None = None) -> int:
    """Renew the pages of polls whose end time has passed (guests' kept copies too)."""
    now = now or timezone.now()
    ended = list(
        Poll.objects.filter(end_announced=False, ends_at__lte=now).values_list("pk", "thread_id")
    )
    for poll_id, thread_id in ended:
        touch(f"thread:{thread_id}")
        Poll.objects.filter(pk=poll_id).update(end_announced=True)
    return len(ended)
