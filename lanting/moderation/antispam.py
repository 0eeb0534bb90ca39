"""The rules a post meets before it is written: the word filter, flood control and the
limits on new members; and whether it waits for review.

Apps call ``check_posting`` with the texts of one submission (a title and a body) before
writing, ``claim_posting_slot`` just before the write, and ``note_posted`` once it is
done. A refusal is a ValidationError with a sentence for the member; the app puts it on
the form, with what they typed kept.

Flood control and the caps count in the Django cache (Redis in production), so they hold
across app nodes; ``cache.add`` claims a posting slot atomically, so two tabs posting at
once do not both get through.
"""

import datetime as dt
import math
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lanting.accounts import captcha, permissions
from lanting.accounts.models import MemberGroup, User
from lanting.accounts.permissions import is_newcomer
from lanting.moderation import wordfilter

LINK = re.compile(r"(?i)(?:https?://|ftp://|www\.[a-z0-9-]|\[url\b|<a\s|\]\(\s*[a-z]+:)")
IMAGE = re.compile(r"(?i)(?:\[img\b|<img\b|!\[[^\]]*\]\()")
FLOOD_KEY = "moderation:flood:{member}"
THREADS_KEY = "moderation:threads:{member}:{hour}"
DAY_KEY = "moderation:posts:{member}:{day}"


@dataclass(frozen=True)
class PostingCheck:
    texts: list[str]  # the texts with the filter's replacements put in
    wait_for_review: bool
    why: str  # why it waits, for the queue
    exempt: bool = False  # staff or the board's moderator: no flood control
    proof: str = ""  # the captcha's proof, spent when the post is written


def is_exempt(member: User) -> bool:
    return bool(member.is_staff or member.is_superuser or permissions.is_moderator(member))


def _group(member: User) -> MemberGroup | None:
    return member.current_group


def _at(moment: dt.datetime) -> str:
    return formats.time_format(timezone.localtime(moment), "H:i:s")


def _flood_refusal(member: User, group: MemberGroup | None, *, claim: bool) -> str | None:
    seconds = group.flood_seconds if group else 0
    if not seconds or not settings.LANTING_FLOOD_CONTROL:
        return None
    key = FLOOD_KEY.format(member=member.pk)
    now = time.time()
    if claim and cache.add(key, now, seconds):
        return None
    last = cache.get(key)
    if last is None:  # the interval ran out meanwhile
        return None
    return _flood_wait(max(1, math.ceil(seconds - (now - float(last)))), now)


def _flood_wait(wait: int, now: float) -> str:
    again = dt.datetime.fromtimestamp(now + wait, tz=dt.UTC)
    return ngettext(
        "You are posting too fast. Wait %(n)d second (until %(at)s) and post again.",
        "You are posting too fast. Wait %(n)d seconds (until %(at)s) and post again.",
        wait,
    ) % {"n": wait, "at": _at(again)}


