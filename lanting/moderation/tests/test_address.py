"""The IP view: where a post came from, and every other account that wrote from there."""

import pytest

from lanting.accounts.models import MemberGroup
from lanting.forum import services as forum
from lanting.forum.models import Board, Section
from lanting.portal.models import Comment

pytestmark = pytest.mark.django_db

SPAM_IP = "203.0.113.9"


@pytest.fixture
def boards():
    section = Section.objects.create(name="社区")
    return (
        Board.objects.create(section=section, name="二手", slug="market"),
        Board.objects.create(section=section, name="招聘", slug="jobs"),
    )


@pytest.fixture
def spam(boards, make_member, article):
    market, jobs = boards
    first, second, honest = make_member("ad1"), make_member("ad2"), make_member("honest")
    forum.create_thread(
        board=market, author=first, title="低价代办", body="加微信", ip_address=SPAM_IP
    )
    forum.create_thread(
        board=jobs, author=second, title="高薪兼职", body="日结", ip_address=SPAM_IP
    )
    forum.create_thread(
        board=market, author=honest, title="出自行车", body="九成新", ip_address="198.51.100.1"
    )
    Comment.objects.create(article=article, author=second, body="好文", ip_address=SPAM_IP)
    return first, second


def test_a_super_moderator_sees_every_account_from_the_address(client, make_member, spam):
    chief = make_member("chief", group=MemberGroup.objects.get(code="super_moderator"))
    client.force_login(chief)
    page = client.get(f"/moderation/ip/{SPAM_IP}/").content.decode()
    assert "ad1" in page and "ad2" in page and "honest" not in page
    assert "/admin/moderation/ban/add/" not in page  # staff ban addresses, in the admin


def test_a_board_moderator_sees_only_their_boards(client, make_member, spam, boards):
    market, _ = boards
    banzhu = make_member("banzhu", group=MemberGroup.objects.get(code="moderator"))
    market.moderators.add(banzhu)
    client.force_login(banzhu)
    page = client.get(f"/moderation/ip/{SPAM_IP}/").content.decode()
    assert "ad1" in page and "ad2" not in page


def test_staff_may_ban_the_address_from_the_page(client, make_member, spam):
    client.force_login(make_member("owner", is_staff=True))
    page = client.get(f"/moderation/ip/{SPAM_IP}/").content.decode()
    assert f"/admin/moderation/ban/add/?kind=ip&amp;ip_range={SPAM_IP}" in page


def test_members_are_told_it_is_for_moderators(client, member, spam):
    client.force_login(member)
    response = client.get(f"/moderation/ip/{SPAM_IP}/")
    assert response.status_code == 403
    assert "版主" in response.content.decode() or "moderators" in response.content.decode()
    assert "ad1" not in response.content.decode()


def test_a_malformed_address_is_not_found(client, make_member):
    client.force_login(make_member("chief", is_staff=True))
    assert client.get("/moderation/ip/not-an-ip/").status_code == 404


def test_moderators_see_the_address_under_posts_members_do_not(client, make_member, spam, boards):
    market, _ = boards
    thread = market.threads.get(title="低价代办")
    client.force_login(make_member("chief", group=MemberGroup.objects.get(code="super_moderator")))
    assert f"/moderation/ip/{SPAM_IP}/" in client.get(thread.get_absolute_url()).content.decode()
    client.force_login(make_member("someone"))
    assert SPAM_IP not in client.get(thread.get_absolute_url()).content.decode()
