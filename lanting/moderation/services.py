import datetime as dt
import ipaddress

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lanting.accounts import permissions
from lanting.accounts.models import MemberGroup, User
from lanting.moderation.models import Ban, ModerationLog
from lanting.pagecache.tags import touch

BANNED_GROUP = {
    Ban.Kind.POST: MemberGroup.Code.BANNED_POST,
    Ban.Kind.VISIT: MemberGroup.Code.BANNED_VISIT,
}


def _touch_member(member: User | None) -> None:
    touch("bans", *([f"member:{member.pk}"] if member else []))


def log_action(
    *,
    actor: User | None,
    action: str,
    member: User | None = None,
    target: str = "",
    detail: str = "",
) -> ModerationLog:
    return ModerationLog.objects.create(
        actor=actor, action=action, target_member=member, target=target[:200], detail=detail
    )


def ensure_can_ban(moderator: User, kind: str) -> None:
    if kind == Ban.Kind.POST and (
        permissions.is_moderator(moderator) or permissions.is_board_moderator_group(moderator)
    ):
        return
    if permissions.is_moderator(moderator):
        return
    raise PermissionDenied(_("Only moderators may ban members."))


def _banned_group(kind: str) -> MemberGroup:
    group, _created = MemberGroup.objects.get_or_create(
        code=BANNED_GROUP[kind],  # type: ignore[index]
        defaults={
            "name": "禁止发言" if kind == Ban.Kind.POST else "禁止访问",
            "name_en": "Banned from posting" if kind == Ban.Kind.POST else "Banned from visiting",
            "kind": MemberGroup.Kind.SYSTEM,
            "can_visit": kind == Ban.Kind.POST,
            "can_post": False,
            "can_reply": False,
            "can_comment": False,
            "can_upload": False,
        },
    )
    return group


@transaction.atomic
def ban_member(
    *, member: User, moderator: User, kind: str, reason: str, until: dt.datetime | None
) -> Ban:
    """Ban a member from posting or visiting, at once, with a reason and an end (or none)."""
    ensure_can_ban(moderator, kind)
    if kind not in BANNED_GROUP:
        raise ValidationError(_("Choose a ban type."))
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give a reason: it is shown to the member and in the darkroom."))
    if member.pk == moderator.pk:
        raise ValidationError(_("You cannot ban yourself."))
    if member.is_staff or member.is_superuser or permissions.is_moderator(member):
        raise PermissionDenied(_("Staff and moderators cannot be banned here."))
    if until is not None and until <= timezone.now():
        raise ValidationError(_("The end of the ban must be in the future."))
    member = User.objects.select_for_update().get(pk=member.pk)
    previous = (
        member.group if member.group and member.group.code not in BANNED_GROUP.values() else None
    )
    for current in Ban.objects.filter(member=member, lifted_at__isnull=True).exclude(
        kind=Ban.Kind.IP
    ):
        if current.is_current:
            previous = current.previous_group
        current.lifted_at, current.lifted_by = timezone.now(), moderator
        current.save(update_fields=["lifted_at", "lifted_by"])
    ban = Ban.objects.create(
        kind=kind,
        member=member,
        reason=reason[:255],
        moderator=moderator,
        ends_at=until,
        previous_group=previous,
    )
    User.objects.filter(pk=member.pk).update(
        group=_banned_group(kind), group_expires_at=until, group_reason=reason[:255]
    )
    log_action(
        actor=moderator, action=f"ban_{kind}", member=member, target=member.username, detail=reason
    )
    _touch_member(member)
    return ban


def _restore_member(ban: Ban) -> None:
    if ban.member_id is None:
        return
    still_banned = (
        Ban.objects.filter(member_id=ban.member_id, lifted_at__isnull=True)
        .exclude(pk=ban.pk)
        .exclude(kind=Ban.Kind.IP)
    )
    if any(other.is_current for other in still_banned):
        return
    User.objects.filter(pk=ban.member_id).update(
        group=ban.previous_group, group_expires_at=None, group_reason=""
    )


@transaction.atomic
def lift_ban(*, ban: Ban, moderator: User | None) -> None:
    if moderator is not None:
        ensure_can_ban(moderator, ban.kind)
    if ban.lifted_at is not None:
        return
    ban.lifted_at, ban.lifted_by = timezone.now(), moderator
    ban.save(update_fields=["lifted_at", "lifted_by"])
    _restore_member(ban)
    _touch_member(ban.member)
    log_action(
        actor=moderator,
        action=f"unban_{ban.kind}",
        member=ban.member,
        target=ban.member.username if ban.member else ban.ip_range,
    )


@transaction.atomic
def ban_ip_range(
    *,
    ip_range: str,
    moderator: User,
    reason: str,
    until: dt.datetime | None,
    moderator_ip: str = "",
) -> Ban:
    ensure_can_ban(moderator, Ban.Kind.IP)
    try:
        network = ipaddress.ip_network(ip_range.strip(), strict=False)
    except ValueError:
        raise ValidationError(_("Enter an address or a network such as 203.0.113.0/24.")) from None
    if network.num_addresses > 2**24:
        raise ValidationError(_("That range is too wide to ban at once."))
    if moderator_ip and ipaddress.ip_address(moderator_ip) in network:
        raise ValidationError(_("That range includes your own address."))
    if not reason.strip():
        raise ValidationError(_("Give a reason: it is shown to the member and in the darkroom."))
    ban = Ban.objects.create(
        kind=Ban.Kind.IP,
        ip_range=str(network),
        reason=reason.strip()[:255],
        moderator=moderator,
        ends_at=until,
    )
    log_action(actor=moderator, action="ban_ip", target=str(network), detail=reason)
    return ban


def lift_expired_bans() -> int:
    """Close bans whose time is over and give members back their earlier group."""
    now = timezone.now()
    expired = list(Ban.objects.filter(lifted_at__isnull=True, ends_at__lte=now))
    for ban in expired:
        with transaction.atomic():
            Ban.objects.filter(pk=ban.pk).update(lifted_at=now)
            _restore_member(ban)
            _touch_member(ban.member)
            log_action(
                actor=None,
                action=f"expire_{ban.kind}",
                member=ban.member,
                target=ban.member.username if ban.member else ban.ip_range,
            )
    return len(expired)
