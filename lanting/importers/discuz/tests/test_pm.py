"""UCenter's private messages and the blacklists come over: conversations, who is in them,
what they have not read, the messages from the ten tables, and who blocks whom."""

# ruff: noqa: S608  (the test writes its own rows into its own throw-away database)

import pytest
from django.core.management import call_command

from lanting.accounts.models import MemberGroup, User
from lanting.importers.discuz.models import ImportRun, LegacyLink
from lanting.importers.discuz.tests.test_import import _execute_on_source
from lanting.messages import selectors
from lanting.messages.models import Block, Conversation, Message, Participant

pytestmark = pytest.mark.django_db

T = 1_600_000_000
# UCenter's lastmessage: a PHP-serialized array.
SERIALIZED = (
    'a:3:{s:12:"lastauthorid";s:1:"3";s:10:"lastauthor";s:6:"kate_w";s:11:"lastsummary";s:3:"hey";}'
)


def _private_messages(dsn):
    """A few conversations, as the default data has none."""
    uc = "pre_ucenter_"
    _execute_on_source(
        dsn,
        # One-to-one: 伦敦小王 (2) and kate_w (3); kate has not read the answer.
        f"INSERT INTO {uc}pm_lists (plid, authorid, pmtype, subject, members, min_max, dateline,"
        f" lastmessage) VALUES (1, 2, 1, '周末聚会', 2, '2_3', {T}, ''),"
        # A group chat started by admin (1) with 伦敦小王 and mod_li (6).
        f" (2, 1, 2, '版主群', 3, '', {T + 10}, ''),"
        # kate_w and mod_li, which mod_li deleted: no line of theirs is left.
        f" (12, 3, 1, '', 2, '3_6', {T + 20}, '{SERIALIZED}')",
        f"INSERT INTO {uc}pm_members (plid, uid, isnew, pmnum, lastupdate, lastdateline) VALUES"
        f" (1, 2, 0, 2, {T + 5}, {T + 5}), (1, 3, 1, 2, {T}, {T + 5}),"
        f" (2, 1, 0, 1, {T + 10}, {T + 10}), (2, 2, 0, 1, {T + 10}, {T + 10}),"
        f" (2, 6, 1, 1, {T + 10}, {T + 10}), (12, 3, 0, 1, {T + 20}, {T + 20})",
        f"INSERT INTO {uc}pm_indexes (pmid, plid) VALUES (1, 1), (2, 1), (3, 2), (4, 12), (5, 3)",
        f"INSERT INTO {uc}pm_messages_1 (pmid, plid, authorid, message, delstatus, dateline)"
        f" VALUES (1, 1, 2, '[b]周六[/b]一起吃饭？', 0, {T}), (2, 1, 3, '好的 :)', 1, {T + 5})",
        f"INSERT INTO {uc}pm_messages_2 (pmid, plid, authorid, message, delstatus, dateline)"
        f" VALUES (3, 2, 1, '本周值班表', 0, {T + 10}), (4, 12, 3, 'hey', 0, {T + 20})",
        # A message whose conversation is gone.
        f"INSERT INTO {uc}pm_messages_3 (pmid, plid, authorid, message, delstatus, dateline)"
        f" VALUES (5, 3, 2, '孤儿', 0, {T})",
        # kate_w blocks troll (4) and a member who is gone; 伦敦小王 blocks troll in UCenter.
        f"INSERT INTO pre_home_blacklist (uid, buid, dateline) VALUES (3, 4, {T}), (3, 999, {T})",
        f"INSERT INTO {uc}memberfields (uid, blacklist) VALUES (2, 'troll,{{ALL}}')",
        # The site barred its 限制会员 (restricted members) from private messages.
        "UPDATE pre_common_usergroup SET allowsendpm = 0 WHERE groupid = 9",
    )


def test_private_messages_and_blocks_come_over(discuz_dsn, settings, tmp_path, client):
    dsn, attachments = discuz_dsn
    settings.MEDIA_ROOT = tmp_path / "media"
    _private_messages(dsn)
    call_command("import-discuz", "--dsn", dsn, "--attachments", str(attachments))
    wang, kate = User.objects.get(username="伦敦小王"), User.objects.get(username="kate_w")
    admin, mod = User.objects.get(username="admin"), User.objects.get(username="mod_li")
    troll = User.objects.get(username="troll")

    dinner = Conversation.objects.get(subject="周末聚会")
    assert not dinner.is_group and dinner.started_by == wang and dinner.message_count == 2
    bodies = list(dinner.messages.values_list("author__username", "body_html"))
    assert bodies[0] == ("伦敦小王", "<strong>周六</strong>一起吃饭？")
    assert bodies[1][0] == "kate_w"
    assert Participant.objects.get(conversation=dinner, member=kate).unread == 1
    assert Participant.objects.get(conversation=dinner, member=wang).unread == 0
    assert selectors.unread_count(kate.pk) == 1

    group = Conversation.objects.get(subject="版主群")
    assert group.is_group and group.started_by == admin
    people = set(group.participants.values_list("member__username", flat=True))
    assert people == {"admin", "伦敦小王", "mod_li"}

    deleted = Conversation.objects.get(participants__member=mod, is_group=False)
    assert deleted.subject == "hey"  # no subject: the message stands in
    assert Participant.objects.get(conversation=deleted, member=mod).left_at is not None
    assert [line.conversation for line in selectors.inbox_page(mod.pk, 1)] == [group]
    assert deleted.last_message_at > dinner.last_message_at

    assert Message.objects.count() == 4  # the orphan is skipped
    assert set(Block.objects.values_list("member__username", "blocked__username")) == {
        ("kate_w", "troll"),
        ("伦敦小王", "troll"),
    }
    assert Block.objects.get(member=kate).created_at.timestamp() == T
    report = ImportRun.objects.latest("started_at").report["tables"]
    assert report["private conversations"]["imported"] == 3
    assert report["private messages"]["imported"] == 4
    assert report["private messages"]["skipped"] == {
        "message whose conversation was not imported": 1
    }
    assert report["private messages"]["warnings"] == {
        "deleted by one side in Discuz! (kept for both)": 1
    }
    assert report["blocked members"]["imported"] == 2
    assert report["blocked members"]["skipped"] == {
        "refuses messages from everyone": 1,
        "a member of the pair was not imported": 1,
    }
    assert troll.pk  # the blocked member is an ordinary imported member

    restricted = MemberGroup.objects.get(kind=MemberGroup.Kind.RANK, name="限制会员")
    assert not restricted.can_message
    assert MemberGroup.objects.get(kind=MemberGroup.Kind.RANK, name="新手上路").can_message

    # The old address of a conversation answers 301 with the new one.
    response = client.get("/home.php?mod=space&do=pm&subop=view&plid=1")
    assert response.status_code == 301 and response["Location"] == dinner.get_absolute_url()
    response = client.get("/home.php?mod=space&do=pm&subop=view&plid=77")
    assert response.status_code == 301 and response["Location"] == "/messages/"

    # A second run writes nothing twice.
    counts = (Conversation.objects.count(), Participant.objects.count(), Message.objects.count())
    call_command("import-discuz", "--dsn", dsn, "--attachments", str(attachments))
    again = (Conversation.objects.count(), Participant.objects.count(), Message.objects.count())
    assert again == counts and Block.objects.count() == 2
    assert LegacyLink.objects.filter(kind=LegacyLink.Kind.PRIVATE_MESSAGE).count() == 4
