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
