"""The captcha for members with few posts (Discuz!'s seccode ``minposts``), on the forum."""

import altcha
import pytest
from django.core.exceptions import ValidationError

from lanting.accounts import captcha
from lanting.accounts.models import User
from lanting.core.models import SiteSettings
from lanting.core.selectors import forget_site_chrome
from lanting.forum import services
from lanting.forum.models import Post, Thread

pytestmark = pytest.mark.django_db


def _ask_captcha_below(posts: int) -> None:
    site = SiteSettings.objects.filter(pk=1).first() or SiteSettings(pk=1)
    site.posting_captcha_posts = posts
    site.save()
    forget_site_chrome()


def solved() -> str:
    challenge = altcha.Challenge.from_dict(captcha.new_challenge())
    solution = altcha.solve_challenge(challenge)
    assert solution is not None
    return altcha.Payload(challenge, solution).to_base64()


@pytest.fixture
def captcha_below_3(db):
    _ask_captcha_below(3)


@pytest.fixture
def newcomer(make_member, rank):
    return make_member("xinren", rank=rank("新手上路"))


def _reply(client, thread, body, **extra):
    return client.post(f"/thread/{thread.pk}/reply/", {"body": body, "markup": "bbcode", **extra})


def test_the_reply_box_carries_the_widget_only_for_members_who_must_solve_it(
    client, thread, newcomer, make_member, captcha_below_3
):
    client.force_login(newcomer)
    page = client.get(f"/thread/{thread.pk}/").content.decode()
    assert "<altcha-widget" in page and "accounts/altcha.min" in page
    assert "可以发帖" in page  # the widget's words, for posting
    client.force_login(make_member("laoshou", post_count=3))
    page = client.get(f"/thread/{thread.pk}/").content.decode()
    assert "altcha" not in page  # nothing loaded for those past the number


def test_a_reply_without_the_proof_is_refused_on_the_page_with_the_text_kept(
    client, thread, newcomer, captcha_below_3
):
    client.force_login(newcomer)
    response = _reply(client, thread, "我的第一条回复，别丢了")
    html = response.content.decode()
    assert response.status_code == 400
    assert "证明你是真人" in html and "我的第一条回复，别丢了" in html
    assert "<altcha-widget" in html
    assert not Post.objects.filter(author=newcomer).exists()


def test_a_reply_with_a_solved_puzzle_lands_and_the_proof_counts_once(
    client, thread, newcomer, captcha_below_3
):
    client.force_login(newcomer)
    proof = solved()
    assert _reply(client, thread, "第一条", altcha=proof).status_code == 302
    again = _reply(client, thread, "用旧的证明再发一条", altcha=proof)
    assert again.status_code == 400 and "用旧的证明再发一条" in again.content.decode()
    assert Post.objects.filter(author=newcomer).count() == 1


def test_a_new_thread_asks_for_it_too(client, board, newcomer, captcha_below_3):
    client.force_login(newcomer)
    url = f"/forum/{board.slug}/new/"
    assert "<altcha-widget" in client.get(url).content.decode()
    form = {"title": "新人报到", "body": "大家好", "markup": "bbcode"}
    refused = client.post(url, form)
    assert refused.status_code == 400 and "新人报到" in refused.content.decode()
    assert client.post(url, {**form, "altcha": solved()}).status_code == 302
    assert Thread.objects.filter(author=newcomer).count() == 1


def test_past_the_number_of_posts_the_captcha_is_gone(thread, newcomer, captcha_below_3):
    for n in range(3):
        services.reply_to_thread(thread=thread, author=newcomer, body=f"第{n}条", proof=solved())
    newcomer.refresh_from_db()
    assert newcomer.post_count == 3 and not captcha.required_to_post(newcomer)
    services.reply_to_thread(thread=thread, author=newcomer, body="不用再验证了")


def test_staff_and_moderators_never_solve_it(thread, make_member, moderator, captcha_below_3):
    staff = make_member("zhanzhang", is_staff=True)
    services.reply_to_thread(thread=thread, author=staff, body="站长来了")
    services.reply_to_thread(thread=thread, author=moderator, body="版主来了")
    assert Post.objects.filter(author__in=[staff, moderator]).count() == 2


def test_with_the_setting_off_nobody_is_asked(client, thread, newcomer):
    client.force_login(newcomer)
    assert "altcha" not in client.get(f"/thread/{thread.pk}/").content.decode()
    assert _reply(client, thread, "没有验证码").status_code == 302
    assert client.get("/accounts/register/captcha/").status_code == 404  # no puzzles handed out


def test_the_puzzle_is_handed_out_when_posting_asks_for_it(client, captcha_below_3):
    response = client.get("/accounts/register/captcha/")
    assert response.status_code == 200 and "signature" in response.json()


def test_a_new_members_link_waits_for_review_once_they_prove_they_are_a_person(
    client, thread, newcomer, rank, captcha_below_3
):
    group = rank("新手上路")
    group.newcomer_posts, group.newcomer_no_links = 10, True
    group.save()
    client.force_login(newcomer)
    body = "我的店：https://example.com/shop"
    refused = _reply(client, thread, body)
    html = refused.content.decode()
    assert refused.status_code == 400
    assert "新会员暂时不能发布链接" in html and "等待版主审核" in html and body in html
    assert _reply(client, thread, body, altcha=solved()).status_code == 302
    post = Post.objects.get(author=newcomer)
    assert post.awaiting_review and post.is_deleted  # on no public page until approved


def test_without_the_captcha_a_new_members_link_stays_a_hard_refusal(thread, newcomer, rank):
    group = rank("新手上路")
    group.newcomer_posts, group.newcomer_no_links = 10, True
    group.save()
    newcomer = User.objects.get(pk=newcomer.pk)
    with pytest.raises(ValidationError) as error:
        services.reply_to_thread(thread=thread, author=newcomer, body="看 https://example.com")
    assert not isinstance(error.value, captcha.ProofNeededError)


def test_the_daily_cap_is_not_lifted_by_a_proof(
    thread, newcomer, rank, captcha_below_3, django_capture_on_commit_callbacks
):
    group = rank("新手上路")
    group.newcomer_posts, group.newcomer_posts_per_day = 10, 1
    group.save()
    newcomer = User.objects.get(pk=newcomer.pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.reply_to_thread(thread=thread, author=newcomer, body="今天第一条", proof=solved())
    with pytest.raises(ValidationError) as error:
        services.reply_to_thread(thread=thread, author=newcomer, body="第二条", proof=solved())
    assert not isinstance(error.value, captcha.ProofNeededError)
    assert "明天" in str(error.value)
