import pytest

from lanting.accounts.models import CreditEntry, MemberGroup, User
from lanting.accounts.services import award_credits, rebuild_credits

pytestmark = pytest.mark.django_db


def test_rank_group_follows_credits(member):
    assert member.credits == 0
    for _ in range(25):
        award_credits(member=member, reason=CreditEntry.Reason.THREAD)
    member.refresh_from_db()
    assert member.credits == 50
    assert member.current_group.name == "注册会员"
    award_credits(member=member, reason=CreditEntry.Reason.ADJUSTMENT, amount=-1)
    member.refresh_from_db()
    assert member.current_group.name == "新手上路"


def test_ranks_are_editable(member):
    MemberGroup.objects.filter(name="注册会员").update(min_credits=5)
    for _ in range(5):
        award_credits(member=member, reason=CreditEntry.Reason.REPLY)
    member.refresh_from_db()
    assert member.current_group.name == "注册会员"


def test_ledger_rebuilds_the_same_totals(make_member):
    members = [make_member(f"m{n}") for n in range(4)]
    for n, member in enumerate(members):
        for _ in range(n * 30):
            award_credits(member=member, reason=CreditEntry.Reason.REPLY)
        award_credits(member=member, reason=CreditEntry.Reason.LIKED)
    before = {u.pk: (u.credits, u.rank_id) for u in User.objects.all()}
    User.objects.update(credits=0, rank=None)
    assert rebuild_credits() == 4
    after = {u.pk: (u.credits, u.rank_id) for u in User.objects.all()}
    assert after == before
    assert after[members[3].pk][0] == 91


def test_comment_earns_credits_and_counts(client, member, article):
    client.force_login(member)
    client.post(f"/article/{article.pk}/comment/", {"body": "好文"})
    member.refresh_from_db()
    assert (member.credits, member.comment_count) == (1, 1)
    assert CreditEntry.objects.get(member=member).reference == f"article:{article.pk}"
