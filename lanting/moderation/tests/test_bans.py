import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from lanting.accounts.models import MemberGroup
from lanting.moderation.models import Ban, ModerationLog
from lanting.moderation.services import ban_ip_range, ban_member, lift_ban, lift_expired_bans
from lanting.portal.models import Comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(make_member):
    mod = make_member("banhammer")
    mod.group = MemberGroup.objects.get(code="super_moderator")
    mod.save()
    return mod


@pytest.fixture
def troll(make_member):
    return make_member("troll")


def test_member_banned_from_posting_cannot_comment_and_sees_why(client, moderator, troll, article):
    until = timezone.now() + dt.timedelta(days=3)
    ban_member(member=troll, moderator=moderator, kind="post", reason="发广告", until=until)
    client.force_login(troll)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "您已被禁止发言" in page and "理由：发广告" in page
    assert 'class="comment-form"' not in page
    # The server refuses even when the form is posted by hand.
    response = client.post(f"/article/{article.pk}/comment/", {"body": "buy cheap watches"})
    assert response.status_code == 403
    assert "您已被禁止发言" in response.content.decode()
    assert not Comment.objects.exists()


def test_ban_lifts_itself_on_time(client, moderator, troll, article, monkeypatch):
    until = timezone.now() + dt.timedelta(hours=1)
    ban_member(member=troll, moderator=moderator, kind="post", reason="flood", until=until)
    client.force_login(troll)
    assert client.post(f"/article/{article.pk}/comment/", {"body": "x"}).status_code == 403
    later = until + dt.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert client.post(f"/article/{article.pk}/comment/", {"body": "back"}).status_code == 302
    assert "目前小黑屋里没有人" in client.get("/darkroom/").content.decode()
    assert lift_expired_bans() == 1
    troll.refresh_from_db()
    assert troll.group is None and troll.current_group.name == "新手上路"


def test_darkroom_lists_current_bans_publicly(client, moderator, troll):
    ban_member(member=troll, moderator=moderator, kind="visit", reason="骚扰他人", until=None)
    html = client.get("/darkroom/").content.decode()
    row = html[html.index('href="/u/troll/"') :]
    for text in ("禁止访问", "banhammer", "骚扰他人", "永久"):
        assert text in row[:1500]


def test_darkroom_is_linked_in_the_footer(client):
    from lanting.core.models import NavItem

    NavItem.objects.create(label="小黑屋", location="footer", section="moderation:darkroom")
    assert '<a href="/darkroom/">小黑屋</a>' in client.get("/").content.decode()


def test_member_banned_from_visiting_sees_only_the_reason(client, moderator, troll):
    ban_member(member=troll, moderator=moderator, kind="visit", reason="spam", until=None)
    client.force_login(troll)
    response = client.get("/")
    assert response.status_code == 403
    assert "您已被禁止访问本站" in response.content.decode()
    assert client.get("/darkroom/").status_code == 200


def test_ip_ban_blocks_that_range_only(client, moderator):
    ban_ip_range(ip_range="203.0.113.0/24", moderator=moderator, reason="bots", until=None)
    assert client.get("/", REMOTE_ADDR="203.0.113.77").status_code == 403
    assert client.get("/", REMOTE_ADDR="203.0.114.1").status_code == 200
    assert client.get("/", REMOTE_ADDR="2001:db8::1").status_code == 200


def test_moderator_bans_from_the_profile_page_and_lifts_again(client, moderator, troll):
    client.force_login(moderator)
    assert "禁止该会员" in client.get("/u/troll/").content.decode()
    response = client.post("/u/troll/ban/", {"kind": "post", "duration": "7", "reason": "人身攻击"})
    assert response.status_code == 302
    ban = Ban.objects.get(member=troll)
    assert ban.moderator == moderator and ban.ends_at is not None
    client.post(f"/darkroom/{ban.pk}/lift/")
    ban.refresh_from_db()
    troll.refresh_from_db()
    assert ban.lifted_by == moderator and troll.group is None
    actions = list(ModerationLog.objects.values_list("action", flat=True))
    assert sorted(actions) == ["ban_post", "unban_post"]


def test_ordinary_member_cannot_ban(client, member, troll):
    client.force_login(member)
    assert "禁止该会员" not in client.get("/u/troll/").content.decode()
    response = client.post("/u/troll/ban/", {"kind": "post", "duration": "7", "reason": "x"})
    assert response.status_code == 403
    assert not Ban.objects.exists()


def test_ban_without_reason_changes_nothing(client, moderator, troll):
    client.force_login(moderator)
    client.post("/u/troll/ban/", {"kind": "post", "duration": "7", "reason": ""})
    assert not Ban.objects.exists()
    troll.refresh_from_db()
    assert troll.group is None


def test_staff_cannot_be_banned(moderator, make_member):
    boss = make_member("boss", is_staff=True)
    with pytest.raises(PermissionDenied):
        ban_member(member=boss, moderator=moderator, kind="post", reason="x", until=None)


def test_lifting_restores_the_special_group(moderator, troll):
    vip = MemberGroup.objects.create(name="VIP", kind="special")
    troll.group = vip
    troll.save()
    ban = ban_member(member=troll, moderator=moderator, kind="post", reason="x", until=None)
    lift_ban(ban=ban, moderator=moderator)
    troll.refresh_from_db()
    assert troll.group == vip
