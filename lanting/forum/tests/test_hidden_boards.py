"""A board hidden from every rank is hidden from every reader but those let in, on every surface.

Deny by default: a member's ban, a moderator's group for another board, a custom group or
falling below the lowest rank never widens what they read.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from lanting.accounts.models import MemberGroup, User
from lanting.accounts.services import rank_for
from lanting.forum.models import Board, BoardPermission, Section
from lanting.forum.permissions import forget_rules
from lanting.forum.services import create_thread, reply_to_thread
from lanting.importers.discuz.models import LegacyLink
from lanting.moderation.services import ban_member

pytestmark = pytest.mark.django_db


def _png() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (640, 480), "navy").save(out, "PNG")
    return SimpleUploadedFile("secret.png", out.getvalue(), content_type="image/png")


def _member(username: str, **fields: object) -> User:
    fields.setdefault("rank", rank_for(int(fields.get("credits", 0))))  # type: ignore[call-overload]
    user = User(username=username, email=f"{username}@example.com", **fields)
    user.set_unusable_password()
    user.save()
    return user


@pytest.fixture
def site(db):
    section = Section.objects.create(name="社区")
    public = Board.objects.create(section=section, name="生活杂谈", slug="life")
    office = Board.objects.create(section=section, name="版主办公室", slug="office")
    other = Board.objects.create(section=section, name="二手市场", slug="market")
    BoardPermission.objects.create(board=office, group=None, can_view=False)  # guests
    for rank in MemberGroup.objects.filter(kind=MemberGroup.Kind.RANK):
        BoardPermission.objects.create(board=office, group=rank, can_view=False)
    forget_rules()
    admin = _member("admin", is_staff=True, is_superuser=True)
    office_mod = _member("banzhu")
    office.moderators.add(office_mod)
    other_mod = _member("otherbanzhu", group=MemberGroup.objects.get(code="moderator"))
    other.moderators.add(other_mod)
    forget_rules()
    secret = create_thread(
        board=office, author=admin, title="内部讨论 SECRET", body="秘密 SECRET", uploads=[_png()]
    )
    reply = reply_to_thread(thread=secret, author=admin, body="回复 SECRET")
    create_thread(board=public, author=admin, title="公开的主题", body="大家好")
    LegacyLink.objects.create(kind="thread", old_id=77, new_id=secret.pk)
    LegacyLink.objects.create(kind="board", old_id=5, new_id=office.pk)
    LegacyLink.objects.create(kind="post", old_id=901, new_id=reply.pk)

    banned = _member("banned")
    ban_member(member=banned, moderator=admin, kind="post", reason="刷屏", until=None)
    rankless = _member("rankless", credits=-500)
    rankless.rank = None
    rankless.save()
    custom = MemberGroup.objects.create(name="VIP", kind=MemberGroup.Kind.SPECIAL)
    readers = {
        "guest": None,
        "new member": _member("newbie"),
        "banned from posting": banned,
        "below the lowest rank": rankless,
        "moderator of another board": other_mod,
        "custom group": _member("vip", group=custom),
    }
    allowed = {"administrator": admin, "moderator of the board": office_mod}
    return {
        "board": office,
        "thread": secret,
        "reply": reply,
        "attachment": secret.posts.get(position=1).attachments.get(),
        "readers": readers,
        "allowed": allowed,
    }


def _surfaces(site):
    thread, board, attachment = site["thread"], site["board"], site["attachment"]
    first = thread.posts.get(position=1)
    return {
        "thread": thread.get_absolute_url(),
        "thread page 2": f"{thread.get_absolute_url()}?page=1&quote={first.pk}",
        "board": board.get_absolute_url(),
        "board feed": f"/forum/{board.slug}/feed/",
        "thread feed": f"/thread/{thread.pk}/feed/",
        "archiver board": f"/archiver/forum/{board.slug}/",
        "archiver thread": f"/archiver/thread/{thread.pk}/",
        "attachment": attachment.get_absolute_url(),
        "thumbnail": f"{attachment.get_absolute_url()}?thumb=1",
        "edit": f"/post/{site['reply'].pk}/edit/",
        "old thread URL": "/forum.php?mod=viewthread&tid=77",
        "old static thread URL": "/thread-77-1-1.html",
        "old board URL": "/forum.php?mod=forumdisplay&fid=5",
        "old archiver URL": "/archiver/?tid-77.html",
    }


def _client(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(
    "reader",
    ["guest", "new member", "banned from posting", "below the lowest rank",
     "moderator of another board", "custom group"],
)  # fmt: skip
def test_every_surface_is_404_to_those_not_let_in(client, site, reader):
    browser = _client(client, site["readers"][reader])
    for name, url in _surfaces(site).items():
        response = browser.get(url, follow=True)
        assert response.status_code == 404, (reader, name, url, response.redirect_chain)
        assert b"SECRET" not in response.content, (reader, name)
    for url in ("/sitemap-threads.xml", "/sitemap-boards.xml", "/search/?q=秘密",
                "/api/search?q=秘密", "/forum/", "/", "/archiver/", "/feed/"):  # fmt: skip
        html = browser.get(url).content.decode()
        assert "内部讨论" not in html and "office" not in html, (reader, url)
        assert "SECRET" not in html, (reader, url)


@pytest.mark.parametrize("reader", ["administrator", "moderator of the board"])
def test_those_let_in_read_it(client, site, reader):
    browser = _client(client, site["allowed"][reader])
    for name in ("thread", "board", "attachment", "thumbnail", "edit"):
        assert browser.get(_surfaces(site)[name]).status_code == 200, (reader, name)
    assert "内部讨论" in browser.get("/search/?q=秘密").content.decode()
    # The Archiver is for crawlers: it shows what guests may read, to everyone.
    assert browser.get(_surfaces(site)["archiver thread"]).status_code == 404


def test_a_ban_never_widens_what_a_member_reads(client, site):
    office = site["board"]
    newbie = site["readers"]["new member"]
    rank = newbie.current_group
    BoardPermission.objects.filter(board=office, group=rank).update(can_view=True)
    forget_rules()
    browser = _client(client, newbie)
    assert browser.get(site["thread"].get_absolute_url()).status_code == 200  # let in by rank
    banned = site["readers"]["banned from posting"]
    banned.credits = newbie.credits
    banned.save()
    assert _client(client, banned).get(site["thread"].get_absolute_url()).status_code == 200
    BoardPermission.objects.filter(board=office, group=rank).update(can_view=False)
    forget_rules()
    assert _client(client, banned).get(site["thread"].get_absolute_url()).status_code == 404
