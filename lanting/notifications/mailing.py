"""Notices by e-mail: at once or in a daily digest, per kind, as each member chooses.

Mail is written and sent by jobs, never in the request: ``mail_notices`` right after a
notice is written (for the kinds a member wants at once), ``send_digests`` every hour
(schedule.PERIODIC) for members away ``LANTING_DIGEST_AWAY_DAYS`` days, at most once a
day each. A ``MailedNotice`` row (unique per notice) remembers what went out, so no
notice is mailed twice. Each mail is in its recipient's language and carries a one-click
unsubscribe link (RFC 8058) signed for that member and what it stops, which works
without logging in.
"""

import datetime as dt
import html
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags

from lanting.jobs.queue import job
from lanting.notifications.models import MailedNotice, MailMode, MailPreference, Notification
from lanting.notifications.selectors import Group, group_notices

Kind = Notification.Kind
# Messages and mentions at once, replies in the digest, likes not at all (Discourse's spirit).
DEFAULTS: dict[str, str] = {
    Kind.REPLY: MailMode.DIGEST,
    Kind.QUOTE: MailMode.INSTANT,
    Kind.MENTION: MailMode.INSTANT,
    Kind.THREAD_REMOVED: MailMode.INSTANT,
    Kind.POST_REMOVED: MailMode.INSTANT,
    Kind.COMMENT: MailMode.DIGEST,
    Kind.WATCHED: MailMode.INSTANT,  # each watch may ask for the digest only
    Kind.LIKE: MailMode.OFF,
    Kind.MESSAGE: MailMode.INSTANT,
    Kind.REPORT_DONE: MailMode.DIGEST,
    Kind.POST_APPROVED: MailMode.DIGEST,
    Kind.POST_REJECTED: MailMode.INSTANT,
}
DIGEST_EVERY = dt.timedelta(hours=20)  # "daily", for a job that runs every hour
DIGEST_REACH = dt.timedelta(days=7)  # a first digest looks this far back
DIGEST_MOST = 50  # notices in one digest
UNSUBSCRIBE_SALT = "lanting.notifications.unsubscribe"


def preference_for(member_id: int) -> MailPreference:
    """The member's choices: their row, or the defaults (not saved)."""
    row = MailPreference.objects.filter(member_id=member_id).first()
    return row or MailPreference(member_id=member_id)


def mode_for(preference: MailPreference, kind: str) -> str:
    chosen = (preference.kinds or {}).get(kind)
    return chosen if chosen in MailMode.values else DEFAULTS.get(kind, MailMode.OFF)


def wanting_at_once(member_ids: set[int], kind: str) -> set[int]:
    """Those of the members who want this kind of notice mailed at once (one query)."""
    chosen = dict(
        MailPreference.objects.filter(member_id__in=member_ids).values_list("member_id", "kinds")
    )
    return {
        member_id
        for member_id in member_ids
        if mode_for(MailPreference(kinds=chosen.get(member_id) or {}), kind) == MailMode.INSTANT
    }


@transaction.atomic
def save_preferences(
    *,
    member_id: int,
    kinds: dict[str, str],
    digest: bool,
    watch_started: bool,
    watch_replied: bool,
) -> MailPreference:
    unknown = {
        kind
        for kind, mode in kinds.items()
        if kind not in Kind.values or mode not in MailMode.values
    }
    if unknown:
        raise ValueError(f"unknown kinds or modes: {sorted(unknown)}")
    try:
        with transaction.atomic():
            row, _created = MailPreference.objects.get_or_create(member_id=member_id)
    except IntegrityError:  # saved from another tab meanwhile
        row = MailPreference.objects.get(member_id=member_id)
    row.kinds = {kind: mode for kind, mode in kinds.items() if DEFAULTS.get(kind) != mode}
    row.digest, row.watch_started, row.watch_replied = digest, watch_started, watch_replied
    row.save(update_fields=["kinds", "digest", "watch_started", "watch_replied"])
    return row


# Unsubscribing: a signed word for one member and one thing to stop.

