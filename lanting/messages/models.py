from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Conversation(models.Model):
    """Two members, or a small group, writing to each other (UCenter's pm_lists row)."""

    subject = models.CharField(_("subject"), max_length=80)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    is_group = models.BooleanField(_("group conversation"), default=False)
    created_at = models.DateTimeField(_("started at"), default=timezone.now, db_index=True)
    last_message_at = models.DateTimeField(_("last message at"), default=timezone.now)
    message_count = models.PositiveIntegerField(_("messages"), default=0)

    class Meta:
        verbose_name = pgettext_lazy("model", "conversation")
        verbose_name_plural = pgettext_lazy("model", "conversations")
        ordering = ["-last_message_at", "-pk"]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("pm:conversation", kwargs={"conversation_id": self.pk})


class Participant(models.Model):
    """One member's place in a conversation: their inbox line and what they have read."""

    conversation = models.ForeignKey(
        Conversation,
        on_delete=models.CASCADE,
        related_name="participants",
        verbose_name=pgettext_lazy("model", "conversation"),
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="conversations",
        verbose_name=_("member"),
    )
    # The conversation's last message time, kept on each line so the inbox is one
    # index range (member, left, newest first) whatever the member's number of lines.
    last_message_at = models.DateTimeField(_("last message at"), default=timezone.now)
    unread = models.PositiveIntegerField(_("unread messages"), default=0)
    joined_at = models.DateTimeField(_("joined at"), default=timezone.now)
    left_at = models.DateTimeField(_("left at"), null=True, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "member"], name="pm_participant_unique"
            ),
        ]
        indexes = [
            models.Index(
                fields=["member", "left_at", "-last_message_at"], name="pm_participant_inbox"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} in {self.conversation_id}"


class Message(models.Model):
    class Markup(models.TextChoices):
        BBCODE = "bbcode", "BBCode"
        MARKDOWN = "markdown", "Markdown"

    conversation = models.ForeignKey(
        Conversation,
        on_delete=models.CASCADE,
        related_name="messages",
        verbose_name=pgettext_lazy("model", "conversation"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(_("message"))
    markup = models.CharField(
        _("format"), max_length=10, choices=Markup.choices, default=Markup.BBCODE
    )
    body_html = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    # Put out of sight when its author was purged as a spammer; undoing the purge shows it.
    is_hidden = models.BooleanField(_("hidden by a purge"), default=False)

    class Meta:
        verbose_name = pgettext_lazy("model", "private message")
        verbose_name_plural = pgettext_lazy("model", "private messages")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["conversation", "created_at"], name="pm_message_conversation"),
            models.Index(fields=["author", "created_at"], name="pm_message_author"),
        ]

    def __str__(self) -> str:
        return self.body[:50]


class Block(models.Model):
    """``member`` refuses private messages from ``blocked`` (Discuz!'s home_blacklist)."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="blocks",
        verbose_name=_("member"),
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("blocked member"),
    )
    created_at = models.DateTimeField(_("blocked at"), default=timezone.now)

    class Meta:
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["member", "blocked"], name="pm_block_unique"),
            models.CheckConstraint(condition=~Q(member=F("blocked")), name="pm_block_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} blocks {self.blocked_id}"
