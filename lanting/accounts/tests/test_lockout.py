import pytest
from django.apps import apps

from lanting.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, username, password, ip="198.51.100.7"):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_five_failures_lock_the_account_even_with_the_right_password(client, member):
    for _ in range(4):
        assert _login(client, "reader", "wrong").status_code == 200
    assert _login(client, "reader", "wrong").status_code == 429  # the fifth locks
    locked = _login(client, "reader", PASSWORD, ip="203.0.113.9")
    assert locked.status_code == 429
    assert "登录失败次数过多" in locked.content.decode()
    attempts = apps.get_model("axes", "AccessAttempt").objects  # the lockout is logged
    assert attempts.filter(username="reader").exists()


def test_failures_by_email_count_against_the_same_account(client, member):
    for _ in range(5):
        _login(client, "reader@example.com", "wrong", ip=f"198.51.100.{_ + 1}")
    assert _login(client, "READER", PASSWORD, ip="203.0.113.9").status_code == 429


def test_five_failures_from_one_address_lock_that_address(client, member, make_member):
    make_member("other")
    for n in range(5):
        _login(client, f"nobody{n}", "wrong")
    assert _login(client, "other", PASSWORD).status_code == 429
    assert _login(client, "other", PASSWORD, ip="192.0.2.1").status_code == 302


def test_four_failures_then_success_is_fine(client, member):
    for _ in range(4):
        _login(client, "reader", "wrong")
    assert _login(client, "reader", PASSWORD).status_code == 302
