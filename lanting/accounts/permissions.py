"""What a member may do: every rule lives here, never in templates.

Each ``*_refusal`` function returns ``None`` when the action is allowed, or a
translated sentence saying why not (shown to the member as it is).
Apps above pass their own objects in; anything with the attributes named in
the protocols below will do.
"""

import datetime as dt
from typing import Any, Protocol

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from lanting.accounts.models import MemberGroup, User


class Commentable(Protocol):
    allow_comments: bool


def _member(user: Any) -> User | None:
    return user if isinstance(user, User) and user.is_authenticated else None


def is_moderator(user: Any) -> bool:
    """Staff, administrators and super moderators moderate everything."""
    member = _member(user)
    if member is None or not member.is_active:
        return False
    if member.is_superuser or member.is_staff:
        return True
    group = member.current_group
    return bool(group and group.is_moderator)


def is_board_moderator_group(user: Any) -> bool:
    """Members of the moderator group (their boards are given by the forum)."""
    member = _member(user)
    group = member.current_group if member else None
    return bool(group and group.code == MemberGroup.Code.MODERATOR)


def _ban_sentence(member: User, what: str) -> str:
    until = member.group_expires_at
    parts = [what]
    if member.group_reason:
        parts.append(_("Reason: %(reason)s") % {"reason": member.group_reason})
    if until:
        parts.append(
            _("Until: %(until)s") % {"until": formats.date_format(until, "Y-m-d H:i", True)}
        )
    else:
        parts.append(_("Until: permanent"))
    return " ".join(parts)


def visit_refusal(user: Any) -> str | None:
    member = _member(user)
    if member is None:
        return None
    group = member.current_group
    if group is not None and not group.can_visit:
        return _ban_sentence(member, _("You are banned from visiting this site."))
    return None


def _posting_group_refusal(member: User, allowed: bool) -> str | None:
    if member.is_staff or member.is_superuser:
        return None  # staff are never refused by a rank or group
    group = member.current_group
    if group is not None and group.code in {
        MemberGroup.Code.BANNED_POST,
        MemberGroup.Code.BANNED_VISIT,
    }:
        return _ban_sentence(member, _("You are banned from posting."))
    if not allowed:
        return _("Your member group may not do this.")
    return None


def _active_member_refusal(user: Any) -> tuple[User | None, str | None]:
    member = _member(user)
    if member is None:
        return None, _("Log in first.")
    if not member.is_active:
        return None, _("Your account is disabled.")
    return member, None


def comment_refusal(user: Any, article: Commentable) -> str | None:
    member, refusal = _active_member_refusal(user)
    if member is None:
        return refusal
    if not article.allow_comments:
        return _("Comments are closed for this article.")
    group = member.current_group
    return _posting_group_refusal(member, group is None or group.can_comment)


def can_comment(user: Any, article: Commentable) -> bool:
    return comment_refusal(user, article) is None


def post_refusal(user: Any) -> str | None:
    """May this member start a thread anywhere (boards add their own rules)?"""
    member, refusal = _active_member_refusal(user)
    if member is None:
        return refusal
    group = member.current_group
    return _posting_group_refusal(member, group is None or group.can_post)


def reply_refusal(user: Any) -> str | None:
    member, refusal = _active_member_refusal(user)
    if member is None:
        return refusal
    group = member.current_group
    return _posting_group_refusal(member, group is None or group.can_reply)


def upload_refusal(user: Any) -> str | None:
    member, refusal = _active_member_refusal(user)
    if member is None:
        return refusal
    group = member.current_group
    return _posting_group_refusal(member, group is None or group.can_upload)


def upload_limit_kb(user: Any) -> int:
    member = _member(user)
    group = member.current_group if member else None
    return group.upload_max_kb if group else 2048


def message_refusal(user: Any) -> str | None:
    """May this member start a private conversation (its group's rule)?"""
    member, refusal = _active_member_refusal(user)
    if member is None:
        return refusal
    if member.is_staff or member.is_superuser:
        return None
    group = member.current_group
    if group is not None and group.code in {
        MemberGroup.Code.BANNED_POST,
        MemberGroup.Code.BANNED_VISIT,
    }:
        return _ban_sentence(member, _("You are banned from posting."))
    if group is not None and not group.can_message:
        return _("Your member group may not start private conversations.")
    return None


def message_reply_refusal(user: Any) -> str | None:
    """May this member answer in a conversation they are in? Only a ban says no."""
    member, refusal = _active_member_refusal(user)
    if member is None:
        return refusal
    return _posting_group_refusal(member, True)


def conversations_per_day(user: Any) -> int:
    """How many conversations the member may start in 24 hours; 0: no limit."""
    member = _member(user)
    if member is None or member.is_staff or member.is_superuser:
        return 0
    group = member.current_group
    return group.conversations_per_day if group else 0


def is_newcomer(member: User, group: MemberGroup | None = None) -> bool:
    """New until the member reaches their group's posts or days, whichever comes first."""
    group = group or member.current_group
    if group is None or not (group.newcomer_posts or group.newcomer_days):
        return False
    if group.newcomer_posts and member.post_count >= group.newcomer_posts:
        return False
    age = timezone.now() - member.date_joined
    return not (group.newcomer_days and age >= dt.timedelta(days=group.newcomer_days))


def signature_refusal(member: User) -> str | None:
    """New members of a group that says so may not have a signature yet."""
    if member.is_staff or member.is_superuser or is_moderator(member):
        return None
    group = member.current_group
    if group and group.newcomer_no_signature and is_newcomer(member, group):
        return _("New members may not have a signature yet.")
    return None
