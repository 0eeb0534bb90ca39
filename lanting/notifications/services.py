"""Writing notifications, after the change they tell of has committed."""

from collections.abc import Iterable
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from lanting.notifications.mentions import blocked_by
from lanting.notifications.models import Notification
from lanting.notifications.selectors import notices_tag, unread_key
from lanting.pagecache.tags import touch


def notify(
    *,
    recipients: Iterable[int | None],
    kind: str,
    actor: Any | None,
    subject: str,
    url: str,
    group_key: str,
    text: str = "",
    mail: bool = True,
) -> None:
    """Tell each recipient (member ids; never the actor themself) once the transaction commits.

    Each notice is then mailed at once to those who want this kind so (a job decides);
    ``mail=False`` leaves it to the daily digest.
    """
    people = {member_id for member_id in recipients if member_id is not None}
    if actor is not None:
        people.discard(actor.pk)
        people -= blocked_by(people, actor.pk)  # who blocks the actor hears nothing of them
    if not people:
        return
    rows = [
        Notification(
            recipient_id=member_id,
            kind=kind,
            actor=actor,
            actor_name=getattr(actor, "username", "") if actor is not None else "",
            subject=subject[:200],
            url=url[:500],
            group_key=group_key[:100],
            text=text,
        )
        for member_id in people
    ]

    def write() -> None:
        Notification.objects.bulk_create(rows)
        cache.delete_many([unread_key(member_id) for member_id in people])
        touch(*[notices_tag(member_id) for member_id in people])
        if not mail:
            return
        from lanting.notifications.mailing import mail_notices, wanting_at_once

        # No job for notices nobody wants mailed at once (likes, by default): the job
        # checks again when it runs, so a choice changed meanwhile still holds.
        wanting = wanting_at_once(people, kind)
        ids = [row.pk for row in rows if row.pk is not None and row.recipient_id in wanting]
        if ids:
            mail_notices.enqueue(ids)

    transaction.on_commit(write)


def _read(member_id: int, **which: Any) -> int:
    """Mark the member's unread notices (those matching ``which``) read; the bell forgets."""
    changed = Notification.objects.filter(recipient_id=member_id, read_at=None, **which).update(
        read_at=timezone.now()
    )
    cache.delete(unread_key(member_id))
    if changed:
        touch(notices_tag(member_id))
    return changed


def mark_all_read(member_id: int) -> int:
    return _read(member_id)


def mark_read_about(member_id: int, group_key: str) -> int:
    """The member saw what the notices of ``group_key`` tell of (a conversation, say)."""
    return _read(member_id, group_key=group_key)


def mark_group_read(member_id: int, notice: Notification) -> int:
    """Opening one line of the page reads every unread notice it gathered."""
    return _read(member_id, group_key=notice.group_key)
