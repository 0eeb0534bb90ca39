import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SNIPPET_SOURCE_CHARS = 2000
_CHINESE_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]{2,20}")


class Kind(models.TextChoices):
    """What the apps hand to search. Search knows the names, not the apps."""

    ARTICLE = "article", _("Articles")
    THREAD = "thread", _("Threads")
    POST = "post", _("Replies")
    MEMBER = "member", _("Members")


class SearchEntry(models.Model):
    """One searchable document: its terms, and what a result shows without another query.

    The full-text index lives beside this table: an FTS5 table on SQLite, a
    generated tsvector column with a GIN index on PostgreSQL (see the
    ``0002_fulltext_index`` migration). ``lanting.search.services`` keeps them in step.
    """

    # Small columns first: SQLite reads a row only as far as the columns a
    # query needs, so filtering a million matches never touches the long text.
    kind = models.CharField(max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    board_id = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField()
    author_name = models.CharField(max_length=60, blank=True)
    # Of the text and the site dictionary: an unchanged document is not cut again.
    fingerprint = models.CharField(max_length=40)
    indexed_at = models.DateTimeField(default=timezone.now)
    url = models.CharField(max_length=500)
    title = models.CharField(max_length=300, blank=True)
    context = models.CharField(max_length=300, blank=True)
    text = models.TextField(blank=True)  # the body's beginning, for snippets
    title_tokens = models.TextField(blank=True)
    body_tokens = models.TextField(blank=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique")
        ]
        indexes = [
            models.Index(fields=["kind", "indexed_at"], name="search_entry_sweep_idx"),
            models.Index(fields=["created_at", "id"], name="search_entry_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"


def validate_chinese_word(value: str) -> None:
    if not _CHINESE_WORD.fullmatch(value):
        raise ValidationError(
            _("Enter 2 to 20 Chinese characters, without spaces or punctuation."),
            code="invalid",
        )


class DictionaryWord(models.Model):
    """A word of the site (代购, 包邮, 押一付三) that search must keep whole."""

    word = models.CharField(
        _("word"),
        max_length=20,
        unique=True,
        validators=[validate_chinese_word],
        help_text=_("Chinese characters only: English words and numbers are kept whole already."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("added at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("dictionary word")
        verbose_name_plural = _("site dictionary")
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word
