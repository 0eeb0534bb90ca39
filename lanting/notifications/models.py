from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Notification(models.Model):
    class Kind(models.TextChoices):
        REPLY = "reply", _("reply to your thread")
        QUOTE = "quote", _("quote of your post")
        MENTION = "mention", _("mention")
        THREAD_REMOVED = "thread_removed", _("your thread removed")
        POST_REMOVED = "post_removed", _("your reply removed")
        COMMENT = "comment", _("comment on your article")
        WATCHED = "watched", _("reply in a thread or board you watch")
        LIKE = "like", _("like of your post")
        MESSAGE = "message", _("private message")
        REPORT_DONE = "report_done", _("outcome of your report")
        POST_APPROVED = "post_approved", _("your post approved")
        POST_REJECTED = "post_rejected", _("your post rejected")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    actor_name = models.CharField(_("by (name)"), max_length=150, blank=True)
    subject = models.CharField(_("about"), max_length=200)
    url = models.CharField(_("link"), max_length=500)
    # Notices of one kind about one thing (replies in one thread) show as one line.
    group_key = models.CharField(_("group"), max_length=100)
    text = models.TextField(_("text"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]
        verbose_name = pgettext_lazy("model", "notification")
        verbose_name_plural = pgettext_lazy("model", "notifications")

    def __str__(self) -> str:
        return f"{self.kind}: {self.subject}"


class MailMode(models.TextChoices):
    """How a member hears of a kind of notice by e-mail."""

    INSTANT = "instant", _("at once")
    DIGEST = "digest", _("in the daily digest")
    OFF = "off", _("off")


class Watch(models.Model):
    """A member watching (关注) a thread or a board: told of each reply, or each new thread."""

    class Mode(models.TextChoices):
        INSTANT = "instant", _("at once")
        DIGEST = "digest", _("daily digest")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="watches",
        verbose_name=_("member"),
    )
    thread = models.ForeignKey(
        "forum.Thread",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="watches",
        verbose_name=_("thread"),
    )
    board = models.ForeignKey(
        "forum.Board",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="watches",
        verbose_name=_("board"),
    )
    mode = models.CharField(_("e-mail"), max_length=10, choices=Mode.choices, default=Mode.INSTANT)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Two tabs pressing 关注 at once make one row.
            models.UniqueConstraint(
                fields=["member", "thread"],
                condition=models.Q(thread__isnull=False),
                name="watch_one_per_thread",
            ),
            models.UniqueConstraint(
                fields=["member", "board"],
                condition=models.Q(board__isnull=False),
                name="watch_one_per_board",
            ),
            models.CheckConstraint(
                condition=models.Q(thread__isnull=True, board__isnull=False)
                | models.Q(thread__isnull=False, board__isnull=True),
                name="watch_thread_or_board",
            ),
        ]
        verbose_name = pgettext_lazy("model", "watch")
        verbose_name_plural = pgettext_lazy("model", "watches")

    def __str__(self) -> str:
        return f"{self.member_id} → {'thread' if self.thread_id else 'board'} {self.target_id}"

    @property
    def target(self) -> str:
        return "thread" if self.thread_id else "board"

    @property
    def target_id(self) -> int:
        return int(self.thread_id or self.board_id or 0)


class MailPreference(models.Model):
    """A member's e-mail choices; members without a row have the defaults (``mailing.DEFAULTS``)."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mail_preference",
        verbose_name=_("member"),
    )
    # {kind: "instant" | "digest" | "off"} for the kinds the member changed.
    kinds = models.JSONField(_("e-mail per kind"), default=dict, blank=True)
    digest = models.BooleanField(_("daily digest"), default=True)
    watch_started = models.BooleanField(_("watch threads I start"), default=True)
    watch_replied = models.BooleanField(_("watch threads I reply to"), default=False)
    last_digest_at = models.DateTimeField(_("last digest"), null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "e-mail preference")
        verbose_name_plural = pgettext_lazy("model", "e-mail preferences")

    def __str__(self) -> str:
        return str(self.member_id)


class MailedNotice(models.Model):
    """A notice that has gone out by e-mail: never sent twice (the row is unique)."""

    class Way(models.TextChoices):
        INSTANT = "instant", _("at once")
        DIGEST = "digest", _("in the daily digest")

    notification = models.OneToOneField(
        Notification,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="mailed",
        verbose_name=pgettext_lazy("model", "notification"),
    )
    way = models.CharField(_("how"), max_length=10, choices=Way.choices)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "mailed notice")
        verbose_name_plural = pgettext_lazy("model", "mailed notices")

    def __str__(self) -> str:
        return f"{self.notification_id} ({self.way})"
