import re
import subprocess
import sys

import pytest
from django.core import mail

from lanting.accounts.models import User
from lanting.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_header_offers_log_in_recover_and_register(client):
    html = client.get("/").content.decode()
    assert 'href="/accounts/login/?next=/"' in html
    assert '<a href="/accounts/password/reset/">找回密码</a>' in html
    assert '<a href="/accounts/register/">注册</a>' in html


def test_createsuperuser_command_makes_a_member_who_can_log_in(client):
    from django.core.management import call_command

    call_command("createsuperuser", username="boss", email="boss@example.com", interactive=False)
    boss = User.objects.get(username="boss")
    boss.set_password(PASSWORD)
    boss.save()
    response = client.post("/accounts/login/", {"username": "boss", "password": PASSWORD})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert ">boss</a>" in html and "退出" in html
    assert 'href="/admin/"' in html
    client.post("/accounts/logout/")
    html = client.get("/").content.decode()
    assert ">boss</a>" not in html and "找回密码" in html


def test_wrong_password_is_refused_with_a_clear_message(client, member):
    response = client.post("/accounts/login/", {"username": "reader", "password": "nope"})
    assert response.status_code == 200
    assert "用户名、邮箱或密码不正确" in response.content.decode()


def test_password_reset_mail_link_sets_a_new_password(client, member):
    response = client.post("/accounts/password/reset/", {"email": member.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [member.email]
    assert "设置您在" in message.subject
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert "设置新密码" in form_page.content.decode()
    new_password = "a-brand-new-secret-42"
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(new_password)
    # The link works once.
    again = client.get(link, follow=True)
    assert "该链接无效" in again.content.decode()


def test_password_reset_for_an_unknown_address_sends_nothing_and_reveals_nothing(client):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("username", "email", "password", "message"),
    [
        ("READER", "new@example.com", "Tower-Bridge-1894", "该用户名已被占用"),
        ("newbie", "READER@example.com", "Tower-Bridge-1894", "该邮箱已被注册"),
        ("newbie", "new@example.com", "password", "这个密码太常见了"),
        ("   ", "new@example.com", "Tower-Bridge-1894", "不能只有空格"),
        ("bad\x07name", "new@example.com", "Tower-Bridge-1894", "控制字符"),
        ("ab", "new@example.com", "Tower-Bridge-1894", "3 到 15 个字符"),
        ("a" * 16, "new@example.com", "Tower-Bridge-1894", "3 到 15 个字符"),
        ("newbie", "new@example.com", "Tower-Bridge-1894x", "两次输入的密码不一致"),
    ],
)
def test_register_refuses_duplicates_and_weak_passwords(
    client, member, username, email, password, message
):
    response = client.post(
        "/accounts/register/",
        {
            "username": username,
            "email": email,
            "password1": password,
            "password2": password.rstrip("x"),
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert User.objects.count() == 1


def test_lanting_command_is_installed():
    result = subprocess.run(
        [sys.executable, "-m", "lanting", "help", "createsuperuser"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0
    assert "--username" in result.stdout


def test_views_get_the_member_itself_not_a_lazy_stand_in(client, member):
    from django.utils.functional import LazyObject

    client.force_login(member)
    request = client.get("/forum/").wsgi_request
    assert not isinstance(request.user, LazyObject) and request.user.pk == member.pk
    client.logout()
    request = client.get("/forum/").wsgi_request
    assert not isinstance(request.user, LazyObject) and not request.user.is_authenticated
