"""A small but complete Discuz! X3.4 site, written straight into its tables (tests, benchmarks).

Everything a real site has that the importer must carry over: members with
UCenter md5(md5(password) + salt) hashes, groups, a banned member with a crime
record, an IP ban, a board group with boards and a sub-board, threads with
BBCode replies (sticky, digest, closed, recycled, a moved pointer, an orphan) and
views Discuz! has not yet added to them, an attachment file on disk, portal
categories, a two-page article with pictures and comments, and UCenter avatar
files (one good, one broken, one lost).
"""

import hashlib
from pathlib import Path
from typing import Any

PASSWORDS = {
    "admin": "admin-pass-1",
    "伦敦小王": "wang-pass-2",
    "kate_w": "kate-pass-3",
    "troll": "troll-pass-4",
    "gone": "gone-pass-5",
}
SALTS = {
    "admin": "a1b2c3",
    "伦敦小王": "Zx9Yw8",
    "kate_w": "k4t3ww",
    "troll": "tr0ll1",
    "gone": "g0n3gg",
}
T0 = 1_550_577_000  # 2019-02-19, the seed article's day


def ucenter_hash(password: str, salt: str) -> str:
    inner = hashlib.md5(password.encode(), usedforsecurity=False).hexdigest()
    return hashlib.md5((inner + salt).encode(), usedforsecurity=False).hexdigest()


# How text is stored: as is, or (for the "GBK in latin1 columns" accident) as the
# GBK bytes read as if they were latin1 characters.
_STORE: list[Any] = [lambda text: text]


def insert(cursor: Any, table: str, **values: Any) -> None:
    columns = ", ".join(f"`{c}`" for c in values)
    marks = ", ".join(["%s"] * len(values))
    stored = [_STORE[0](v) if isinstance(v, str) else v for v in values.values()]
    cursor.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", stored)


