"""The review queue: content held for review, reports (举报), and moderators' one-click actions.

Writes only; reading the queue is in ``selectors``. An item is any registered target
(``targets``): its app says how to show, approve and remove it.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from lanting.accounts.models import User
from lanting.moderation import targets
from lanting.moderation.models import Ban, QueueEntry, Report
from lanting.moderation.services import ban_member, log_action
from lanting.notifications.models import Notification
from lanting.notifications.services import notify
from lanting.pagecache.tags import touch

REPORT_TEXT_MAX = 500


def _kind(target: models.Model) -> targets.TargetKind:
    kind = targets.kind_of(target)
    if kind is None:
        raise ValidationError(_("This cannot be reported or reviewed."))
    return kind


def _fill(entry: QueueEntry, target: models.Model) -> None:
    described = _kind(target).describe(target)
    entry.title = described.title[:200]
    entry.excerpt = described.excerpt[:2000]
    entry.url = described.url[:300]
    entry.author = described.author
    entry.board_id = described.board_id


def hold_for_review(*, target: models.Model, why: str) -> QueueEntry:
    """Put new content in the queue; the caller has written it hidden (in its transaction)."""
    entry = QueueEntry(
        kind=QueueEntry.Kind.PENDING,
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        why=why[:255],
    )
    _fill(entry, target)
    entry.save()
    touch("moderation-queue")
    return entry


@transaction.atomic
def report_content(
    *, target: models.Model, reporter: User, reason: str, text: str = ""
) -> QueueEntry:
    """One member's report; reports of one item gather in one open entry, counted."""
    kind = _kind(target)
    if reason not in Report.Reason.values:
        raise ValidationError(_("Choose a reason for the report."))
    text = " ".join(text.split())
    if reason == Report.Reason.OTHER and not text:
        raise ValidationError(_("Say what is wrong: you chose “Something else”."))
    if len(text) > REPORT_TEXT_MAX:
        raise ValidationError(
            _("A report can be at most %(max)d characters long.") % {"max": REPORT_TEXT_MAX}
        )
    if not kind.visible_to(target, reporter):
        raise ValidationError(_("This is no longer there to report."))
    described = kind.describe(target)
    if described.author is not None and described.author.pk == reporter.pk:
        raise ValidationError(_("You cannot report your own content."), code="own")
    content_type = ContentType.objects.get_for_model(target)
    entry = _open_report_entry(content_type, target)
    try:
        with transaction.atomic():
            Report.objects.create(entry=entry, reporter=reporter, reason=reason, text=text)
    except IntegrityError:
        raise ValidationError(
            _("You have already reported this. Moderators will look at it."), code="duplicate"
        ) from None
    QueueEntry.objects.filter(pk=entry.pk).update(report_count=F("report_count") + 1)
    entry.report_count += 1
    touch("moderation-queue")
    return entry


def _open_report_entry(content_type: ContentType, target: models.Model) -> QueueEntry:
    """The item's open report entry, made once: two first reports at once meet the
    UNIQUE constraint, and the second reads the row the first made."""
    lookup = {"kind": QueueEntry.Kind.REPORT, "content_type": content_type, "object_id": target.pk}
    entry = QueueEntry.objects.filter(state=QueueEntry.State.OPEN, **lookup).first()
    if entry is not None:
        return entry
    entry = QueueEntry(**lookup)
    _fill(entry, target)
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:
        return QueueEntry.objects.get(state=QueueEntry.State.OPEN, **lookup)
    return entry


def target_of(entry: QueueEntry) -> models.Model | None:
    model = entry.content_type.model_class()
    if model is None:
        return None
    return model._default_manager.filter(pk=entry.object_id).first()


def can_act_on(entry: QueueEntry, member: User, target: models.Model | None = None) -> bool:
    from lanting.accounts import permissions

    if permissions.is_moderator(member):
        return True
    target = target if target is not None else target_of(entry)
    kind = targets.kind_of(target) if target is not None else None
    return bool(kind and target is not None and kind.moderated_by(target, member))


ACTIONS = ("approve", "remove", "dismiss", "ban")


