import threading

import pytest
from django.db import connection

from lanting.accounts.models import CreditEntry, MemberGroup
from lanting.forum.models import Post, Thread
from lanting.notifications.models import Notification
from lanting.portal.models import Article
from lanting.reactions import services
from lanting.reactions.models import ArticleMood, PostVote

pytestmark = pytest.mark.django_db(transaction=False)

SUPPORT, AGAINST = PostVote.Attitude.SUPPORT, PostVote.Attitude.AGAINST


def _counts(post):
    post.refresh_from_db()
    return post.support, post.against


def test_support_counts_on_the_post_credits_the_author_and_tells_them(
    reply, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.vote_on_post(member=member, post=reply, attitude=SUPPORT)
    assert _counts(reply) == (1, 0)
    author = reply.author
    author.refresh_from_db()
    liked = CreditEntry.objects.filter(member=author, reason=CreditEntry.Reason.LIKED)
    assert [entry.amount for entry in liked] == [1]
    notice = Notification.objects.get(recipient=author, kind="like")
    assert notice.group_key == f"like:post:{reply.pk}"
    assert notice.url == reply.get_absolute_url()


def test_likes_on_one_post_are_grouped_in_one_notice_line(
    reply, make_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for name in ("a1", "a2", "a3"):
            services.vote_on_post(member=make_member(name), post=reply, attitude=SUPPORT)
    keys = set(Notification.objects.filter(kind="like").values_list("group_key", flat=True))
    assert keys == {f"like:post:{reply.pk}"}


def test_against_counts_without_credit_or_notice(reply, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.vote_on_post(member=member, post=reply, attitude=AGAINST)
    assert _counts(reply) == (0, 1)
    assert not CreditEntry.objects.filter(reason=CreditEntry.Reason.LIKED).exists()
    assert not Notification.objects.filter(kind="like").exists()


def test_a_second_vote_is_refused_and_counts_nothing(reply, member):
    services.vote_on_post(member=member, post=reply, attitude=SUPPORT)
    with pytest.raises(services.Refused, match="already voted"):
        services.vote_on_post(member=member, post=reply, attitude=SUPPORT)
    with pytest.raises(services.Refused, match="already voted"):
        services.vote_on_post(member=member, post=reply, attitude=AGAINST)
    assert _counts(reply) == (1, 0)
    assert PostVote.objects.count() == 1


def test_undo_takes_the_vote_and_its_credit_back(reply, member):
    services.vote_on_post(member=member, post=reply, attitude=SUPPORT)
    assert services.undo_post_vote(member=member, post=reply) == SUPPORT
    assert _counts(reply) == (0, 0)
    reply.author.refresh_from_db()
    assert reply.author.credits == 1  # the reply's own credit; the like's +1 and -1 cancel
    # and may vote again, the other way
    services.vote_on_post(member=member, post=reply, attitude=AGAINST)
    assert _counts(reply) == (0, 1)


def test_undo_without_a_vote_is_refused(reply, member):
    with pytest.raises(services.Refused, match="not voted"):
        services.undo_post_vote(member=member, post=reply)
    assert _counts(reply) == (0, 0)


def test_one_cannot_vote_on_ones_own_post(reply):
    with pytest.raises(services.Refused, match="your own post"):
        services.vote_on_post(member=reply.author, post=reply, attitude=SUPPORT)
    assert _counts(reply) == (0, 0)


def test_a_deleted_post_cannot_be_voted_on(reply, member, make_member):
    Post.objects.filter(pk=reply.pk).update(is_deleted=True)
    reply.refresh_from_db()
    with pytest.raises(services.Refused, match="deleted") as refused:
        services.vote_on_post(member=member, post=reply, attitude=SUPPORT)
    assert not refused.value.visible
    assert not PostVote.objects.exists()


def test_a_post_in_a_board_one_cannot_see_cannot_be_voted_on(reply, member, hide):
    hide(reply.thread.board)
    with pytest.raises(services.Refused, match="may not see"):
        services.vote_on_post(member=member, post=reply, attitude=SUPPORT)
    assert not PostVote.objects.exists()


def test_a_member_banned_from_posting_cannot_vote(reply, make_member):
    banned = make_member("troll", group=MemberGroup.objects.get(code="banned_post"))
    with pytest.raises(services.Refused, match="banned"):
        services.vote_on_post(member=banned, post=reply, attitude=SUPPORT)


def test_votes_on_the_first_post_are_the_thread_s_totals(first_post, make_member):
    services.vote_on_post(member=make_member("m1"), post=first_post, attitude=SUPPORT)
    services.vote_on_post(member=make_member("m2"), post=first_post, attitude=SUPPORT)
    services.vote_on_post(member=make_member("m3"), post=first_post, attitude=AGAINST)
    thread = Thread.objects.get(pk=first_post.thread_id)
    assert (thread.recommend_add, thread.recommend_sub) == (2, 1)
    assert list(Thread.objects.order_by("-recommend_add").values_list("pk", flat=True)) == [
        thread.pk
    ]
    services.undo_post_vote(member=thread.posts.get().votes.first().member, post=first_post)
    thread.refresh_from_db()
    assert thread.recommend_add + thread.recommend_sub == 2


def test_votes_on_a_reply_leave_the_thread_s_totals(reply, member):
    services.vote_on_post(member=member, post=reply, attitude=SUPPORT)
    thread = Thread.objects.get(pk=reply.thread_id)
    assert (thread.recommend_add, thread.recommend_sub) == (0, 0)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif("connection.vendor != 'sqlite'", reason="threads share one SQLite file")
def test_two_tabs_voting_at_once_count_once(reply, member):
    refusals = []

    def vote():
        try:
            services.vote_on_post(member=member, post=reply, attitude=SUPPORT)
        except services.Refused as refusal:
            refusals.append(refusal)
        finally:
            connection.close()

    tabs = [threading.Thread(target=vote) for _ in range(2)]
    for tab in tabs:
        tab.start()
    for tab in tabs:
        tab.join()
    assert _counts(reply) == (1, 0)
    assert PostVote.objects.count() == 1
    assert len(refusals) == 1


def test_the_unique_constraint_holds_without_the_service(reply, member):
    from django.db import IntegrityError, transaction

    PostVote.objects.create(post=reply, member=member, attitude=SUPPORT)
    with pytest.raises(IntegrityError), transaction.atomic():
        PostVote.objects.create(post=reply, member=member, attitude=AGAINST)


# -- the article mood bar -----------------------------------------------------------------


def test_a_mood_counts_once_per_member_and_article(article, member, make_member):
    services.react_to_article(member=member, article=article, mood=ArticleMood.Mood.FLOWERS)
    with pytest.raises(services.Refused, match="already reacted"):
        services.react_to_article(member=member, article=article, mood=ArticleMood.Mood.EGGS)
    services.react_to_article(
        member=make_member("other"), article=article, mood=ArticleMood.Mood.FLOWERS
    )
    article.refresh_from_db()
    assert (article.click4, article.click5) == (2, 0)


def test_the_publisher_cannot_react_to_their_own_article(article):
    with pytest.raises(services.Refused, match="your own article"):
        services.react_to_article(member=article.publisher, article=article, mood=1)


def test_an_unknown_mood_is_refused(article, member):
    with pytest.raises(services.Refused, match="Choose one"):
        services.react_to_article(member=member, article=article, mood=9)
    assert not ArticleMood.objects.exists()


def test_an_unpublished_article_takes_no_mood(make_article, member):
    draft = make_article(status=Article.Status.DRAFT)
    with pytest.raises(services.Refused, match="not published"):
        services.react_to_article(member=member, article=draft, mood=1)
