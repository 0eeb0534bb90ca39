"""The poll block on the members' shared thread page: one rendering, filled per reader.

The thread page is rendered once for all members who see it alike and kept
(``pagecache.members``). What differs per reader in a poll is whether they have
voted (and for what), and so whether they get the form, the results, or a note that
the results come later; and, as the clock passes its end time, whether voting is
over. So the block is rendered with every part, each between markers named with a
word derived from the secret key (no post can forge one), and ``fill_polls`` keeps
the parts that are this reader's: it reads their choices once (one cache read, or
one indexed query when forgotten) and the end time from the block's own marker.
"""

import re
from functools import cache
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from lanting.polls.services import chosen_by, picked_key


@cache
def mark() -> str:
    return salted_hmac("lanting.polls.poll-block", "mark").hexdigest()[:20]


@cache
def _block() -> re.Pattern[str]:
    return re.compile(
        rf"<!--poll:{mark()}:(\d+):(\d+):([01]):(\w+):([01])-->(.*?)<!--/poll:{mark()}:\1-->",
        re.DOTALL,
    )


@cache
def _part() -> re.Pattern[str]:
    return re.compile(rf"<!--p:{mark()}:([\w-]+)-->(.*?)<!--/p:{mark()}:\1-->", re.DOTALL)


@cache
def _pick() -> re.Pattern[str]:
    return re.compile(rf' data-poll-pick="{mark()}:(\d+)"')


def parts_for(
    *,
    member: bool,
    chosen: list[int],
    over: bool,
    closed: bool,
    results: str,
    allow_change: bool,
) -> set[str]:
    """The parts of the block this reader sees."""
    keep: set[str] = set()
    voted = bool(chosen)
    if member and not over and (not voted or allow_change):
        keep |= {"form", "change" if voted else "vote"}
    if not member and not over:
        keep.add("login")
    if over or results == "always" or (results == "after_vote" and voted):
        keep.add("results")
    elif results == "after_vote":
        keep.add("hidden-voted")
    else:
        keep.add("hidden-end")
    if voted:
        keep.add("voted")
        keep |= {f"mine-{option}" for option in chosen}
    if closed:
        keep.add("closed")
    elif over:
        keep.add("ended")
    else:
        keep.add("running")
    return keep


def fill_polls(html: str, request: HttpRequest) -> str:
    """Each poll block on the page as this reader sees it."""
    if mark() not in html:
        return html
    user: Any = request.user
    now = timezone.now().timestamp()

    def block(match: re.Match[str]) -> str:
        poll_id, ends, closed = int(match[1]), int(match[2]), match[3] == "1"
        member = bool(user.is_authenticated)
        chosen = chosen_by(poll_id, user.pk) if member else []
        keep = parts_for(
            member=member,
            chosen=chosen,
            over=closed or bool(ends and ends <= now),
            closed=closed,
            results=match[4],
            allow_change=match[5] == "1",
        )
        body = match[6]
        while True:
            cut = _part().sub(lambda p: p[2] if p[1] in keep else "", body)
            if cut == body:
                break
            body = cut
        ticked = chosen
        session = getattr(request, "session", None)
        if member and session is not None and picked_key(poll_id) in session:
            # A refused vote: its page is this reader's alone (a message waits on it).
            ticked = [int(i) for i in session.pop(picked_key(poll_id)) or []]
        return _pick().sub(lambda p: " checked" if int(p[1]) in ticked else "", body)

    return _block().sub(block, html)
