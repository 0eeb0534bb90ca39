"""Starting, answering, reading, leaving and blocking: each rule, each refusal."""

import pytest
from django.core.exceptions import ValidationError

from lanting.accounts.models import MemberGroup
from lanting.messages import selectors, services
from lanting.messages.models import Block, Conversation, Message, Participant
from lanting.notifications.models import Notification

pytestmark = pytest.mark.django_db(transaction=True)


def refusal(call, **kwargs):
    with pytest.raises(ValidationError) as caught:
        call(**kwargs)
    return " ".join(caught.value.messages)


def nothing_written():
    return not Conversation.objects.exists() and not Message.objects.exists()


def test_a_message_starts_a_conversation_the_recipient_sees_unread(people):
    amy, bob = people["amy"], people["bob"]
    conversation = services.start_conversation(author=amy, to="Bob", body="[b]你好[/b] Bob")
    assert not conversation.is_group and conversation.message_count == 1
    assert conversation.subject == "你好 Bob"  # the start of the message stands in
    message = conversation.messages.get()
    assert message.body_html == "<strong>你好</strong> Bob"  # the post renderer's HTML
    assert selectors.unread_count(bob.pk) == 1 and selectors.unread_count(amy.pk) == 0
    line = Participant.objects.get(member=bob)
    assert line.unread == 1
    notice = Notification.objects.get(recipient=bob)
    assert notice.kind == "message" and notice.url == conversation.get_absolute_url()
    assert notice.group_key == f"pm:{conversation.pk}" and notice.actor_name == "amy"


def test_replies_count_unread_per_conversation_and_reading_clears_them(people):
    amy, bob = people["amy"], people["bob"]
    conversation = services.start_conversation(author=amy, to="bob", body="一")
    services.reply(conversation=conversation, author=amy, body="二")
    services.reply(conversation=conversation, author=amy, body="三")
    bob_line = Participant.objects.get(member=bob)
    assert bob_line.unread == 3 and selectors.unread_count(bob.pk) == 1  # one conversation
    assert Notification.objects.filter(recipient=bob, read_at=None).count() == 3
    services.mark_read(bob_line)
    assert selectors.unread_count(bob.pk) == 0
    assert not Notification.objects.filter(recipient=bob, read_at=None).exists()
    services.reply(conversation=conversation, author=bob, body="收到")
    assert Participant.objects.get(member=amy).unread == 1
    assert Participant.objects.get(member=bob).unread == 0
    assert Conversation.objects.get().message_count == 4


def test_a_small_group_and_its_limit(people):
    amy = people["amy"]
    conversation = services.start_conversation(author=amy, to="bob, carol，dan", body="开会")
    assert conversation.is_group and conversation.participants.count() == 4
    names = ",".join(f"m{n}" for n in range(services.MAX_RECIPIENTS + 1))
    assert "at most 10 recipients" in refusal(
        services.start_conversation, author=amy, to=names, body="x"
    )


