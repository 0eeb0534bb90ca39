from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from lanting.accounts import permissions
from lanting.accounts.models import CreditEntry, User
from lanting.accounts.services import award_credits
from lanting.markup import render, summary
from lanting.moderation import targets
from lanting.moderation.antispam import check_posting, claim_posting_slot, note_posted
from lanting.moderation.queue import hold_for_review
from lanting.notifications.models import Notification
from lanting.notifications.services import notify
from lanting.pagecache import counters
from lanting.pagecache.tags import touch
from lanting.portal import search_documents
from lanting.portal.markup import comment_html
from lanting.portal.models import COMMENT_MAX_LENGTH, Article, Comment
from lanting.portal.selectors import ARTICLE_VIEWS, note_own_pending_comment


def render_article(article: Article) -> None:
    """Render the body and the shown summary once, before the article is saved."""
    article.body_html = render(article.body, article.body_format)
    written = " ".join(article.summary.split())
    article.summary_text = written or summary(article.body_html)


def save_article(*, article: Article) -> Article:
    render_article(article)
    article.full_clean(exclude=["cover"])
    article.save()
    touch("portal", f"article:{article.pk}")
    search_documents.index_article(article.pk)
    return article


@transaction.atomic
def comment_on_article(
    *,
    article: Article,
    author: User,
    body: str,
    ip_address: str | None = None,
    proof: str = "",
) -> Comment:
    refusal = permissions.comment_refusal(author, article)
    if refusal:
        raise PermissionDenied(refusal)
    text = body.strip()
    if not text:
        raise ValidationError(_("Write something before you post a comment."))
    if len(text) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            _("A comment can be at most %(max)d characters long.") % {"max": COMMENT_MAX_LENGTH}
        )
    gate = check_posting(member=author, texts=[text], is_thread=False, proof=proof)
    claim_posting_slot(member=author, check=gate)
    text = gate.texts[0]
    comment = Comment.objects.create(
        article=article,
        author=author,
        body=text,
        body_html=comment_html(text),
        ip_address=ip_address,
        # Held for review: not public (nor counted) until a moderator approves it.
        is_public=not gate.wait_for_review,
    )
    transaction.on_commit(lambda: note_posted(member=author, is_thread=False))
    if gate.wait_for_review:
        hold_for_review(target=comment, why=gate.why)
        note_own_pending_comment(comment, waiting=True)
        return comment
    # Same transaction as the insert: the count never drifts from the rows.
    Article.objects.filter(pk=article.pk).update(comment_count=F("comment_count") + 1)
    User.objects.filter(pk=author.pk).update(comment_count=F("comment_count") + 1)
    award_credits(
        member=author, reason=CreditEntry.Reason.COMMENT, reference=f"article:{article.pk}"
    )
    touch("portal", f"article:{article.pk}")
    notify(  # the article's publisher hears of it (not when they comment themself)
        recipients=[article.publisher_id],
        kind=Notification.Kind.COMMENT,
        actor=author,
        subject=article.title,
        url=comment.get_absolute_url(),
        group_key=f"comment:article:{article.pk}",
        text=text if len(text) <= 140 else text[:140].rstrip() + "…",
    )
    return comment


@transaction.atomic
def set_comment_visibility(*, comment: Comment, public: bool) -> None:
    changed = Comment.objects.filter(pk=comment.pk, is_public=not public).update(is_public=public)
    if changed:
        step = 1 if public else -1
        Article.objects.filter(pk=comment.article_id).update(
            comment_count=F("comment_count") + step
        )
        touch("portal", f"article:{comment.article_id}")
    comment.is_public = public


@transaction.atomic
def delete_comment(*, comment: Comment) -> None:
    deleted, _rows = Comment.objects.filter(pk=comment.pk, is_public=True).delete()
    if deleted:
        Article.objects.filter(pk=comment.article_id).update(comment_count=F("comment_count") - 1)
    else:
        Comment.objects.filter(pk=comment.pk).delete()
    touch("portal", f"article:{comment.article_id}")


