"""Notices by e-mail: per-kind choices, the daily digest, one-click unsubscribe."""

import datetime as dt
from email.utils import formataddr

import pytest
from django.core import mail, signing
from django.utils import timezone

from lanting.accounts.models import User
from lanting.core.models import SiteSettings
from lanting.forum import services as forum
from lanting.forum.models import Board, Section
from lanting.jobs import schedule
from lanting.notifications import mailing, watching
from lanting.notifications.models import MailedNotice, MailPreference, Notification, Watch
from lanting.notifications.services import notify

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def board(db):
    section = Section.objects.create(name="生活")
    return Board.objects.create(section=section, name="杂谈", slug="talk")


@pytest.fixture
def people(make_member):
    return {name: make_member(name) for name in ["louzhu", "huitie", "amy", "bob"]}


@pytest.fixture(autouse=True)
def _site(settings, db):
    settings.LANTING_SITE_URL = "https://lanting.example"
    settings.DEFAULT_FROM_EMAIL = "noreply@lanting.example"
    row = SiteSettings.objects.first() or SiteSettings()
    row.name = "英国伦敦华人网"
    row.save()
    from lanting.core.selectors import forget_site_chrome

    forget_site_chrome()


def away(member, days=3):
    User.objects.filter(pk=member.pk).update(last_visit=timezone.now() - dt.timedelta(days=days))


def mails_to(member):
    return [m for m in mail.outbox if m.to == [member.email]]


