import json

import pytest
from django.core.management import CommandError, call_command

from lanting.accounts.models import User
from lanting.forum.models import Attachment, Board, Post, Section, Thread
from lanting.importers.discuz.models import LegacyLink
from lanting.importers.discuz.sample import PASSWORDS
from lanting.moderation.models import Ban
from lanting.portal.models import Article, Comment
from lanting.search.models import SearchEntry

pytestmark = pytest.mark.django_db


def _import(dsn, attachments, *extra):
    call_command("import-discuz", "--dsn", dsn, "--attachments", str(attachments), *extra)


def _execute_on_source(dsn, *statements):
    """Change the old site's database, as its users would while it keeps running."""
    import pymysql

    raw = pymysql.connect(
        host="127.0.0.1",
        user="root",
        password="",
        database=dsn.rsplit("/", 1)[1],
        charset="utf8mb4",
        autocommit=True,
    )
    with raw.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    raw.close()


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            User,
            Board,
            Thread,
            Post,
            Attachment,
            Article,
            Comment,
            Ban,
            LegacyLink,
            SearchEntry,
        )
    }


def test_import_carries_every_member_thread_post_and_article(discuz_dsn, settings, tmp_path):
    dsn, attachments = discuz_dsn
    settings.MEDIA_ROOT = tmp_path / "media"
    _import(dsn, attachments)
    names = set(User.objects.values_list("username", flat=True))
    assert {"admin", "伦敦小王", "kate_w", "troll", "gone", "mod_li"} <= names
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.credits == 120
    wang = User.objects.get(username="伦敦小王")
    assert wang.current_group.name == "注册会员"  # 55 credits
    assert "签名" in wang.signature
    rent = Board.objects.get(name="租房")
    assert rent.children.get().name == "短租"
    assert rent.moderators.get().username == "mod_li"
    room = Thread.objects.get(title="Zone 2 单间出租")
    assert (room.sticky, room.digest, room.board) == (1, 1, rent)
    assert room.thread_type.name == "出租"
    floors = list(room.posts.order_by("position").values_list("position", "is_deleted"))
    assert floors == [(1, False), (2, False), (3, False), (4, True), (5, False)]
    assert room.reply_count == 3  # the recycled reply does not count
    first = room.posts.get(position=1)
    assert "<strong>Zone 2</strong>" in first.body_html
    picture = Attachment.objects.get(name="room.png")
    assert picture.post == first and picture.downloads == 12
    assert f"/attachment/{picture.pk}/" in first.body_html  # [attach]500 → the new id
    assert room.posts.get(position=5).author_name == "匿名"
    assert Thread.objects.get(title="已删除的帖子").is_deleted
    assert Thread.objects.get(title="Welcome 欢迎").sticky == 3
    assert Thread.objects.get(title="求租 Camden").is_closed
    orphan = Thread.objects.get(title="短租一周")
    assert orphan.author is None and orphan.author_name == "ghost"
    assert not Thread.objects.filter(title__in=["moved pointer", "帖子在已删除的版块"]).exists()
    article = Article.objects.get(title__startswith="U.S., DPRK")
    assert (article.views, article.original_author, article.source_name) == (
        24,
        "Gu Liping",
        "Xinhua",
    )
    assert "第二页" in article.body_html and article.publisher == admin
    assert article.comment_count == 1  # the pending comment is kept, hidden
    assert Comment.objects.filter(article=article).count() == 2
    assert Article.objects.get(title="待审核的文章").status == Article.Status.DRAFT


def test_imported_member_logs_in_with_the_old_password(discuz_dsn, client, settings, tmp_path):
    dsn, attachments = discuz_dsn
    settings.MEDIA_ROOT = tmp_path / "media"
    _import(dsn, attachments)
    response = client.post(
        "/accounts/login/", {"username": "伦敦小王", "password": PASSWORDS["伦敦小王"]}
    )
    assert response.status_code == 302
    wang = User.objects.get(username="伦敦小王")
    assert wang.password.startswith("argon2$")
    archived = client.post("/accounts/login/", {"username": "gone", "password": PASSWORDS["gone"]})
    assert archived.status_code == 302


