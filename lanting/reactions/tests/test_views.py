import re

import pytest
from django.urls import reverse

from lanting.forum.models import Post
from lanting.reactions.models import ArticleMood, PostVote

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def _vote_url(post):
    return reverse("reactions:post-vote", args=[post.pk])


def _messages(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_a_vote_without_script_returns_to_the_post_with_a_message(client, member, reply):
    client.force_login(member)
    response = client.post(_vote_url(reply), {"attitude": "support"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#p{reply.position}")
    page = client.get(response["Location"])
    assert "You support this post." in page.content.decode()
    assert Post.objects.get(pk=reply.pk).support == 1


def test_a_vote_with_script_answers_with_the_new_counts(client, member, reply):
    client.force_login(member)
    answer = client.post(_vote_url(reply), {"attitude": "against"}, **JSON).json()
    assert answer == {
        "ok": True,
        "message": "You voted against this post.",
        "counts": {"support": 0, "against": 1},
        "voted": "against",
    }


def test_voting_twice_says_so_on_the_page_and_counts_once(client, member, reply):
    client.force_login(member)
    client.post(_vote_url(reply), {"attitude": "support"})
    response = client.post(_vote_url(reply), {"attitude": "support"}, follow=True)
    assert "You have already voted on this post." in response.content.decode()
    again = client.post(_vote_url(reply), {"attitude": "support"}, **JSON)
    assert again.status_code == 400
    assert again.json() == {"ok": False, "message": "You have already voted on this post."}
    assert Post.objects.get(pk=reply.pk).support == 1


def test_undo_from_the_form(client, member, reply):
    client.force_login(member)
    client.post(_vote_url(reply), {"attitude": "support"})
    answer = client.post(_vote_url(reply), {"attitude": "undo"}, **JSON).json()
    assert answer["ok"] and answer["counts"] == {"support": 0, "against": 0}
    assert not PostVote.objects.exists()


def test_voting_on_ones_own_post_is_refused_with_a_message(client, reply):
    client.force_login(reply.author)
    response = client.post(_vote_url(reply), {"attitude": "support"}, follow=True)
    assert "You cannot vote on your own post." in response.content.decode()
    assert Post.objects.get(pk=reply.pk).support == 0


def test_a_deleted_post_gets_a_page_that_says_why(client, member, reply):
    Post.objects.filter(pk=reply.pk).update(is_deleted=True)
    client.force_login(member)
    response = client.post(_vote_url(reply), {"attitude": "support"})
    assert response.status_code == 403
    assert "This post has been deleted" in response.content.decode()


def test_a_post_in_a_hidden_board_gets_a_page_that_says_why(client, member, reply, hide):
    hide(reply.thread.board)
    client.force_login(member)
    response = client.post(_vote_url(reply), {"attitude": "support"})
    assert response.status_code == 403
    assert "in a board you may not see" in response.content.decode()
    assert not PostVote.objects.exists()


def test_a_nonsense_choice_is_refused_with_a_message(client, member, reply):
    client.force_login(member)
    response = client.post(_vote_url(reply), {"attitude": "love"}, follow=True)
    assert "Choose Support or Against." in response.content.decode()


def test_a_guest_is_sent_to_log_in_and_back(client, reply):
    response = client.post(_vote_url(reply), {"attitude": "support"})
    assert response.status_code == 302
    assert "/login/" in response["Location"] and f"%23p{reply.position}" in response["Location"]
    assert not PostVote.objects.exists()


def test_a_missing_post_is_a_404(client, member):
    client.force_login(member)
    assert client.post("/post/999999/vote/", {"attitude": "support"}).status_code == 404


def test_the_thread_page_shows_the_counts_and_a_form_with_the_reader_s_token(
    client, member, reply, make_member
):
    client.force_login(make_member("fan"))
    client.post(_vote_url(reply), {"attitude": "support"})
    client.force_login(member)
    page = client.get(reply.thread.get_absolute_url()).content.decode()
    assert f'action="{_vote_url(reply)}"' in page
    support = re.search(rf'{_vote_url(reply)}.*?data-count="support">(\d+)<', page, re.S)
    assert support and support[1] == "1"
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page))
    assert tokens and all(len(token) == 64 and "csrf-" not in token for token in tokens)


def test_the_shared_thread_page_shows_a_new_vote_at_once(client, member, reply, make_member):
    """The page kept for all members is made afresh when a vote changes its counts."""
    client.force_login(member)
    url = reply.thread.get_absolute_url()
    client.get(url)
    client.get(url)  # kept
    other = make_member("fan")
    client.force_login(other)
    client.post(_vote_url(reply), {"attitude": "against"})
    client.force_login(member)
    page = client.get(url).content.decode()
    against = re.search(rf'{_vote_url(reply)}.*?data-count="against">(\d+)<', page, re.S)
    assert against and against[1] == "1"


def test_guests_see_the_counts_and_a_way_to_log_in(client, reply):
    page = client.get(reply.thread.get_absolute_url()).content.decode()
    assert 'data-count="support">0<' in page
    assert "csrf-" not in page
    assert f'action="{_vote_url(reply)}"' not in page


# -- the mood bar --------------------------------------------------------------------------


def _mood_url(article):
    return reverse("reactions:article-mood", args=[article.pk])


def test_the_article_shows_the_five_moods_with_their_counts(client, member, article):
    client.force_login(member)
    page = client.get(article.get_absolute_url()).content.decode()
    for label in ("Passing by", "Shocking", "Handshake", "Flowers", "Eggs"):
        assert label in page
    assert page.count('class="mood-count"') == 5


def test_a_mood_without_script_returns_to_the_bar(client, member, article):
    client.force_login(member)
    response = client.post(_mood_url(article), {"mood": "4"})
    assert response["Location"].endswith("#mood")
    page = client.get(response["Location"]).content.decode()
    assert "Your mood “Flowers” is counted." in page
    assert re.search(r'data-count="click4">1<', page)


def test_a_second_mood_is_refused_with_a_message(client, member, article):
    client.force_login(member)
    client.post(_mood_url(article), {"mood": "1"})
    response = client.post(_mood_url(article), {"mood": "2"}, follow=True)
    assert "You have already reacted to this article." in response.content.decode()
    answer = client.post(_mood_url(article), {"mood": "2"}, **JSON)
    assert answer.json()["ok"] is False
    assert ArticleMood.objects.count() == 1


def test_a_mood_with_script_answers_with_the_counts(client, member, article):
    client.force_login(member)
    answer = client.post(_mood_url(article), {"mood": "5"}, **JSON).json()
    assert answer["ok"] and answer["counts"]["click5"] == 1


def test_a_bad_mood_value_is_refused_with_a_message(client, member, article):
    client.force_login(member)
    response = client.post(_mood_url(article), {"mood": "99999999999"}, follow=True)
    assert "Choose one of the moods shown." in response.content.decode()


def test_the_messages_are_in_chinese_on_a_chinese_page(client, settings, reply):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    client.force_login(reply.author)
    page = client.post(_vote_url(reply), {"attitude": "support"}, follow=True).content.decode()
    assert "您不能评价自己的帖子。" in page
    assert "支持" in page and "反对" in page and "撤销评价" in page


def test_a_moderator_s_page_has_a_vote_form_that_works(client, reply, make_member):
    from lanting.accounts.models import MemberGroup

    banzhu = make_member("banzhu", group=MemberGroup.objects.get(code="moderator"))
    reply.thread.board.moderators.add(banzhu)
    client.force_login(banzhu)
    page = client.get(reply.thread.get_absolute_url()).content.decode()
    assert f'action="{_vote_url(reply)}"' in page and "csrf-" not in page
    client.post(_vote_url(reply), {"attitude": "support"})
    assert Post.objects.get(pk=reply.pk).support == 1
