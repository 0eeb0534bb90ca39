import html
import re

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

COMMENT_MAX_LENGTH = 5000
# The first picture in stored (sanitized) HTML: the sanitizer writes src in double quotes.
_FIRST_IMAGE = re.compile(r'<img\b[^>]*?\ssrc="([^"]+)"')


class Category(models.Model):
    name = models.CharField(_("name"), max_length=60)
    slug = models.SlugField(_("slug"), max_length=60, unique=True, allow_unicode=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    description = models.CharField(_("description"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("portal:category", kwargs={"slug": self.slug})


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    class Format(models.TextChoices):
        HTML = "html", _("HTML")
        MARKDOWN = "markdown", _("Markdown")

    title = models.CharField(_("title"), max_length=200)
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="articles"
    )
    publisher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("publisher"),
        on_delete=models.PROTECT,
        related_name="published_articles",
    )
    published_at = models.DateTimeField(_("published at"), default=timezone.now, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED
    )
    body_format = models.CharField(
        _("body format"), max_length=10, choices=Format.choices, default=Format.HTML
    )
    body = models.TextField(_("body"))
    body_html = models.TextField(editable=False, default="")
    summary = models.TextField(
        _("summary"),
        max_length=500,
        blank=True,
        help_text=_("Leave empty to use the beginning of the body."),
    )
    summary_text = models.TextField(editable=False, default="")
    original_author = models.CharField(_("original author"), max_length=100, blank=True)
    source_name = models.CharField(_("source"), max_length=100, blank=True)
    source_url = models.URLField(_("source URL"), blank=True)
    cover = models.ImageField(_("cover image"), upload_to="portal/covers/%Y/%m/", blank=True)
    allow_comments = models.BooleanField(_("allow comments"), default=True)
    views = models.PositiveIntegerField(_("views"), default=0)
    comment_count = models.PositiveIntegerField(_("comments"), default=0)
    # The mood bar (表态) as Discuz! counts it: click1..click5 are its article
    # clicks in their default order, 路过 · 雷人 · 握手 · 鲜花 · 鸡蛋.
    click1 = models.PositiveIntegerField(_("passing by"), default=0, editable=False)
    click2 = models.PositiveIntegerField(_("shocking"), default=0, editable=False)
    click3 = models.PositiveIntegerField(_("handshake"), default=0, editable=False)
    click4 = models.PositiveIntegerField(_("flowers"), default=0, editable=False)
    click5 = models.PositiveIntegerField(_("eggs"), default=0, editable=False)
    favorite_count = models.PositiveIntegerField(_("favourites"), default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"], name="portal_art_pub_idx"),
            models.Index(
                fields=["category", "status", "-published_at", "-id"], name="portal_art_cat_pub_idx"
            ),
            models.Index(
                fields=["publisher", "status", "-published_at"], name="portal_art_publisher_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("portal:article", kwargs={"article_id": self.pk})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()

    @property
    def picture_url(self) -> str:
        """The article's own picture: its cover, else the first image in its body ("": none)."""
        if self.cover:
            return str(self.cover.url)
        found = _FIRST_IMAGE.search(self.body_html)
        return html.unescape(found[1]) if found else ""


class Comment(models.Model):
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="article_comments",
    )
    body = models.TextField(_("comment"), validators=[MaxLengthValidator(COMMENT_MAX_LENGTH)])
    body_html = models.TextField(editable=False, default="")
    is_public = models.BooleanField(_("public"), default=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    created_at = models.DateTimeField(_("posted at"), default=timezone.now)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = pgettext_lazy("model", "comments")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["article", "is_public", "-created_at"], name="portal_cmt_art_idx"),
            models.Index(fields=["author", "-created_at"], name="portal_cmt_author_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:40]}"

    def get_absolute_url(self) -> str:
        return reverse("portal:article", kwargs={"article_id": self.article_id}) + f"#c{self.pk}"
