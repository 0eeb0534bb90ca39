import datetime as dt
import re

import pytest
from django.core import mail, signing
from django.core.files.uploadedfile import SimpleUploadedFile

from lanting.accounts.models import User
from lanting.accounts.services import VERIFY_SALT
from lanting.core.models import SiteSettings

pytestmark = pytest.mark.django_db

GOOD = {
    "username": "伦敦小王",
    "email": "wang@example.com",
    "password1": "Tower-Bridge-1894",
    "password2": "Tower-Bridge-1894",
}


def _link(message):
    return re.search(r"http://testserver(/accounts/register/verify/\S+/)", message.body).group(1)


def test_newcomer_registers_confirms_by_mail_and_logs_in(client):
    response = client.post("/accounts/register/", GOOD)
    assert response.status_code == 200
    assert "wang@example.com" in response.content.decode()
    member = User.objects.get(username="伦敦小王")
    assert member.password.startswith("argon2")
    assert not member.email_verified
    assert member.current_group.name == "新手上路"
    # Before confirming, the right password is not enough.
    refused = client.post(
        "/accounts/login/", {"username": "伦敦小王", "password": GOOD["password1"]}
    )
    assert "请先确认邮箱" in refused.content.decode()
    assert len(mail.outbox) == 1
    assert "确认您在" in mail.outbox[0].subject
    confirmed = client.get(_link(mail.outbox[0]), follow=True)
    assert "邮箱已确认" in confirmed.content.decode()
    response = client.post(
        "/accounts/login/", {"username": "wang@example.com", "password": GOOD["password1"]}
    )
    assert response.status_code == 302
    assert "伦敦小王" in client.get("/").content.decode()


def test_mail_is_in_the_language_the_member_registered_in(client):
    client.get("/language/en/")
    client.post("/accounts/register/", GOOD)
    assert mail.outbox[0].subject.startswith("Confirm your email address for")
    assert "Welcome to" in mail.outbox[0].body


def test_reused_link_says_so_and_changes_nothing(client):
    client.post("/accounts/register/", GOOD)
    link = _link(mail.outbox[0])
    client.get(link)
    again = client.get(link)
    assert again.status_code == 400
    assert "已使用过" in again.content.decode()


def test_tampered_link_is_refused(client):
    client.post("/accounts/register/", GOOD)
    link = _link(mail.outbox[0])
    response = client.get(link[:-3] + "xx/")
    assert response.status_code == 400
    assert "链接无效" in response.content.decode()
    assert not User.objects.get(username="伦敦小王").email_verified


def test_expired_link_is_refused(client, monkeypatch):
    client.post("/accounts/register/", GOOD)
    member = User.objects.get(username="伦敦小王")
    old = signing.TimestampSigner(salt=VERIFY_SALT)
    monkeypatch.setattr("time.time", lambda: 1_000_000_000.0)
    token = signing.dumps({"u": member.pk, "e": member.email, "p": "register"}, salt=VERIFY_SALT)
    monkeypatch.undo()
    assert old  # the signer above is only for clarity: dumps uses the same salt
    response = client.get(f"/accounts/register/verify/{token}/")
    assert response.status_code == 400
    assert "已过期" in response.content.decode()
    member.refresh_from_db()
    assert not member.email_verified


def test_honeypot_filled_by_a_bot_registers_nobody(client):
    response = client.post("/accounts/register/", {**GOOD, "website": "http://spam.example"})
    assert response.status_code == 200
    assert not User.objects.exists()
    assert mail.outbox == []


def test_registrations_from_one_address_are_limited(client):
    for n in range(5):
        client.post(
            "/accounts/register/",
            {**GOOD, "username": f"user{n}", "email": f"user{n}@example.com"},
        )
    response = client.post(
        "/accounts/register/", {**GOOD, "username": "user9", "email": "user9@example.com"}
    )
    assert "注册次数过多" in response.content.decode()
    assert User.objects.count() == 5