def write_site(
    cursor: Any, attachment_root: Path, *, gbk_in_latin1: bool = False
) -> dict[str, Any]:
    """Insert the sample site; returns facts the tests check against."""
    _STORE[0] = (lambda t: t.encode("gbk")) if gbk_in_latin1 else (lambda t: t)
    # (uid, name, email, groupid, adminid, groupexpiry, credits); uids 1-3 have avatarstatus=1
    members = [
        (1, "admin", "admin@example.com", 1, 1, 0, 120),
        (2, "伦敦小王", "wang@example.com", 10, 0, 0, 55),
        (3, "kate_w", "kate@example.com", 10, 0, 0, 3),
        (4, "troll", "troll@example.com", 4, 0, T0 + 10 * 86400 * 365, 0),
    ]
    for uid, name, email, group, admin, expiry, credits in members:
        insert(
            cursor,
            "pre_common_member",
            uid=uid,
            username=name,
            email=email,
            password="x" * 32,
            groupid=group,
            adminid=admin,
            groupexpiry=expiry,
            regdate=T0 - 86400 * uid,
            credits=credits,
            status=0,
            avatarstatus=1 if uid <= 3 else 0,
        )
        insert(
            cursor,
            "pre_ucenter_members",
            uid=uid,
            username=name,
            email=email,
            password=ucenter_hash(PASSWORDS[name], SALTS[name]),
            salt=SALTS[name],
            regdate=T0 - 86400 * uid,
        )
        insert(
            cursor,
            "pre_common_member_status",
            uid=uid,
            lastvisit=T0 + 3600 * uid,
            regip="127.0.0.1",
            lastip="127.0.0.1",
        )
        insert(cursor, "pre_common_member_count", uid=uid, posts=0)
        insert(
            cursor,
            "pre_common_member_field_forum",
            uid=uid,
            sightml="<b>签名</b> of " + name if uid == 2 else "",
        )
    # An inactive member moved to the archive tables (Discuz! makes them when it first
    # archives someone, as copies of the live tables); posts by a deleted member (uid 99).
    cursor.execute("CREATE TABLE IF NOT EXISTS pre_common_member_archive LIKE pre_common_member")
    insert(
        cursor,
        "pre_common_member_archive",
        uid=5,
        username="gone",
        email="gone@example.com",
        password="x" * 32,
        groupid=10,
        regdate=T0 - 86400 * 400,
        credits=7,
    )
    insert(
        cursor,
        "pre_ucenter_members",
        uid=5,
        username="gone",
        email="gone@example.com",
        password=ucenter_hash(PASSWORDS["gone"], SALTS["gone"]),
        salt=SALTS["gone"],
    )
    insert(
        cursor,
        "pre_common_member_crime",
        uid=4,
        operatorid=1,
        operator="admin",
        action=4,
        reason="发广告",
        dateline=T0 + 100,
    )
    insert(
        cursor,
        "pre_common_banned",
        ip1=203,
        ip2=0,
        ip3=113,
        ip4=-1,
        admin="admin",
        dateline=T0,
        expiration=T0 + 86400 * 365 * 20,
    )
    # Forums: a group, two boards, a sub-board. The install data has fid 1 (group) and 2 (forum).
    insert(
        cursor,
        "pre_common_member",
        uid=6,
        username="mod_li",
        email="li@example.com",
        password="x" * 32,
        groupid=3,
        adminid=3,
        regdate=T0,
        credits=10,
    )
    insert(
        cursor,
        "pre_ucenter_members",
        uid=6,
        username="mod_li",
        email="li@example.com",
        password=ucenter_hash("li-pass-6", "l1l1l1"),
        salt="l1l1l1",
    )
    insert(
        cursor,
        "pre_forum_forum",
        fid=100,
        fup=1,
        type="forum",
        name="租房",
        status=1,
        displayorder=2,
    )
    insert(cursor, "pre_forum_forumfield", fid=100, description="伦敦租房信息", rules="实名发帖")
    insert(cursor, "pre_forum_forum", fid=101, fup=100, type="sub", name="短租", status=1)
    insert(cursor, "pre_forum_forumfield", fid=101, description="短租")
    insert(cursor, "pre_forum_moderator", uid=6, fid=100)
    insert(cursor, "pre_forum_threadclass", typeid=1, fid=100, name="出租", displayorder=1)
    threads = [
        # tid, fid, author uid, subject, displayorder, digest, closed, typeid
        (100, 100, 2, "Zone 2 单间出租", 1, 1, 0, 1),
        (101, 100, 3, "求租 Camden", 0, 0, 1, 0),
        (102, 2, 1, "Welcome 欢迎", 3, 0, 0, 0),
        (103, 100, 3, "已删除的帖子", -1, 0, 0, 0),
        (104, 100, 3, "moved pointer", 0, 0, 100, 0),
        (105, 999, 3, "帖子在已删除的版块", 0, 0, 0, 0),
        (106, 101, 99, "短租一周", 0, 0, 0, 0),
    ]
    for tid, fid, uid, subject, order, digest, closed, typeid in threads:
        name = next((m[1] for m in members if m[0] == uid), "ghost")
        insert(
            cursor,
            "pre_forum_thread",
            tid=tid,
            fid=fid,
            author=name,
            authorid=uid,
            subject=subject,
            dateline=T0 + tid,
            lastpost=T0 + tid + 500,
            lastposter=name,
            views=tid * 3,
            replies=0,
            displayorder=order,
            digest=digest,
            closed=closed,
            typeid=typeid,
        )
    # Views counted but not yet added to the threads (Discuz!'s optimizeviews).
    for tid, added in ((100, 7), (102, 40)):
        insert(cursor, "pre_forum_threadaddviews", tid=tid, addviews=added)
    posts = [
        # pid, tid, first, uid, message, position, invisible
        (1000, 100, 1, 2, "[b]Zone 2[/b] 单间 850镑 {:1_1:}\n[attach]500[/attach]", 1, 0),
        (1001, 100, 0, 3, "[quote]伦敦小王 发表于 2019-2-19\n单间[/quote]\n还在吗？", 2, 0),
        (1002, 100, 0, 2, "在的 [url=https://example.com/room]看图[/url]", 3, 0),
        (1003, 100, 0, 3, "已删除的回复", 4, -1),
        (1004, 101, 1, 3, "求租 [color=red]Camden[/color] [b]不闭合", 1, 0),
        (1005, 102, 1, 1, "欢迎来到 [size=4]伦敦华人网[/size][hide]隐藏[/hide]", 1, 0),
        (1006, 103, 1, 3, "回收站里的帖子", 1, -1),
        (1007, 106, 1, 99, "作者已删除", 1, 0),
        (1008, 105, 1, 3, "孤儿帖子", 1, 0),
        (1009, 100, 0, 2, "匿名回复", 5, 0),
    ]
    for pid, tid, first, uid, message, position, invisible in posts:
        name = next((m[1] for m in members if m[0] == uid), "ghost")
        insert(
            cursor,
            "pre_forum_post",
            pid=pid,
            fid=100,
            tid=tid,
            first=first,
            author=name,
            authorid=uid,
            subject="",
            dateline=T0 + pid,
            message=message,
            useip="81.2.69.160",
            invisible=invisible,
            anonymous=1 if pid == 1009 else 0,
            position=position,
            attachment=1 if pid == 1000 else 0,
            htmlon=0,
        )
    # An attachment file on disk (forum/201902/19/…) and one whose file is missing.
    folder = attachment_root / "forum" / "201902" / "19"
    folder.mkdir(parents=True, exist_ok=True)
    picture = folder / "room.png"
    picture.write_bytes(_png())
    insert(
        cursor, "pre_forum_attachment", aid=500, tid=100, pid=1000, uid=2, tableid=0, downloads=12
    )
    insert(
        cursor,
        "pre_forum_attachment_0",
        aid=500,
        tid=100,
        pid=1000,
        uid=2,
        dateline=T0,
        filename="room.png",
        filesize=picture.stat().st_size,
        attachment="201902/19/room.png",
        isimage=1,
        width=4,
    )
    insert(
        cursor, "pre_forum_attachment", aid=501, tid=100, pid=1002, uid=2, tableid=1, downloads=0
    )
    insert(
        cursor,
        "pre_forum_attachment_1",
        aid=501,
        tid=100,
        pid=1002,
        uid=2,
        dateline=T0,
        filename="lost.pdf",
        filesize=10,
        attachment="201902/19/lost.pdf",
        isimage=0,
    )
    # UCenter avatars beside the attachments: 伦敦小王's is a picture, kate_w's is not,
    # and admin's (avatarstatus=1) was lost.
    avatars = attachment_root.parent / "avatar"
    (avatars / "000" / "00" / "00").mkdir(parents=True, exist_ok=True)
    (avatars / "000" / "00" / "00" / "02_avatar_big.jpg").write_bytes(_png("JPEG", (160, 160)))
    (avatars / "000" / "00" / "00" / "02_avatar_small.jpg").write_bytes(_png("JPEG", (48, 48)))
    (avatars / "000" / "00" / "00" / "03_avatar_big.jpg").write_bytes(b"<html>not found</html>")
    # Portal uploads (data/attachment/portal/…): the article's picture, which is also its
    # cover, a file linked for download, and one whose file is missing.
    portal = attachment_root / "portal" / "201902" / "20"
    portal.mkdir(parents=True, exist_ok=True)
    (portal / "map.png").write_bytes(_png())
    (portal / "notes.txt").write_bytes(b"liaison officers")
    for attachid, name, isimage in ((70, "map.png", 1), (71, "notes.txt", 0), (72, "gone.jpg", 1)):
        insert(
            cursor,
            "pre_portal_attachment",
            attachid=attachid,
            uid=1,
            dateline=T0,
            filename=name,
            filetype=name.rsplit(".", 1)[1],
            filesize=16,
            attachment=f"201902/20/{name}",
            isimage=isimage,
            aid=1,
        )
    # Portal: the install data has catid 1 (默认分类 or similar); add one more and two articles.
    insert(cursor, "pre_portal_category", catid=50, upid=0, catname="新闻", displayorder=1)
    insert(
        cursor,
        "pre_portal_article_title",
        aid=1,
        catid=50,
        uid=1,
        username="admin",
        title="U.S., DPRK consider exchanging liaison officers: report",
        author="Gu Liping",
        **{"from": "Xinhua"},
        fromurl="http://www.xinhuanet.com/english/",
        summary="The United States discussed exchanging liaison officers ...",
        allowcomment=1,
        dateline=1550577000 + 3600 * 3,
        status=0,
        contents=2,
        pic="portal/201902/20/map.png",
    )
    insert(
        cursor,
        "pre_portal_article_content",
        aid=1,
        content=(
            '<p>第一页 page one</p><p><img src="data/attachment/portal/201902/20/map.png"></p>'
            '<p><a href="portal.php?mod=attachment&amp;id=71">notes.txt</a></p>'
        ),
        pageorder=1,
        title="",
    )
    insert(
        cursor,
        "pre_portal_article_content",
        aid=1,
        content="<p>第二页 page two</p>",
        pageorder=2,
        title="下一页",
    )
    insert(cursor, "pre_portal_article_count", aid=1, catid=50, viewnum=24, commentnum=2)
    insert(
        cursor,
        "pre_portal_article_title",
        aid=2,
        catid=50,
        uid=2,
        username="伦敦小王",
        title="待审核的文章",
        allowcomment=1,
        dateline=T0,
        status=1,
    )
    insert(cursor, "pre_portal_article_content", aid=2, content="<p>pending</p>", pageorder=1)
    insert(
        cursor,
        "pre_portal_comment",
        uid=3,
        username="kate_w",
        id=1,
        idtype="aid",
        dateline=T0 + 5000,
        status=0,
        message="好文章",
    )
    insert(
        cursor,
        "pre_portal_comment",
        uid=2,
        username="伦敦小王",
        id=1,
        idtype="aid",
        dateline=T0 + 6000,
        status=1,
        message="待审核评论",
    )
    for key, value in (("bbname", "英国伦敦华人网"), ("sitename", "伦敦华人网")):
        cursor.execute(
            "UPDATE pre_common_setting SET svalue = %s WHERE skey = %s", (_STORE[0](value), key)
        )
    write_polls_and_ratings(cursor)
    return {
        "members": 6,  # 4 live + 1 archived + 1 moderator
        "threads_imported": 5,  # 100, 101, 102, 103 (recycled), 106 (author gone)
        "posts_imported": 9,  # all but 1008 (its thread's forum is gone)
    }


