from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils.translation import gettext as _

from lanting.accounts import permissions as member_permissions
from lanting.accounts.models import CreditEntry, User
from lanting.accounts.services import CREDIT_RULES, award_credits
from lanting.forum import permissions as forum_permissions
from lanting.forum.models import Post, Thread
from lanting.notifications.services import notify
from lanting.pagecache.tags import touch
from lanting.portal.models import Article
from lanting.reactions.models import ArticleMood, PostVote

Attitude = PostVote.Attitude


class Refused(Exception):  # noqa: N818  (a refusal the member reads, not an error)
    """Why a vote or a mood was not counted, in the member's language."""

    def __init__(self, message: str, *, visible: bool = True, code: str = "refused") -> None:
        super().__init__(message)
        self.message = message
        self.visible = visible  # may the member see what they voted on (go back to it)?
        self.code = code  # for scripts (the API): "refused", "own", "already", "not_voted"


def vote_refusal(member: User, post: Post) -> Refused | None:
    """Why ``member`` may not vote on ``post``, or None."""
    thread = post.thread
    if not forum_permissions.can_view_board(member, thread.board):
        return Refused(_("This post is in a board you may not see."), visible=False)
    if post.is_deleted or thread.is_deleted:
        return Refused(
            _("This post has been deleted: it can no longer be voted on."), visible=False
        )
    if post.author_id == member.pk:
        return Refused(_("You cannot vote on your own post."), code="own")
    refusal = member_permissions.reply_refusal(member)
    if refusal:
        return Refused(refusal)
    return None


def _move_counts(post: Post, attitude: int, step: int) -> None:
    """Add ``step`` to the post's count for ``attitude`` (and the thread's, for its first post)."""
    field = "support" if attitude == Attitude.SUPPORT else "against"
    Post.objects.filter(pk=post.pk).update(**{field: Greatest(F(field) + step, 0)})
    if post.position == 1:
        total = "recommend_add" if attitude == Attitude.SUPPORT else "recommend_sub"
        Thread.objects.filter(pk=post.thread_id).update(**{total: Greatest(F(total) + step, 0)})


def _touch_thread(thread_id: int) -> None:
    """The thread's pages show the counts (the board and the index do not): now and on commit."""
    touch(f"thread:{thread_id}")
    transaction.on_commit(lambda: touch(f"thread:{thread_id}"))


def _credit_author(post: Post, points: int) -> None:
    if post.author_id is None or not points:
        return
    author = User.objects.get(pk=post.author_id)
    award_credits(
        member=author, reason=CreditEntry.Reason.LIKED, reference=f"post:{post.pk}", amount=points
    )


@transaction.atomic
def vote_on_post(*, member: User, post: Post, attitude: int) -> PostVote:
    """支持 or 反对 on a post: once per member and post, whatever tabs race to do it."""
    refusal = vote_refusal(member, post)
    if refusal is not None:
        raise refusal
    try:
        # The unique constraint decides between two tabs, not a check here: the
        # second insert fails and counts nothing.
        with transaction.atomic():
            vote = PostVote.objects.create(post=post, member=member, attitude=attitude)
    except IntegrityError:
        raise Refused(_("You have already voted on this post."), code="already") from None
    _move_counts(post, attitude, 1)
    if attitude == Attitude.SUPPORT:
        _credit_author(post, CREDIT_RULES[CreditEntry.Reason.LIKED])
        notify(
            recipients=[post.author_id],
            kind="like",
            actor=member,
            subject=post.thread.title,
            url=post.get_absolute_url(),
            group_key=f"like:post:{post.pk}",
        )
    _touch_thread(post.thread_id)
    return vote


@transaction.atomic
def undo_post_vote(*, member: User, post: Post) -> int:
    """Take back the member's vote on a post; returns the attitude taken back."""
    vote = PostVote.objects.filter(post=post, member=member).first()
    # Only the tab whose delete took the row moves the counts.
    if vote is None or PostVote.objects.filter(pk=vote.pk).delete()[0] == 0:
        raise Refused(_("You have not voted on this post."), code="not_voted")
    _move_counts(post, vote.attitude, -1)
    if vote.attitude == Attitude.SUPPORT:
        _credit_author(post, -CREDIT_RULES[CreditEntry.Reason.LIKED])
    _touch_thread(post.thread_id)
    return vote.attitude


def mood_refusal(member: User, article: Article) -> Refused | None:
    if not article.is_published:
        return Refused(_("This article is not published."), visible=False)
    if article.publisher_id == member.pk:
        # Discuz! refuses a click on one's own content (click_no_self).
        return Refused(_("You cannot react to your own article."))
    refusal = member_permissions.reply_refusal(member)
    if refusal:
        return Refused(refusal)
    return None


@transaction.atomic
def react_to_article(*, member: User, article: Article, mood: int) -> ArticleMood:
    """One mood (表态) per member and article; a second is refused, as Discuz! does."""
    if mood not in ArticleMood.Mood.values:
        raise Refused(_("Choose one of the moods shown."))
    refusal = mood_refusal(member, article)
    if refusal is not None:
        raise refusal
    try:
        with transaction.atomic():
            chosen = ArticleMood.objects.create(article=article, member=member, mood=mood)
    except IntegrityError:
        raise Refused(_("You have already reacted to this article.")) from None
    field = f"click{mood}"
    Article.objects.filter(pk=article.pk).update(**{field: F(field) + 1})
    touch(f"article:{article.pk}")
    transaction.on_commit(lambda: touch(f"article:{article.pk}"))
    return chosen
