"""Every page, the auth pages included, wears the site: its name in the title and brand,
the navigation and the footer (Django's auth views once put their own ``site`` in)."""

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from lanting.core.models import NavItem
from lanting.core.selectors import site_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def chrome(db):
    settings = site_settings()
    settings.name = "英国伦敦华人网"
    settings.save()
    NavItem.objects.create(label="人口普查", url="https://example.org/census", order=1)
    return settings


def _wears_the_site(html: str) -> None:
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title and "英国伦敦华人网" in title[1], title
    assert "testserver" not in title[1]
    assert 'class="site-footer"' in html
    assert "人口普查" in html  # the admin's navigation


def test_login_and_logout_pages_wear_the_site(client, chrome, make_member):
    _wears_the_site(client.get("/accounts/login/").content.decode())
    client.force_login(make_member("reader"))
    _wears_the_site(client.post("/accounts/logout/", follow=True).content.decode())


def test_every_password_reset_step_wears_the_site(client, chrome, make_member):
    member = make_member("forgetful")
    _wears_the_site(client.get("/accounts/password/reset/").content.decode())
    done = client.post("/accounts/password/reset/", {"email": member.email}, follow=True)
    _wears_the_site(done.content.decode())
    assert mail.outbox and "英国伦敦华人网" in mail.outbox[0].subject + mail.outbox[0].body
    uid = urlsafe_base64_encode(force_bytes(member.pk))
    token = default_token_generator.make_token(member)
    step = client.get(f"/accounts/password/reset/{uid}/{token}/", follow=True)
    _wears_the_site(step.content.decode())
    new = {"new_password1": "a-very-new-password-9", "new_password2": "a-very-new-password-9"}
    finished = client.post(step.redirect_chain[-1][0], new, follow=True)
    _wears_the_site(finished.content.decode())


def test_password_change_pages_wear_the_site(client, chrome, make_member):
    client.force_login(make_member("reader"))
    _wears_the_site(client.get("/accounts/password/change/").content.decode())


def test_registration_pages_wear_the_site(client, chrome):
    _wears_the_site(client.get("/accounts/register/").content.decode())


def test_staff_show_their_title_not_their_rank(client, chrome, make_member):
    from lanting.forum.models import Board, Section
    from lanting.forum.services import create_thread

    admin = make_member("leedell", is_staff=True, is_superuser=True)
    board = Board.objects.create(section=Section.objects.create(name="社区"), name="杂谈", slug="t")
    thread = create_thread(board=board, author=admin, title="站务公告", body="欢迎")
    page = client.get(thread.get_absolute_url()).content.decode()
    assert '<span class="group-badge staff">管理员</span>' in page
    assert "新手上路" not in page
    profile = client.get("/u/leedell/").content.decode()
    assert '<p class="group-badge staff">管理员</p>' in profile


def test_members_show_their_rank(client, chrome, make_member):
    from lanting.accounts.services import rank_for

    member = make_member("newbie", rank=rank_for(0))
    assert "新手上路" in client.get(f"/u/{member.username}/").content.decode()


def test_mail_comes_from_the_site_by_its_name(client, chrome, settings, make_member):
    from email.header import decode_header, make_header
    from email.utils import parseaddr

    settings.DEFAULT_FROM_EMAIL = "noreply@london.example"
    member = make_member("forgetful2")
    client.post("/accounts/password/reset/", {"email": member.email})
    name, address = parseaddr(mail.outbox[-1].from_email)
    assert str(make_header(decode_header(name))) == "英国伦敦华人网"
    assert address == "noreply@london.example"
