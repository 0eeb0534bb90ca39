"""A purged spammer's private messages leave every inbox; undoing the purge brings them back."""

import pytest

from lanting.accounts.models import MemberGroup
from lanting.messages import services
from lanting.messages.models import Conversation, Participant
from lanting.messages.selectors import inbox_page, messages_page, unread_count
from lanting.moderation.purge import preview_purge, purge_member, undo_purge

pytestmark = pytest.mark.django_db


def test_purging_a_spammer_takes_their_messages_out_and_undo_puts_them_back(
    people, make_member, client, django_capture_on_commit_callbacks
):
    amy, bob = people["amy"], people["bob"]
    spammer = make_member("spammer")
    boss = make_member("chaoban", group=MemberGroup.objects.get(code="super_moderator"))
    with django_capture_on_commit_callbacks(execute=True):
        spam = services.start_conversation(author=spammer, to="amy", body="代办证件 加微信")
        talk = services.start_conversation(author=amy, to="bob", body="周末去爬山吗")
        services.reply(conversation=talk, author=bob, body="好呀")
    assert unread_count(amy.pk) == 2  # the spam and bob's answer
    preview = preview_purge(member=spammer, moderator=boss)
    assert ("Private messages", 1, ["代办证件 加微信"]) in preview.parts

    with django_capture_on_commit_callbacks(execute=True):
        record = purge_member(member=spammer, moderator=boss, reason="广告", ban_addresses=False)
    assert record.removed["pm.message"]
    assert [line.conversation for line in inbox_page(amy.pk, 1)] == [talk]
    assert unread_count(amy.pk) == 1  # bob's answer only
    assert list(messages_page(spam, 1)) == []
    client.force_login(amy)
    inbox = client.get("/messages/").content.decode()
    assert "代办证件" not in inbox and f"/messages/{talk.pk}/" in inbox
    assert Conversation.objects.get(pk=talk.pk).message_count == 2  # others' talk untouched

    with django_capture_on_commit_callbacks(execute=True):
        undo_purge(record=record, moderator=boss)
    assert [m.body for m in messages_page(spam, 1)] == ["代办证件 加微信"]
    assert Conversation.objects.get(pk=spam.pk).message_count == 1
    assert Participant.objects.get(conversation=spam, member=amy).unread == 0  # not told twice