@pytest.mark.parametrize(
    ("to", "body", "said"),
    [
        ("", "你好", "Write the name of the member"),
        (" , ，", "你好", "Write the name of the member"),
        ("amy", "你好", "You cannot write to yourself."),
        ("bob, amy", "你好", "You cannot write to yourself."),
        ("nobody", "你好", "There is no member called nobody."),
        ("bob, ghost, nobody", "你好", "There are no members called ghost、nobody."),
        ("bob", "   ", "Write something before you send."),
        ("bob", "长" * (services.BODY_MAX + 1), "at most 10000 characters"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_sent(people, to, body, said):
    assert said in refusal(services.start_conversation, author=people["amy"], to=to, body=body)
    assert nothing_written()


def test_a_subject_too_long_is_refused(people):
    said = refusal(
        services.start_conversation, author=people["amy"], to="bob", body="x", subject="题" * 81
    )
    assert "at most 80 characters" in said and nothing_written()


def test_a_member_who_blocked_you_refuses_your_messages(people):
    amy, bob, carol = people["amy"], people["bob"], people["carol"]
    conversation = services.start_conversation(author=amy, to="bob", body="你好")
    services.block_member(member=bob, name="amy")
    said = refusal(services.reply, conversation=conversation, author=amy, body="再说一句")
    assert said == "bob does not accept private messages from you."
    said = refusal(services.start_conversation, author=amy, to="carol, bob", body="新的")
    assert said == "bob does not accept private messages from you."
    assert Message.objects.count() == 1 and Conversation.objects.count() == 1  # nothing half-sent
    services.start_conversation(author=carol, to="bob", body="carol may")  # only amy is blocked
    services.reply(conversation=conversation, author=bob, body="bob may still write")
    services.unblock_member(member=bob, blocked_id=amy.pk)
    services.reply(conversation=conversation, author=amy, body="谢谢")


def test_blocking_twice_is_one_block_and_no_one_blocks_themself(people):
    amy = people["amy"]
    services.block_member(member=amy, name="@Bob")
    services.block_member(member=amy, name="bob")
    assert Block.objects.filter(member=amy).count() == 1
    assert refusal(services.block_member, member=amy, name="amy") == "You cannot block yourself."
    assert "no member called zed" in refusal(services.block_member, member=amy, name="zed")
    assert "Write the name" in refusal(services.block_member, member=amy, name=" ")


def test_the_database_holds_one_block_and_one_line_per_member(people):
    from django.db import IntegrityError, transaction

    amy, bob = people["amy"], people["bob"]
    Block.objects.create(member=amy, blocked=bob)
    with pytest.raises(IntegrityError), transaction.atomic():
        Block.objects.create(member=amy, blocked=bob)
    with pytest.raises(IntegrityError), transaction.atomic():
        Block.objects.create(member=amy, blocked=amy)
    conversation = services.start_conversation(author=bob, to="carol", body="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.create(conversation=conversation, member=bob)


def test_leaving_a_group_keeps_it_for_the_others(people):
    amy, bob, carol = people["amy"], people["bob"], people["carol"]
    conversation = services.start_conversation(author=amy, to="bob, carol", body="开会")
    services.leave_conversation(line=Participant.objects.get(member=bob))
    assert selectors.unread_count(bob.pk) == 0
    assert list(selectors.inbox_page(bob.pk, 1)) == []
    services.reply(conversation=conversation, author=carol, body="好")
    assert Participant.objects.get(member=bob).unread == 0  # gone for good
    assert Participant.objects.get(member=amy).unread == 1
    assert "You have left" in refusal(
        services.reply, conversation=conversation, author=bob, body="我回来了"
    )


def test_one_to_one_the_other_comes_back_when_written_to(people):
    amy, bob = people["amy"], people["bob"]
    conversation = services.start_conversation(author=amy, to="bob", body="一")
    services.leave_conversation(line=Participant.objects.get(member=bob))
    services.reply(conversation=conversation, author=amy, body="还在吗")
    line = Participant.objects.get(member=bob)
    assert line.left_at is None and line.unread == 1


def test_new_members_start_at_most_their_group_s_number_a_day(people, newcomer_rank):
    amy = people["amy"]
    amy.rank = newcomer_rank
    amy.save()
    assert newcomer_rank.conversations_per_day == 10
    newcomer_rank.conversations_per_day = 2
    newcomer_rank.save()
    for n in range(2):
        services.start_conversation(author=amy, to="bob", body=f"第{n}")
    said = refusal(services.start_conversation, author=amy, to="carol", body="第三")
    assert "may start 2 conversations in 24 hours" in said
    assert Conversation.objects.count() == 2
    services.reply(conversation=Conversation.objects.first(), author=amy, body="answering is fine")


def test_a_group_that_may_not_start_conversations(people, newcomer_rank):
    amy = people["amy"]
    newcomer_rank.can_message = False
    newcomer_rank.save()
    amy.rank = newcomer_rank
    amy.save()
    said = refusal(services.start_conversation, author=amy, to="bob", body="x")
    assert said == "Your member group may not start private conversations."
    assert nothing_written()


def test_members_banned_from_posting_may_not_write(people):
    amy = people["amy"]
    amy.group = MemberGroup.objects.get(code=MemberGroup.Code.BANNED_POST)
    amy.save()
    said = refusal(services.start_conversation, author=amy, to="bob", body="x")
    assert "You are banned from posting." in said


def test_staff_have_no_daily_limit(people, newcomer_rank):
    amy = people["amy"]
    newcomer_rank.conversations_per_day = 1
    newcomer_rank.save()
    amy.rank, amy.is_staff = newcomer_rank, True
    amy.save()
    services.start_conversation(author=amy, to="bob", body="1")
    services.start_conversation(author=amy, to="bob", body="2")


def test_the_inbox_lists_the_latest_first_with_the_others_names(people):
    amy, bob, carol = people["amy"], people["bob"], people["carol"]
    first = services.start_conversation(author=amy, to="bob", body="一")
    second = services.start_conversation(author=carol, to="amy, bob", body="二")
    services.reply(conversation=first, author=bob, body="最新")
    page = selectors.inbox_page(amy.pk, 1)
    assert [line.conversation_id for line in page] == [first.pk, second.pk]
    assert [p.member.username for p in page[1].conversation.present] == ["carol", "amy", "bob"]


def test_markdown_bodies_render_and_scripts_do_not(people):
    conversation = services.start_conversation(
        author=people["amy"], to="bob", body="**粗** <script>alert(1)</script>", markup="markdown"
    )
    html = conversation.messages.get().body_html
    assert "<strong>粗</strong>" in html and "<script" not in html