def test_a_mention_is_mailed_at_once_with_one_click_unsubscribe(board, people):
    thread = forum.create_thread(
        board=board, author=people["louzhu"], title="周末爬山", body="一楼"
    )
    mail.outbox.clear()
    forum.reply_to_thread(thread=thread, author=people["huitie"], body="@amy 一起来吗")
    [message] = mails_to(people["amy"])
    assert message.from_email == formataddr(("英国伦敦华人网", "noreply@lanting.example"))
    assert message.subject == "[英国伦敦华人网] huitie 在“周末爬山”中提到了你"
    notice = Notification.objects.get(recipient=people["amy"])
    assert f"https://lanting.example/notifications/{notice.pk}/" in message.body
    assert "@amy 一起来吗" in message.body
    html, kind = message.alternatives[0]
    assert kind == "text/html" and "周末爬山" in html and 'lang="zh-hans"' in html
    url = message.extra_headers["List-Unsubscribe"]
    assert url.startswith("<https://lanting.example/notifications/unsubscribe/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url[1:-1] in message.body
    assert MailedNotice.objects.get().way == "instant"
    # The reply to louzhu is a digest kind by default: no mail now.
    assert mails_to(people["louzhu"]) == []


def test_mail_is_in_the_recipient_s_language_not_the_writer_s(board, people):
    amy = people["amy"]
    amy.language = "en"
    amy.save()
    thread = forum.create_thread(board=board, author=people["louzhu"], title="Hiking", body="一楼")
    mail.outbox.clear()
    forum.reply_to_thread(thread=thread, author=people["huitie"], body="@amy 来吗")
    [message] = mails_to(amy)
    assert message.subject == "[英国伦敦华人网] huitie mentioned you in “Hiking”"
    assert "Hello amy," in message.body and "No more e-mail like this:" in message.body
    assert 'lang="en"' in message.alternatives[0][0]


def test_each_mode_of_a_kind(client, board, people):
    louzhu = people["louzhu"]
    thread = forum.create_thread(board=board, author=louzhu, title="t", body="一楼")
    client.force_login(louzhu)
    form = {f"kind_{kind}": mode for kind, mode in mailing.DEFAULTS.items()}
    form.update(kind_reply="instant", digest="on", watch_started="on")
    assert client.post("/notifications/settings/", form).status_code == 302
    mail.outbox.clear()
    forum.reply_to_thread(thread=thread, author=people["amy"], body="二楼")
    assert len(mails_to(louzhu)) == 1  # at once
    form.update(kind_reply="digest")
    client.post("/notifications/settings/", form)
    forum.reply_to_thread(thread=thread, author=people["amy"], body="三楼")
    assert len(mails_to(louzhu)) == 1  # waits for the digest
    away(louzhu)
    now = timezone.now()
    assert mailing.send_digest(louzhu.pk, now)
    [_first, digest] = mails_to(louzhu)
    assert "amy 回复了“t”" in digest.body
    form.update(kind_reply="off")
    client.post("/notifications/settings/", form)
    forum.reply_to_thread(thread=thread, author=people["amy"], body="四楼")
    assert not mailing.send_digest(louzhu.pk, now + dt.timedelta(days=1))  # off: not even there
    assert len(mails_to(louzhu)) == 2
    assert MailPreference.objects.get(member=louzhu).kinds == {"reply": "off"}


def test_likes_are_off_by_default(people):
    notify(
        recipients=[people["amy"].pk],
        kind="like",
        actor=people["bob"],
        subject="t",
        url="/thread/1/",
        group_key="like:post:1",
    )
    assert mail.outbox == []


def test_the_settings_page_shows_defaults_and_refuses_nonsense(client, people):
    client.force_login(people["amy"])
    page = client.get("/notifications/settings/")
    html = page.content.decode()
    assert "通知设置" in html and "回复了你的主题" in html
    form = page.context["form"]
    assert form["kind_message"].initial == "instant" and form["kind_like"].initial == "off"
    assert form["kind_reply"].initial == "digest" and form["watch_started"].initial is True
    response = client.post("/notifications/settings/", {"kind_message": "weekly"})
    assert response.status_code == 400 and "weekly" in response.content.decode()
    assert not MailPreference.objects.exists()
    assert client.get("/accounts/settings/").content.decode().count("/notifications/settings/")


def test_a_digest_watch_waits_for_the_digest(board, people):
    amy = people["amy"]
    thread = forum.create_thread(board=board, author=people["louzhu"], title="t", body="一楼")
    watching.watch(member=amy, target="thread", target_id=thread.pk, mode=Watch.Mode.DIGEST)
    mail.outbox.clear()
    forum.reply_to_thread(thread=thread, author=people["bob"], body="二楼的消息")
    assert Notification.objects.filter(recipient=amy, kind="watched").count() == 1  # on the bell
    assert mails_to(amy) == []
    away(amy)
    assert mailing.send_digests.call() == 1  # amy (louzhu was here today)
    [digest] = mails_to(amy)
    assert "你关注的内容" in digest.body and "二楼的消息" in digest.body
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_an_instant_watch_mails_and_its_unsubscribe_unwatches(client, board, people):
    amy = people["amy"]
    thread = forum.create_thread(board=board, author=people["louzhu"], title="t", body="一楼")
    watching.watch(member=amy, target="thread", target_id=thread.pk)
    mail.outbox.clear()
    forum.reply_to_thread(thread=thread, author=people["bob"], body="二楼")
    [message] = mails_to(amy)
    assert "取消关注：" in message.body
    url = message.extra_headers["List-Unsubscribe"][1:-1].removeprefix("https://lanting.example")
    response = client.post(url, {"List-Unsubscribe": "One-Click"})  # the mail program, no login
    assert response.status_code == 200
    assert not Watch.objects.filter(member=amy).exists()


def test_the_digest_goes_to_members_away_and_never_twice(board, people):
    louzhu, amy, bob = people["louzhu"], people["amy"], people["bob"]
    thread = forum.create_thread(board=board, author=louzhu, title="周末爬山", body="一楼")
    forum.reply_to_thread(thread=thread, author=amy, body="二楼")
    forum.reply_to_thread(thread=thread, author=bob, body="三楼")
    mail.outbox.clear()
    now = timezone.now()
    assert mailing.send_digests.call() == 0  # louzhu was here today
    away(louzhu, days=1)
    assert mailing.send_digests.call() == 0  # not away long enough (two days)
    away(louzhu, days=3)
    assert mailing.away_members(now) == [louzhu.pk]
    assert mailing.send_digests.call() == 1
    [digest] = mails_to(louzhu)
    assert digest.subject == "[英国伦敦华人网] 你离开期间有 2 条新通知"
    assert "与你有关" in digest.body and "bob 和另外 1 人回复了“周末爬山”" in digest.body
    assert "https://lanting.example/notifications/" in digest.body
    assert "你关注的内容" not in digest.body
    assert digest.alternatives[0][1] == "text/html"
    assert MailedNotice.objects.filter(way="digest").count() == 2
    # The next hour: nothing new, nothing sent; a new notice waits a day.
    assert mailing.send_digests.call() == 0
    forum.reply_to_thread(thread=thread, author=bob, body="四楼")
    assert mailing.send_digests.call() == 0
    later = timezone.now() + dt.timedelta(days=1)
    assert mailing.send_digest(louzhu.pk, later)
    second = mails_to(louzhu)[-1]
    assert "1 条新通知" in second.subject and "bob 回复了“周末爬山”" in second.body
    assert not mailing.send_digest(louzhu.pk, later + dt.timedelta(days=1))  # nothing left


def test_read_notices_and_members_who_said_no_get_no_digest(board, people):
    louzhu, amy = people["louzhu"], people["amy"]
    thread = forum.create_thread(board=board, author=louzhu, title="t", body="一楼")
    forum.reply_to_thread(thread=thread, author=amy, body="二楼")
    forum.reply_to_thread(thread=thread, author=louzhu, body="@amy 谢谢")
    Notification.objects.filter(recipient=louzhu).update(read_at=timezone.now())
    MailPreference.objects.create(member=amy, digest=False)
    away(louzhu)
    away(amy)
    mail.outbox.clear()
    assert mailing.send_digests.call() == 0
    assert mail.outbox == []


def test_the_digest_job_is_scheduled():
    assert "lanting.notifications.mailing.send_digests" in {p.task for p in schedule.PERIODIC}


def test_unsubscribe_asks_first_then_stops_without_logging_in(client, people):
    amy = people["amy"]
    token = mailing.unsubscribe_token(amy.pk, "kind:reply")
    url = f"/notifications/unsubscribe/{token}/"
    page = client.get(url)
    assert page.status_code == 200 and "不再接收这类邮件：回复了你的主题？" in page.content.decode()
    assert not MailPreference.objects.exists()  # a GET (a link checker) changes nothing
    done = client.post(url)
    assert done.status_code == 200 and "你将不再收到这类邮件" in done.content.decode()
    assert mailing.mode_for(mailing.preference_for(amy.pk), "reply") == "off"
    assert client.post(url).status_code == 200  # again: still fine
    digest = mailing.unsubscribe_token(amy.pk, "digest")
    client.post(f"/notifications/unsubscribe/{digest}/", {"List-Unsubscribe": "One-Click"})
    row = MailPreference.objects.get(member=amy)
    assert row.digest is False and row.kinds == {"reply": "off"}


def test_a_wrong_unsubscribe_link_says_so(client, people):
    token = mailing.unsubscribe_token(people["amy"].pk, "digest")
    forged = signing.dumps({"m": people["bob"].pk, "s": "digest"}, salt="another")
    odd = signing.dumps(
        {"m": people["bob"].pk, "s": "kind:nonsense"}, salt=mailing.UNSUBSCRIBE_SALT
    )
    for bad in [token[:-3] + "abc", forged, odd, "nonsense"]:
        for method in (client.get, client.post):
            response = method(f"/notifications/unsubscribe/{bad}/")
            assert response.status_code == 400
            assert "这个退订链接无效" in response.content.decode()
    assert not MailPreference.objects.exists()


def test_no_mail_for_a_notice_read_before_the_job_or_to_no_address(people):
    amy = people["amy"]
    User.objects.filter(pk=people["bob"].pk).update(email="")
    notify(
        recipients=[people["bob"].pk],
        kind="mention",
        actor=amy,
        subject="t",
        url="/thread/1/",
        group_key="mention:thread:1",
    )
    assert mail.outbox == []
    notice = Notification.objects.create(
        recipient=amy, kind="mention", subject="t", url="/", group_key="g"
    )
    Notification.objects.filter(pk=notice.pk).update(read_at=timezone.now())
    assert mailing.mail_notices.call([notice.pk]) == 0


def test_site_url_falls_back_to_the_first_host(settings):
    settings.LANTING_SITE_URL = ""
    settings.ALLOWED_HOSTS = ["*.example.org", "forum.example.org"]
    assert mailing.site_url() == "https://forum.example.org"
    settings.ALLOWED_HOSTS = ["localhost"]
    assert mailing.site_url() == "http://localhost"
