"""Old Discuz! addresses answer 301 with the new page of the same content, or 404."""

import pytest

from lanting.forum import services
from lanting.forum.models import Board, BoardPermission, Section, Thread
from lanting.importers.discuz.models import LegacyLink

pytestmark = pytest.mark.django_db

OLD_AID, OLD_TID, OLD_FID, OLD_UID, OLD_PID = 45, 7, 2, 3, 99
HIDDEN_FID, HIDDEN_TID = 5, 8


@pytest.fixture
def site(make_member, article):
    """An imported site: each new object linked from its old Discuz! id."""
    section = Section.objects.create(name="社区生活")
    board = Board.objects.create(section=section, name="租房", slug="rent")
    hidden = Board.objects.create(section=section, name="版主区", slug="staff")
    BoardPermission.objects.create(board=hidden, group=None, can_view=False)
    author = make_member("louzhu")
    thread = services.create_thread(board=board, author=author, title="转租", body="一楼")
    reply = services.reply_to_thread(thread=thread, author=author, body="二楼")
    # 45 floors make three pages of 20; the redirect reads only the count.
    Thread.objects.filter(pk=thread.pk).update(last_position=45)
    secret = services.create_thread(board=hidden, author=author, title="内部", body="嘘")
    links = [
        ("article", OLD_AID, article.pk),
        ("thread", OLD_TID, thread.pk),
        ("board", OLD_FID, board.pk),
        ("member", OLD_UID, author.pk),
        ("post", OLD_PID, reply.pk),
        ("board", HIDDEN_FID, hidden.pk),
        ("thread", HIDDEN_TID, secret.pk),
    ]
    LegacyLink.objects.bulk_create(
        LegacyLink(kind=kind, old_id=old, new_id=new) for kind, old, new in links
    )
    return {"article": article, "thread": thread, "board": board, "member": author, "post": reply}


def _expected(site, name):
    article, thread, board = site["article"], site["thread"], site["board"]
    return {
        "article": f"/article/{article.pk}/",
        "thread": f"/thread/{thread.pk}/",
        "thread-2": f"/thread/{thread.pk}/?page=2",
        "thread-3": f"/thread/{thread.pk}/?page=3",
        "board": f"/forum/{board.slug}/",
        "member": "/u/louzhu/",
        "post": f"/thread/{thread.pk}/#p2",
        "archiver-thread": f"/archiver/thread/{thread.pk}/",
        "archiver-thread-2": f"/archiver/thread/{thread.pk}/?page=2",
        "archiver-board": f"/archiver/forum/{board.slug}/",
        "archiver-article": f"/archiver/article/{article.pk}/",
        "home": "/",
        "forum": "/forum/",
    }[name]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (f"/portal.php?mod=view&aid={OLD_AID}", "article"),
        (f"/portal.php?mod=view&amp;aid={OLD_AID}", "article"),  # copied out of HTML
        (f"/article-{OLD_AID}-1.html", "article"),
        (f"/article-{OLD_AID}-2.html", "article"),  # a Lanting article is one page
        (f"/forum.php?mod=viewthread&tid={OLD_TID}", "thread"),
        (f"/forum.php?mod=viewthread&tid={OLD_TID}&extra=page%3D1&page=2", "thread-2"),
        (f"/thread-{OLD_TID}-1-1.html", "thread"),
        (f"/thread-{OLD_TID}-2-1.html", "thread-2"),
        (f"/thread-{OLD_TID}-3-4.html", "thread-3"),
        (f"/thread-{OLD_TID}-9-1.html", "thread-3"),  # past the end: the last page
        (f"/forum.php?mod=forumdisplay&fid={OLD_FID}", "board"),
        (f"/forum.php?mod=forumdisplay&fid={OLD_FID}&page=4", "board"),
        (f"/forum-{OLD_FID}-1.html", "board"),
        (f"/home.php?mod=space&uid={OLD_UID}", "member"),
        (f"/home.php?mod=space&uid={OLD_UID}&do=profile", "member"),
        (f"/space-uid-{OLD_UID}.html", "member"),
        (f"/forum.php?mod=redirect&goto=findpost&ptid={OLD_TID}&pid={OLD_PID}", "post"),
        (f"/archiver/?tid-{OLD_TID}.html", "archiver-thread"),
        (f"/archiver/?tid-{OLD_TID}.html&page=2", "archiver-thread-2"),
        (f"/archiver/?fid-{OLD_FID}.html", "archiver-board"),
        (f"/archiver/?aid-{OLD_AID}.html", "archiver-article"),
        (f"/archiver/tid-{OLD_TID}.html", "archiver-thread"),
        (f"/archiver/fid-{OLD_FID}.html", "archiver-board"),
        ("/portal.php", "home"),
        ("/forum.php", "forum"),
    ],
)
def test_old_address_answers_301_with_the_new_page(client, site, old, new):
    response = client.get(old)
    assert response.status_code == 301, response.content[:200]
    assert response["Location"] == _expected(site, new)
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    "old",
    [
        "/portal.php?mod=view&aid=46",
        "/article-46-1.html",
        "/forum.php?mod=viewthread&tid=70",
        "/thread-70-1-1.html",
        "/forum.php?mod=forumdisplay&fid=20",
        "/forum-20-1.html",
        "/home.php?mod=space&uid=30",
        "/space-uid-30.html",
        "/forum.php?mod=redirect&goto=findpost&ptid=7&pid=990",
        "/archiver/?tid-70.html",
        "/archiver/fid-20.html",
    ],
)
def test_old_id_never_imported_answers_404(client, site, old):
    assert client.get(old).status_code == 404