def _thread_cap_refusal(member: User, group: MemberGroup | None) -> str | None:
    cap = group.threads_per_hour if group else 0
    if not cap:
        return None
    hour = int(time.time() // 3600)
    if int(cache.get(THREADS_KEY.format(member=member.pk, hour=hour)) or 0) < cap:
        return None
    again = dt.datetime.fromtimestamp((hour + 1) * 3600, tz=dt.UTC)
    return ngettext(
        "You may start %(n)d new thread an hour. Try again at %(at)s.",
        "You may start %(n)d new threads an hour. Try again at %(at)s.",
        cap,
    ) % {"n": cap, "at": _at(again)}


def _day_cap_refusal(member: User, group: MemberGroup | None) -> str | None:
    cap = group.newcomer_posts_per_day if group else 0
    if not cap or not is_newcomer(member, group):
        return None
    day = timezone.localdate().isoformat()
    if int(cache.get(DAY_KEY.format(member=member.pk, day=day)) or 0) < cap:
        return None
    return ngettext(
        "New members may post %(n)d time a day. Try again tomorrow.",
        "New members may post %(n)d times a day. Try again tomorrow.",
        cap,
    ) % {"n": cap}


def check_posting(
    *,
    member: User,
    texts: list[str],
    is_thread: bool,
    images: bool = False,
    exempt: bool = False,
    proof: str = "",
) -> PostingCheck:
    """Refuse (ValidationError) or let through the texts of one post, and say if it waits.

    ``exempt``: the member moderates where they post (a board's moderator); staff always are.
    ``proof``: the captcha widget's answer, asked of members with few posts (``captcha``).
    """
    verdict, replaced = wordfilter.check_all(*texts)
    if verdict.refused:
        raise ValidationError(verdict.refusal())
    exempt = exempt or is_exempt(member)
    joined = "\n".join(texts)
    has_links = bool(LINK.search(joined))
    has_images = images or bool(IMAGE.search(joined))
    group = _group(member)
    why: list[str] = []
    proved = ""
    if verdict.needs_review and not exempt:
        why.append(
            _("Words held for review: %(words)s") % {"words": "、".join(verdict.review_words)}
            if verdict.review_words
            else _("Too long to check")
        )
    if not exempt:
        # Rates first: no proof of being a person lifts them, so nobody solves a puzzle
        # only to be told to come back tomorrow.
        for refusal in (
            _day_cap_refusal(member, group),
            _thread_cap_refusal(member, group) if is_thread else None,
            _flood_refusal(member, group, claim=False),
        ):
            if refusal:
                raise ValidationError(refusal)
        proved = proof if proof and captcha.is_valid(proof) else ""
        newcomer = is_newcomer(member, group)
        if newcomer and group and group.newcomer_no_links and has_links:
            _refuse_unless_proved(proved, _("New members may not post links yet."))
            why.append(_("A new member's post with links (they proved they are a person)"))
        if newcomer and group and group.newcomer_no_images and has_images:
            _refuse_unless_proved(proved, _("New members may not post images yet."))
            why.append(_("A new member's post with images (they proved they are a person)"))
        if captcha.required_to_post(member) and not proved:
            raise _proof_needed()
        if group and group.review_first_posts and member.post_count < group.review_first_posts:
            why.append(_("One of the member's first %(n)d posts") % {"n": group.review_first_posts})
        if newcomer and group and group.newcomer_links_reviewed and has_links:
            why.append(_("A new member's post with links"))
    return PostingCheck(replaced, bool(why), "; ".join(dict.fromkeys(why)), exempt, proved)


def _refuse_unless_proved(proved: str, refusal: str) -> None:
    """A new member's link or image is refused, unless the captcha is on and they solve it:
    then the post waits for a moderator instead (a person with a real link gets heard, a
    robot that cannot run the puzzle does not; a robot that can still meets a moderator).
    """
    if proved:
        return
    if not captcha.posting_threshold():
        raise ValidationError(refusal)
    raise captcha.ProofNeededError(
        refusal
        + " "
        + _(
            "To send it all the same, wait until the check below says you are a person and "
            "send again: your post will then wait for a moderator's review."
        ),
        api_message=refusal
        + " "
        + _("On the website you may prove you are a person and send it for review."),
    )


def _proof_needed() -> captcha.ProofNeededError:
    threshold = captcha.posting_threshold()
    return captcha.ProofNeededError(
        ngettext(
            "Until you have %(n)d post, this site asks you to prove you are a person each "
            "time you post. Wait until the check below says so, then send again.",
            "Until you have %(n)d posts, this site asks you to prove you are a person each "
            "time you post. Wait until the check below says so, then send again.",
            threshold,
        )
        % {"n": threshold},
        api_message=ngettext(
            "Until you have %(n)d post, this site asks you to prove you are a person each "
            "time you post, which the API cannot do: post on the website until then.",
            "Until you have %(n)d posts, this site asks you to prove you are a person each "
            "time you post, which the API cannot do: post on the website until then.",
            threshold,
        )
        % {"n": threshold},
    )


def check_proof(*, member: User, proof: str) -> str:
    """The captcha alone, for writes the other rules do not cover (private messages):
    refused (ProofNeededError) or the proof to spend with ``spend_proof``."""
    if is_exempt(member) or not captcha.required_to_post(member):
        return ""
    if proof and captcha.is_valid(proof):
        return proof
    raise _proof_needed()


def spend_proof(proof: str) -> None:
    """Use the proof just before the write: one proof, one post (two tabs cannot share it)."""
    if proof and not captcha.spend(proof):
        raise _proof_needed()


def claim_posting_slot(*, member: User, check: PostingCheck) -> None:
    """Flood control's slot, taken atomically just before the write: a post refused for
    anything else (a missing field, a bad file) leaves it free for the corrected try."""
    if check.exempt:
        return
    spend_proof(check.proof)
    refusal = _flood_refusal(member, _group(member), claim=True)
    if refusal:
        raise ValidationError(refusal)


def note_posted(*, member: User, is_thread: bool) -> None:
    """Count a written post against the member's caps (flood control claimed its slot)."""
    if is_exempt(member):
        return
    group = _group(member)
    if group is None:
        return
    if is_thread and group.threads_per_hour:
        key = THREADS_KEY.format(member=member.pk, hour=int(time.time() // 3600))
        _incr(key, 3600)
    if group.newcomer_posts_per_day and is_newcomer(member, group):
        _incr(DAY_KEY.format(member=member.pk, day=timezone.localdate().isoformat()), 86400)


def _incr(key: str, timeout: int) -> None:
    if not cache.add(key, 1, timeout):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout)
