from django.db import models
from django.utils.translation import gettext_lazy as _


class LegacyLink(models.Model):
    """Which new object an id of the old Discuz! site became: the importer fills it.

    Old addresses (thread-123-1-1.html, portal.php?mod=view&aid=45 …) answer 301
    through this table, so links and search results from before the move keep
    working. The importer also keeps a digest of each source row here, so that a
    second run skips what did not change.
    """

    class Kind(models.TextChoices):
        ARTICLE = "article", _("Article (aid)")
        THREAD = "thread", _("Thread (tid)")
        BOARD = "board", _("Board (fid)")
        MEMBER = "member", _("Member (uid)")
        POST = "post", _("Post (pid)")
        SECTION = "section", _("Board group (fid)")
        ATTACHMENT = "attachment", _("Attachment (aid)")
        CATEGORY = "category", _("Portal category (catid)")
        COMMENT = "comment", _("Article comment (cid)")
        BAN = "ban", _("IP ban (id)")
        NAV = "nav", _("Navigation item (id)")
        AVATAR = "avatar", _("Avatar (uid)")
        PORTAL_FILE = "portalfile", _("Portal attachment (attachid)")
        CONVERSATION = "pmlist", _("Private conversation (plid)")
        PRIVATE_MESSAGE = "pm", _("Private message (pmid)")
        POLL = "poll", _("Poll (tid)")
        RATINGS = "ratings", _("Ratings of a post (pid)")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    old_id = models.PositiveBigIntegerField(_("Discuz! id"))
    new_id = models.PositiveBigIntegerField(_("Lanting id"))
    checksum = models.CharField(max_length=32, blank=True, editable=False)

    class Meta:
        verbose_name = _("old Discuz! address")
        verbose_name_plural = _("old Discuz! addresses")
        constraints = [
            models.UniqueConstraint(fields=["kind", "old_id"], name="discuz_legacylink_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.old_id} → {self.new_id}"


class ImportRun(models.Model):
    """One run of ``lanting import-discuz``: when, from where, and its report."""

    dsn_host = models.CharField(max_length=200)
    database = models.CharField(max_length=100)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    dry_run = models.BooleanField(default=False)
    report = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("Discuz! import run")
        verbose_name_plural = _("Discuz! import runs")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.database}@{self.dsn_host} {self.started_at:%Y-%m-%d %H:%M}"