@pytest.mark.parametrize(
    "old",
    [
        "/thread-abc-1-1.html",
        "/thread-7-x-1.html",
        "/thread--1-1.html",
        "/portal.php?mod=view&aid=",
        "/portal.php?mod=view",
        "/portal.php?mod=view&aid=abc",
        "/portal.php?mod=view&aid=-45",
        "/portal.php?mod=view&aid=45.0",
        "/portal.php?mod=view&aid=%EF%BC%94%EF%BC%95",  # full-width digits
        "/portal.php?mod=nonsense&aid=45",
        f"/portal.php?mod=view&aid={2**63}",
        f"/portal.php?mod=view&aid={2**64 + OLD_AID}",
        "/portal.php?mod=view&aid=" + "9" * 5000,
        f"/forum.php?mod=viewthread&tid={2**63}",
        f"/forum.php?mod=viewthread&tid={OLD_TID}&page=abc",
        f"/thread-{2**63}-1-1.html",
        f"/thread-{OLD_TID}-{2**70}-1.html",
        "/thread-" + "9" * 40 + "-1-1.html",
        f"/forum-{2**63}-1.html",
        f"/home.php?mod=space&uid={2**63}",
        "/home.php?mod=spacecp",
        "/archiver/?tid-abc.html",
        "/archiver/?tid-.html",
        f"/archiver/?tid-{2**64}.html",
        "/archiver/?uid-3.html",
    ],
)
def test_malformed_old_address_answers_404(client, site, old):
    assert client.get(old).status_code == 404


@pytest.mark.parametrize(
    "old",
    [
        f"/forum.php?mod=forumdisplay&fid={HIDDEN_FID}",
        f"/forum-{HIDDEN_FID}-1.html",
        f"/thread-{HIDDEN_TID}-1-1.html",
        f"/archiver/?fid-{HIDDEN_FID}.html",
    ],
)
def test_old_address_of_a_hidden_board_answers_404_to_guests(client, site, old):
    assert client.get(old).status_code == 404


def test_old_address_of_a_hidden_board_redirects_those_who_may_view_it(admin_client, site):
    response = admin_client.get(f"/forum.php?mod=forumdisplay&fid={HIDDEN_FID}")
    assert response.status_code == 301
    assert response["Location"] == "/forum/staff/"


def test_redirects_are_not_for_posting(client, site):
    assert client.post(f"/thread-{OLD_TID}-1-1.html").status_code == 405
