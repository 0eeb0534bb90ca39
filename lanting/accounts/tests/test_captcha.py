"""The owner's registration captcha: an image, no outside service, one try per picture."""

import pytest

from lanting.accounts.models import User
from lanting.core.captcha import SESSION_KEY
from lanting.core.models import SiteSettings
from lanting.core.selectors import forget_site_chrome

pytestmark = pytest.mark.django_db
FORM = {"username": "xiaowang", "email": "w@example.com", "password1": "Thames-Barrier-1982",
        "password2": "Thames-Barrier-1982"}  # fmt: skip


@pytest.fixture
def captcha_on(db):
    row = SiteSettings.objects.first() or SiteSettings.objects.create()
    row.captcha_on_register = True
    row.save()
    forget_site_chrome()


def test_off_by_default(client):
    assert "captcha" not in client.get("/accounts/register/").content.decode()


def test_the_picture_is_a_png_and_its_answer_waits_in_the_session(client, captcha_on):
    assert 'class="captcha"' in client.get("/accounts/register/").content.decode()
    picture = client.get("/captcha.png")
    assert picture["Content-Type"] == "image/png" and picture.content[:4] == b"\x89PNG"
    assert len(client.session[SESSION_KEY]) == 4


def test_a_wrong_answer_is_refused_with_the_text_kept(client, captcha_on):
    client.get("/captcha.png")
    response = client.post("/accounts/register/", {**FORM, "captcha": "0000"})
    html = response.content.decode()
    assert "不是图片中的字符" in html and "xiaowang" in html
    assert not User.objects.exists()


def test_the_right_answer_registers_once(client, captcha_on):
    client.get("/captcha.png")
    answer = client.session[SESSION_KEY]
    assert (
        client.post("/accounts/register/", {**FORM, "captcha": answer.lower()}).status_code == 200
    )
    assert User.objects.filter(username="xiaowang").exists()
    # The same answer again (a bot replaying it) is refused: one try per picture.
    again = client.post(
        "/accounts/register/",
        {**FORM, "username": "bot2", "email": "b@example.com", "captcha": answer},
    )
    assert not User.objects.filter(username="bot2").exists() and again.status_code == 200