def test_closed_registration_registers_nobody(client):
    SiteSettings.objects.create(registration="closed")
    response = client.post("/accounts/register/", GOOD)
    assert response.status_code == 403
    assert not User.objects.exists()


def test_approval_mode_keeps_the_member_out_until_staff_approve(client, admin_client):
    SiteSettings.objects.create(registration="approval")
    client.post("/accounts/register/", GOOD)
    client.get(_link(mail.outbox[0]))
    response = client.post(
        "/accounts/login/", {"username": "伦敦小王", "password": GOOD["password1"]}
    )
    assert "等待管理员审核" in response.content.decode()
    member = User.objects.get(username="伦敦小王")
    admin_client.post(
        "/admin/accounts/user/", {"action": "approve_members", "_selected_action": [member.pk]}
    )
    response = client.post(
        "/accounts/login/", {"username": "伦敦小王", "password": GOOD["password1"]}
    )
    assert response.status_code == 302


def test_remember_me_off_ends_the_session_with_the_browser(client, member):
    from lanting.conftest import PASSWORD

    client.post("/accounts/login/", {"username": "reader", "password": PASSWORD, "remember": "on"})
    assert client.session.get_expire_at_browser_close() is False
    client.post("/accounts/logout/")
    client.post("/accounts/login/", {"username": "reader", "password": PASSWORD, "remember": ""})
    assert client.session.get_expire_at_browser_close() is True


def test_email_change_waits_for_the_new_address_to_confirm(client, member):
    from lanting.conftest import PASSWORD

    client.force_login(member)
    response = client.post(
        "/accounts/settings/email/", {"email": "new@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.email == "reader@example.com"
    assert mail.outbox[0].to == ["new@example.com"]
    link = re.search(r"http://testserver(/accounts/register/verify/\S+/)", mail.outbox[0].body)
    client.get(link.group(1))
    member.refresh_from_db()
    assert member.email == "new@example.com"


def test_email_change_needs_the_password_and_a_free_address(client, member, make_member):
    make_member("other", email="taken@example.com")
    client.force_login(member)
    response = client.post(
        "/accounts/settings/email/", {"email": "TAKEN@example.com", "password": "wrong"}
    )
    html = response.content.decode()
    assert "该邮箱已被注册" in html and "密码不正确" in html
    assert mail.outbox == []


def _png(size=(300, 200), color=(200, 30, 30)) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


def test_avatar_is_stored_in_three_sizes(client, member, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(member)
    upload = SimpleUploadedFile("me.png", _png(), content_type="image/png")
    response = client.post("/accounts/settings/", {"display_name": "小读者", "avatar": upload})
    assert response.status_code == 302
    member.refresh_from_db()
    from PIL import Image

    sizes = [
        Image.open(f.path).size
        for f in (member.avatar_large, member.avatar_medium, member.avatar_small)
    ]
    assert sizes == [(200, 200), (96, 96), (48, 48)]
    html = client.get("/u/reader/").content.decode()
    assert member.avatar_large.url in html and "小读者" in html


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("fake.png", b"<?php echo 'not a picture'; ?>", "不是可以识别的图片"),
        ("big.png", b"\x89PNG" + b"0" * (2 * 1024 * 1024 + 10), "超过 2 MB"),
    ],
)
def test_bad_avatar_is_refused_and_nothing_changes(
    client, member, settings, tmp_path, name, content, message
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(member)
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    response = client.post("/accounts/settings/", {"display_name": "changed", "avatar": upload})
    assert response.status_code == 200
    assert message in response.content.decode()
    member.refresh_from_db()
    assert not member.avatar_large and member.display_name == ""
    assert list(tmp_path.iterdir()) == []


def test_member_time_zone_is_used_for_times(client, member, make_article):
    member.time_zone = "Asia/Shanghai"
    member.save()
    client.force_login(member)
    article = make_article(published_at=dt.datetime(2019, 2, 19, 3, 48, tzinfo=dt.UTC))
    assert ">2019-2-19 11:48</time>" in client.get(article.get_absolute_url()).content.decode()
