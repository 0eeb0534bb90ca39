"""Flood control and new members' limits, as the group settings say."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lanting.accounts.forms import ProfileForm
from lanting.forum import services
from lanting.forum.models import Post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _flood_control_on(settings):
    settings.LANTING_FLOOD_CONTROL = True


@pytest.fixture
def newbie_rank(rank):
    group = rank("新手上路")
    group.flood_seconds = 15
    group.save()
    return group


@pytest.fixture
def newbie(make_member, newbie_rank):
    return make_member("newbie", rank=newbie_rank)


def test_a_second_post_inside_the_interval_is_refused_and_says_when(thread, newbie, monkeypatch):
    services.reply_to_thread(thread=thread, author=newbie, body="第一帖")
    with pytest.raises(ValidationError) as error:
        services.reply_to_thread(thread=thread, author=newbie, body="第二帖")
    assert "发帖太快" in str(error.value) and "秒" in str(error.value)
    assert Post.objects.filter(author=newbie).count() == 1


def test_the_refusal_keeps_the_text_on_the_page(client, thread, newbie):
    client.force_login(newbie)
    assert (
        client.post(
            f"/thread/{thread.pk}/reply/", {"body": "第一帖", "markup": "bbcode"}
        ).status_code
        == 302
    )
    response = client.post(
        f"/thread/{thread.pk}/reply/", {"body": "我的第二帖", "markup": "bbcode"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "发帖太快" in html and "我的第二帖" in html


def test_after_the_interval_posting_works_again(thread, newbie, monkeypatch):
    import time as real_time

    services.reply_to_thread(thread=thread, author=newbie, body="第一帖")
    later = real_time.time() + 16
    monkeypatch.setattr("lanting.moderation.antispam.time.time", lambda: later)
    from django.core.cache import cache

    cache.delete(f"moderation:flood:{newbie.pk}")  # the cache's own clock let it expire
    services.reply_to_thread(thread=thread, author=newbie, body="第二帖")


def test_staff_and_moderators_are_exempt(thread, moderator, newbie_rank):
    moderator.rank = newbie_rank
    moderator.save()
    for n in range(3):
        services.reply_to_thread(thread=thread, author=moderator, body=f"版主{n}")


def test_a_refused_post_leaves_the_posting_slot_free(thread, newbie):
    from lanting.moderation.models import CensorWord

    CensorWord.objects.create(find="发票", action="banned")
    with pytest.raises(ValidationError):
        services.reply_to_thread(thread=thread, author=newbie, body="发票")
    services.reply_to_thread(thread=thread, author=newbie, body="正常的帖子")


def test_new_threads_per_hour_are_capped(
    board, newbie, newbie_rank, settings, django_capture_on_commit_callbacks
):
    settings.LANTING_FLOOD_CONTROL = False
    newbie_rank.threads_per_hour = 2
    newbie_rank.save()
    for n in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            services.create_thread(board=board, author=newbie, title=f"主题{n}", body="内容")
    with pytest.raises(ValidationError) as error:
        services.create_thread(board=board, author=newbie, title="第三个", body="内容")
    assert "每小时最多可发 2 个新主题" in str(error.value)


@pytest.fixture
def strict_rank(newbie_rank):
    newbie_rank.flood_seconds = 0
    newbie_rank.newcomer_posts, newbie_rank.newcomer_days = 3, 2
    newbie_rank.newcomer_no_links = newbie_rank.newcomer_no_images = True
    newbie_rank.newcomer_no_signature = True
    newbie_rank.newcomer_posts_per_day = 2
    newbie_rank.save()
    return newbie_rank


def test_new_members_may_not_post_links_or_images(thread, newbie, strict_rank):
    for body in ("看这里 https://spam.example", "[url=http://x.example]x[/url]", "www.spam.cn"):
        with pytest.raises(ValidationError, match="链接"):
            services.reply_to_thread(thread=thread, author=newbie, body=body)
    with pytest.raises(ValidationError, match="图片"):
        services.reply_to_thread(thread=thread, author=newbie, body="[img]/a.png[/img]")
    picture = SimpleUploadedFile("a.png", b"\x89PNG", content_type="image/png")
    with pytest.raises(ValidationError, match="图片"):
        services.reply_to_thread(thread=thread, author=newbie, body="图", uploads=[picture])


def test_the_limits_lift_after_n_posts_or_d_days(thread, newbie, strict_rank):
    newbie.post_count = 3
    newbie.save()
    services.reply_to_thread(thread=thread, author=newbie, body="https://ok.example")
    newbie.post_count = 0
    newbie.date_joined = timezone.now() - dt.timedelta(days=3)
    newbie.save()
    services.reply_to_thread(thread=thread, author=newbie, body="https://ok.example/2")


def test_new_members_post_at_most_n_times_a_day(
    thread, newbie, strict_rank, django_capture_on_commit_callbacks
):
    for body in ("一", "二"):
        with django_capture_on_commit_callbacks(execute=True):
            services.reply_to_thread(thread=thread, author=newbie, body=body)
    with pytest.raises(ValidationError, match="每天最多发帖 2 次"):
        services.reply_to_thread(thread=thread, author=newbie, body="三")


def test_new_members_may_not_set_a_signature(newbie, strict_rank):
    form = ProfileForm({"signature": "我的签名", "time_zone": "", "language": ""}, instance=newbie)
    assert not form.is_valid()
    assert "新会员暂时不能使用签名" in str(form.errors)


def test_banned_words_in_a_signature_or_name_are_refused(client, member):
    from lanting.moderation.models import CensorWord

    CensorWord.objects.create(find="代办", action="banned")
    CensorWord.objects.create(find="管理员", action="replace")
    form = ProfileForm({"signature": "专业代办", "time_zone": "", "language": ""}, instance=member)
    assert not form.is_valid() and "含有禁止的词语" in str(form.errors)
    form = ProfileForm(
        {"display_name": "官方管理员", "time_zone": "", "language": ""}, instance=member
    )
    assert not form.is_valid() and "不允许使用" in str(form.errors)
    response = client.post(
        "/accounts/register/",
        {
            "username": "代办小王",
            "email": "x@example.com",
            "password1": "correct-horse-battery",
            "password2": "correct-horse-battery",
        },
    )
    assert response.status_code == 200 and "不允许使用的词语" in response.content.decode()


def test_a_post_refused_for_a_missing_field_does_not_count_as_posting(board, newbie):
    from lanting.forum.models import ThreadField

    ThreadField.objects.create(board=board, name="rent", label="租金", required=True)
    with pytest.raises(ValidationError):
        services.create_thread(board=board, author=newbie, title="出租", body="单间")
    services.create_thread(
        board=board, author=newbie, title="出租", body="单间", fields={"rent": "800"}
    )