@transaction.atomic
def resolve_entry(
    *, entry: QueueEntry, moderator: User, action: str, reason: str = ""
) -> QueueEntry:
    """Approve, remove (with a reason), dismiss, or ban the author (and remove the item).

    The entry is locked while it is handled: two moderators clicking at once act once.
    """
    if action not in ACTIONS:
        raise ValidationError(_("Choose what to do."))
    entry = QueueEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.state != QueueEntry.State.OPEN:
        raise ValidationError(_("Another moderator has already handled this."))
    target = target_of(entry)
    if not can_act_on(entry, moderator, target):
        raise PermissionDenied(_("Only this board's moderators and the staff may do this."))
    reason = " ".join(reason.split())[:255]
    kind = targets.kind_of(target) if target is not None else None
    if action in {"remove", "ban"} and not reason:
        raise ValidationError(_("Give a reason: the author is told it."))
    if action == "approve":
        if entry.kind != QueueEntry.Kind.PENDING:
            raise ValidationError(_("Only content waiting for review can be approved."))
        if target is None or kind is None or kind.approve is None:
            raise ValidationError(_("This is no longer there."))
        kind.approve(target, moderator)
        state, outcome = QueueEntry.State.APPROVED, _("Approved")
    elif action == "dismiss":
        if entry.kind == QueueEntry.Kind.PENDING:
            raise ValidationError(_("Approve or remove what waits for review."))
        state, outcome = QueueEntry.State.DISMISSED, _("No action was needed")
    else:
        if action == "ban":
            if entry.author is None:
                raise ValidationError(_("This has no author to ban."))
            ban_member(
                member=entry.author, moderator=moderator, kind=Ban.Kind.POST, reason=reason,
                until=None,
            )  # fmt: skip
        if target is not None and kind is not None and kind.remove is not None:
            kind.remove(target, moderator, reason)
        state = QueueEntry.State.REMOVED
        outcome = (
            _("The author was banned and the content removed: %(reason)s")
            if action == "ban"
            else _("The content was removed: %(reason)s")
        ) % {"reason": reason}
    entry.state, entry.resolved_at, entry.resolved_by = state, timezone.now(), moderator
    entry.outcome = str(outcome)[:255]
    entry.save(update_fields=["state", "resolved_at", "resolved_by", "outcome"])
    _close_twin(entry, moderator, state, entry.outcome)
    log_action(
        actor=moderator,
        action=f"queue_{action}",
        member=entry.author,
        target=f"{entry.content_type.model}:{entry.object_id} {entry.title}",
        detail=reason,
    )
    _tell_reporters(entry, moderator)
    touch("moderation-queue")
    return entry


def _close_twin(entry: QueueEntry, moderator: User, state: str, outcome: str) -> None:
    """An item both held for review and reported is one decision: close the other entry."""
    twins = list(
        QueueEntry.objects.filter(
            content_type=entry.content_type, object_id=entry.object_id, state=QueueEntry.State.OPEN
        ).exclude(pk=entry.pk)
    )
    for twin in twins:
        twin.state, twin.resolved_at, twin.resolved_by = state, timezone.now(), moderator
        twin.outcome = outcome
        twin.save(update_fields=["state", "resolved_at", "resolved_by", "outcome"])
        _tell_reporters(twin, moderator)


def _tell_reporters(entry: QueueEntry, moderator: User) -> None:
    if entry.kind != QueueEntry.Kind.REPORT:
        return
    reporters = list(entry.reports.values_list("reporter_id", flat=True))
    notify(
        recipients=reporters,
        kind=Notification.Kind.REPORT_DONE,
        actor=moderator,
        subject=entry.title or entry.excerpt[:60],
        url=entry.url,
        group_key=f"report:{entry.pk}",
        text=entry.outcome,
    )


def close_entries_for(target: models.Model, *, moderator: User | None, outcome: str) -> None:
    """The item was handled elsewhere (deleted from its page, say): its open entries close."""
    content_type = ContentType.objects.get_for_model(target)
    for entry in QueueEntry.objects.filter(
        content_type=content_type, object_id=target.pk, state=QueueEntry.State.OPEN
    ):
        entry.state = QueueEntry.State.REMOVED
        entry.resolved_at, entry.resolved_by, entry.outcome = timezone.now(), moderator, outcome
        entry.save(update_fields=["state", "resolved_at", "resolved_by", "outcome"])
        if moderator is not None:
            _tell_reporters(entry, moderator)