def test_bans_show_on_the_darkroom(discuz_dsn, client, settings, tmp_path):
    dsn, attachments = discuz_dsn
    settings.MEDIA_ROOT = tmp_path / "media"
    _import(dsn, attachments)
    ban = Ban.objects.get(member__username="troll")
    assert (ban.kind, ban.reason, ban.moderator.username) == ("post", "发广告", "admin")
    assert Ban.objects.get(kind="ip").ip_range == "203.0.113.0/24"
    html = client.get("/darkroom/").content.decode()
    assert "troll" in html and "发广告" in html
    assert client.get("/", REMOTE_ADDR="203.0.113.9").status_code == 403


def test_old_thread_link_redirects_to_the_new_thread(discuz_dsn, client, settings, tmp_path):
    dsn, attachments = discuz_dsn
    settings.MEDIA_ROOT = tmp_path / "media"
    _import(dsn, attachments)
    room = Thread.objects.get(title="Zone 2 单间出租")
    response = client.get("/thread-100-1-1.html")
    assert response.status_code == 301
    assert response["Location"].startswith(room.get_absolute_url())


def test_a_second_run_changes_nothing(discuz_dsn, settings, tmp_path):
    dsn, attachments = discuz_dsn
    settings.MEDIA_ROOT = tmp_path / "media"
    _import(dsn, attachments)
    first = _counts()
    report = tmp_path / "report.json"
    _import(dsn, attachments, "--report", str(report))
    assert _counts() == first
    tables = json.loads(report.read_text())["tables"]
    assert all(t["imported"] == 0 and t["updated"] == 0 for t in tables.values()), tables


def test_report_lists_missing_files_and_orphans(discuz_dsn, settings, tmp_path):
    dsn, attachments = discuz_dsn
    settings.MEDIA_ROOT = tmp_path / "media"
    report = tmp_path / "report.json"
    _import(dsn, attachments, "--report", str(report))
    data = json.loads(report.read_text())
    assert data["missing_files"] == ["forum/201902/19/lost.pdf", "portal/201902/20/gone.jpg"]
    assert data["tables"]["threads"]["skipped"]["thread whose forum was deleted"] == 1
    assert data["tables"]["posts"]["skipped"]["post whose thread was not imported"] >= 1


