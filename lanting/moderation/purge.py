"""Purge a spammer in one action: ban them (and the addresses they posted from), put every
thread, post and comment of theirs in the recycle bin (so out of search), and keep a
record so a moderator can undo it within 30 days.

One transaction: a purge that fails half-way leaves nothing half-hidden.
"""

import datetime as dt
import ipaddress
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lanting.accounts import permissions
from lanting.accounts.models import User
from lanting.moderation import targets
from lanting.moderation.models import Ban, Purge, QueueEntry
from lanting.moderation.services import ban_ip_range, ban_member, lift_ban, log_action

UNDO_DAYS = 30


@dataclass(frozen=True)
class PurgePreview:
    member: User
    parts: list[tuple[str, int, list[str]]]  # (what, how many, a few titles)
    addresses: list[str]

    @property
    def total(self) -> int:
        return sum(count for _label, count, _titles in self.parts)


def ensure_can_purge(moderator: User, member: User) -> None:
    if not permissions.is_moderator(moderator):
        raise PermissionDenied(_("Only super moderators and the staff may purge a member."))
    if member.pk == moderator.pk:
        raise ValidationError(_("You cannot purge yourself."))
    if (
        member.is_staff
        or member.is_superuser
        or permissions.is_moderator(member)
        or permissions.is_board_moderator_group(member)
    ):
        raise PermissionDenied(_("Staff and moderators cannot be purged."))


def _addresses(member: User) -> list[str]:
    found: list[str] = []
    for purger in targets.purgers().values():
        for address in purger.addresses(member):
            if address and address not in found:
                found.append(address)
    return found[:10]


def preview_purge(*, member: User, moderator: User) -> PurgePreview:
    ensure_can_purge(moderator, member)
    parts = [purger.preview(member) for purger in targets.purgers().values()]
    return PurgePreview(member, parts, _addresses(member))


@transaction.atomic
def purge_member(*, member: User, moderator: User, reason: str, ban_addresses: bool) -> Purge:
    ensure_can_purge(moderator, member)
    reason = " ".join(reason.split())[:255]
    if not reason:
        raise ValidationError(_("Give a reason: it is shown in the darkroom and the log."))
    addresses = _addresses(member)
    record = Purge.objects.create(member=member, moderator=moderator, reason=reason)
    bans = [ban_member(member=member, moderator=moderator, kind=Ban.Kind.POST, reason=reason,
                       until=None)]  # fmt: skip
    if ban_addresses:
        for address in addresses:
            try:
                network = ipaddress.ip_network(address)
            except ValueError:
                continue
            bans.append(
                ban_ip_range(ip_range=str(network), moderator=moderator, reason=reason, until=None)
            )
    record.bans.set(bans)
    record.removed = {
        label: purger.hide(member, moderator, reason) for label, purger in targets.purgers().items()
    }
    record.save(update_fields=["removed"])
    QueueEntry.objects.filter(author=member, state=QueueEntry.State.OPEN).update(
        state=QueueEntry.State.REMOVED,
        resolved_at=timezone.now(),
        resolved_by=moderator,
        outcome=_("The author was purged: %(reason)s") % {"reason": reason},
    )
    counts = ", ".join(f"{label}: {len(ids)}" for label, ids in record.removed.items())
    log_action(
        actor=moderator,
        action="purge",
        member=member,
        target=f"purge:{record.pk} {member.username}",
        detail=f"{reason} ({counts})",
    )
    return record


@transaction.atomic
def undo_purge(*, record: Purge, moderator: User) -> None:
    if not permissions.is_moderator(moderator):
        raise PermissionDenied(_("Only super moderators and the staff may undo a purge."))
    record = Purge.objects.select_for_update().get(pk=record.pk)
    if record.undone_at is not None:
        raise ValidationError(_("This purge was already undone."))
    if timezone.now() - record.created_at > dt.timedelta(days=UNDO_DAYS):
        raise ValidationError(
            _("A purge can be undone within %(days)d days only.") % {"days": UNDO_DAYS}
        )
    for ban in record.bans.all():
        lift_ban(ban=ban, moderator=moderator)
    purgers = targets.purgers()
    for label, ids in record.removed.items():
        if label in purgers and ids:
            purgers[label].restore(ids, moderator)
    record.undone_at = timezone.now()
    record.save(update_fields=["undone_at"])
    log_action(
        actor=moderator,
        action="undo_purge",
        member=record.member,
        target=f"purge:{record.pk} {record.member.username}",
    )


def recent_purges() -> list[Purge]:
    since = timezone.now() - dt.timedelta(days=UNDO_DAYS)
    return list(
        Purge.objects.filter(created_at__gte=since)
        .select_related("member", "moderator")
        .order_by("-created_at")[:100]
    )