def recount_comments(*, article_ids: list[int] | None = None) -> None:
    public = (
        Comment.objects.filter(article=OuterRef("pk"), is_public=True)
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    articles = Article.objects.all()
    if article_ids is not None:
        articles = articles.filter(pk__in=article_ids)
    articles.update(comment_count=Coalesce(Subquery(public), 0))


def count_article_view(article: Article) -> int:
    """Count one view; return the article's seen count (for cached pages, see core.counters)."""
    return counters.count_view(ARTICLE_VIEWS, article.pk)


def _describe_comment(comment: Comment) -> targets.Described:
    return targets.Described(
        title=comment.article.title,
        excerpt=comment.body[:500],
        url=comment.get_absolute_url(),
        author=comment.author,
        board_id=None,
    )


def _approve_comment(comment: Comment, moderator: User) -> None:
    set_comment_visibility(comment=comment, public=True)
    note_own_pending_comment(comment, waiting=False)
    award_credits(
        member=comment.author,
        reason=CreditEntry.Reason.COMMENT,
        reference=f"article:{comment.article_id}",
    )
    User.objects.filter(pk=comment.author_id).update(comment_count=F("comment_count") + 1)
    notify(
        recipients=[comment.author_id],
        kind=Notification.Kind.POST_APPROVED,
        actor=moderator,
        subject=comment.article.title,
        url=comment.get_absolute_url(),
        group_key=f"approved:comment:{comment.pk}",
    )


def _remove_comment(comment: Comment, moderator: User, reason: str) -> None:
    waited = not comment.is_public
    note_own_pending_comment(comment, waiting=False)
    delete_comment(comment=comment)
    notify(
        recipients=[comment.author_id],
        kind=Notification.Kind.POST_REJECTED if waited else Notification.Kind.POST_REMOVED,
        actor=moderator,
        subject=comment.article.title,
        url=comment.article.get_absolute_url(),
        group_key=f"removed:comment:{comment.pk}",
        text=reason,
    )


def register_targets() -> None:
    """Article comments in the review queue (held ones, and reported ones)."""
    targets.register(
        Comment,
        targets.TargetKind(
            describe=_describe_comment,
            approve=_approve_comment,
            remove=_remove_comment,
            visible_to=lambda comment, viewer: comment.is_public,
            moderated_by=lambda comment, member: permissions.is_moderator(member),
        ),
    )


def _hide_comments(member: User, moderator: User, reason: str) -> list[int]:
    rows = list(
        Comment.objects.filter(author=member, is_public=True).values_list("pk", "article_id")
    )
    Comment.objects.filter(pk__in=[pk for pk, _a in rows]).update(is_public=False)
    articles = sorted({article for _pk, article in rows})
    recount_comments(article_ids=articles)
    touch("portal", *(f"article:{pk}" for pk in articles))
    return [pk for pk, _a in rows]


def _restore_comments(ids: list[int], moderator: User) -> None:
    articles = sorted(set(Comment.objects.filter(pk__in=ids).values_list("article_id", flat=True)))
    Comment.objects.filter(pk__in=ids).update(is_public=True)
    recount_comments(article_ids=articles)
    touch("portal", *(f"article:{pk}" for pk in articles))


def register_purgers() -> None:
    def public(member: User) -> Any:
        return Comment.objects.filter(author=member, is_public=True)

    targets.register_purger(
        "portal.comment",
        targets.Purger(
            preview=lambda member: (
                str(_("Article comments")),
                public(member).count(),
                targets.preview_lines(public(member).values_list("body", flat=True)[:5]),
            ),
            hide=_hide_comments,
            restore=_restore_comments,
            addresses=lambda member: [
                address
                for address in Comment.objects.filter(author=member)
                .exclude(ip_address=None)
                .values_list("ip_address", flat=True)[:10]
                if address
            ],
        ),
    )
