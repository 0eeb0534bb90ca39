import ipaddress

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Ban(models.Model):
    """A ban of a member (from posting or visiting) or of an IP range, as in Discuz!'s 小黑屋."""

    class Kind(models.TextChoices):
        POST = "post", _("Banned from posting")
        VISIT = "visit", _("Banned from visiting")
        IP = "ip", _("IP range banned")

    kind = models.CharField(_("ban type"), max_length=10, choices=Kind.choices)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="bans",
    )
    ip_range = models.CharField(
        _("IP range"),
        max_length=50,
        blank=True,
        help_text=_("An address or a network such as 203.0.113.0/24."),
    )
    reason = models.CharField(_("reason"), max_length=255)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="bans_given",
    )
    starts_at = models.DateTimeField(_("from"), default=timezone.now)
    ends_at = models.DateTimeField(
        _("until"), null=True, blank=True, help_text=_("Empty: permanent.")
    )
    previous_group = models.ForeignKey(
        "accounts.MemberGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        help_text=_("The group the member goes back to when the ban ends."),
    )
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lifted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("ban")
        verbose_name_plural = _("bans")
        ordering = ["-starts_at", "-pk"]
        indexes = [
            models.Index(fields=["lifted_at", "ends_at"], name="moderation_ban_current_idx"),
            models.Index(fields=["member", "lifted_at"], name="moderation_ban_member_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="ip") & ~Q(ip_range=""))
                | (~Q(kind="ip") & Q(member__isnull=False)),
                name="moderation_ban_has_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.member or self.ip_range}"

    def clean(self) -> None:
        if self.kind == self.Kind.IP:
            try:
                ipaddress.ip_network(self.ip_range.strip(), strict=False)
            except ValueError:
                raise ValidationError({"ip_range": _("Enter an address or a network.")}) from None
        elif self.member_id is None:
            raise ValidationError({"member": _("Choose the member to ban.")})

    @property
    def is_current(self) -> bool:
        return self.lifted_at is None and (self.ends_at is None or self.ends_at > timezone.now())


class ModerationLog(models.Model):
    """Every moderator action, for the admin: who did what to whom, and why."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=40)
    target_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    target = models.CharField(_("object"), max_length=200, blank=True)
    detail = models.TextField(_("detail"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor}: {self.action} {self.target}"


class CensorWord(models.Model):
    """A word or pattern of the word filter, as Discuz!'s ``pre_common_word``.

    ``find`` is a word (``{5}`` in it stands for up to five characters of anything, as
    in Discuz!) or a regular expression between slashes (``/代.{0,3}办/``); matching
    ignores letter case. What happens on a match is ``action``.
    """

    class Action(models.TextChoices):
        BANNED = "banned", _("Refuse the text ({BANNED})")
        MOD = "mod", _("Hold it for review ({MOD})")
        REPLACE = "replace", _("Replace the word")

    find = models.CharField(_("word or pattern"), max_length=255)
    action = models.CharField(
        _("on a match"), max_length=10, choices=Action.choices, default=Action.BANNED
    )
    replacement = models.CharField(
        _("replacement"),
        max_length=255,
        blank=True,
        help_text=_("Only for “Replace”: empty is **."),
    )
    category = models.CharField(_("category"), max_length=40, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("added at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("filtered word")
        verbose_name_plural = _("word filter")
        ordering = ["find"]
        constraints = [
            models.UniqueConstraint(Lower("find"), name="moderation_censorword_find_unique")
        ]

    def __str__(self) -> str:
        return self.find

    def clean(self) -> None:
        from lanting.moderation.wordfilter import pattern_problem

        self.find = self.find.strip()
        problem = pattern_problem(self.find)
        if problem:
            raise ValidationError({"find": problem})
        if self.action != self.Action.REPLACE:
            self.replacement = ""


class QueueEntry(models.Model):
    """One item in the review queue: content waiting for approval, or reported content.

    The target is generic (content type + id), so any app's content can wait here: forum
    posts, article comments, profiles, and later private messages. Repeated reports of
    one item are one open entry (a UNIQUE constraint holds it against races) with a count.
    """

    class Kind(models.TextChoices):
        PENDING = "pending", _("Awaiting review")
        REPORT = "report", _("Reported")

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        APPROVED = "approved", _("Approved")
        REMOVED = "removed", _("Removed")
        DISMISSED = "dismissed", _("Dismissed")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("content type"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    board_id = models.PositiveIntegerField(
        _("board"), null=True, blank=True, help_text=_("Its board's moderators see it too.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    excerpt = models.TextField(_("excerpt"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    why = models.CharField(_("why"), max_length=255, blank=True)
    report_count = models.PositiveIntegerField(_("reports"), default=0)
    created_at = models.DateTimeField(_("since"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome = models.CharField(_("outcome"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("review queue entry")
        verbose_name_plural = _("review queue")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["state", "board_id", "-created_at"], name="moderation_queue_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id"],
                condition=Q(state="open"),
                name="moderation_queue_one_open",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title or self.excerpt[:40]}"


class Report(models.Model):
    """One member's report (举报) of one item; the item's queue entry counts them."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Advertising or spam")
        ABUSE = "abuse", _("Abuse or harassment")
        ILLEGAL = "illegal", _("Illegal content")
        PORN = "porn", _("Pornography")
        FRAUD = "fraud", _("Fraud or scam")
        OTHER = "other", _("Something else")

    entry = models.ForeignKey(
        QueueEntry, verbose_name=_("queue entry"), on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reporter"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    text = models.CharField(_("details"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("reported at"), default=timezone.now)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "reporter"], name="moderation_report_once_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reporter}: {self.get_reason_display()}"


class Purge(models.Model):
    """One spammer purged in one action: what went to the recycle bin, so it can be undone."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=255)
    # {"forum.thread": [ids], "forum.post": [ids], "portal.comment": [ids]}: what it hid.
    removed = models.JSONField(_("removed"), default=dict)
    bans = models.ManyToManyField(Ban, verbose_name=_("bans"), blank=True, related_name="+")
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)

    class Meta:
        verbose_name = _("purge")
        verbose_name_plural = _("purges")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.member} ({self.created_at:%Y-%m-%d})"