def test_dry_run_writes_nothing(discuz_dsn, settings, tmp_path):
    dsn, attachments = discuz_dsn
    settings.MEDIA_ROOT = tmp_path / "media"
    before = _counts()
    _import(dsn, attachments, "--dry-run")
    assert _counts() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--dsn", "mysql://root@127.0.0.1:3306/no_such_database_here"], "cannot connect"),
        (["--dsn", "postgres://x@y/z"], "is not mysql://"),
        (["--dsn", "mysql://root@127.0.0.1:1/x"], "cannot connect"),
    ],
)
def test_bad_dsn_stops_at_once_with_one_line(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("import-discuz", *args)
    assert not User.objects.exists()


def test_wrong_prefix_stops_at_once(discuz_dsn):
    dsn, _attachments = discuz_dsn
    with pytest.raises(CommandError, match="not a Discuz! database, or a wrong --prefix"):
        call_command("import-discuz", "--dsn", dsn, "--prefix", "cdb_")


def test_utf8_gbk_and_gbk_in_latin1_sites_all_import_right(discuz_any_charset, settings, tmp_path):
    dsn, attachments, kind = discuz_any_charset
    settings.MEDIA_ROOT = tmp_path / "media"
    extra = ["--charset", "gbk"] if kind == "latin1-holding-gbk" else []
    _import(dsn, attachments, *extra)
    assert User.objects.filter(username="伦敦小王").exists()
    assert Board.objects.filter(name="租房").exists()
    assert "单间" in Post.objects.get(body__startswith="[b]Zone 2").body
    from lanting.core.models import SiteSettings

    assert SiteSettings.objects.get().name == "英国伦敦华人网"


def test_undecodable_text_is_reported_not_imported_as_mojibake(
    discuz_latin1_dsn, settings, tmp_path
):
    import pymysql

    dsn, attachments = discuz_latin1_dsn
    database = dsn.rsplit("/", 1)[1]
    raw = pymysql.connect(
        host="127.0.0.1",
        user="root",
        password="",
        database=database,
        charset="latin1",
        autocommit=True,
    )
    with raw.cursor() as cursor:  # bytes that are not GBK, in a GBK site
        cursor.execute(
            "UPDATE pre_forum_post SET message = %s WHERE pid = 1002", (b"\xff\xfe\xfd",)
        )
    raw.close()
    settings.MEDIA_ROOT = tmp_path / "media"
    report = tmp_path / "report.json"
    _import(dsn, attachments, "--charset", "gbk", "--report", str(report))
    data = json.loads(report.read_text())
    assert data["tables"]["posts"]["skipped"]["text not decodable in the site charset"] == 1
    assert "post 1002" in data["undecodable_rows"]
    assert Post.objects.count() == 8


def test_a_second_run_carries_edits_made_on_the_old_site(discuz_dsn, settings, tmp_path):
    import pymysql

    dsn, attachments = discuz_dsn
    settings.MEDIA_ROOT = tmp_path / "media"
    _import(dsn, attachments)
    room = Thread.objects.get(title="Zone 2 单间出租")
    first = room.posts.get(position=1)
    raw = pymysql.connect(
        host="127.0.0.1",
        user="root",
        password="",
        database=dsn.rsplit("/", 1)[1],
        charset="utf8mb4",
        autocommit=True,
    )
    with raw.cursor() as cursor:  # the old site kept running after the first import
        cursor.execute("UPDATE pre_forum_post SET message = '[i]已租出[/i]' WHERE pid = 1000")
        cursor.execute("UPDATE pre_forum_thread SET subject = 'Zone 2 单间 已租' WHERE tid = 100")
        cursor.execute("UPDATE pre_common_member SET credits = 60 WHERE uid = 2")
    raw.close()
    report = tmp_path / "report.json"
    _import(dsn, attachments, "--report", str(report))
    tables = json.loads(report.read_text())["tables"]
    assert [tables[t]["updated"] for t in ("posts", "threads", "members")] == [1, 1, 1]
    first.refresh_from_db()
    assert first.body_html == "<i>已租出</i>"
    assert Thread.objects.get(pk=room.pk).title == "Zone 2 单间 已租"
    assert User.objects.get(username="伦敦小王").credits == 60
    assert Post.objects.count() == 9


def test_views_not_yet_added_by_discuz_count_once(discuz_dsn, settings, tmp_path):
    dsn, attachments = discuz_dsn
    settings.MEDIA_ROOT = tmp_path / "media"

    def views():
        return dict(Thread.objects.values_list("title", "views"))

    _import(dsn, attachments)
    first = views()
    assert first["Zone 2 单间出租"] == 300 + 7  # tid 100: views 300, 7 pending
    assert first["Welcome 欢迎"] == 306 + 40
    assert first["求租 Camden"] == 303  # nothing pending
    _import(dsn, attachments)
    assert views() == first
    _execute_on_source(
        dsn,
        # More views on tid 100; Discuz! flushed tid 102's pending views into its thread.
        "UPDATE pre_forum_threadaddviews SET addviews = 10 WHERE tid = 100",
        "UPDATE pre_forum_thread SET views = views + 40 WHERE tid = 102",
        "DELETE FROM pre_forum_threadaddviews WHERE tid = 102",
    )
    _import(dsn, attachments)
    assert views()["Zone 2 单间出租"] == 310
    assert views()["Welcome 欢迎"] == 346


def test_a_second_run_keeps_pictures_in_their_posts(discuz_dsn, settings, tmp_path):
    dsn, attachments = discuz_dsn
    settings.MEDIA_ROOT = tmp_path / "media"
    _import(dsn, attachments)
    picture = Attachment.objects.get(name="room.png")
    first = picture.post
    assert f"[attach]{picture.pk}[/attach]" in first.body
    # A file the old site gained meanwhile whose old aid is room.png's new id: a run that
    # mapped every post's [attach] numbers again would show it in room.png's place.
    aid, table = picture.pk, picture.pk % 10
    assert aid not in (500, 501)  # the sample's own aids
    _execute_on_source(
        dsn,
        "INSERT INTO pre_forum_attachment (aid, tid, pid, uid, tableid, downloads) "  # noqa: S608
        f"VALUES ({aid}, 100, 1002, 2, {table}, 0)",
        f"INSERT INTO pre_forum_attachment_{table} (aid, tid, pid, uid, dateline, filename, "  # noqa: S608
        "filesize, attachment, isimage, width, description) "
        f"VALUES ({aid}, 100, 1002, 2, 0, 'plan.png', 1, '201902/19/room.png', 1, 4, '')",
    )
    _import(dsn, attachments)
    assert Attachment.objects.filter(name="plan.png").exists()
    first.refresh_from_db()
    assert f"[attach]{picture.pk}[/attach]" in first.body
    assert f"/attachment/{picture.pk}/" in first.body_html


def test_usernames_differing_only_in_letter_case_do_not_stop_the_import(
    discuz_dsn, settings, tmp_path, make_member
):
    dsn, attachments = discuz_dsn
    settings.MEDIA_ROOT = tmp_path / "media"
    make_member("TROLL")  # registered on Lanting before the move
    # Discuz!'s archive table is apart from common_member: its unique index does
    # not keep "Kate_W" out while "kate_w" is live.
    _execute_on_source(
        dsn,
        "INSERT INTO pre_common_member_archive (uid, username, email, password, groupid, "
        "regdate, credits) VALUES (7, 'Kate_W', 'kate2@example.com', '', 10, 0, 0)",
    )
    report = tmp_path / "report.json"
    _import(dsn, attachments, "--report", str(report))
    names = set(User.objects.values_list("username", flat=True))
    assert {"kate_w", "Kate_W_7", "TROLL", "伦敦小王"} <= names
    assert "troll" not in names
    tables = json.loads(report.read_text())["tables"]
    renamed = "renamed: another old member has this username, letter case aside"
    assert tables["members (archive)"]["warnings"][renamed] == 1
    assert tables["members (archive)"]["examples"][renamed] == ["7: Kate_W → Kate_W_7"]
    assert tables["members"]["skipped"]["username already used by a Lanting member"] == 1
    _import(dsn, attachments, "--report", str(report))  # and again: the same names
    assert set(User.objects.values_list("username", flat=True)) == names


def test_a_picture_in_a_hidden_part_shows_to_those_who_may_see_it(discuz_dsn, settings, tmp_path):
    dsn, attachments = discuz_dsn
    settings.MEDIA_ROOT = tmp_path / "media"
    _execute_on_source(
        dsn,
        "UPDATE pre_forum_post SET message = '看房照片：[hide][attach]500[/attach][/hide]' "
        "WHERE pid = 1000",
    )
    _import(dsn, attachments)
    picture = Attachment.objects.get(name="room.png")
    post = picture.post
    assert f"[attach]{picture.pk}[/attach]" in post.body
    assert f"/attachment/{picture.pk}/" not in post.body_html  # hidden from readers
    assert f"/attachment/{picture.pk}/" in post.revealed_html  # shown once revealed


def test_a_sub_forum_sits_in_its_parent_s_section_and_leaves_no_empty_one(
    discuz_dsn, settings, tmp_path
):
    dsn, attachments = discuz_dsn
    settings.MEDIA_ROOT = tmp_path / "media"
    _execute_on_source(dsn, "UPDATE pre_forum_forum SET name = '老站' WHERE fid = 1")
    _import(dsn, attachments)
    rent = Board.objects.get(name="租房")
    assert rent.children.get().section_id == rent.section_id
    # Every board of the sample has a board group: no fallback section ("Discuz!") is made.
    assert not Section.objects.filter(name="Discuz!").exists()
