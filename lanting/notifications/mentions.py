"""``@name`` in what members write: who is meant, and a link to each one's profile."""

import html
import re
from collections.abc import Iterable
from typing import Any

from django.db.models.functions import Lower

MAX_MENTIONS = 10  # names notified per post; more are links but not notices
# A name as registration allows it (letters of any script, digits, _ . -), after a space,
# the start or a CJK character; not inside an e-mail address.
MENTION = re.compile(r"(?<![\w@.])@([\w.\-]{2,30})", re.UNICODE)
_TAG = re.compile(r"(<[^>]+>)")
_SKIP = {"a", "code", "pre"}


def names_in(text: str) -> list[str]:
    """The names mentioned, in order, once each (as written; matched case-blind)."""
    if "@" not in text:
        return []
    seen: dict[str, str] = {}
    for match in MENTION.finditer(text):
        name = match.group(1).rstrip(".-")
        seen.setdefault(name.lower(), name)
    return list(seen.values())


def members_named(names: Iterable[str]) -> dict[str, Any]:
    """Existing, active members by lower-cased username."""
    from lanting.accounts.models import User

    wanted = {name.lower() for name in names}
    if not wanted:
        return {}
    found = User.objects.annotate(lower=Lower("username")).filter(lower__in=wanted, is_active=True)
    return {member.username.lower(): member for member in found}


def link_mentions(body_html: str, members: dict[str, Any]) -> str:
    """``@name`` in the text (not in links or code) becomes a link to that member's profile."""
    if not members or "@" not in body_html:
        return body_html
    parts = _TAG.split(body_html)
    skipping = 0
    for index, part in enumerate(parts):
        if part.startswith("<"):
            name = part[1:].lstrip("/").split(None, 1)[0].rstrip(">").lower()
            if name in _SKIP:
                skipping += -1 if part.startswith("</") else 1
                skipping = max(skipping, 0)
            continue
        if skipping or "@" not in part:
            continue

        def link(match: re.Match[str]) -> str:
            member = members.get(match.group(1).rstrip(".-").lower())
            if member is None:
                return match.group(0)
            url = html.escape(member.get_absolute_url())
            return f'<a class="mention" href="{url}">@{html.escape(member.username)}</a>'

        parts[index] = MENTION.sub(link, part)
    return "".join(parts)


def blocked_by(member_ids: Iterable[int], actor_id: int) -> set[int]:
    """Those of ``member_ids`` who refuse ``actor_id`` (blocked in private messages): they are
    not told of what the actor does either. One indexed query; none without the messages app."""
    from django.apps import apps

    ids = set(member_ids)
    if not ids or not apps.is_installed("lanting.messages"):
        return set()
    block = apps.get_model("pm", "Block")
    return set(
        block.objects.filter(member_id__in=ids, blocked_id=actor_id).values_list(
            "member_id", flat=True
        )
    )


def mention_problems(text: str, author: Any) -> tuple[list[str], list[str]]:
    """What the author should hear about the @names in a post they just wrote: names no
    member has (nobody was told), and members who block them (not told)."""
    names = names_in(text)[:MAX_MENTIONS]
    if not names:
        return [], []
    found = members_named(names)
    unknown = [name for name in names if name.lower() not in found]
    refusing = blocked_by((member.pk for member in found.values()), author.pk)
    muted = [member.username for member in found.values() if member.pk in refusing]
    return unknown, muted