SCOPE_PREFIXES = ("kind", "thread", "board")


def unsubscribe_token(member_id: int, scope: str) -> str:
    """``scope``: "kind:reply" (that kind's mail off), "thread:12" / "board:3" (unwatch),
    "digest" (no more digests)."""
    return signing.dumps({"m": member_id, "s": scope}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_token(token: str) -> tuple[int, str]:
    """The member and scope of an unsubscribe link; ``signing.BadSignature`` when forged."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    member_id, scope = data.get("m"), data.get("s")
    if not isinstance(member_id, int) or not isinstance(scope, str):
        raise signing.BadSignature("unexpected content")
    prefix, _sep, rest = scope.partition(":")
    valid = (
        scope == "digest"
        or (prefix == "kind" and rest in Kind.values)
        or (prefix in ("thread", "board") and rest.isdigit())
    )
    if not valid:
        raise signing.BadSignature("unknown scope")
    return member_id, scope


def unsubscribe(*, member_id: int, scope: str) -> None:
    """Stop what the link names; saying it twice changes nothing."""
    from lanting.notifications.watching import unwatch

    prefix, _sep, rest = scope.partition(":")
    if prefix in ("thread", "board"):
        unwatch(member_id=member_id, target=prefix, target_id=int(rest))
        return
    with transaction.atomic():
        try:
            with transaction.atomic():
                row, _created = MailPreference.objects.get_or_create(member_id=member_id)
        except IntegrityError:
            row = MailPreference.objects.get(member_id=member_id)
        if scope == "digest":
            row.digest = False
        else:
            row.kinds = {**(row.kinds or {}), rest: MailMode.OFF}
        row.save(update_fields=["kinds", "digest"])


# Writing the mail.


def site_url() -> str:
    """Where links in mail point: LANTING_SITE_URL, else the first allowed host."""
    if settings.LANTING_SITE_URL:
        return str(settings.LANTING_SITE_URL)
    host = next((h for h in settings.ALLOWED_HOSTS if h and "*" not in h), "localhost")
    host = host.lstrip(".")
    local = host in {"localhost", "127.0.0.1", "[::1]"} or host.endswith(".localhost")
    return f"{'http' if local else 'https'}://{host}"


def absolute(path: str) -> str:
    return path if urlsplit(path).scheme else site_url() + path


def _language(member: Any) -> str:
    return str(member.language or settings.LANGUAGE_CODE)


def line_text(group: Group) -> str:
    """The notice's line as on /notifications/, as plain text."""
    context = {
        "name": group.actors[0] if group.actors else "",
        "subject": group.subject,
        "others": group.others,
        "key": group.key,
    }
    rendered = render_to_string(f"notifications/line/{group.kind}.html", context)
    return html.unescape(strip_tags(rendered)).strip()


def _entries(groups: list[Group]) -> list[dict[str, Any]]:
    return [
        {
            "group": group,
            "line": line_text(group),
            "url": absolute(reverse("notifications:open", args=[group.first_id])),
            "text": group.text,
        }
        for group in groups
    ]


def _send(*, member: Any, template: str, context: dict[str, Any], scope: str) -> None:
    from lanting.core.selectors import site_sender, site_settings

    token = unsubscribe_token(member.pk, scope)
    unsubscribe_url = absolute(reverse("notifications:unsubscribe", args=[token]))
    full = {
        **context,
        "member": member,
        "site_name": site_settings().name,
        "site_url": site_url(),
        "unsubscribe_url": unsubscribe_url,
        "settings_url": absolute(reverse("notifications:settings")),
    }
    with translation.override(_language(member)):
        subject = " ".join(render_to_string(f"{template}_subject.txt", full).split())
        text = render_to_string(f"{template}.txt", full)
        page = render_to_string(f"{template}.html", full)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=site_sender(),
        to=[member.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(page, "text/html")
    message.send()


def _may_mail(member: Any) -> bool:
    return bool(member.is_active and member.email and member.email_verified)


def _claim(notice: Notification, way: str) -> bool:
    """Mark the notice mailed; False when it already was (by the other job, say)."""
    try:
        with transaction.atomic():
            MailedNotice.objects.create(notification=notice, way=way)
    except IntegrityError:
        return False
    return True


@job(attempts=3, backoff=60)
def mail_notices(ids: list[int]) -> int:
    """Mail each notice at once to those who want its kind so; return how many went out."""
    notices = Notification.objects.filter(
        pk__in=ids, read_at=None, mailed__isnull=True
    ).select_related("recipient")
    sent = 0
    for notice in notices:
        member = notice.recipient
        if (
            not _may_mail(member)
            or mode_for(preference_for(member.pk), notice.kind) != MailMode.INSTANT
        ):
            continue
        if not _claim(notice, MailedNotice.Way.INSTANT):
            continue
        group = group_notices([notice])[0]
        target = group.watch_target
        scope = f"{target[0]}:{target[1]}" if target else f"kind:{notice.kind}"
        with translation.override(_language(member)):
            entry = _entries([group])[0]
        _send(
            member=member,
            template="notifications/mail/notice",
            context={"entry": entry, "notice": notice, "watch": target},
            scope=scope,
        )
        sent += 1
    return sent


def away_members(now: dt.datetime) -> list[int]:
    """Members away for the set number of days with unread notices not mailed yet."""
    away = now - dt.timedelta(days=settings.LANTING_DIGEST_AWAY_DAYS)
    gone = Q(recipient__last_visit__lt=away) | Q(
        recipient__last_visit__isnull=True, recipient__date_joined__lt=away
    )
    found = (
        Notification.objects.filter(
            gone,
            read_at=None,
            mailed__isnull=True,
            created_at__gte=now - DIGEST_REACH,
            recipient__is_active=True,
        )
        .exclude(recipient__email="")
        .order_by()
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    return sorted(found)


def send_digest(member_id: int, now: dt.datetime) -> bool:
    """The member's digest: what they have not read (and were not mailed) since the last one."""
    from lanting.accounts.models import User

    member = User.objects.filter(pk=member_id).first()
    if member is None or not _may_mail(member):
        return False
    preference = preference_for(member_id)
    last = preference.last_digest_at
    if not preference.digest or (last is not None and last > now - DIGEST_EVERY):
        return False
    since = max(last, now - DIGEST_REACH) if last else now - DIGEST_REACH
    notices = [
        notice
        for notice in Notification.objects.filter(
            recipient_id=member_id,
            read_at=None,
            mailed__isnull=True,
            created_at__gt=since,
            created_at__lte=now,
        )[:DIGEST_MOST]
        if mode_for(preference, notice.kind) != MailMode.OFF
    ]
    if not notices:
        return False
    if preference.pk is None:
        try:
            with transaction.atomic():
                preference.save()
        except IntegrityError:
            preference = MailPreference.objects.get(member_id=member_id)
            if preference.last_digest_at != last:
                return False
    # One UPDATE claims this member's digest: two workers at once send it once.
    rows = MailPreference.objects.filter(pk=preference.pk)
    rows = rows.filter(last_digest_at=last) if last else rows.filter(last_digest_at__isnull=True)
    claimed = rows.update(last_digest_at=now)
    if not claimed:
        return False
    notices = [notice for notice in notices if _claim(notice, MailedNotice.Way.DIGEST)]
    if not notices:
        return False
    with translation.override(_language(member)):
        watched = _entries(group_notices(n for n in notices if n.kind == Kind.WATCHED))
        yours = _entries(group_notices(n for n in notices if n.kind != Kind.WATCHED))
    _send(
        member=member,
        template="notifications/mail/digest",
        context={"yours": yours, "watched": watched, "count": len(notices), "since": since},
        scope="digest",
    )
    return True


@job(attempts=3, backoff=300)
def send_digests() -> int:
    """Every hour: the digest of each member away long enough who has one due."""
    now = timezone.now()
    return sum(send_digest(member_id, now) for member_id in away_members(now))
