"""The registration captcha: a proof-of-work the browser solves, checked and spent here."""

import datetime as dt

import altcha
import pytest
from playwright.sync_api import expect

from lanting.accounts import captcha
from lanting.accounts.models import User
from lanting.conftest import new_browser_context
from lanting.core.models import SiteSettings
from lanting.core.selectors import forget_site_chrome

PASSWORD = "Camden-Lock-1791-canal"  # test members only


@pytest.fixture
def captcha_on(db):
    site = SiteSettings.objects.filter(pk=1).first() or SiteSettings(pk=1)
    site.registration_captcha = True
    site.save()
    forget_site_chrome()


def _solved() -> str:
    challenge = altcha.Challenge.from_dict(captcha.new_challenge())
    solution = altcha.solve_challenge(challenge)
    assert solution is not None
    return altcha.Payload(challenge, solution).to_base64()


def _form(**fields):
    data = {
        "username": "新来的",
        "email": "new@example.com",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(fields)
    return data


def test_a_proof_counts_once(captcha_on):
    proof = _solved()
    assert captcha.check(proof) is True
    assert captcha.check(proof) is False  # spent
    assert captcha.check("") is False
    assert captcha.check("not base64 at all") is False
    assert captcha.check("x" * 5000) is False


def test_a_stale_or_forged_proof_is_refused(captcha_on, monkeypatch):
    stale = _solved()
    later = captcha.timezone.now() + captcha.LIFETIME + dt.timedelta(minutes=1)
    monkeypatch.setattr("altcha.v2.time.time", lambda: later.timestamp())
    assert captcha.check(stale) is False
    monkeypatch.undo()
    forged = altcha.create_challenge(captcha.ALGORITHM, 10, hmac_secret="someone else's")
    solution = altcha.solve_challenge(forged)
    assert solution is not None
    assert captcha.check(altcha.Payload(forged, solution).to_base64()) is False


def test_without_the_captcha_the_form_asks_for_none(client, db):
    response = client.get("/accounts/register/")
    assert b"altcha-widget" not in response.content
    assert client.get("/accounts/register/captcha/").status_code == 404


def test_registering_without_the_proof_says_why_and_keeps_what_was_typed(client, captcha_on):
    page = client.get("/accounts/register/").content.decode()
    assert "altcha-widget" in page and "/accounts/register/captcha/" in page
    response = client.post("/accounts/register/", _form())
    assert response.status_code == 200
    text = response.content.decode()
    assert "人机" in text or "you are a person" in text
    assert 'value="新来的"' in text and 'value="new@example.com"' in text
    assert not User.objects.filter(username="新来的").exists()


def test_registering_with_a_solved_puzzle_works_once(client, captcha_on):
    challenge = client.get("/accounts/register/captcha/")
    assert challenge["Cache-Control"] == "no-store"
    assert challenge.json()["parameters"]["algorithm"] == captcha.ALGORITHM
    proof = _solved()
    response = client.post("/accounts/register/", _form(altcha=proof))
    assert response.status_code == 200 and User.objects.filter(username="新来的").exists()
    again = client.post(
        "/accounts/register/", _form(altcha=proof, username="又来的", email="b@example.com")
    )
    assert not User.objects.filter(username="又来的").exists()
    assert "altcha" in again.content.decode()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [390, 1280])
def test_a_newcomer_registers_past_the_captcha(live_server, chromium_browser, width):
    site = SiteSettings.objects.filter(pk=1).first() or SiteSettings(pk=1)
    site.registration_captcha = True
    site.save()
    forget_site_chrome()
    context = new_browser_context(
        chromium_browser, live_server, viewport={"width": width, "height": 900}
    )
    try:
        page = context.new_page()
        page.goto(live_server.url + "/accounts/register/")
        page.get_by_label("用户名", exact=True).fill("验证新人")
        page.get_by_label("电子邮箱", exact=True).fill("captcha@example.com")
        page.get_by_label("密码", exact=True).fill(PASSWORD)
        page.get_by_label("确认密码", exact=True).fill(PASSWORD)
        # The puzzle starts when the form is first focused and is solved while they type;
        # the widget speaks the site's own words, in Chinese.
        widget = page.locator("altcha-widget")
        expect(widget).to_contain_text("验证通过，可以注册", timeout=20_000)
        expect(page.get_by_role("checkbox", name="验证通过，可以注册")).to_be_checked()
        page.get_by_role("button", name="创建账号", exact=True).click()
        expect(page.get_by_role("heading", level=1)).not_to_have_text("注册")
        assert User.objects.filter(username="验证新人").exists()
    finally:
        context.close()