def write_polls_and_ratings(cursor: Any) -> None:
    """A poll on 102 (several choices, voters shown; one voter's member is gone), a poll on a
    thread that is not imported, and ratings of post 1000 (and of a post not imported)."""
    cursor.execute("UPDATE pre_forum_thread SET special = 1 WHERE tid IN (102, 105)")
    insert(
        cursor,
        "pre_forum_poll",
        tid=102,
        overt=1,
        multiple=1,
        visible=0,
        maxchoices=2,
        expiration=0,
        voters=3,
    )
    for polloptionid, tid, votes, order, text, voterids in (
        (1, 102, 2, 1, "中餐", "2\t3"),
        (2, 102, 1, 2, "西餐", "3"),
        (3, 102, 1, 3, "<b>都行</b>", "99"),
        (4, 105, 0, 1, "甲", ""),
        (5, 105, 0, 2, "乙", ""),
    ):
        insert(
            cursor,
            "pre_forum_polloption",
            polloptionid=polloptionid,
            tid=tid,
            votes=votes,
            displayorder=order,
            polloption=text,
            voterids=voterids,
        )
    insert(cursor, "pre_forum_poll", tid=105, multiple=0, voters=0)
    for uid, name, chosen in ((2, "伦敦小王", "1"), (3, "kate_w", "1\t2"), (99, "ghost", "3")):
        insert(
            cursor,
            "pre_forum_pollvoter",
            tid=102,
            uid=uid,
            username=name,
            options=chosen,
            dateline=T0 + 900 + uid,
        )
    for pid, uid, name, credit, score, reason in (
        (1000, 1, "admin", 1, 2, "好帖"),
        (1000, 6, "mod_li", 2, -1, "图片太小"),
        (1008, 1, "admin", 1, 1, "孤儿"),
    ):
        insert(
            cursor,
            "pre_forum_ratelog",
            pid=pid,
            uid=uid,
            username=name,
            extcredits=credit,
            score=score,
            reason=reason,
            dateline=T0 + 1000 + uid,
        )


def _png(kind: str = "PNG", size: tuple[int, int] = (4, 3)) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, kind)
    return out.getvalue()
