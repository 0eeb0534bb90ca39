from typing import Any, cast

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.core.signals import setting_changed
from django.db import models
from django.db.models import Q
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

POSTS_PER_PAGE = 20


class Section(models.Model):
    """分区: a group of boards on the forum index."""

    name = models.CharField(_("name"), max_length=60)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("board group")
        verbose_name_plural = _("board groups")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class Board(models.Model):
    """版块: where threads live. A board with a parent is a sub-board."""

    section = models.ForeignKey(
        Section, verbose_name=_("board group"), on_delete=models.PROTECT, related_name="boards"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent board"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    name = models.CharField(_("name"), max_length=60)
    slug = models.SlugField(_("slug"), max_length=60, unique=True, allow_unicode=True)
    description = models.CharField(_("description"), max_length=255, blank=True)
    rules = models.TextField(_("rules"), blank=True)
    icon = models.ImageField(_("icon"), upload_to="forum/icons/", blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    moderators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderators"),
        blank=True,
        related_name="moderated_boards",
    )
    # Denormalized, written in the same transaction as each post: the index
    # page reads them as they are, whatever the size of the forum.
    thread_count = models.PositiveIntegerField(_("threads"), default=0)
    post_count = models.PositiveIntegerField(_("posts"), default=0)
    today_posts = models.PositiveIntegerField(_("posts today"), default=0)
    today = models.DateField(_("day of the posts-today count"), null=True, blank=True)
    last_thread = models.ForeignKey(
        "Thread", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    last_thread_title = models.CharField(max_length=200, blank=True, editable=False)
    last_poster_name = models.CharField(max_length=40, blank=True, editable=False)
    last_post_at = models.DateTimeField(null=True, blank=True, editable=False)
    favorite_count = models.PositiveIntegerField(_("favourites"), default=0, editable=False)

    class Meta:
        verbose_name = _("board")
        verbose_name_plural = _("boards")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("forum:board", kwargs={"slug": self.slug})

    @property
    def posts_today(self) -> int:
        return self.today_posts if self.today == timezone.localdate() else 0


class BoardPermission(models.Model):
    """What one member group (or guests, with no group) may do in one board.

    A group without a row here uses its own defaults; guests may view.
    """

    board = models.ForeignKey(
        Board, verbose_name=_("board"), on_delete=models.CASCADE, related_name="permissions"
    )
    group = models.ForeignKey(
        "accounts.MemberGroup",
        verbose_name=_("member group"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_("Empty: guests (visitors not logged in)."),
    )
    can_view = models.BooleanField(_("may view"), default=True)
    can_post = models.BooleanField(_("may start threads"), default=True)
    can_reply = models.BooleanField(_("may reply"), default=True)
    can_upload = models.BooleanField(_("may upload"), default=True)

    class Meta:
        verbose_name = _("board permission")
        verbose_name_plural = _("board permissions")
        constraints = [
            models.UniqueConstraint(fields=["board", "group"], name="forum_boardperm_unique"),
            models.UniqueConstraint(
                fields=["board"], condition=Q(group__isnull=True), name="forum_boardperm_guest"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.board}: {self.group or _('guests')}"


class ThreadType(models.Model):
    """A board's thread categories (主题分类), e.g. 出租 / 求租."""

    board = models.ForeignKey(
        Board, verbose_name=_("board"), on_delete=models.CASCADE, related_name="thread_types"
    )
    name = models.CharField(_("name"), max_length=40)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("thread type")
        verbose_name_plural = _("thread types")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class ThreadField(models.Model):
    """A typed field of a board's classified threads (分类信息), e.g. rent per month."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        NUMBER = "number", _("Number")
        DATE = "date", _("Date")
        CHOICE = "choice", _("Choice")

    board = models.ForeignKey(
        Board, verbose_name=_("board"), on_delete=models.CASCADE, related_name="thread_fields"
    )
    name = models.SlugField(_("key"), max_length=30, help_text=_("Letters, digits, underscores."))
    label = models.CharField(_("label"), max_length=40)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    choices = models.CharField(
        _("choices"), max_length=500, blank=True, help_text=_("For a choice: one per line.")
    )
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    required = models.BooleanField(_("required"), default=False)
    filterable = models.BooleanField(_("filter the thread list by it"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("classified field")
        verbose_name_plural = _("classified fields")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["board", "name"], name="forum_threadfield_unique")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class Thread(models.Model):
    class Sticky(models.IntegerChoices):
        NONE = 0, _("Not sticky")
        BOARD = 1, _("Sticky in its board")
        GLOBAL = 3, _("Sticky everywhere")

    board = models.ForeignKey(
        Board, verbose_name=_("board"), on_delete=models.PROTECT, related_name="threads"
    )
    title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="threads",
    )
    author_name = models.CharField(_("author name"), max_length=40)
    thread_type = models.ForeignKey(
        ThreadType,
        verbose_name=_("thread type"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="threads",
    )
    fields = models.JSONField(_("classified fields"), default=dict, blank=True)
    created_at = models.DateTimeField(_("posted at"), default=timezone.now)
    last_post_at = models.DateTimeField(_("last post at"), default=timezone.now)
    last_poster_name = models.CharField(max_length=40, blank=True)
    reply_count = models.PositiveIntegerField(_("replies"), default=0)
    views = models.PositiveIntegerField(_("views"), default=0)
    last_position = models.PositiveIntegerField(default=1, editable=False)
    sticky = models.PositiveSmallIntegerField(
        _("sticky"), choices=Sticky.choices, default=Sticky.NONE
    )
    digest = models.PositiveSmallIntegerField(_("digest level"), default=0)
    # Discuz!'s recommend_add / recommend_sub: the votes on the opening post, kept
    # on the thread so that lists can sort by them.
    recommend_add = models.PositiveIntegerField(_("support"), default=0, editable=False)
    recommend_sub = models.PositiveIntegerField(_("against"), default=0, editable=False)
    favorite_count = models.PositiveIntegerField(_("favourites"), default=0, editable=False)
    is_closed = models.BooleanField(_("closed"), default=False)
    moved_from = models.ForeignKey(
        Board, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    is_deleted = models.BooleanField(_("in the recycle bin"), default=False)
    # Waiting in the review queue. Such a row is also ``is_deleted``, so every public
    # page, feed, search and counter leaves it out as it does a recycled one, with no
    # filter of its own to forget; approval publishes it as a restore does.
    awaiting_review = models.BooleanField(_("awaiting review"), default=False)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = pgettext_lazy("model", "threads")
        ordering = ["-last_post_at", "-pk"]
        indexes = [
            models.Index(
                fields=["board", "is_deleted", "-sticky", "-last_post_at", "-id"],
                name="forum_thread_board_last_idx",
            ),
            models.Index(
                fields=["board", "is_deleted", "-created_at", "-id"],
                name="forum_thread_board_new_idx",
            ),
            models.Index(fields=["sticky", "is_deleted"], name="forum_thread_sticky_idx"),
            models.Index(fields=["author", "-created_at"], name="forum_thread_author_idx"),
            models.Index(fields=["-last_post_at"], name="forum_thread_latest_idx"),  # home page
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forum:thread", kwargs={"thread_id": self.pk})

    @property
    def last_page(self) -> int:
        return max(1, -(-self.last_position // POSTS_PER_PAGE))


class Post(models.Model):
    class Markup(models.TextChoices):
        BBCODE = "bbcode", "BBCode"
        MARKDOWN = "markdown", "Markdown"

    thread = models.ForeignKey(
        Thread, verbose_name=_("thread"), on_delete=models.CASCADE, related_name="posts"
    )
    # The floor (1楼, 2楼 …): given once, never renumbered, so links stay right.
    position = models.PositiveIntegerField(_("floor"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="posts",
    )
    author_name = models.CharField(_("author name"), max_length=40)
    markup = models.CharField(
        _("markup"), max_length=10, choices=Markup.choices, default=Markup.BBCODE
    )
    body = models.TextField(_("body"))
    body_html = models.TextField(editable=False, default="")
    # Only for posts with [hide]: the HTML with the hidden part shown, for
    # those allowed to read it. Both versions are rendered once, on save.
    revealed_html = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("posted at"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    edited_by_name = models.CharField(max_length=40, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    # 支持 / 反对 (Discuz!'s hot-reply support and against), written with each vote.
    support = models.PositiveIntegerField(_("support"), default=0, editable=False)
    against = models.PositiveIntegerField(_("against"), default=0, editable=False)
    is_deleted = models.BooleanField(_("in the recycle bin"), default=False)
    # Waiting in the review queue. Such a row is also ``is_deleted``, so every public
    # page, feed, search and counter leaves it out as it does a recycled one, with no
    # filter of its own to forget; approval publishes it as a restore does.
    awaiting_review = models.BooleanField(_("awaiting review"), default=False)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = pgettext_lazy("model", "posts")
        ordering = ["thread", "position"]
        constraints = [
            models.UniqueConstraint(fields=["thread", "position"], name="forum_post_floor_unique")
        ]
        indexes = [
            models.Index(fields=["author", "-created_at"], name="forum_post_author_idx"),
            models.Index(fields=["is_deleted", "-deleted_at"], name="forum_post_recycle_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.thread_id}#{self.position}"

    def get_absolute_url(self) -> str:
        page = -(-self.position // POSTS_PER_PAGE)
        url = reverse("forum:thread", kwargs={"thread_id": self.thread_id})
        return f"{url}?page={page}#p{self.position}" if page > 1 else f"{url}#p{self.position}"

    @property
    def is_first(self) -> bool:
        return self.position == 1


class _AttachmentStorage(LazyObject):
    """``STORAGES["attachments"]``, looked up when first used (as ``default_storage`` is)."""

    def _setup(self) -> None:
        self._wrapped = storages["attachments"]


_attachment_storage = _AttachmentStorage()


@receiver(setting_changed)
def _storages_changed(setting: str, **kwargs: Any) -> None:
    if setting == "STORAGES":  # tests that move uploads to object storage
        _attachment_storage._wrapped = empty  # type: ignore[assignment]  # "not set up yet"


def attachment_storage() -> Storage:
    """Where attachments are kept: served only after the forum's permission check."""
    return cast(Storage, _attachment_storage)


class Attachment(models.Model):
    post = models.ForeignKey(
        Post,
        verbose_name=_("post"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
    )
    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploader"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    file = models.FileField(_("file"), upload_to="forum/%Y/%m/", storage=attachment_storage)
    thumbnail = models.ImageField(
        _("thumbnail"), upload_to="forum/thumbs/%Y/%m/", blank=True, storage=attachment_storage
    )
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    content_type = models.CharField(max_length=100)
    is_image = models.BooleanField(default=False)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    downloads = models.PositiveIntegerField(_("downloads"), default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("forum:attachment", kwargs={"attachment_id": self.pk})


class ReadMark(models.Model):
    """How far a member has read a thread: the highest floor on the last page they opened.

    One row per member and thread, written in batches (``forum.reading``).
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("member"),
    )
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="+", verbose_name=_("thread")
    )
    position = models.PositiveIntegerField(_("read up to floor"))
    read_at = models.DateTimeField(_("read at"), default=timezone.now)

    class Meta:
        verbose_name = _("read position")
        verbose_name_plural = _("read positions")
        constraints = [
            models.UniqueConstraint(fields=["member", "thread"], name="forum_readmark_unique")
        ]

    def __str__(self) -> str:
        return f"{self.member_id}@{self.thread_id}#{self.position}"
