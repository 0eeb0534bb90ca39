import pytest
from django.apps import apps

from lanting.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, username, password, ip="198.51.100.7"):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_five_failures_lock_the_account_from_that_address(client, member):
    for _ in range(4):
        assert _login(client, "reader", "wrong").status_code == 200
    assert _login(client, "reader", "wrong").status_code == 429  # the fifth locks
    locked = _login(client, "reader", PASSWORD)  # even with the right password
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "登录失败次数过多" in html
    assert "<time datetime=" in html and "/accounts/password/reset/" in html  # when; recover
    attempts = apps.get_model("axes", "AccessAttempt").objects  # the lockout is logged
    assert attempts.filter(username="reader").exists()
    # The member from elsewhere (home, a phone) is not locked out by it.
    assert _login(client, "reader", PASSWORD, ip="203.0.113.9").status_code == 302


def test_failures_by_email_count_against_the_same_account(client, member):
    for _ in range(5):
        _login(client, "reader@example.com", "wrong")
    assert _login(client, "READER", PASSWORD).status_code == 429


def test_one_stranger_behind_a_shared_network_locks_out_no_one_else(client, member, make_member):
    make_member("other")
    for n in range(10):  # someone in the student hall guesses at made-up names
        _login(client, f"nobody{n}", "wrong")
    assert _login(client, "other", PASSWORD).status_code == 302  # same address: still fine


def test_an_address_failing_for_very_many_accounts_is_paused(client, member, settings):
    settings.LANTING_LOGIN_FAILURES_PER_ADDRESS = 12
    for n in range(12):
        _login(client, f"nobody{n}", "wrong")
    paused = _login(client, "reader", PASSWORD)
    assert paused.status_code == 429
    assert "/accounts/password/reset/" in paused.content.decode()
    assert _login(client, "reader", PASSWORD, ip="192.0.2.1").status_code == 302


def test_four_failures_then_success_is_fine(client, member):
    for _ in range(4):
        _login(client, "reader", "wrong")
    assert _login(client, "reader", PASSWORD).status_code == 302
